"""Validation: every broken input in tests/cases/invalid gets its exact message, line and column."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator.load import load_corpus
from generator.problems import ValidationFailed
from generator.validate import validate

from .conftest import CASES

INVALID = sorted((CASES / "invalid").glob("*.yml"))


def problems_of(seeds: Path) -> list[str]:
    with pytest.raises(ValidationFailed) as failure:
        validate(load_corpus(seeds))
    return [f"{Path(p.path).relative_to(seeds.resolve()) if Path(p.path).is_absolute() else p.path}"
            f":{p.line}:{p.column}: {p.message}" for p in failure.value.problems]


def expected_of(case: Path) -> list[str]:
    lines = case.read_text(encoding="utf-8").splitlines()
    return [
        f"annotations/a1.yml:{line.removeprefix('# expect: ')}"
        for line in lines
        if line.startswith("# expect: ")
    ]


def test_fixture_corpus_is_valid(corpus_copy: Path) -> None:
    corpus = validate(load_corpus(corpus_copy))
    assert sorted(corpus.articles) == ["a1", "a2"]


@pytest.mark.parametrize("case", INVALID, ids=[c.stem for c in INVALID])
def test_invalid_annotation(case: Path, corpus_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(case, corpus_copy / "annotations" / "a1.yml")
    monkeypatch.chdir(corpus_copy)  # problems name paths relative to the working directory
    expected = expected_of(case)
    assert expected, f"{case.name} has no '# expect:' lines"
    assert problems_of(Path(".")) == expected


def test_all_problems_reported_at_once(corpus_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(CASES / "invalid" / "unquoted-date.yml", corpus_copy / "annotations" / "a1.yml")
    shutil.copy(CASES / "invalid" / "unknown-theme.yml", corpus_copy / "annotations" / "a2.yml")
    (corpus_copy / "annotations" / "a2.yml").write_text(
        (corpus_copy / "annotations" / "a1.yml").read_text(encoding="utf-8").replace(
            'themes: ["border-security"]', 'themes: ["nope"]'), encoding="utf-8")
    monkeypatch.chdir(corpus_copy)
    found = problems_of(Path("."))
    assert any(
        p.startswith("annotations/a1.yml:5:12: date 2024-11-10 is not in quotes") for p in found
    )
    assert any("annotations/a2.yml" in p and 'unknown theme "nope"' in p for p in found)


def test_annotation_without_text_and_text_without_annotation(
    corpus_copy: Path, monkeypatch
) -> None:
    (corpus_copy / "articles" / "a2.txt").rename(corpus_copy / "articles" / "a3.txt")
    monkeypatch.chdir(corpus_copy)
    assert problems_of(Path(".")) == [
        "annotations/a2.yml:1:1: annotation has no article text; expected articles/a2.txt",
        "articles/a3.txt:1:1: article has no annotation; expected annotations/a3.yml",
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "articles/a2.txt:1:1: file is empty; expected text"),
        (
            b"\xd8\xa7\n\xff\xfe",
            "articles/a2.txt:2:1: byte 0xff is not UTF-8; expected the file saved as UTF-8",
        ),
        (b"abc\x00def", "articles/a2.txt:1:4: NUL byte in text; expected plain text"),
    ],
    ids=["empty", "not-utf8", "nul-byte"],
)
def test_unreadable_article_text(
    corpus_copy: Path, monkeypatch, content: bytes, expected: str
) -> None:
    (corpus_copy / "articles" / "a2.txt").write_bytes(content)
    monkeypatch.chdir(corpus_copy)
    assert problems_of(Path(".")) == [expected]


def test_bom_and_crlf_are_accepted(corpus_copy: Path) -> None:
    path = corpus_copy / "annotations" / "a2.yml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    text = corpus_copy / "articles" / "a2.txt"
    text.write_bytes(text.read_bytes().replace(b"\n", b"\r\n"))
    corpus = validate(load_corpus(corpus_copy))
    assert "\r" not in corpus.articles["a2"].text


def test_registry_problems(corpus_copy: Path, monkeypatch) -> None:
    actors = corpus_copy / "actors.yml"
    text = actors.read_text(encoding="utf-8")
    actors.write_text(text.replace('affiliations: ["iraq"]', 'affiliations: ["irak"]')
                      + '  - id: "iraq"\n    type: "state"\n    name: {ar: "العراق", en: "Iraq"}\n'
                      '    description: {ar: "مكرر."}\n', encoding="utf-8")
    themes = corpus_copy / "themes.yml"
    themes.write_text(themes.read_text(encoding="utf-8").replace(
        '    label: {ar: "التعاون الأمني", en: "Security cooperation"}\n',
        '    label: {ar: "التعاون الأمني", en: "Security cooperation"}\n'
        '    parent: "border-security"\n'),
        encoding="utf-8")
    monkeypatch.chdir(corpus_copy)
    assert problems_of(Path(".")) == [
        'actors.yml:8:20: actors[0].affiliations[0]: unknown actor "irak" (did you mean "iraq"?); '
        'expected an id from actors.yml',
        'actors.yml:20:9: duplicate actor id "iraq" (first at line 15); ids must be unique',
        'themes.yml:4:13: themes[0].parent: "border-security" makes a loop of parents '
        "(security-cooperation → border-security → security-cooperation); expected a tree",
    ]


def test_fast_and_full_schema_validators_agree() -> None:
    """The compiled validator decides; the full one explains. They must never disagree."""
    import fastjsonschema

    from generator.validate import _fast_validator, _validator
    from generator.yamlio import TextError, load_yaml

    from .conftest import SEEDS

    files = [*sorted(CASES.rglob("*.yml")), *sorted(SEEDS.rglob("*.yml"))]
    checked = 0
    for path in files:
        name = {"actors.yml": "actors", "themes.yml": "themes"}.get(path.name, "annotation")
        try:
            data = load_yaml(path).data
        except TextError:
            continue
        try:
            _fast_validator(name)(data)
            fast_ok = True
        except fastjsonschema.JsonSchemaException:
            fast_ok = False
        assert fast_ok == (not list(_validator(name).iter_errors(data))), path
        checked += 1
    assert checked > 30


# -------------------------------------------------------------------------------------------------
# The editor schema: what JSON Schema can catch, with the validator's words kept precise.


def _edtf_samples() -> list[str]:
    years = ["0000", "0001", "2024", "2023", "9999", "202", "20245"]
    months = ["", "-00", "-01", "-02", "-12", "-13", "-1"]
    days = ["", "-00", "-01", "-28", "-29", "-30", "-31", "-32"]
    points = [y + m + (d if m else "") + q for y in years for m in months for d in days
              for q in ("", "~", "?", "%", "~?", "x")]
    ranges = [f"{a}/{b}" for a in points[::37] for b in points[::41]]
    odd = ["", "13/01/2026", "2024-11-10 ", " 2024", "2024\n", "2024/", "/2024", "2024//2025",
           "2024-11-10/2024-11-12/2024", "..", "2024/..", "2024-W01", "2024-11-10T10:00"]
    return points + ranges + odd


def test_edtf_pattern_admits_what_the_parser_accepts() -> None:
    """The schema's date pattern never refuses a date edtf.py accepts, and refuses everything
    else except what only a calendar knows (30 February, a range that ends before it starts),
    which the validator's EDTF parser explains. (It is stricter on one point: edtf.py's `$`
    lets "2024\n" through.)"""
    import re

    from generator.edtf import EdtfError, parse_edtf
    from generator.validate import schema

    pattern = schema("annotation")["$defs"]["edtf"]["pattern"]
    assert pattern == schema("actors")["$defs"]["edtf"]["pattern"]
    calendar_only = []
    for text in _edtf_samples():
        matches = re.fullmatch(pattern.removesuffix("$") + r"\Z", text) is not None
        try:
            parse_edtf(text)
            parsed = True
        except EdtfError as err:
            parsed, reason = False, str(err)
        assert matches or not parsed or text.endswith("\n"), text
        if matches and not parsed:
            calendar_only.append(text)
            assert "not a real day" in reason or "ends before it starts" in reason, (text, reason)
    assert "2023-02-29" in calendar_only and "2024-02-30" in calendar_only
    assert re.fullmatch(pattern.removesuffix("$") + r"\Z", "2024\n") is None


def test_editors_refuse_what_the_validator_refuses(tmp_path: Path) -> None:
    """check-jsonschema (what an editor with yaml-language-server does with the `$schema` line)
    refuses a day-month-year date, a bad date in an event, a name typed as an id; it accepts the
    seeds."""
    from .conftest import ROOT, SEEDS

    base = (CASES / "corpus" / "annotations" / "a1.yml").read_text(encoding="utf-8")
    bad = {
        "published.yml": ('published: "2024-11-10"', 'published: "13/01/2026"'),
        "event-date.yml": ('date: "2024-11-10"', 'date: "2024-13"'),
        "event-actor.yml": ('actors: ["qasim-al-araji", "abbas-araghchi"]',
                            'actors: ["qasim-al-araji", "عراقجي"]'),
    }
    for name, (old, new) in bad.items():
        (tmp_path / name).write_text(base.replace(old, new, 1), encoding="utf-8")
    tool = ROOT / ".venv" / "bin" / "check-jsonschema"
    schemafile = ROOT / "generator" / "schema" / "annotation.schema.json"
    result = subprocess.run([tool, "--schemafile", schemafile, *sorted(tmp_path.glob("*.yml"))],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1
    assert "published.yml::$.published: '13/01/2026' does not match" in result.stdout
    assert "event-date.yml::$.events[0].date: '2024-13' does not match" in result.stdout
    assert "event-actor.yml::$.events[0].actors[1]: 'عراقجي' does not match" in result.stdout
    seeds = sorted((SEEDS / "annotations").glob("*.yml"))
    ok = subprocess.run([tool, "--schemafile", schemafile, *seeds], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout


# -------------------------------------------------------------------------------------------------
# YAML mistakes at the line and column where they are, on every line of real annotations.


def _mistakes(lines: list[str]):
    """(mutated text, line, column, start of the message) for each line a mistake can go on."""
    for i, line in enumerate(lines):
        text = line.rstrip()
        if text.endswith('"') and text.count('"') == 2 and not text.lstrip().startswith("#"):
            opened = text.index('"')
            yield (lines[:i] + [text[:-1]] + lines[i + 1:], i + 1, opened + 1,
                   'the quote " that opens this value is not closed on its line')
            space = text.find(" ", opened + 2)
            if 0 < space < len(text) - 1:
                inner = text[: space + 1] + '"' + text[space + 1 :]
                yield (lines[:i] + [inner] + lines[i + 1:], i + 1, space + 2,
                       "the value \"")
        if line.startswith("  ") and line.strip() and not line.lstrip().startswith("#"):
            yield (lines[:i] + ["\t" + line[2:]] + lines[i + 1:], i + 1, 1,
                   "a tab character in the indentation; YAML indentation must use spaces")


@pytest.mark.parametrize("name", ["corpus/annotations/a1.yml", "corpus/actors.yml"])
def test_yaml_mistakes_are_named_where_they_are(name: str, tmp_path: Path) -> None:
    from generator.yamlio import TextError, load_yaml

    lines = (CASES / name).read_text(encoding="utf-8").split("\n")
    path, checked, wrong = tmp_path / "x.yml", 0, []
    for mutated, line, column, message in _mistakes(lines):
        path.write_text("\n".join(mutated), encoding="utf-8")
        try:
            load_yaml(path)
            wrong.append((line, "parsed"))
        except TextError as err:
            if (err.line, err.column) != (line, column) or not err.message.startswith(message):
                wrong.append((line, column, err.line, err.column, err.message))
        checked += 1
    assert checked > 20 and wrong == []


# -------------------------------------------------------------------------------------------------
# Suggestions (generator/hints.py): deterministic, found among many, bounded work.


def test_id_hints_find_the_id_by_spelling_name_or_alias_among_thousands() -> None:
    import random

    from generator.hints import IdHints

    from .conftest import SEEDS

    corpus = validate(load_corpus(SEEDS))
    real = [(a.id, (a.name_ar, a.name_en, *a.aliases_ar, *a.aliases_en))
            for a in corpus.actors.values()]
    rng = random.Random(17)
    letters = "abcdefghijklmnopqrstuvwxyz"
    filler = [("-".join("".join(rng.choice(letters) for _ in range(rng.randint(3, 8)))
                        for _ in range(rng.randint(1, 3))), ()) for _ in range(20_000)]
    hints = IdHints(real + filler)
    assert hints.suggest("abbas-araqchi") == ["abbas-araghchi"]  # spelling
    assert hints.suggest("Abbas Araghchi") == ["abbas-araghchi"]  # English name
    assert hints.suggest("عباس عراقجى") == ["abbas-araghchi"]  # Arabic name, ى for ي
    assert hints.suggest("الاعرجي") == ["qasim-al-araji"]  # an Arabic alias
    assert hints.suggest("kataib-hezbolah") == ["kataib-hezbollah"]
    assert hints.suggest("zzzzzzzzzzzz") == []
    # Same entries in another order: same answers.
    shuffled = real + filler
    rng.shuffle(shuffled)
    again = IdHints(shuffled)
    for query in ("abbas-araqchi", "irak", "iraqi-goverment", "قاسم"):
        assert again.suggest(query) == hints.suggest(query), query
    # Restricted to an article's ids, an unregistered (misspelt) listed id is still matched.
    listed = {"qasim-al-araji", "abbas-araghchi"}
    assert hints.suggest("abbas-araqchi", among=listed) == ["abbas-araghchi"]
    assert hints.suggest("iraq", among={"qasim-al-araji"}) == []


@pytest.mark.parametrize(("value", "options", "meant"), [
    ("sumary", ["summary", "title", "themes"], ["summary"]),
    ("date-basis", ["date", "date_basis", "date_text"], ["date_basis"]),
    ("Title", ["title", "url"], ["title"]),
    ("arabic", ["ar", "en", "fa", "ku"], ["ar"]),
    ("explicite", ["explicit", "relative", "inferred"], ["explicit"]),
    ("organisation", ["person", "state", "media"], []),
])
def test_nearest_field_or_value(value: str, options: list[str], meant: list[str]) -> None:
    from generator.hints import nearest

    assert nearest(value, options) == meant


def test_closest_passage_in_a_long_text() -> None:
    from generator.hints import closest_passage, passage_note

    from .conftest import SEEDS

    filler = "\n".join((SEEDS / "articles").joinpath(p.name).read_text(encoding="utf-8")
                       for p in sorted((SEEDS / "articles").glob("*.txt")))
    target = "وقال المتحدث إن «الحدود المشتركة آمنة تماماً» بحسب البيان."
    text = filler * 40 + "\n" + target + "\n" + filler * 40  # about 400,000 words
    line = (filler * 40).count("\n") + 2
    found = closest_passage("الحدود المشتركة امنة تماما", text)
    assert found and text[found.start:found.end] == "الحدود المشتركة آمنة تماماً"
    note = passage_note("الحدود المشتركة آمنة كلياً", text)
    assert note == (f' (nearest, line {line}: "الحدود المشتركة آمنة تماماً"; it has "تماماً" '
                    'where the quote has "كلياً")')
    assert passage_note("كلام لا يرد في النص أبدا", "نص آخر تماما") == ""


def test_theme_tree_depth_is_limited_and_reported_once(corpus_copy: Path, monkeypatch) -> None:
    """A theme tree 250 levels deep: one problem, at the first theme past the limit (the deeper
    ones follow from it); nothing walks the whole chain for every theme."""
    themes = corpus_copy / "themes.yml"
    chain = "".join(
        f'  - id: "deep-{i}"\n    label: {{ar: "مستوى {i}", en: "level {i}"}}\n'
        + (f'    parent: "deep-{i - 1}"\n' if i else "")
        for i in range(250)
    )
    themes.write_text(themes.read_text(encoding="utf-8") + chain, encoding="utf-8")
    monkeypatch.chdir(corpus_copy)
    found = problems_of(Path("."))
    assert len(found) == 1 and found[0].startswith("themes.yml:")
    assert found[0].endswith(': "deep-9" puts this theme 11 levels deep; '
                             "expected at most 10 levels of themes")


def test_a_long_loop_of_themes_is_one_problem(corpus_copy: Path, monkeypatch) -> None:
    themes = corpus_copy / "themes.yml"
    loop = "".join(
        f'  - id: "loop-{i}"\n    label: {{ar: "حلقة {i}", en: "loop {i}"}}\n'
        f'    parent: "loop-{(i + 1) % 30}"\n'
        for i in range(30)
    )
    themes.write_text(themes.read_text(encoding="utf-8") + loop, encoding="utf-8")
    monkeypatch.chdir(corpus_copy)
    found = problems_of(Path("."))
    assert len(found) == 1 and "(loop-0 → loop-1 → loop-2 → " in found[0]


def test_a_loop_of_bodies_is_one_problem(corpus_copy: Path, monkeypatch) -> None:
    """Who acts for whom walks the bodies above an actor: a loop of affiliations is refused."""
    actors = corpus_copy / "actors.yml"
    actors.write_text(actors.read_text(encoding="utf-8").replace(
        '    wikidata: "Q796"', '    affiliations: ["qasim-al-araji"]\n    wikidata: "Q796"'),
        encoding="utf-8")
    monkeypatch.chdir(corpus_copy)
    assert problems_of(Path(".")) == [
        'actors.yml:2:9: actors[0]: "qasim-al-araji" belongs to a loop of bodies (qasim-al-araji '
        "→ iraq → qasim-al-araji: affiliations and posts); expected each body to belong only to "
        "bodies above it"
    ]


def test_a_chain_of_bodies_is_limited_and_reported_once(corpus_copy: Path, monkeypatch) -> None:
    actors = corpus_copy / "actors.yml"
    chain = "".join(
        f'  - id: "body-{i}"\n    type: "group"\n    name: {{ar: "جهة {i}", en: "Body {i}"}}\n'
        f'    description: {{ar: "جهة."}}\n'
        + (f'    affiliations: ["body-{i + 1}"]\n' if i < 39 else "")
        for i in range(40)
    )
    actors.write_text(actors.read_text(encoding="utf-8") + chain, encoding="utf-8")
    monkeypatch.chdir(corpus_copy)
    found = problems_of(Path("."))
    assert len(found) == 1 and found[0].endswith(
        '"body-29" has 10 bodies above it, one after another; expected at most 9 (affiliations '
        "and posts)")


@pytest.mark.parametrize("char", ["\\uFFFE", "\\uFFFF", "\\uFDD0", "\\U0001FFFF"])
def test_noncharacters_in_a_title_are_refused(char: str, corpus_copy: Path, monkeypatch) -> None:
    """U+FFFE in a title made MkDocs drop the page's front matter without a word."""
    a1 = corpus_copy / "annotations" / "a1.yml"
    text = a1.read_text(encoding="utf-8")
    a1.write_text(text.replace('title: "', f'title: "{char}', 1), encoding="utf-8")
    monkeypatch.chdir(corpus_copy)
    found = problems_of(Path("."))
    assert len(found) == 1 and found[0].startswith("annotations/a1.yml:1:8: title: contains ")
    assert found[0].endswith("; expected plain text without it")
    assert "noncharacter" in found[0]


def test_the_fast_control_check_agrees_with_the_full_one_on_every_code_point() -> None:
    """validate._has_control (two fast passes over a whole file) answers as _CONTROL would, for
    every character, alone and inside Arabic text."""
    from generator.validate import _CONTROL, _has_control

    for code in range(0x110000):
        char = chr(code)
        assert _has_control(f"نص {char} عربي") == (_CONTROL.search(char) is not None), hex(code)
