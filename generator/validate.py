"""Validate stage: JSON Schema, then cross-checks; every problem at once, or the typed Corpus."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Collection
from functools import cache
from importlib import resources
from typing import Any, Callable
from urllib.parse import urlsplit

import fastjsonschema
from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError

from .arabic import fold_space, normalize
from .edtf import EdtfDate, EdtfError, parse_edtf
from . import paths
from .hints import IdHints, did_you_mean, nearest, passage_note
from .load import ANNOTATIONS, ARTICLES, RawCorpus, RawText, RawYaml, expected_file
from .matching import absent
from .model import Actor, Article, ArticleActor, Claim, Corpus, Event, Position, Quote, Theme
from .problems import Problem, ValidationFailed
from .references import UnknownIds

SCHEMAS = ("annotation", "actors", "themes")
# Letters and digits joined by single "_", "." or "-": no trailing dot (Windows drops it), no "..".
_STEM = re.compile(r"[A-Za-z0-9]+(?:[_.-][A-Za-z0-9]+)*")
_RESERVED = {
    "con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))
}
_INDEX = paths.ARTICLE_INDEX_STEM  # articles/index.md is the list of articles
MAX_THEME_DEPTH = 10  # levels of the theme tree, the top one included
MAX_CHAIN = 10  # an actor and the bodies above it, one after another (rollup.py walks them)
# Invisible controls (U+202E can reverse how a name reads), and what is no text at all: Unicode
# noncharacters (U+FFFE in a title made MkDocs drop the page's front matter) and lone surrogates.
_BMP_CONTROLS = ("\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
                 "\ufdd0-\ufdef\ufffe\uffff")  # controls, surrogates, the BMP's noncharacters
_ASTRAL_NONCHARACTERS = "".join(
    chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(1, 17))
_CONTROL = re.compile(f"[{_BMP_CONTROLS}{_ASTRAL_NONCHARACTERS}]")
# The same test in two fast passes for a whole file: _CONTROL, with its astral members, takes re
# 50 ns a character (8 s of a 10,000-article build); without them, and a single astral range, a
# fifth of that. A file with an astral character is searched with _CONTROL.
_BMP_CONTROL = re.compile(f"[{_BMP_CONTROLS}]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _has_control(text: str) -> bool:
    """Whether _CONTROL finds anything in `text` (the same answer, faster)."""
    if _BMP_CONTROL.search(text):
        return True
    return _ASTRAL.search(text) is not None and _CONTROL.search(text) is not None


@cache
def schema(name: str) -> dict:
    """One of the JSON Schemas shipped in generator/schema/ (also used by editors and CI)."""
    path = resources.files("generator").joinpath("schema", f"{name}.schema.json")
    return json.loads(path.read_text())


def _pattern(validator: Any, pattern: str, instance: Any, _schema: dict) -> Any:
    """`pattern` as JSON Schema (ECMA-262) means it: Python's `$` would also match before a final
    newline, so "iraq\\n" would pass as an id."""
    if validator.is_type(instance, "string"):
        anchored = pattern.endswith("$") and not pattern.endswith("\\$")
        python = pattern[:-1] + r"\Z" if anchored else pattern
        if not re.search(python, instance):
            yield ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = validators.extend(Draft202012Validator, {"pattern": _pattern})


@cache
def _validator(name: str) -> Draft202012Validator:
    return _Validator(schema(name))


def _ecma_anchors(node: Any, defs: dict | None = None) -> Any:
    """A copy of a schema for fastjsonschema: draft-07 (same meaning for the keywords we use), `$`
    anchors rewritten to \\Z, as `_pattern` does for jsonschema, and `$ref`s to `$defs` written out
    in place (fastjsonschema calls a function per reference, formatting a name for each list
    item)."""
    if isinstance(node, list):
        return [_ecma_anchors(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    defs = node.get("$defs", defs)
    ref = node.get("$ref", "")
    if defs and ref.startswith("#/$defs/"):
        target = _ecma_anchors(defs[ref.removeprefix("#/$defs/")], defs)
        rest = {k: v for k, v in node.items() if k != "$ref"}
        if set(rest) & set(target) - {"description"}:
            return _ecma_anchors({"allOf": [target, rest]}, defs)
        node = {**target, **rest}
    out = {key: _ecma_anchors(value, defs) for key, value in node.items() if key != "$defs"}
    pattern = out.get("pattern")
    if isinstance(pattern, str) and pattern.endswith("$") and not pattern.endswith("\\$"):
        out["pattern"] = pattern[:-1] + r"\Z"
    if "$schema" in out:
        out["$schema"] = "http://json-schema.org/draft-07/schema#"
    return out


@cache
def _fast_validator(name: str) -> Callable[[Any], Any]:
    """A compiled validator: ~10x faster, but it stops at the first error, so it only says
    yes/no."""
    return fastjsonschema.compile(_ecma_anchors(schema(name)))


def field_name(path: tuple) -> str:
    """("events", 2, "date") -> "events[2].date", the way the problem names a field."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "file"


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the yes/no value {str(value).lower()} (YAML reads unquoted yes/no/true/false so)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of fields"
    text = str(value)
    return f'"{text[:60]}…" ({len(text):,} characters)' if len(text) > 80 else f'"{text}"'


