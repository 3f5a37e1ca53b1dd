"""Validation: every broken input in tests/cases/invalid gets its exact message, line and column."""

from __future__ import annotations

import shutil
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
    return [f"annotations/a1.yml:{line.removeprefix('# expect: ')}" for line in lines if line.startswith("# expect: ")]


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
    assert any(p.startswith("annotations/a1.yml:5:12: date 2024-11-10 is not in quotes") for p in found)
    assert any("annotations/a2.yml" in p and 'unknown theme "nope"' in p for p in found)


def test_annotation_without_text_and_text_without_annotation(corpus_copy: Path, monkeypatch) -> None:
    (corpus_copy / "articles" / "a2.txt").rename(corpus_copy / "articles" / "a3.txt")
    monkeypatch.chdir(corpus_copy)
    assert problems_of(Path(".")) == [
        "annotations/a2.yml:1:1: annotation has no article text; expected seeds/articles/a2.txt",
        "articles/a3.txt:1:1: article has no annotation; expected seeds/annotations/a3.yml",
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "articles/a2.txt:1:1: file is empty; expected text"),
        (b"\xd8\xa7\n\xff\xfe", "articles/a2.txt:2:1: byte 0xff is not UTF-8; expected the file saved as UTF-8"),
        (b"abc\x00def", "articles/a2.txt:1:4: NUL byte in text; expected plain text"),
    ],
    ids=["empty", "not-utf8", "nul-byte"],
)
def test_unreadable_article_text(corpus_copy: Path, monkeypatch, content: bytes, expected: str) -> None:
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
    actors.write_text(actors.read_text(encoding="utf-8").replace('affiliations: ["iraq"]', 'affiliations: ["irak"]')
                      + '  - id: "iraq"\n    type: "state"\n    name: {ar: "العراق", en: "Iraq"}\n'
                      '    description: {ar: "مكرر."}\n', encoding="utf-8")
    themes = corpus_copy / "themes.yml"
    themes.write_text(themes.read_text(encoding="utf-8").replace(
        '    label: {ar: "التعاون الأمني", en: "Security cooperation"}\n',
        '    label: {ar: "التعاون الأمني", en: "Security cooperation"}\n    parent: "border-security"\n'),
        encoding="utf-8")
    monkeypatch.chdir(corpus_copy)
    assert problems_of(Path(".")) == [
        'actors.yml:8:20: actors[0].affiliations[0]: unknown actor "irak" (did you mean "iraq"?); '
        'expected an id from seeds/actors.yml',
        'actors.yml:20:9: duplicate actor id "iraq" (first at line 15); ids must be unique',
        'themes.yml:4:13: themes[0].parent: "border-security" makes a loop of parents; expected a tree',
        'themes.yml:7:13: themes[1].parent: "security-cooperation" makes a loop of parents; expected a tree',
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
        name = "actors" if path.name == "actors.yml" else "themes" if path.name == "themes.yml" else "annotation"
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
