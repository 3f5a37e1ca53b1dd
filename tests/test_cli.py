"""The `briefing` command line: exit codes, text and GitHub formats, PATHS, and plain user
errors."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from generator import serveport
from generator.cli import main

from .conftest import CASES, ROOT

A1 = "annotations/a1.yml"


def run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_valid_corpus(corpus_copy: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(corpus_copy.parent)
    code, out, err = run(capsys, "validate", "--seeds", "seeds")
    assert code == 0
    assert out.startswith("2 articles, 3 actors, 2 themes checked in ")
    assert out.rstrip().endswith(": no problems.")
    assert err == ""


def broken(corpus: Path) -> None:
    """a1: an unquoted date (line 5); a2: an unknown actor (line 13)."""
    shutil.copy(CASES / "invalid" / "unquoted-date.yml", corpus / A1)
    a2 = corpus / "annotations" / "a2.yml"
    a2.write_text(
        a2.read_text(encoding="utf-8").replace('- id: "abbas-araghchi"', '- id: "abbas-araqchi"'),
        encoding="utf-8",
    )


A1_ERROR = (
    "annotations/a1.yml:5:12: date 2024-11-10 is not in quotes (YAML reads it as a date object); "
    'expected a quoted EDTF date like "2024-11-10"'
)
A2_ERROR = (
    'annotations/a2.yml:13:9: actors[1].id: unknown actor "abbas-araqchi" (did you mean '
    '"abbas-araghchi"?); expected an id from actors.yml'
)


def test_errors_text_format(corpus_copy: Path, monkeypatch, capsys) -> None:
    broken(corpus_copy)
    monkeypatch.chdir(corpus_copy)
    code, out, _ = run(capsys, "validate", "--seeds", ".")
    lines = out.splitlines()
    assert code == 1
    assert A1_ERROR in lines and A2_ERROR in lines
    assert lines[-1].endswith(": 2 error(s), 0 warning(s).")


def test_errors_github_format(corpus_copy: Path, monkeypatch, capsys) -> None:
    broken(corpus_copy)
    monkeypatch.chdir(corpus_copy)
    code, out, err = run(capsys, "validate", "--seeds", ".", "--format", "github")
    assert code == 1
    assert out.splitlines()[0] == (
        "::error file=annotations/a1.yml,line=5,col=12::date 2024-11-10 is not in quotes "
        '(YAML reads it as a date object); expected a quoted EDTF date like "2024-11-10"'
    )
    assert "::error file=annotations/a2.yml,line=13,col=9::actors[1].id: unknown actor" in out
    assert all(line.startswith("::error ") for line in out.splitlines())
    assert "2 error(s)" in err  # the summary goes to the log, not into the annotations


def test_paths_limit_the_report_not_the_checks(corpus_copy: Path, monkeypatch, capsys) -> None:
    broken(corpus_copy)
    monkeypatch.chdir(corpus_copy)
    code, out, _ = run(capsys, "validate", "--seeds", ".", "annotations/a2.yml")
    assert code == 1
    assert out.splitlines()[0] == A2_ERROR
    assert "a1.yml" not in out
    assert out.splitlines()[-1].endswith(
        ": 1 error(s), 0 warning(s); 1 more outside the given paths."
    )
    # The article text selects its annotation; a directory selects what is under it.
    code, out, _ = run(capsys, "validate", "--seeds", ".", "articles/a2.txt")
    assert code == 1 and A2_ERROR in out.splitlines() and "a1.yml" not in out
    code, out, _ = run(capsys, "validate", "--seeds", ".", "annotations")
    assert code == 1 and A1_ERROR in out.splitlines() and A2_ERROR in out.splitlines()
    # Clean paths: exit 0 even though the corpus has errors elsewhere.
    code, out, _ = run(capsys, "validate", "--seeds", ".", "themes.yml")
    assert code == 0 and out.rstrip().endswith("no problems; 2 more outside the given paths.")


def test_cross_checks_still_see_the_whole_corpus(corpus_copy: Path, monkeypatch, capsys) -> None:
    # Removing an actor from the registry breaks the annotations, reported when they are selected.
    actors = corpus_copy / "actors.yml"
    text = actors.read_text(encoding="utf-8")
    actors.write_text(
        text[: text.index('  - id: "abbas-araghchi"')] + text[text.index('  - id: "iraq"') :],
        encoding="utf-8",
    )
    monkeypatch.chdir(corpus_copy)
    code, out, _ = run(capsys, "validate", "--seeds", ".", "annotations/a2.yml")
    assert code == 1
    assert 'unknown actor "abbas-araghchi"' in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["validate", "--seeds", "nowhere"],
            "briefing validate: nowhere: no such directory; expected the seeds "
            "directory (articles/, annotations/, actors.yml, themes.yml), e.g. "
            "--seeds seeds",
        ),
        (
            ["validate", "--seeds", "seeds/articles"],
            "briefing validate: seeds/articles: not a seeds directory; "
            "expected articles/ and annotations/ in it",
        ),
        (
            ["validate", "--seeds", "seeds", "seeds/nothing.yml"],
            "briefing validate: seeds/nothing.yml: no such file or directory; "
            "expected a path in the seeds directory",
        ),
        (
            ["lint", "--seeds", "nowhere"],
            "briefing lint: nowhere: no such directory; expected the seeds "
            "directory (articles/, annotations/, actors.yml, themes.yml), e.g. "
            "--seeds seeds",
        ),
    ],
    ids=["missing-seeds", "not-seeds", "missing-path", "lint-missing-seeds"],
)
def test_user_errors_are_one_line(corpus_copy: Path, monkeypatch, capsys, argv, message) -> None:
    monkeypatch.chdir(corpus_copy.parent)
    code, out, err = run(capsys, *argv)
    assert (code, out, err) == (1, "", message + "\n")


def test_console_script_exit_codes(corpus_copy: Path) -> None:
    """The installed `briefing` script, as CI and pre-commit run it."""
    script = Path(sys.executable).parent / "briefing"
    ok = subprocess.run(
        [str(script), "validate", "--seeds", str(corpus_copy)], capture_output=True, text=True
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    broken(corpus_copy)
    bad = subprocess.run(
        [str(script), "validate", "--seeds", str(corpus_copy), "--format", "github"],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1
    assert bad.stdout.count("::error file=") == 2
    assert "Traceback" not in bad.stderr
    none = subprocess.run(
        [str(script), "new", str(corpus_copy / "nothing.txt")], capture_output=True, text=True
    )
    assert none.returncode == 1 and "Traceback" not in none.stderr and "no such file" in none.stderr


def test_the_project_seeds_are_valid(monkeypatch, capsys) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = run(capsys, "validate")
    assert code == 0, out


def test_progress_on_a_terminal(corpus_copy: Path, monkeypatch, capsys) -> None:
    """On a terminal, long runs show a progress line (rewritten in place, then cleared)."""
    import io

    from generator import cli

    screen = io.StringIO()
    progress_class = cli.Progress
    monkeypatch.setattr(cli, "Progress", lambda: progress_class(screen, enabled=True))
    monkeypatch.chdir(corpus_copy)
    assert main(["lint", "--seeds", "."]) == 0
    shown = screen.getvalue()
    assert "\r\033[Kreading and checking ./ …" in shown and "\r\033[Klinting articles 2/2" in shown
    assert shown.endswith("\r\033[K")  # cleared before the report
    assert capsys.readouterr().out.splitlines()[-1].startswith("2 articles linted in ")


# -------------------------------------------------------------------------------------------------
# make targets: what CONTRIBUTING.md tells a newcomer to type works as written.

VENV = ROOT / ".venv"


def make(*args: str, cwd: Path = ROOT, timeout: float = 120) -> subprocess.CompletedProcess:
    """`make ARGS` with the project's Makefile and venv, never rebuilding the venv (-o), run in its
    own process group so that a server it starts by mistake is stopped with it."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    argv = ["make", "--no-print-directory", "-f", str(ROOT / "Makefile"), f"VENV={VENV}",
            "-o", str(VENV / ".installed"), *args]
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)
        out, err = proc.communicate()
        pytest.fail(f"make {' '.join(args)} did not finish: {out}{err}")
    return subprocess.CompletedProcess(argv, proc.returncode, out, err)


