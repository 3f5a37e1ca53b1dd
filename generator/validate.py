"""Validate stage: JSON Schema, then cross-checks; every problem at once, or the typed Corpus."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources
from typing import Any, Callable
from urllib.parse import urlsplit

import fastjsonschema
from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError

from .arabic import fold_space, normalize
from .edtf import EdtfDate, EdtfError, parse_edtf
from .load import RawCorpus, RawYaml
from .matching import absent
from .model import (
    Actor, Article, ArticleActor, Claim, Corpus, Event, Position, Quote, Source, Theme,
)
from .problems import Problem, ValidationFailed

SCHEMAS = ("annotation", "actors", "themes")
# Letters and digits joined by single "_", "." or "-": no trailing dot (Windows drops it), no "..".
_STEM = re.compile(r"[A-Za-z0-9]+(?:[_.-][A-Za-z0-9]+)*")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
_INDEX = "index"  # actors/index.md, themes/index.md and articles/index.md are the list pages
_CONTROL = re.compile("[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]")


@cache
def schema(name: str) -> dict:
    """One of the JSON Schemas shipped in generator/schema/ (also used by editors and CI)."""
    return json.loads(resources.files("generator").joinpath("schema", f"{name}.schema.json").read_text())


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
    in place (fastjsonschema calls a function per reference, formatting a name for each list item)."""
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
    """A compiled validator: ~10x faster, but it stops at the first error, so it only says yes/no."""
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


def _schema_problem(err: Any, raw: RawYaml) -> Problem:
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
        extra = sorted(set(err.instance) - set(allowed))
        where = doc.key_positions.get(path + (extra[0],), where)
        message = f"{name}: unknown field `{extra[0]}`; expected one of: {', '.join(allowed)}"
    elif kind == "type":
        want = expected or {"object": "a mapping of fields", "array": "a list"}.get(
            err.validator_value, f"a {err.validator_value}"
        )
        if not path and isinstance(err.instance, list):
            message = f"the file is a list; expected a mapping of fields like `{_first_field(raw)}:`"
        else:
            message = f"{name}: got {_describe(err.instance)}; expected {want}"
    elif kind == "enum":
        options = ", ".join(f'"{v}"' for v in err.validator_value)
        message = f"{name}: got {_describe(err.instance)}; expected one of: {options}"
    elif kind == "maxLength":
        message = f"{name}: text is {len(err.instance):,} characters; expected at most {err.validator_value:,}"
    elif kind == "minLength":
        message = f"{name}: is empty; expected {expected or 'some text'}"
    elif kind in ("maxItems", "minItems"):
        bound = "at most" if kind == "maxItems" else "at least"
        message = f"{name}: has {len(err.instance)} items; expected {bound} {err.validator_value}"
    else:
        message = f"{name}: got {_describe(err.instance)}; expected {expected or err.message}"
        if kind == "pattern" and (odd := _non_ascii(err.instance)):
            message += f" (it contains {odd}, which is not ASCII)"
    return Problem(raw.shown, where[0], where[1], message)


def _non_ascii(value: Any) -> str:
    """The first non-ASCII character of an id, named: "qаsim" and "qasim" look the same."""
    found = next((ch for ch in str(value) if ord(ch) > 127), None)
    return f"U+{ord(found):04X} {unicodedata.name(found, 'unnamed')}" if found else ""


def _first_field(raw: RawYaml) -> str:
    return "actors" if raw.path.name == "actors.yml" else "themes" if raw.path.name == "themes.yml" else "title"


_PRIORITY = {"additionalProperties": 0, "required": 0, "enum": 1, "pattern": 1, "type": 2}


def check_schema(raw: RawYaml, name: str) -> list[Problem]:
    """Schema problems of one document, one per field (the most telling error wins)."""
    try:
        _fast_validator(name)(raw.doc.data)
        return []  # the common case: valid, checked by compiled code
    except fastjsonschema.JsonSchemaException:
        pass  # collect every problem with the slower validator, which explains them
    found: dict[tuple, tuple[int, Problem]] = {}
    for err in _validator(name).iter_errors(raw.doc.data):
        key = tuple(map(str, err.absolute_path)) + ((err.validator,) if err.validator in ("required", "additionalProperties") else ())
        rank = _PRIORITY.get(err.validator, 3)
        if key not in found or rank < found[key][0]:
            found[key] = (rank, _schema_problem(err, raw))
    return [problem for _, problem in found.values()]