def _meant(options: list[str], quote: str = '"') -> str:
    """' (did you mean "x"?)', or "" without a suggestion."""
    return f" ({did_you_mean(options, quote)})" if options else ""


# Annotation fields that hold an actor id or a theme id: a wrong one gets the nearest registry id.
_ACTOR_FIELDS = {("actors", "id"), ("outlet_actor",), ("events", "actors"), ("quotes", "speaker"),
                 ("claims", "claimant"), ("claims", "about")}
_THEME_FIELDS = {("themes",), ("events", "themes")}


def _id_kind(path: tuple) -> str:
    fields = tuple(p for p in path if isinstance(p, str))
    return "actor" if fields in _ACTOR_FIELDS else "theme" if fields in _THEME_FIELDS else ""


def _schema_problem(
    err: Any, raw: RawYaml, hints: dict[str, IdHints] | None = None, extra: str = ""
) -> Problem:
    doc = raw.doc
    path = tuple(err.absolute_path)
    name = field_name(path)
    expected = err.schema.get("x-expected") if isinstance(err.schema, dict) else None
    where = doc.where(path)
    kind = err.validator
    if kind == "required":
        missing = err.message.split("'")[1]
        about = err.schema.get("properties", {}).get(missing, {}).get("description", "")
        message = f"{name}: missing field `{missing}`; expected `{missing}:` ({about.rstrip('.')})"
    elif kind == "additionalProperties":
        allowed = sorted(err.schema.get("properties", {}))
        extra = extra or sorted(set(err.instance) - set(allowed))[0]
        where = doc.key_positions.get(path + (extra,), where)
        message = (f"{name}: unknown field `{extra}`{_meant(nearest(extra, allowed), '`')}; "
                   f"expected one of: {', '.join(allowed)}")
    elif kind == "type":
        want = expected or {"object": "a mapping of fields", "array": "a list"}.get(
            err.validator_value, f"a {err.validator_value}"
        )
        if not path and isinstance(err.instance, list):
            message = (
                f"the file is a list; expected a mapping of fields like `{_first_field(raw)}:`"
            )
        else:
            message = f"{name}: got {_describe(err.instance)}; expected {want}"
    elif kind == "enum":
        options = ", ".join(f'"{v}"' for v in err.validator_value)
        meant = nearest(err.instance, err.validator_value) if isinstance(err.instance, str) else []
        got = f"{_describe(err.instance)}{_meant(meant)}"
        message = f"{name}: got {got}; expected one of: {options}"
    elif kind == "maxLength":
        message = (
            f"{name}: text is {len(err.instance):,} characters; "
            f"expected at most {err.validator_value:,}"
        )
    elif kind == "minLength" or (kind == "pattern" and err.validator_value == r"\S"):
        message = f"{name}: is empty; expected {expected or 'some text'}"
    elif kind in ("maxItems", "minItems"):
        bound = "at most" if kind == "maxItems" else "at least"
        message = f"{name}: has {len(err.instance)} items; expected {bound} {err.validator_value}"
    else:
        meant = []
        if kind == "pattern" and hints and (id_kind := _id_kind(path)) in hints:
            meant = hints[id_kind].suggest(err.instance)
        got = f"{_describe(err.instance)}{_meant(meant)}"
        message = f"{name}: got {got}; expected {expected or err.message}"
        if kind == "pattern" and (odd := _non_ascii(err.instance)):
            message += f" (it contains {odd}, which is not ASCII)"
    return Problem(raw.shown, where[0], where[1], message)