def test_make_new_passes_published_and_force() -> None:
    dry = make("-n", "new", "FILE=seeds/articles/005_x.txt", "PUBLISHED=2024-11?", "FORCE=1")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines()[-1] == (
        f"{VENV}/bin/briefing new 'seeds/articles/005_x.txt' --published '2024-11?' --force"
    )
    plain = make("-n", "new", "FILE=seeds/articles/005_x.txt", "FORCE=0")
    assert plain.stdout.splitlines()[-1] == f"{VENV}/bin/briefing new 'seeds/articles/005_x.txt'"


def test_make_new_without_a_file_says_what_to_type() -> None:
    result = make("new")
    assert result.returncode == 2  # make's status for a failed recipe
    assert result.stderr.splitlines()[0] == (
        "make new: which article? e.g. make new FILE=seeds/articles/005_1a2b3c4d5e6f7a8b.txt"
    )
    assert "Traceback" not in result.stderr


def test_make_new_force_keeps_the_old_draft_and_validate_skips_it(corpus_copy: Path) -> None:
    old = (corpus_copy / A1).read_bytes()
    where = corpus_copy.parent
    result = make("new", "FILE=seeds/articles/a1.txt", "PUBLISHED=2024-11-10", "FORCE=1", cwd=where)
    assert result.returncode == 0, result.stderr
    assert "kept the old annotation as seeds/annotations/a1.yml.bak" in result.stderr
    assert (corpus_copy / "annotations" / "a1.yml.bak").read_bytes() == old
    assert (corpus_copy / A1).read_bytes() != old
    # The draft has TODOs (errors); a2 alone is clean, and the .bak is no stray file.
    checked = make("validate", "FILE=seeds/annotations/a2.yml", cwd=where)
    assert checked.returncode == 0, checked.stdout
    assert "no problems; " in checked.stdout and ".bak" not in checked.stdout
    everything = make("validate", cwd=where)
    assert everything.returncode == 2 and "seeds/annotations/a1.yml:" in everything.stdout
    assert ".bak" not in everything.stdout
    linted = make("-n", "lint", "FILE=seeds/annotations/a2.yml", cwd=where)
    assert linted.stdout.splitlines()[-1] == f"{VENV}/bin/briefing lint seeds/annotations/a2.yml"


