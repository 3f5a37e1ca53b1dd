"""The seed corpus still builds the pages and exports kept in tests/golden/ (see tests/golden.py):
a change to a template or a stage fails here until `make golden` records it, and the diff of
tests/golden/ shows the change in review."""

from __future__ import annotations

import difflib

from .golden import GOLDEN, outputs


def test_golden_files_are_what_the_seeds_build() -> None:
    expected = outputs()
    kept = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert kept == set(expected), "run `make golden` to record the new set of golden files"
    report = []
    for path in sorted(expected):
        old = (GOLDEN / path).read_bytes()
        if old != expected[path]:
            diff = difflib.unified_diff(
                old.decode("utf-8").splitlines(), expected[path].decode("utf-8").splitlines(),
                f"tests/golden/{path}", "built now", lineterm="", n=1,
            )
            report.append("\n".join(list(diff)[:30]))
    assert not report, "\n\n".join(report) + "\n\nIf the change is meant, run `make golden`."