def _edtf_error(value: Any) -> bool:
    try:
        parse_edtf(value)
    except EdtfError:
        return True
    return False


def _non_ascii(value: Any) -> str:
    """The first non-ASCII character of an id, named: "qаsim" and "qasim" look the same."""
    found = next((ch for ch in str(value) if ord(ch) > 127), None)
    return f"U+{ord(found):04X} {unicodedata.name(found, 'unnamed')}" if found else ""


def _first_field(raw: RawYaml) -> str:
    return {"actors.yml": "actors", "themes.yml": "themes"}.get(raw.path.name, "title")


_PRIORITY = {"additionalProperties": 0, "required": 0, "enum": 1, "pattern": 1, "type": 2}


def check_schema(raw: RawYaml, name: str, hints: dict[str, IdHints] | None = None) -> list[Problem]:
    """Schema problems of one document, one per field (the most telling error wins); a misspelt
    field is one problem, "unknown field `sumary` (did you mean `summary`?)", not also "missing"."""
    try:
        _fast_validator(name)(raw.doc.data)
        return []  # the common case: valid, checked by compiled code
    except fastjsonschema.JsonSchemaException:
        pass  # collect every problem with the slower validator, which explains them
    found: dict[tuple, tuple[int, Problem]] = {}
    meant: set[tuple] = set()
    for err in _validator(name).iter_errors(raw.doc.data):
        if err.validator == "pattern" and err.schema.get("x-edtf") and _edtf_error(err.instance):
            continue  # the cross-checks' EDTF parser says what is wrong ("not a real day", …)
        path = tuple(map(str, err.absolute_path))
        fields = [""]
        if err.validator == "required":
            fields = [err.message.split("'")[1]]
        elif err.validator == "additionalProperties":
            allowed = err.schema.get("properties", {})
            fields = sorted(set(err.instance) - set(allowed))
            meant |= {path + ("required", m) for f in fields for m in nearest(f, allowed)}
        rank = _PRIORITY.get(err.validator, 3)
        for field_ in fields:
            key = path + ((err.validator, field_) if field_ else ())
            if key not in found or rank < found[key][0]:
                found[key] = (rank, _schema_problem(err, raw, hints, field_))
    return [problem for key, (_, problem) in found.items() if key not in meant]