def test_make_test_runs_ruff_first_and_stops_on_a_long_line(tmp_path: Path) -> None:
    """`make test` (so also .ci/run) checks generator/ and tests/ with the venv's ruff before
    pytest; a violation stops it before any test runs."""
    dry = make("-n", "test")
    assert dry.returncode == 0, dry.stderr
    ruff, pytest_line = dry.stdout.splitlines()
    assert ruff == f"{VENV}/bin/ruff check generator tests"
    assert pytest_line.endswith(f"{VENV}/bin/python -m pytest -q")
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    for folder in ("generator", "tests"):
        (tmp_path / folder).mkdir()
    (tmp_path / "tests" / "test_long.py").write_text(f'NAME = "{"x" * 100}"\n', encoding="utf-8")
    result = make("test", cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "E501" in result.stdout and "tests/test_long.py:1:101" in result.stdout
    assert "pytest" not in result.stdout + result.stderr


def test_contributing_commands_are_what_make_runs() -> None:
    """Every `make …` line in CONTRIBUTING.md's shell blocks (both languages) is a real target."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    lines = [line.split("#")[0].split() for b in blocks for line in b.splitlines()]
    commands = [words for words in lines if words and words[0] == "make"]
    assert len(commands) >= 8
    for words in commands:
        dry = make("-n", *words[1:])
        assert dry.returncode == 0, (words, dry.stderr)


@pytest.fixture
def busy_port():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield taken.getsockname()[1]


def test_make_serve_on_a_busy_port_is_one_plain_line(busy_port: int) -> None:
    result = make("serve", f"PORT={busy_port}", timeout=60)
    lines = result.stderr.splitlines()
    assert result.returncode == 2 and "Traceback" not in result.stderr + result.stdout
    assert re.fullmatch(
        rf"port {busy_port} is in use; choose another with make serve PORT=(\d+)", lines[0]
    ), lines
    suggested = int(lines[0].rsplit("=", 1)[1])
    assert suggested != busy_port and serveport.problem("127.0.0.1", str(suggested)) is None
    assert lines[1:] == [f"make: *** [{ROOT / 'Makefile'}:{_serve_line()}: serve] Error 1"]
    assert result.stdout == ""  # mkdocs never started


def _serve_line() -> int:
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if "generator.serveport" in line)


def test_make_serve_port_must_be_a_number() -> None:
    result = make("serve", "PORT=80a", timeout=60)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        "PORT=80a is not a port number; choose one from 1024 to 65535, e.g. make serve PORT=8001"
    )


def test_make_serve_dry_run_uses_the_port() -> None:
    dry = make("-n", "serve", "PORT=8123")
    assert dry.stdout.splitlines() == [
        f"{VENV}/bin/python -m generator.serveport 127.0.0.1 8123",
        f"NO_MKDOCS_2_WARNING=1 {VENV}/bin/mkdocs serve --livereload --dirty --no-strict "
        "--dev-addr 127.0.0.1:8123",
    ]


def test_render_writes_every_page_and_file_then_replaces_the_folder(tmp_path: Path, capsys) -> None:
    out = tmp_path / "rendered"
    code, _, err = run(capsys, "render", "--seeds", str(CASES / "corpus"), "--out", str(out))
    assert code == 0 and "pages" in err
    assert (out / "articles" / "a1.md").read_text(encoding="utf-8").startswith("---\ntitle: ")
    events = gzip.decompress((out / "data" / "events.csv.gz").read_bytes())
    assert events.startswith(b"\xef\xbb\xbf")
    (out / "stale.md").write_text("from an older render", encoding="utf-8")
    code, _, _ = run(capsys, "render", "--seeds", str(CASES / "corpus"), "--out", str(out))
    assert code == 0 and not (out / "stale.md").exists()  # replaced whole


def test_render_refuses_a_folder_it_did_not_write(tmp_path: Path, capsys) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("hand-written", encoding="utf-8")
    code, _, err = run(capsys, "render", "--seeds", str(CASES / "corpus"),
                       "--out", str(tmp_path / "docs"))
    assert code == 1 and "is not empty" in err and "Traceback" not in err
    assert (tmp_path / "docs" / "index.md").read_text(encoding="utf-8") == "hand-written"


def test_a_bad_option_in_mkdocs_yml_is_named_with_its_line(tmp_path: Path, capsys) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\nplugins:\n  - briefing:\n      seeds_dir: seeds\n      page_items: 5\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "validate", "-f", str(config), "--seeds", str(CASES / "corpus"))
    assert code == 1
    assert err.strip().endswith(
        "mkdocs.yml:5:7: plugins.briefing.page_items: got 5; expected a whole number, at least 10")
