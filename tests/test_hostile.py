"""Hostile and broken input: nothing executes, nothing is lost, every error is plain.

(1) A broken or hostile input gets its exact `path:line:column: message` (every one, in one run, no
traceback); (2) a corpus with a script payload in every text field builds, and every page shows the
payloads as inert text; (3) nothing is written or lost where it should not be. The Chromium side is
tests/browser/test_hostile_browser.py; byte-identical builds are in tests/test_build.py.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator import paths
from generator.load import load_corpus
from generator.problems import ValidationFailed
from generator.validate import validate

from .conftest import CASES, ROOT, mkdocs_build, write_config
from .hostile import (
    EVIL_HOST, FIELDS, HOSTILE_URL, Inertness, inspect_html, payload, write_hostile_corpus,
)
from .test_build import tree
from .test_serve import fetch, server, wait_for  # noqa: F401  (server is a fixture)

A, R, T = "annotations/a1.yml", "actors.yml", "themes.yml"
FORMAT = re.compile(r"^[^\s:][^:]*:\d+:\d+: \S")  # path:line:column: message


def problems_of(seeds: Path) -> list[str]:
    """The formatted problems for a corpus, paths relative to it (the test chdirs into it)."""
    with pytest.raises(ValidationFailed) as failure:
        validate(load_corpus(seeds))
    return [p.format() for p in failure.value.problems]


def edit(seeds: Path, name: str, old: str, new: str) -> None:
    path = seeds / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -------------------------------------------------------------------------------------------------
# 1. Broken and hostile annotations: one edit of the small corpus each, with the exact problems.


@dataclass(frozen=True)
class Edit:
    name: str
    file: str
    old: str
    new: str
    expected: list[str]


EDITS = [  # (name, file, text, replacement, problems)
    Edit('data-url', A,
         'url: "https://example.org/a1"',
         'url: "data:text/html,<script>alert(1)</script>"', [
        'annotations/a1.yml:3:6: url: got "data:text/html,<script>alert(1)</script>"; expected '
        'an http:// or https:// address, or ""',
    ]),
    Edit('vbscript-url', A, 'url: "https://example.org/a1"', 'url: "vbscript:msgbox(1)"', [
        'annotations/a1.yml:3:6: url: got "vbscript:msgbox(1)"; expected an http:// or '
        'https:// address, or ""',
    ]),
    Edit('protocol-relative-url', A, 'url: "https://example.org/a1"', 'url: "//evil.example/x"', [
        'annotations/a1.yml:3:6: url: got "//evil.example/x"; expected an http:// or https:// '
        'address, or ""',
    ]),
    Edit('javascript-url-mixed-case', A,
         'url: "https://example.org/a1"',
         'url: " JaVaScRiPt:alert(1)"', [
        'annotations/a1.yml:3:6: url: got " JaVaScRiPt:alert(1)"; expected an http:// or '
        'https:// address, or ""',
    ]),
    Edit('javascript-url-with-tab', A,
         'url: "https://example.org/a1"',
         'url: "java\\tscript:alert(1)"', [
        'annotations/a1.yml:3:6: url: got "java\\u0009script:alert(1)"; expected an http:// or '
        'https:// address, or ""',
    ]),
    Edit('url-without-host', A, 'url: "https://example.org/a1"', 'url: "https:evil.example"', [
        'annotations/a1.yml:3:6: url: got "https:evil.example"; expected an http:// or '
        'https:// address, or ""',
    ]),
    Edit('url-with-newline', A,
         'url: "https://example.org/a1"',
         'url: "https://example.org/a1\\n<script>"', [
        'annotations/a1.yml:3:6: url: got "https://example.org/a1\\u000a<script>"; expected an '
        'http:// or https:// address, or ""',
    ]),
    Edit('path-traversal-actor-id', A, 'id: "qasim-al-araji"', 'id: "../../etc/passwd"', [
        'annotations/a1.yml:11:9: actors[0].id: got "../../etc/passwd"; expected an id in '
        'lowercase ASCII kebab-case like "qasim-al-araji"',
    ]),
    Edit('slash-in-event-id', A, 'id: "2024-11-10-araji-araghchi"', 'id: "2024/../../x"', [
        'annotations/a1.yml:18:9: events[0].id: got "2024/../../x"; expected an event id in '
        'lowercase ASCII kebab-case like "2024-11-10-araji-araghchi-tehran"',
    ]),
    Edit('backslash-in-theme-id', A,
         'themes: ["border-security"]',
         'themes: ["border\\\\security"]', [
        'annotations/a1.yml:9:10: themes[0]: got "border\\security" (did you mean '
        '"border-security"?); expected an id in '
        'lowercase ASCII kebab-case like "qasim-al-araji"',
    ]),
    Edit('nul-in-actor-id', A, '- id: "qasim-al-araji"', '- id: "qasim\\0al-araji"', [
        'annotations/a1.yml:11:9: actors[0].id: contains the invisible control character '
        'U+0000; expected plain text without it',
        'annotations/a1.yml:11:9: actors[0].id: got "qasim\\u0000al-araji" (did you mean '
        '"qasim-al-araji"?); expected an id in '
        'lowercase ASCII kebab-case like "qasim-al-araji"',
    ]),
    Edit('cyrillic-look-alike-id', A, '- id: "qasim-al-araji"', '- id: "q\u0430sim-al-araji"', [
        'annotations/a1.yml:11:9: actors[0].id: got "q\u0430sim-al-araji" (did you mean '
        '"qasim-al-araji"?); expected an id in '
        'lowercase ASCII kebab-case like "qasim-al-araji" (it contains U+0430 CYRILLIC SMALL '
        'LETTER A, which is not ASCII)',
    ]),
    Edit('uppercase-id', A, '- id: "qasim-al-araji"', '- id: "Qasim-Al-Araji"', [
        'annotations/a1.yml:11:9: actors[0].id: got "Qasim-Al-Araji" (did you mean '
        '"qasim-al-araji"?); expected an id in '
        'lowercase ASCII kebab-case like "qasim-al-araji"',
    ]),
    Edit('trailing-newline-id', A, '- id: "qasim-al-araji"', '- id: "qasim-al-araji\\n"', [
        'annotations/a1.yml:11:9: actors[0].id: got "qasim-al-araji\\u000a" (did you mean '
        '"qasim-al-araji"?); expected an id in '
        'lowercase ASCII kebab-case like "qasim-al-araji"',
    ]),
    Edit('windows-reserved-event-id', A, 'id: "2024-11-10-araji-araghchi"', 'id: "con"', [
        'annotations/a1.yml:18:9: event id "con" is a reserved file name on Windows; choose '
        'another id',
    ]),
    Edit('bidi-override-in-title', A, 'title: "الأعرجي', 'title: "\\u202eالأعرجي', [
        'annotations/a1.yml:1:8: title: contains the invisible control character U+202E; '
        'expected plain text without it',
    ]),
    Edit('bidi-isolate-in-place', A, 'place: "طهران"', 'place: "\u2067طهران\u2069"', [
        'annotations/a1.yml:23:12: events[0].place: contains the invisible control character '
        'U+2067; expected plain text without it',
    ]),
    Edit('escape-sequence-in-summary', A, 'summary: "بحث', 'summary: "\\e[2J\\e[31mبحث', [
        'annotations/a1.yml:8:10: summary: contains the invisible control character U+001B; '
        'expected plain text without it',
    ]),
    Edit('c1-control-in-outlet', A, 'outlet: ""', 'outlet: "\\x9b31m"', [
        'annotations/a1.yml:2:9: outlet: contains the invisible control character U+009B; '
        'expected plain text without it',
    ]),
    Edit('raw-control-byte', A, 'outlet: ""', 'outlet: "\x1b[31m"', [
        'annotations/a1.yml:2:10: control character U+001B in text; expected plain text',
    ]),
    Edit('unquoted-event-date', A, '    date: "2024-11-10"', '    date: 2024-11-10', [
        'annotations/a1.yml:19:11: date 2024-11-10 is not in quotes (YAML reads it as a date '
        'object); expected a quoted EDTF date like "2024-11-10"',
    ]),
    Edit('impossible-date', A, '    date: "2024-11-10"', '    date: "2023-02-29"', [
        'annotations/a1.yml:19:11: events[0].date: "2023-02-29" is not a real day (2023-02 has '
        '28 days)',
    ]),
    Edit('year-zero', A, '    date: "2024-11-10"', '    date: "0000-11"', [
        'annotations/a1.yml:19:11: events[0].date: "0000-11" has year 0000, which does not '
        'exist; expected a year from 0001',
    ]),
    Edit('month-thirteen', A, 'published: "2024-11-10"', 'published: "2024-13"', [
        'annotations/a1.yml:5:12: published: "2024-13" has month 13; expected a month from 01 '
        'to 12',
    ]),
    Edit('unknown-speaker', A, '  - speaker: "qasim-al-araji"', '  - speaker: "iraq"', [
        'annotations/a1.yml:26:14: quotes[0].speaker: actor "iraq" is in actors.yml but '
        "not in this annotation's `actors` list; expected it added to that list, or an id from it",
    ]),
    Edit('event-theme-not-of-this-article', A,
         '    actors: ["qasim-al-araji", "abbas-araghchi"]\n',
         '    actors: ["qasim-al-araji", "abbas-araghchi"]\n'
         '    themes: ["security-cooperation"]\n', [
        'annotations/a1.yml:23:14: events[0].themes[0]: theme "security-cooperation" is in '
        "themes.yml but not in this annotation's `themes` list; expected it added to that "
        'list, or an id from it',
    ]),
    Edit('claim-about-unknown-actor', A, 'about: ["abbas-araghchi"]', 'about: ["nobody"]', [
        'annotations/a1.yml:31:13: claims[0].about[0]: unknown actor of this article "nobody"; '
        "expected an id from this annotation's `actors` list",
    ]),
    Edit('unknown-outlet-actor', A, 'outlet: ""', 'outlet: ""\noutlet_actor: "evil-news"', [
        'annotations/a1.yml:3:15: outlet_actor: unknown actor "evil-news"; expected an id from '
        'actors.yml',
    ]),
    Edit('duplicate-actor-in-annotation', A,
         '  - id: "abbas-araghchi"',
         '  - id: "qasim-al-araji"', [
        'annotations/a1.yml:14:9: duplicate actor id "qasim-al-araji" (first at line 11); ids '
        'must be unique',
        # One problem for the id the duplicate replaced, naming its other use.
        'annotations/a1.yml:22:32: events[0].actors[1]: actor "abbas-araghchi" is in '
        "actors.yml but not in this annotation's `actors` list (also used in "
        'claims[0].about[0] at line 31); expected it added to that list, or an id from it',
    ]),
    Edit('bidi-override-in-actor-name', R, 'name: {ar: "العراق"', 'name: {ar: "\u202eالعراق"', [
        'actors.yml:17:16: actors[2].name.ar: contains the invisible control character U+202E; '
        'expected plain text without it',
    ]),
    Edit('index-actor-id', R, 'id: "iraq"', 'id: "index"', [
        # The entry named "Iraq" now has the id "index".
        'actors.yml:7:44: actors[0].positions[0].of: unknown actor "iraq" (did you mean "index"? '
        'also used in actors[0].affiliations[0] at line 8); expected an id from actors.yml',
        'actors.yml:15:9: actor id "index" is reserved: it is the name of the list page of its '
        'folder; choose another id',
    ]),
    Edit('sitemap-theme-id', T, 'id: "border-security"', 'id: "sitemap"', [
        # The theme labelled "Border security" now has the id "sitemap".
        'annotations/a1.yml:9:10: themes[0]: unknown theme "border-security" (did you mean '
        '"sitemap"?); expected an id from themes.yml',
        'themes.yml:4:9: theme id "sitemap" is reserved: it is the name of the site map of its '
        'feed folder (feeds/…/sitemap.xml); choose another id',
    ]),
    Edit('path-traversal-theme-id', T, 'id: "border-security"', 'id: "../../index"', [
        'themes.yml:4:9: themes[1].id: got "../../index"; expected an id in lowercase ASCII '
        'kebab-case like "border-security"',
    ]),
    Edit('duplicate-theme-id', T, 'id: "border-security"', 'id: "security-cooperation"', [
        'annotations/a1.yml:9:10: themes[0]: unknown theme "border-security"; expected an id '
        'from themes.yml',
        'themes.yml:4:9: duplicate theme id "security-cooperation" (first at line 2); ids must '
        'be unique',
    ]),
    Edit('script-in-wikidata', R, 'wikidata: "Q796"', 'wikidata: "Q796<script>"', [
        'actors.yml:19:15: actors[2].wikidata: got "Q796<script>"; expected a Wikidata id like '
        '"Q794"',
    ]),
]


@pytest.mark.parametrize("case", EDITS, ids=[e.name for e in EDITS])
def test_hostile_edit_is_refused(case: Edit, corpus_copy: Path, monkeypatch) -> None:
    edit(corpus_copy, case.file, case.old, case.new)
    monkeypatch.chdir(corpus_copy)  # problems name paths relative to the working directory
    assert problems_of(Path(".")) == case.expected


HOSTILE_FILES = sorted((CASES / "hostile").glob("*.yml"))


@pytest.mark.parametrize("case", HOSTILE_FILES, ids=[c.stem for c in HOSTILE_FILES])
def test_hostile_annotation_file(case: Path, corpus_copy: Path, monkeypatch) -> None:
    'tests/cases/hostile/*.yml replace annotations/a1.yml; their `# expect:` lines are the '
    'problems.'
    shutil.copy(case, corpus_copy / A)
    monkeypatch.chdir(corpus_copy)
    lines = case.read_text(encoding="utf-8").splitlines()
    expected = [f"{A}:{line[10:]}" for line in lines if line.startswith("# expect: ")]
    assert expected, f"{case.name} has no '# expect:' lines"
    assert problems_of(Path(".")) == expected


# -------------------------------------------------------------------------------------------------
# 2. Broken files: encodings, sizes, names, links, missing files.


NOT_UTF8 = "is not UTF-8; expected the file saved as UTF-8"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('title: "العنوان"\n'.encode("cp1256"), f"1:9: byte 0xc7 {NOT_UTF8}"),
        ('title: "x"\n'.encode("utf-16"), f"1:1: byte 0xff {NOT_UTF8}"),
        ('title: "عربي '.encode() + "ب".encode("cp1256") + b'"\n',
         f"1:14: byte 0xc8 {NOT_UTF8}"),
        (b'title: "a"\noutlet: "\x00"\n', "2:10: NUL byte in text; expected plain text"),
        (b"", "1:1: file is empty; expected text"),
        (b"  \n\t\n", "1:1: file is empty; expected text"),
        (b"# only a comment\n", "1:1: file has no YAML content; expected a mapping of fields"),
    ],
    ids=["windows-1256", "utf-16", "column-in-characters", "nul-byte", "empty", "whitespace-only",
         "comment-only"],
)
def test_unreadable_annotation(content: bytes, expected: str, corpus_copy: Path, monkeypatch):
    (corpus_copy / A).write_bytes(content)
    monkeypatch.chdir(corpus_copy)
    assert problems_of(Path(".")) == [f"{A}:{expected}"]


def test_control_character_in_article_text(corpus_copy: Path, monkeypatch) -> None:
    # Python-Markdown's own placeholders are STX ... ETX: an article cannot smuggle one in.
    path = corpus_copy / "articles" / "a1.txt"
    path.write_text(path.read_text(encoding="utf-8") + "سطر \x02wzxhzdk:0\x03\n", encoding="utf-8")
    monkeypatch.chdir(corpus_copy)
    assert problems_of(Path(".")) == [
        "articles/a1.txt:11:5: control character U+0002 in text; expected plain text"
    ]


def test_bom_and_crlf_are_dropped_from_the_page(tmp_path: Path, corpus_copy: Path) -> None:
    for name in (A, "articles/a1.txt"):
        path = corpus_copy / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    result = mkdocs_build(corpus_copy, tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "articles" / "a1" / "index.html").read_text(encoding="utf-8")
    assert "\ufeff" not in html and "\r" not in html
    assert "وأكد الجانبان أهمية التعاون." in html


def test_ten_megabyte_field(corpus_copy: Path, monkeypatch) -> None:
    edit(corpus_copy, A, 'summary: "بحث', 'summary: "' + "ب" * 5_000_000 + "بحث")
    monkeypatch.chdir(corpus_copy)
    assert problems_of(Path(".")) == [
        f"{A}:1:1: file is 10,001,081 bytes; expected at most 2,000,000 bytes"
    ]


def test_one_megabyte_field_names_the_field(corpus_copy: Path, monkeypatch) -> None:
    edit(corpus_copy, A, 'summary: "بحث', 'summary: "' + "ب" * 500_000 + "بحث")
    monkeypatch.chdir(corpus_copy)
    assert problems_of(Path(".")) == [
        f"{A}:8:10: summary: text is 500,031 characters; expected at most 10,000"
    ]


def test_ten_megabyte_article_text(corpus_copy: Path, monkeypatch) -> None:
    (corpus_copy / "articles" / "a2.txt").write_bytes("زار الأعرجي طهران.\n".encode() * 300_000)
    monkeypatch.chdir(corpus_copy)
    assert problems_of(Path(".")) == [
        "articles/a2.txt:1:1: file is 10,200,000 bytes; expected at most 5,000,000 bytes"
    ]


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("CON", 'file name "CON" is not allowed; expected letters, digits, "_" and "-" only'),
        ("lpt1.x", 'file name "lpt1.x" is not allowed; expected letters, digits, "_" and "-" only'),
        ("a2.", 'file name "a2." is not allowed; expected letters, digits, "_" and "-" only'),
        ("a b", 'file name "a b" is not allowed; expected letters, digits, "_" and "-" only'),
        ("مقال", 'file name "مقال" is not allowed; expected letters, digits, "_" and "-" only'),
        ("index", 'file name "index" is taken by the list of articles; rename the file'),
        ("A1", '"a1" differs from "A1" only by case; rename one'),
    ],
    ids=["windows-con", "windows-lpt1", "trailing-dot", "space", "arabic", "index", "case"],
)
def test_article_file_names(stem: str, expected: str, corpus_copy: Path, monkeypatch) -> None:
    """Article ids are file stems and become URLs: same rules as ids, no collisions by case."""
    shutil.copy(corpus_copy / "annotations" / "a2.yml", corpus_copy / "annotations" / f"{stem}.yml")
    shutil.copy(corpus_copy / "articles" / "a2.txt", corpus_copy / "articles" / f"{stem}.txt")
    monkeypatch.chdir(corpus_copy)
    shown = "a1" if stem == "A1" else stem
    assert problems_of(Path(".")) == [f"annotations/{shown}.yml:1:1: {expected}"]


def test_link_out_of_the_seeds_is_not_read(corpus_copy: Path, tmp_path: Path, monkeypatch) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-TOKEN قاسم الاعرجي عراقجي\n", encoding="utf-8")
    (corpus_copy / "articles" / "a2.txt").unlink()
    (corpus_copy / "articles" / "a2.txt").symlink_to(secret)
    monkeypatch.chdir(corpus_copy)
    assert problems_of(Path(".")) == [
        'articles/a2.txt:1:1: is a link to a file outside the seeds directory; expected a '
        'regular file here'
    ]


def test_stray_files_are_reported(corpus_copy: Path, monkeypatch) -> None:
    """A file the build would skip is reported, not silently lost."""
    shutil.move(corpus_copy / "annotations" / "a2.yml", corpus_copy / "annotations" / "a2.YML")
    (corpus_copy / "articles" / "notes.md").write_text("# notes\n", encoding="utf-8")
    (corpus_copy / "articles" / ".gitkeep").write_text("", encoding="utf-8")
    monkeypatch.chdir(corpus_copy)
    assert problems_of(Path(".")) == [
        'annotations/a2.YML:1:1: annotations/ holds only .yml or .yaml files; rename this file '
        'or move it out of seeds/',
        "articles/a2.txt:1:1: article has no annotation; expected annotations/a2.yml",
        'articles/notes.md:1:1: articles/ holds only .txt files; rename this file or move it '
        'out of seeds/',
    ]


@pytest.mark.parametrize("registry", ["actors", "themes"])
def test_missing_registry(registry: str, corpus_copy: Path, monkeypatch) -> None:
    (corpus_copy / f"{registry}.yml").unlink()
    monkeypatch.chdir(corpus_copy)
    # One problem, not one "unknown actor" per reference to the missing registry.
    assert problems_of(Path(".")) == [
        f"{registry}.yml:1:1: the {registry} registry is missing; expected {registry}.yml"
    ]


def test_broken_registry_does_not_flood_the_annotations(corpus_copy: Path, monkeypatch) -> None:
    edit(corpus_copy, R, 'type: "state"', 'type: "<script>"')
    monkeypatch.chdir(corpus_copy)
    assert problems_of(Path(".")) == [
        'actors.yml:16:11: actors[2].type: got "<script>"; expected one of: "person", "state", '
        '"government", '
        '"ministry", "security-body", "armed-group", "party", "international-org", "media", "group"'
    ]


# -------------------------------------------------------------------------------------------------
# 3. Every error in one run, as `path:line:column: message`, exit 1, no traceback: CLI and build.


@pytest.fixture
def many_broken(corpus_copy: Path) -> Path:
    """Five broken files at once: each must be reported, in one run."""
    shutil.copy(CASES / "hostile" / "alias-bomb.yml", corpus_copy / A)
    (corpus_copy / "annotations" / "a2.yml").write_bytes("title: \"عنوان\"\n".encode("cp1256"))
    (corpus_copy / "articles" / "a3.txt").write_text("نص بلا تعليق.\n", encoding="utf-8")
    edit(corpus_copy, R, 'name: {ar: "العراق"', 'name: {ar: "\u202eالعراق"')
    edit(corpus_copy, T, 'id: "border-security"', 'id: "border-security"\n    id: "again"')
    return corpus_copy


def _assert_plain(output: str, expected_lines: list[str]) -> None:
    assert "Traceback" not in output
    for line in expected_lines:
        assert line in output
    problems = [line for line in output.splitlines() if FORMAT.match(line) and "seeds/" in line]
    assert len(problems) >= len(expected_lines)


MANY_BROKEN = [
    "seeds/actors.yml:17:16: actors[2].name.ar: contains the invisible control character U+202E; "
    "expected plain text without it",
    'seeds/annotations/a1.yml:34:16: YAML aliases (*name) are not allowed; write the value out '
    'in full',
    "seeds/annotations/a2.yml:1:9: byte 0xda is not UTF-8; expected the file saved as UTF-8",
    "seeds/articles/a3.txt:1:1: article has no annotation; expected seeds/annotations/a3.yml",
    "seeds/themes.yml:5:5: duplicate field `id` (first at line 4); a field may appear once",
]


def test_cli_reports_every_problem_once(many_broken: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "validate", "--seeds", "seeds"],
        capture_output=True, text=True, cwd=many_broken.parent,
    )
    assert result.returncode == 1
    # Problems on stdout, no traceback anywhere.
    _assert_plain(result.stdout + result.stderr, MANY_BROKEN)
    assert result.stdout.strip().endswith(": 15 error(s), 0 warning(s).")


def test_build_reports_every_problem_and_writes_no_site(many_broken: Path) -> None:
    where = many_broken.parent  # mkdocs.yml beside seeds/, run from there as a maintainer would
    config = write_config(Path("seeds"), where)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
         "-d", str(where / "site")],
        capture_output=True, text=True, cwd=where, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 1
    _assert_plain(result.stderr, MANY_BROKEN)
    assert not (where / "site" / "index.html").exists()


def test_github_format_keeps_one_line_per_problem(corpus_copy: Path) -> None:
    edit(corpus_copy, A, 'id: "qasim-al-araji"', 'id: "x\\n::error::forged"')
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "validate", "--seeds", "seeds",
         "--format", "github"],
        capture_output=True, text=True, cwd=corpus_copy.parent,
    )
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert all(line.startswith("::error file=seeds/") for line in lines), lines
    assert any('got "x\\u000a::error::forged"' in line for line in lines)


# -------------------------------------------------------------------------------------------------
# 4. A payload in every text field: the site builds and every payload is inert text.

# Fields the current templates show as text (the others are checked wherever they appear).
SHOWN = {
    "name-ar", "name-en", "description-ar", "label-ar", "label-en", "theme-description-ar", "title",
    "outlet", "summary", "role", "event-description", "place", "date-text", "quote", "claim",
    "second-title", "second-date-text", "body", "published-note",
}
# Fields in a page's sharing tags (<meta content>): titles and names in og:title, escaped;
# summaries and descriptions in the description, which the theme prints unescaped, so
# render.safe_description swaps the double quote too, and cuts a long one at a word, with "…".
SHARED = {"name-ar", "label-ar", "title", "second-title", "summary", "description-ar",
          "theme-description-ar"}


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from .hostile import build_hostile_site

    return build_hostile_site(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="session")
def hostile_pages(hostile_site: Path) -> dict[str, Inertness]:
    return {
        page.relative_to(hostile_site).as_posix(): inspect_html(page.read_text(encoding="utf-8"))
        for page in sorted(hostile_site.rglob("*.html"))
    }


def test_no_page_has_live_markup(hostile_pages: dict[str, Inertness]) -> None:
    assert len(hostile_pages) >= 11
    assert {path: r.live for path, r in hostile_pages.items() if r.live} == {}


@pytest.mark.parametrize("field", FIELDS)
def test_payload_shows_as_text(field: str, hostile_pages: dict[str, Inertness]) -> None:
    """Wherever a field's payload appears in page text, it appears whole: every <, > and quote of it
    was escaped, so the browser tokenised none of it as markup. (Page titles appear as safe_title
    makes them for the theme, which prints them unescaped: < > & swapped for full-width signs.)"""
    marker = "PWN-url?" if field == "url" else f"PWN-{field} "
    whole = HOSTILE_URL if field == "url" else payload(field)
    found = [path for path, r in hostile_pages.items() if marker in "".join(r.text)]
    titled = whole.replace("&", "＆").replace("<", "＜").replace(">", "＞")
    for path in found:
        text = "".join(hostile_pages[path].text)
        assert text.count(marker) == text.count(whole) + text.count(titled), f"{field} on {path}"
    if field in SHOWN:
        assert found, f"{field} is not shown on any page"
    # In attributes only where expected, and then whole (no break-out of the attribute).
    attributes = [a for r in hostile_pages.values() for a in r.attributes if marker in a[2]]
    if field == "url":
        assert attributes and all(a == ("a", "href", HOSTILE_URL) for a in attributes)
    elif field in SHARED:
        described = titled.replace('"', "＂")
        assert attributes
        for tag, name, value in attributes:
            assert (tag, name) == ("meta", "content"), (tag, name, value)
            assert titled in value or described in value or (
                value.endswith("…") and described.startswith(value[:-1])), value
    else:
        assert attributes == []


def test_article_body_markdown_stays_text(hostile_pages: dict[str, Inertness]) -> None:
    text = "".join(hostile_pages["articles/h1/index.html"].text)
    for line in ("# PWN-body-heading {#evil onclick=alert(4)}", "<!-- PWN-body-comment",
                 "</p></div></article><script>alert(7)</script>PWN-body-closing",
                 "[PWN-body-link](javascript:alert(8)) <https://evil.example/PWN-body-autolink>",
                 "title: PWN-body-front-matter"):
        assert line in text
    assert "{{ 7*7 }}" in text and "**b**" in text  # neither Jinja nor Markdown touched the text


def test_page_title_element_has_no_markup(hostile_site: Path) -> None:
    html = (hostile_site / "articles" / "h1" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "<" not in title and ">" not in title
    assert title.startswith('PWN-title "\'＞＜script＞alert("title")＜/script＞')


def test_search_index_is_inert(hostile_site: Path) -> None:
    """The search index is data (gzip JSON fragments, binary postings) and the search script builds
    results from it as text nodes only (the browser side: test_hostile_browser.py)."""
    fragments = []
    for p in sorted((hostile_site / "search" / "f").glob("*.gz")):
        data = json.loads(gzip.decompress(p.read_bytes()))  # a page's, or a list of events'
        fragments += data if isinstance(data, list) else [data]
    assert fragments and all(set(f) == {"u", "k", "t", "s", "p"} for f in fragments)
    assert all(
        isinstance(v, str) for f in fragments for v in (f["u"], f["k"], f["t"], f["s"], *f["p"])
    )
    page = r"(articles|actors|themes)/[\w-]+/"
    event = r"timeline/([\w-]+/)?#" + paths.event_anchor(r"[a-z0-9-]+")  # an event: its permalink
    assert all(re.fullmatch(f"{page}|{event}", f["u"]) for f in fragments)
    assert any(f["k"] == "event" for f in fragments)
    assert any(payload("summary") in "".join(f["p"]) for f in fragments)
    script = (
        ROOT / "generator" / "theme" / "assets" / "javascripts" / "briefing-search.js"
    ).read_text()
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", script)


def test_nothing_is_requested_from_outside(hostile_site: Path) -> None:
    outside = re.compile(r'<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*'
                         r'(?:src|href|srcset|data)\s*=\s*"?(?:https?:)?//', re.I)
    offenders = [p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html")
                 if outside.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
    css = "".join(p.read_text(encoding="utf-8") for p in hostile_site.rglob("*.css"))
    assert EVIL_HOST not in css and "fonts.googleapis" not in css


def test_source_link_is_noopener_noreferrer(hostile_site: Path) -> None:
    html = (hostile_site / "articles" / "h1" / "index.html").read_text(encoding="utf-8")
    link = re.search(r'<a [^>]*href="https://example.org/PWN-url[^>]*>', html).group(0)
    assert {"noopener", "noreferrer"} <= set(re.search(r'rel="([^"]*)"', link).group(1).split())
    escaped = (
        "https://example.org/PWN-url?q=&#34;&gt;&lt;script&gt;alert(&#34;url&#34;)&lt;/script&gt;"
    )
    assert f'href="{escaped}"' in link


# -------------------------------------------------------------------------------------------------
# 5. Nothing is written where it should not be; a broken edit under `mkdocs serve` loses nothing.


def test_hostile_build_writes_only_its_site(tmp_path: Path) -> None:
    seeds = write_hostile_corpus(tmp_path / "seeds")
    (tmp_path / "keep.txt").write_text("not the generator's\n", encoding="utf-8")
    before = tree(ROOT / "docs"), tree(seeds), tree(ROOT / "generator")
    result = mkdocs_build(seeds, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert (tree(ROOT / "docs"), tree(seeds), tree(ROOT / "generator")) == before
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "not the generator's\n"
    outside = {p.relative_to(tmp_path).parts[0] for p in tmp_path.rglob("*")}
    assert outside == {"seeds", "keep.txt", "out"}
    assert {p.name for p in (tmp_path / "out").iterdir()} == {"mkdocs.yml", "site"}


def test_serve_keeps_last_good_site_on_undecodable_edit(server) -> None:  # noqa: F811
    url, seeds, log = server
    ann = seeds / A
    good = ann.read_bytes()
    ann.write_bytes(good.replace("بحث الأعرجي".encode(), "بحث الأعرجي".encode("cp1256")))
    assert wait_for(lambda: "a1.yml:8:11: byte 0xc8 is not UTF-8" in Path(log.name).read_text())
    assert "بحث الأعرجي وعراقجي" in fetch(url)  # the last good build is still served
    assert "Traceback" not in Path(log.name).read_text(encoding="utf-8")
    fixed = good.replace("بحث الأعرجي وعراقجي أمن الحدود.".encode(), b"&lt;ok&gt; <b>PWN</b>")
    ann.write_bytes(fixed)  # fixed, with markup in the summary: shown as text once rebuilt
    shown = "&amp;lt;ok&amp;gt; &lt;b&gt;PWN&lt;/b&gt;"
    assert wait_for(lambda: shown in fetch(url)), Path(log.name).read_text(encoding="utf-8")
