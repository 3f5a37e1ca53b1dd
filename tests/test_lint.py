"""`briefing lint`: warnings with their exact places; they never fail unless --strict."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from generator.cli import main

from .conftest import ROOT


def lint(capsys, corpus: Path, *extra: str) -> tuple[int, list[str], str]:
    code = main(["lint", "--seeds", ".", *extra])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


# The test corpus as it is: a1 quotes "أمن العراق" without annotating iraq, and no article uses
# iraq.
BASE = [
    'actors.yml:15:9: actors[2]: "iraq" is used by no article (other actors refer to it); '
    "remove it, or annotate an article that names it",
    'annotations/a1.yml:10:1: actors: "iraq" is named in the text ("العراق", line 5 of a1.txt) '
    "but not annotated; add it, or ignore this if the text means something else",
]


def test_warnings_of_the_test_corpus(corpus_copy: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(corpus_copy)
    code, lines, _ = lint(capsys, corpus_copy)
    assert code == 0
    assert lines[:-1] == BASE
    assert lines[-1].startswith("2 articles linted in ") and lines[-1].endswith(": 2 warning(s).")


def each_kind_of_warning(corpus_copy: Path) -> None:
    """The test corpus edited so that it raises every kind of warning (also used by the docs-sync
    test of problem kinds)."""
    a1 = corpus_copy / "annotations" / "a1.yml"
    a1.write_text(
        a1.read_text(encoding="utf-8").replace('date: "2024-11-10"', 'date: "2024-11-12"'),
        encoding="utf-8",
    )
    actors = corpus_copy / "actors.yml"
    actors.write_text(
        actors.read_text(encoding="utf-8").replace(
            'aliases: {ar: ["عراقجي"]', 'aliases: {ar: ["عراقجي", "الاعرجي", "كان"]'
        )
        + '  - id: "nobody"\n    type: "person"\n    name: {ar: "أحد ما", en: "Nobody"}\n'
        '    description: {ar: "لا أحد."}\n',
        encoding="utf-8",
    )
    a2 = corpus_copy / "annotations" / "a2.yml"
    a2.write_text(
        a2.read_text(encoding="utf-8").replace(
            'themes: ["security-cooperation"]',
            'themes: ["security-cooperation", "border-security"]',
        ),
        encoding="utf-8",
    )
    themes = corpus_copy / "themes.yml"
    themes.write_text(
        themes.read_text(encoding="utf-8")
        + '  - id: "unused"\n    label: {ar: "غير مستعمل", en: "Unused"}\n',
        encoding="utf-8",
    )


def test_each_kind_of_warning(corpus_copy: Path, monkeypatch, capsys) -> None:
    each_kind_of_warning(corpus_copy)
    monkeypatch.chdir(corpus_copy)
    code, lines, _ = lint(capsys, corpus_copy)
    assert code == 0
    assert lines[:-1] == [
        'actors.yml:13:30: actors[1].aliases.ar[1]: "الاعرجي" is also a name of "qasim-al-araji" '
        "(line 5); a mention cannot tell the two apart: keep it for one actor only",
        'actors.yml:13:41: actors[1].aliases.ar[2]: "كان" is also a common Arabic word, '
        "so mentions of it are not counted; use a longer alias",
        BASE[0],
        'actors.yml:20:9: actors[3]: "nobody" is used by no article; remove it, '
        "or annotate an article that names it",
        BASE[1],
        'annotations/a1.yml:19:11: events[0].date: "2024-11-12" is a الثلاثاء, '
        'but date_text "الأحد" says الأحد; check the date',
        "annotations/a2.yml:17:9: events[0]: no `themes`, so the event is listed under both of the "
        "article's themes; add `themes:` with the ones it is about",
        'themes.yml:7:9: themes[2]: "unused" is used by no article; remove it, or use it',
    ]
    assert main(["lint", "--seeds", ".", "--strict"]) == 1
    capsys.readouterr()


def test_github_format_and_paths(corpus_copy: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(corpus_copy)
    code, lines, err = lint(capsys, corpus_copy, "--format", "github", "annotations")
    assert code == 0
    assert lines == [
        '::warning file=annotations/a1.yml,line=10,col=1::actors: "iraq" is named in the text '
        '("العراق", line 5 of a1.txt) but not annotated; add it, or ignore this if the text means '
        "something else"
    ]
    assert "1 warning(s); 1 more outside the given paths." in err


def test_errors_come_first(corpus_copy: Path, monkeypatch, capsys) -> None:
    a1 = corpus_copy / "annotations" / "a1.yml"
    a1.write_text(
        a1.read_text(encoding="utf-8").replace('themes: ["border-security"]', 'themes: ["nope"]'),
        encoding="utf-8",
    )
    monkeypatch.chdir(corpus_copy)
    code, lines, err = lint(capsys, corpus_copy)
    assert code == 1
    assert lines == [
        'annotations/a1.yml:9:10: themes[0]: unknown theme "nope"; expected an id from '
        "themes.yml"
    ]
    assert (
        err == "1 error(s), 0 warning(s): fix the errors first (`briefing validate`), then lint.\n"
    )


@pytest.mark.parametrize("strict", [False, True])
def test_seed_corpus_lint(monkeypatch, capsys, strict: bool) -> None:
    """The seeds: 5 warnings, each a real question for a reviewer (e.g. "عين الأسد" is a base, not
    Bashar al-Assad; "كان" is an alias of the broadcaster Kan)."""
    monkeypatch.chdir(ROOT)
    code = main(["lint", "--all", *(["--strict"] if strict else [])])
    out = capsys.readouterr().out
    assert code == (1 if strict else 0)
    assert out.splitlines()[-1].endswith(": 5 warning(s).")


def git(where: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    env.pop("GITHUB_BASE_REF", None)
    subprocess.run(["git", *args], cwd=where, check=True, capture_output=True, env=env)


def test_lint_shows_the_warnings_of_the_files_a_change_touches(
    corpus_copy: Path, monkeypatch, capsys
) -> None:
    """A newcomer's branch: the warnings of the files it changes (committed or not, new files
    too), not the corpus' old ones; --all shows every file's."""
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)
    git(corpus_copy, "init", "-q", "-b", "main")
    git(corpus_copy, "add", "-A")
    git(corpus_copy, "commit", "-q", "-m", "corpus")
    git(corpus_copy, "checkout", "-q", "-b", "new-article")
    monkeypatch.chdir(corpus_copy)
    code, lines, _ = lint(capsys, corpus_copy)
    assert lines == [lines[-1]] and lines[-1].endswith(
        ": 0 warning(s) in the files changed since main; "
        "2 more in other files (briefing lint --all)."
    )
    a1 = corpus_copy / "annotations" / "a1.yml"  # an edit, not committed yet
    a1.write_text(a1.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    code, lines, _ = lint(capsys, corpus_copy)
    assert lines[:-1] == BASE[1:]
    assert lines[-1].endswith(": 1 warning(s) in the files changed since main; 1 more in other "
                              "files (briefing lint --all).")
    code, lines, _ = lint(capsys, corpus_copy, "--all")
    assert lines[:-1] == BASE


def test_lint_outside_git_shows_every_warning(corpus_copy: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(corpus_copy)
    code, lines, _ = lint(capsys, corpus_copy)
    assert lines[:-1] == BASE


@pytest.mark.parametrize("invisible", ["\u00ad", "\u034f", "\u2060", "\u200b", "\ufeff"])
def test_invisible_characters_do_not_hide_a_shared_name(corpus_copy: Path, invisible: str,
                                                        monkeypatch, capsys) -> None:
    """A name with a soft hyphen, CGJ, word joiner, ZWSP or BOM inside is still the same name."""
    actors = corpus_copy / "actors.yml"
    text = actors.read_text(encoding="utf-8")
    actors.write_text(text + (
        '  - id: "araji-copy"\n    type: person\n'
        f'    name: {{ar: "قاسم الأع{invisible}رجي", en: "Copy"}}\n'
        '    description: {ar: "نسخة", en: "Copy"}\n'), encoding="utf-8")
    monkeypatch.chdir(corpus_copy)
    code, lines, _ = lint(capsys, corpus_copy, "--all")
    assert any('is also a name of "qasim-al-araji"' in line for line in lines), lines