class _Checker:
    """Cross-checks that need more than one file. Collects problems; builds the model as it goes."""

    def __init__(self, raw: RawCorpus) -> None:
        self.raw = raw
        self.problems: list[Problem] = list(raw.problems)
        self.broken: set[str] = set()  # unreadable registries: references to them are not checked

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
        if not pointer and "\\" not in raw.doc.text and not _CONTROL.search(raw.doc.text):
            return  # the common case: no such character in the file, none written as an escape
        if isinstance(value, dict):
            for key, item in value.items():
                self.strings(raw, item, pointer + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                self.strings(raw, item, pointer + (i,))
        elif isinstance(value, str) and (m := _CONTROL.search(value)):
            self.add(
                raw, pointer,
                f"{field_name(pointer)}: contains the invisible control character "
                f"U+{ord(m.group()):04X}; expected plain text without it",
            )

    def unique(self, raw: RawYaml, items: list, key: str, base: tuple, what: str) -> dict[str, int]:
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            ident = item.get(key)
            if ident in seen:
                first = raw.doc.where(base + (seen[ident],))[0]
                self.add(raw, base + (i, key), f'duplicate {what} id "{ident}" (first at line {first}); ids must be unique')
            elif isinstance(ident, str):
                seen[ident] = i
                if ident in _RESERVED:
                    self.add(raw, base + (i, key), f'{what} id "{ident}" is a reserved file name on Windows; choose another id')
                elif ident == _INDEX and what in ("actor", "theme") and base == (f"{what}s",):
                    self.add(raw, base + (i, key), f'{what} id "index" is the name of the list page '
                             f'of {what}s; choose another id')
        return seen

    def refs(self, raw: RawYaml, pointer: tuple, ids: Any, known: Callable[[str], bool], what: str) -> None:
        if f"{what}s" in self.broken:
            return  # the registry has its own errors; "unknown actor" here would mislead
        for i, ident in enumerate(ids if isinstance(ids, list) else [ids]):
            if isinstance(ident, str) and not known(ident):
                at = pointer + (i,) if isinstance(ids, list) else pointer
                self.add(raw, at, f'{field_name(at)}: unknown {what} "{ident}"; expected an id from {self._where(what)}')

    @staticmethod
    def _where(what: str) -> str:
        return {"actor": "seeds/actors.yml", "theme": "seeds/themes.yml",
                "theme of this article": "this annotation's `themes` list"}.get(
                    what, "this annotation's `actors` list")


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
    return items


def _build_actors(checker: _Checker, raw: RawYaml | None, items: list[dict]) -> dict[str, Actor]:
    actors: dict[str, Actor] = {}
    ids = {a["id"] for a in items}
    for i, a in enumerate(items):
        if a["id"] in actors:
            continue
        base = ("actors", i)
        checker.refs(raw, base + ("affiliations",), a.get("affiliations", []), ids.__contains__, "actor")
        positions = []
        for j, p in enumerate(a.get("positions", [])):
            at = base + ("positions", j)
            if "of" in p:
                checker.refs(raw, at + ("of",), p["of"], ids.__contains__, "actor")
            positions.append(Position(p["title"], p.get("of"), checker.date(raw, at + ("from",), p.get("from")),
                                      checker.date(raw, at + ("to",), p.get("to"))))
        aliases = a.get("aliases", {})
        actors[a["id"]] = Actor(
            id=a["id"], type=a["type"], name_ar=a["name"]["ar"], name_en=a["name"]["en"],
            aliases_ar=tuple(aliases.get("ar", [])), aliases_en=tuple(aliases.get("en", [])),
            positions=tuple(positions), affiliations=tuple(a.get("affiliations", [])),
            description_ar=a["description"]["ar"], description_en=a["description"].get("en", ""),
            wikidata=a.get("wikidata"), source=Source(raw.shown, raw.doc.where(base)[0]),
        )
    return actors


def _build_themes(checker: _Checker, raw: RawYaml | None, items: list[dict]) -> dict[str, Theme]:
    ids = {t["id"]: t.get("parent") for t in items}
    themes: dict[str, Theme] = {}
    for i, t in enumerate(items):
        if t["id"] in themes:
            continue
        if "parent" in t:
            checker.refs(raw, ("themes", i, "parent"), t["parent"], ids.__contains__, "theme")
            seen, node = {t["id"]}, t["parent"]
            while node in ids and ids[node]:
                if node in seen:
                    checker.add(raw, ("themes", i, "parent"), f'themes[{i}].parent: "{t["parent"]}" makes a loop of parents; expected a tree')
                    break
                seen.add(node)
                node = ids[node]
        desc = t.get("description", {})
        themes[t["id"]] = Theme(
            t["id"], t["label"]["ar"], t["label"]["en"], desc.get("ar", ""), desc.get("en", ""),
            t.get("parent"), Source(raw.shown, raw.doc.where(("themes", i))[0]),
        )
    return themes


def _build_article(checker: _Checker, stem: str, raw: RawYaml, text: str, corpus: Corpus) -> Article | None:
    errors = check_schema(raw, "annotation")
    checker.problems.extend(errors)
    checker.strings(raw, raw.doc.data)
    if errors:
        return None
    d = raw.doc.data
    before = len(checker.problems)
    published = checker.date(raw, ("published",), d["published"])
    if d["published_basis"] == "inferred" and not d.get("published_note"):
        checker.add(raw, ("published_basis",), "published_note: missing; expected a note saying how the inferred date was established")
    url = d["url"]
    if url and (urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname):
        checker.add(raw, ("url",), f'url: got "{url}"; expected an http:// or https:// address, or ""')
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
        checker.add(raw, ("actors", i, "forms", j), f'actors[{i}].forms[{j}]: "{form}" does not occur in {stem}.txt; expected a spelling copied from the text')
    in_article = listed.__contains__
    article_themes = set(d["themes"])
    checker.unique(raw, d.get("events", []), "id", ("events",), "event")
    events = []
    for i, e in enumerate(d.get("events", [])):
        checker.refs(raw, ("events", i, "actors"), e["actors"], in_article, "actor of this article")
        themes = tuple(e["themes"]) if "themes" in e else None
        if themes is not None:
            checker.refs(raw, ("events", i, "themes"), e["themes"], article_themes.__contains__,
                         "theme of this article")
        date = checker.date(raw, ("events", i, "date"), e["date"])
        events.append(Event(e["id"], date, e["date_text"], e["date_basis"], tuple(e["actors"]),
                            e.get("place", ""), e["description"], stem, themes))
    spaced = _Lazy(fold_space, text)
    quotes = []
    for i, q in enumerate(d.get("quotes", [])):
        checker.refs(raw, ("quotes", i, "speaker"), q["speaker"], in_article, "actor of this article")
        if q["text"] not in text and fold_space(q["text"]) not in spaced():
            checker.add(raw, ("quotes", i, "text"), f"quotes[{i}].text: does not occur in {stem}.txt; expected the quote copied exactly from the text")
        quotes.append(Quote(q["speaker"], q["text"], stem))
    claims = []
    for i, c in enumerate(d.get("claims", [])):
        checker.refs(raw, ("claims", i, "claimant"), c["claimant"], in_article, "actor of this article")
        checker.refs(raw, ("claims", i, "about"), c.get("about", []), in_article, "actor of this article")
        claims.append(Claim(c["claimant"], c["text"], tuple(c.get("about", [])), stem))
    if len(checker.problems) > before:
        return None
    return Article(
        id=stem, title=d["title"], outlet=d["outlet"], outlet_actor=d.get("outlet_actor"), url=url,
        language=d["language"], published=published, published_basis=d["published_basis"],
        published_note=d.get("published_note", ""), summary=d["summary"], themes=tuple(d["themes"]),
        actors=tuple(ArticleActor(a["id"], a["role"], tuple(a["forms"])) for a in d["actors"]),
        events=tuple(events), quotes=tuple(quotes), claims=tuple(claims), text=text,
        text_path=checker.raw.texts[stem].shown, annotation_path=raw.shown,
    )


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
    """An article file name (without .txt) that is safe as a URL and a file name on every system."""
    return bool(_STEM.fullmatch(stem)) and len(stem) <= 100 and stem.lower().split(".")[0] not in _RESERVED


def validate(raw: RawCorpus) -> Corpus:
    """Check everything read by load_corpus; raise ValidationFailed with all problems, or return the Corpus."""
    checker = _Checker(raw)
    actors = _build_actors(checker, raw.actors, _registry(checker, raw.actors, "actors"))
    themes = _build_themes(checker, raw.themes, _registry(checker, raw.themes, "themes"))
    corpus = Corpus({}, actors, themes)
    folded_stems: dict[str, str] = {}
    for stem in sorted(set(raw.texts) | set(raw.annotations)):
        text, ann = raw.texts.get(stem), raw.annotations.get(stem)
        shown = (ann or text).shown
        if not valid_stem(stem):
            checker.problems.append(Problem(shown, 1, 1, f'file name "{stem}" is not allowed; expected letters, digits, "_" and "-" only'))
            continue
        if stem.lower() == _INDEX:
            checker.problems.append(Problem(
                shown, 1, 1, 'file name "index" is taken by the list of articles; rename the file'))
            continue
        if stem.lower() in folded_stems:
            checker.problems.append(Problem(shown, 1, 1, f'"{stem}" differs from "{folded_stems[stem.lower()]}" only by case; rename one'))
            continue
        folded_stems[stem.lower()] = stem
        if ann is None:
            checker.problems.append(Problem(text.shown, 1, 1, f"article has no annotation; expected seeds/annotations/{stem}.yml"))
        elif text is None:
            checker.problems.append(Problem(ann.shown, 1, 1, f"annotation has no article text; expected seeds/articles/{stem}.txt"))
        elif ann.doc is not None and text.text is not None:
            article = _build_article(checker, stem, ann, text.text, corpus)
            if article:
                corpus.articles[stem] = article
    if any(p.severity == "error" for p in checker.problems):
        raise ValidationFailed(checker.problems)
    return corpus