class _Checker:
    """Cross-checks that need more than one file. Collects problems; builds the model as it goes."""

    def __init__(self, raw: RawCorpus) -> None:
        self.raw = raw
        self.problems: list[Problem] = list(raw.problems)
        self.broken: set[str] = set()  # unreadable registries: references to them are not checked
        self.unknown = UnknownIds()  # of the file being checked, reported by `flush`

    def add(self, raw: RawYaml, pointer: tuple, message: str, severity: str = "error") -> None:
        line, col = raw.doc.where(pointer)
        self.problems.append(Problem(raw.shown, line, col, message, severity))

    def date(self, raw: RawYaml, pointer: tuple, value: Any) -> EdtfDate | None:
        if value is None:
            return None
        try:
            return parse_edtf(value)
        except EdtfError as err:
            self.add(raw, pointer, f"{field_name(pointer)}: {err}")
            return None

    def strings(self, raw: RawYaml, value: Any, pointer: tuple = ()) -> None:
        """Refuse invisible control characters anywhere (U+202E can reverse how a name reads)."""
        if not pointer and "\\" not in raw.doc.text and not _has_control(raw.doc.text):
            return  # the common case: no such character in the file, none written as an escape
        if isinstance(value, dict):
            for key, item in value.items():
                self.strings(raw, item, pointer + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                self.strings(raw, item, pointer + (i,))
        elif isinstance(value, str) and (m := _CONTROL.search(value)):
            code = ord(m.group())
            what = ("the Unicode noncharacter" if unicodedata.category(m.group()) == "Cn"
                    else "a lone surrogate" if 0xD800 <= code <= 0xDFFF
                    else "the invisible control character")
            self.add(
                raw, pointer,
                f"{field_name(pointer)}: contains {what} U+{code:04X}; "
                "expected plain text without it",
            )

    def unique(self, raw: RawYaml, items: list, key: str, base: tuple, what: str) -> dict[str, int]:
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            ident = item.get(key)
            if ident in seen:
                first = raw.doc.where(base + (seen[ident],))[0]
                self.add(
                    raw,
                    base + (i, key),
                    f'duplicate {what} id "{ident}" (first at line {first}); ids must be unique',
                )
            elif isinstance(ident, str):
                seen[ident] = i
                if ident in _RESERVED:
                    self.add(
                        raw,
                        base + (i, key),
                        f'{what} id "{ident}" is a reserved file name on Windows; '
                        "choose another id",
                    )
                elif (ident in paths.RESERVED_IDS and what in ("actor", "theme")
                      and base == (f"{what}s",)):
                    self.add(
                        raw,
                        base + (i, key),
                        f'{what} id "{ident}" is reserved: it is the name '
                        f"of {paths.RESERVED_IDS[ident]}; choose another id",
                    )
        return seen

    def refs(
        self, raw: RawYaml, pointer: tuple, ids: Any,
        known: Callable[[str], bool] | Collection[str], what: str,
    ) -> None:
        """Note unknown ids; `flush` reports each once, with its other uses and a suggestion."""
        if f"{what.split()[0]}s" in self.broken:
            return  # the registry has its own errors; "unknown actor" here would mislead
        among = known if isinstance(known, Collection) else None
        has = known.__contains__ if isinstance(known, Collection) else known
        for i, ident in enumerate(ids if isinstance(ids, list) else [ids]):
            if isinstance(ident, str) and not has(ident):
                at = pointer + (i,) if isinstance(ids, list) else pointer
                self.unknown.note(raw, at, what, ident, among)

    def flush(self) -> None:
        """Report the unknown ids noted by `refs`: one problem per root cause."""
        for raw, at, message in self.unknown.report(self._where, field_name):
            self.add(raw, at, message)

    def _where(self, what: str) -> str:
        if what in ("actor", "theme"):
            return expected_file(self.raw.seeds_dir, "", f"{what}s.yml")
        if what == "theme of this article":
            return "this annotation's `themes` list"
        return "this annotation's `actors` list"


def _registry(checker: _Checker, raw: RawYaml | None, name: str) -> list[dict]:
    if raw is None or raw.doc is None:
        checker.broken.add(name)
        return []
    errors = check_schema(raw, name)
    checker.problems.extend(errors)
    checker.strings(raw, raw.doc.data)
    if errors:
        checker.broken.add(name)
        return []
    items = raw.doc.data[name]
    checker.unique(raw, items, "id", (name,), name[:-1])
    checker.unknown.hints[name[:-1]] = IdHints.of_items(items)
    return items


def _build_actors(checker: _Checker, raw: RawYaml | None, items: list[dict]) -> dict[str, Actor]:
    actors: dict[str, Actor] = {}
    ids = {a["id"] for a in items}
    for i, a in enumerate(items):
        if a["id"] in actors:
            continue
        base = ("actors", i)
        checker.refs(
            raw, base + ("affiliations",), a.get("affiliations", []), ids.__contains__, "actor"
        )
        positions = []
        for j, p in enumerate(a.get("positions", [])):
            at = base + ("positions", j)
            if "of" in p:
                checker.refs(raw, at + ("of",), p["of"], ids.__contains__, "actor")
            positions.append(
                Position(
                    p["title"],
                    p.get("of"),
                    checker.date(raw, at + ("from",), p.get("from")),
                    checker.date(raw, at + ("to",), p.get("to")),
                )
            )
        aliases = a.get("aliases", {})
        actors[a["id"]] = Actor(
            id=a["id"], type=a["type"], name_ar=a["name"]["ar"], name_en=a["name"]["en"],
            aliases_ar=tuple(aliases.get("ar", [])), aliases_en=tuple(aliases.get("en", [])),
            positions=tuple(positions), affiliations=tuple(a.get("affiliations", [])),
            description_ar=a["description"]["ar"], description_en=a["description"].get("en", ""),
            wikidata=a.get("wikidata"), source=raw.at(base),
        )
    checker.flush()
    _check_chains(checker, raw, items)
    return actors


def _check_chains(checker: _Checker, raw: RawYaml, items: list[dict]) -> None:
    """The bodies above an actor (its affiliations and the bodies of its posts, and theirs…) form
    chains that who-acts-for-whom walks (rollup.py): no loop, and at most MAX_CHAIN long. One
    problem per loop and per limit passed, at the first actor concerned."""
    above = {a["id"]: list(dict.fromkeys([*a.get("affiliations", []),
                                          *(p["of"] for p in a.get("positions", []) if "of" in p)]))
             for a in items}
    heights, loops = _chain_heights(above)
    position = {a["id"]: i for i, a in enumerate(items)}
    for loop in loops:
        first = min(loop, key=position.__getitem__)
        start = loop.index(first)
        chain = " → ".join(loop[start:] + loop[:start] + [first])
        checker.add(raw, ("actors", position[first], "id"),
                    f'actors[{position[first]}]: "{first}" belongs to a loop of bodies ({chain}: '
                    "affiliations and posts); expected each body to belong only to bodies above it")
    for actor_id, height in heights.items():
        if height == MAX_CHAIN + 1:  # those above the limit by more follow from this one
            checker.add(raw, ("actors", position[actor_id], "id"),
                        f'actors[{position[actor_id]}]: "{actor_id}" has {MAX_CHAIN} bodies above '
                        f"it, one after another; expected at most {MAX_CHAIN - 1} (affiliations "
                        "and posts)")


def _chain_heights(above: dict[str, list[str]]) -> tuple[dict[str, int], list[list[str]]]:
    """For a graph of actor -> the actors directly above it: the length of the longest chain from
    each actor up (1: nothing above), and the loops, found by one iterative depth-first walk."""
    height: dict[str, int] = {}
    visiting: dict[str, int] = {}  # actor -> its place on the current path
    loops: list[list[str]] = []
    for root in above:
        if root in height:
            continue
        path, stack = [root], [iter(above[root])]
        visiting[root] = 0
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                node = path.pop()
                stack.pop()
                del visiting[node]
                height[node] = 1 + max((height.get(b, 0) for b in above[node]), default=0)
            elif nxt in visiting:
                loops.append(path[visiting[nxt]:])
            elif nxt in above and nxt not in height:
                visiting[nxt] = len(path)
                path.append(nxt)
                stack.append(iter(above[nxt]))
    return height, loops


def _theme_depths(parents: dict[str, str | None]) -> tuple[dict[str, int], list[list[str]]]:
    """Each theme's level in the tree: 1 for a top theme (no parent, or an unknown one), -1 for a
    theme in a loop of parents, 0 for one under a loop; and the loops. Linear: each theme is
    walked once."""
    depth: dict[str, int] = {}
    loops: list[list[str]] = []
    for start in parents:
        path: list[str] = []
        index: dict[str, int] = {}
        node = start
        while node in parents and node not in depth and node not in index:
            index[node] = len(path)
            path.append(node)
            node = parents[node]
        if node in index:  # the walk came back: path[index[node]:] is a loop
            loops.append(path[index[node]:])
            for theme_id in loops[-1]:
                depth[theme_id] = -1
            path = path[:index[node]]
            level = -1
        else:
            level = depth.get(node, 0) if node in parents else 0
        for theme_id in reversed(path):
            level = 0 if level <= 0 and node in parents else level + 1
            depth[theme_id] = level
    return depth, loops


def _build_themes(checker: _Checker, raw: RawYaml | None, items: list[dict]) -> dict[str, Theme]:
    ids = {t["id"]: t.get("parent") for t in items}
    depths, loops = _theme_depths(ids)
    position = {t["id"]: i for i, t in enumerate(items)}
    # One problem per loop, at its first theme in the registry.
    looped = {min(loop, key=position.__getitem__): loop for loop in loops}
    themes: dict[str, Theme] = {}
    for i, t in enumerate(items):
        if t["id"] in themes:
            continue
        if "parent" in t:
            at = ("themes", i, "parent")
            checker.refs(raw, at, t["parent"], ids.__contains__, "theme")
            if t["id"] in looped:
                loop = looped[t["id"]]
                start = loop.index(t["id"])
                chain = " → ".join(loop[start:] + loop[:start] + [t["id"]])
                checker.add(raw, at, f'themes[{i}].parent: "{t["parent"]}" makes a loop of parents '
                            f"({chain}); expected a tree")
            elif depths[t["id"]] == MAX_THEME_DEPTH + 1:  # the deeper ones follow from this one
                checker.add(raw, at, f'themes[{i}].parent: "{t["parent"]}" puts this theme '
                            f"{MAX_THEME_DEPTH + 1} levels deep; expected at most "
                            f"{MAX_THEME_DEPTH} levels of themes")
        desc = t.get("description", {})
        themes[t["id"]] = Theme(
            t["id"], t["label"]["ar"], t["label"]["en"], desc.get("ar", ""), desc.get("en", ""),
            t.get("parent"), raw.at(("themes", i)),
        )
    checker.flush()
    return themes


def _build_article(
    checker: _Checker, stem: str, raw: RawYaml, text: str, corpus: Corpus
) -> Article | None:
    errors = check_schema(raw, "annotation", checker.unknown.hints)
    checker.problems.extend(errors)
    checker.strings(raw, raw.doc.data)
    if errors:
        return None
    d = raw.doc.data
    before = len(checker.problems)
    published = checker.date(raw, ("published",), d["published"])
    if d["published_basis"] == "inferred" and not d.get("published_note"):
        checker.add(
            raw,
            ("published_basis",),
            "published_note: missing; "
            "expected a note saying how the inferred date was established",
        )
    url = d["url"]
    if url and not _web_address(url):
        checker.add(
            raw, ("url",), f'url: got "{url}"; expected an http:// or https:// address, or ""'
        )
    if "outlet_actor" in d:
        checker.refs(raw, ("outlet_actor",), d["outlet_actor"], corpus.actors.__contains__, "actor")
    checker.refs(raw, ("themes",), d["themes"], corpus.themes.__contains__, "theme")
    for i, a in enumerate(d["actors"]):
        checker.refs(raw, ("actors", i, "id"), a["id"], corpus.actors.__contains__, "actor")
    listed = checker.unique(raw, d["actors"], "id", ("actors",), "actor")
    forms = [(i, j, form) for i, a in enumerate(d["actors"]) for j, form in enumerate(a["forms"])]
    # A form copied from the text is in it verbatim, else after normalisation: one pass each.
    for k in sorted(absent(text, [form for _, _, form in forms], normalize)):
        i, j, form = forms[k]
        checker.add(
            raw,
            ("actors", i, "forms", j),
            f'actors[{i}].forms[{j}]: "{form}" does not occur in {stem}.txt; '
            f'expected a spelling copied from the text{passage_note(form, text, "the form")}',
        )
    in_article = listed
    article_themes = set(d["themes"])
    checker.unique(raw, d.get("events", []), "id", ("events",), "event")
    events = []
    for i, e in enumerate(d.get("events", [])):
        checker.refs(raw, ("events", i, "actors"), e["actors"], in_article, "actor of this article")
        themes = tuple(e["themes"]) if "themes" in e else None
        if themes is not None:
            checker.refs(raw, ("events", i, "themes"), e["themes"], article_themes,
                         "theme of this article")
        date = checker.date(raw, ("events", i, "date"), e["date"])
        events.append(Event(e["id"], date, e["date_text"], e["date_basis"], tuple(e["actors"]),
                            e.get("place", ""), e["description"], stem, themes))
    spaced = _Lazy(fold_space, text)
    quotes = []
    for i, q in enumerate(d.get("quotes", [])):
        checker.refs(
            raw, ("quotes", i, "speaker"), q["speaker"], in_article, "actor of this article"
        )
        if q["text"] not in text and fold_space(q["text"]) not in spaced():
            checker.add(
                raw,
                ("quotes", i, "text"),
                f"quotes[{i}].text: does not occur in {stem}.txt; "
                f"expected the quote copied exactly from the text{passage_note(q['text'], text)}",
            )
        quotes.append(Quote(q["speaker"], q["text"], stem))
    claims = []
    for i, c in enumerate(d.get("claims", [])):
        checker.refs(
            raw, ("claims", i, "claimant"), c["claimant"], in_article, "actor of this article"
        )
        checker.refs(
            raw, ("claims", i, "about"), c.get("about", []), in_article, "actor of this article"
        )
        claims.append(Claim(c["claimant"], c["text"], tuple(c.get("about", [])), stem))
    checker.unknown.fold(raw)
    checker.flush()
    if len(checker.problems) > before:
        return None
    return Article(
        id=stem, title=d["title"], outlet=d["outlet"], outlet_actor=d.get("outlet_actor"), url=url,
        language=d["language"], published=published, published_basis=d["published_basis"],
        published_note=d.get("published_note", ""), summary=d["summary"], themes=tuple(d["themes"]),
        actors=tuple(ArticleActor(a["id"], a["role"], tuple(a["forms"])) for a in d["actors"]),
        events=tuple(events), quotes=tuple(quotes), claims=tuple(claims), text=text,
        source=raw.source, text_source=checker.raw.texts[stem].source,
    )


def _web_address(url: str) -> bool:
    """An http(s) address with a host. urlsplit raises on a malformed host ("http://[::1"), which
    is then no address either."""
    try:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


class _Lazy:
    """fn(text), computed on the first call only: folding a whole article costs more than
    everything else checked in it, and most annotations never need it."""

    def __init__(self, fn: Callable[[str], str], text: str) -> None:
        self.fn, self.text, self.value = fn, text, None

    def __call__(self) -> str:
        if self.value is None:
            self.value = self.fn(self.text)
        return self.value


def valid_stem(stem: str) -> bool:
    """An article file name (without .txt) that is safe as a URL and a file name on every
    system."""
    return (
        bool(_STEM.fullmatch(stem))
        and len(stem) <= 100
        and stem.lower().split(".")[0] not in _RESERVED
    )


class ArticleMemo:
    """Under `mkdocs serve` (incremental.Session): each article validated by the last build, with
    the very file objects it was made from (load.FileCache hands out the same object while a file
    is unchanged). An article reads of the registries only which ids they hold (`refs`): while
    those are the same and both registries could be read, an article whose annotation and text
    are the same is not checked again: checking it would give the same Article and no problem
    (only articles without problems are kept). So a registry edit to a name, an alias or a
    description checks no article again. Keeping the Article itself also makes the edit loop's
    comparisons of unchanged articles identity checks."""

    def __init__(self) -> None:
        self._seeds_dir: object = None
        self._ids: object = None  # the registries' ids, or None while one is broken
        self._kept: dict[str, tuple[RawYaml, RawText, Article]] = {}
        self.checked = 0  # articles checked again by the last validate

    def start(self, raw: RawCorpus, ids: object) -> None:
        # The folder by value (MkDocs reads its config, so the options, again before each
        # rebuild); the first build finds no folder (None) and keeps nothing. `ids`: None while a
        # registry is broken (references are then not checked: nothing checked so may be kept).
        if raw.seeds_dir != self._seeds_dir or ids is None or ids != self._ids:
            self._kept = {}
        self._seeds_dir, self._ids, self.checked = raw.seeds_dir, ids, 0

    def get(self, stem: str, ann: RawYaml, text: RawText) -> Article | None:
        kept = self._kept.get(stem)
        if kept is not None and kept[0] is ann and kept[1] is text:
            return kept[2]
        self.checked += 1
        return None

    def keep(self, stem: str, ann: RawYaml, text: RawText, article: Article | None) -> None:
        if article is None:
            self._kept.pop(stem, None)
        else:
            self._kept[stem] = (ann, text, article)

    def end(self, stems: set[str]) -> None:
        for stem in self._kept.keys() - stems:
            del self._kept[stem]


def validate(raw: RawCorpus, memo: ArticleMemo | None = None) -> Corpus:
    """Check everything read by load_corpus; raise ValidationFailed with all problems, or return
    the Corpus. `memo`: the articles an earlier build validated (ArticleMemo)."""
    checker = _Checker(raw)
    actors = _build_actors(checker, raw.actors, _registry(checker, raw.actors, "actors"))
    themes = _build_themes(checker, raw.themes, _registry(checker, raw.themes, "themes"))
    if memo:
        memo.start(raw, None if checker.broken else (tuple(actors), tuple(themes)))
    corpus = Corpus({}, actors, themes)
    folded_stems: dict[str, str] = {}
    for stem in sorted(set(raw.texts) | set(raw.annotations)):
        text, ann = raw.texts.get(stem), raw.annotations.get(stem)
        shown = (ann or text).shown
        if not valid_stem(stem):
            checker.problems.append(Problem(
                shown, 1, 1,
                f'file name "{stem}" is not allowed; expected letters, digits, "_" and "-" only',
            ))
            continue
        if stem.lower() == _INDEX:
            checker.problems.append(Problem(
                shown, 1, 1, 'file name "index" is taken by the list of articles; rename the file'))
            continue
        if stem.lower() in folded_stems:
            other = folded_stems[stem.lower()]
            checker.problems.append(Problem(
                shown, 1, 1, f'"{stem}" differs from "{other}" only by case; rename one'))
            continue
        folded_stems[stem.lower()] = stem
        if ann is None:
            expected = expected_file(raw.seeds_dir, ANNOTATIONS, f"{stem}.yml")
            checker.problems.append(text.source.problem(
                f"article has no annotation; expected {expected}"))
        elif text is None:
            expected = expected_file(raw.seeds_dir, ARTICLES, f"{stem}.txt")
            checker.problems.append(ann.source.problem(
                f"annotation has no article text; expected {expected}"))
        elif ann.doc is not None and text.text is not None:
            article = memo.get(stem, ann, text) if memo else None
            if article is None:
                before = len(checker.problems)
                article = _build_article(checker, stem, ann, text.text, corpus)
                if memo:
                    memo.keep(stem, ann, text, article if len(checker.problems) == before else None)
            if article:
                corpus.articles[stem] = article
    if memo:
        memo.end(set(corpus.articles))
    if any(p.severity == "error" for p in checker.problems):
        raise ValidationFailed(checker.problems)
    return corpus
