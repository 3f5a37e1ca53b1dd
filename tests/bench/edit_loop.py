"""The edit loop of `make serve`, in process (not a test; run by tests/bench/run.py --serve).

    python -m tests.bench.edit_loop SEEDS_DIR

Copies the corpus, builds it once with an incremental Session (generator/incremental.py), as
`mkdocs serve` does, then makes one edit of each kind an analyst makes and rebuilds after each:
the CPU seconds of each rebuild, stage by stage, and how many pages were rendered again; then a
full build of the same input in the same process, for comparison. Prints one JSON object.
`mkdocs serve` itself adds MkDocs' own work (tests/bench/run.py: serve_edit).
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from generator import pipeline
from generator.incremental import Session
from generator.options import BuildOptions


def _sub(path: Path, pattern: str, new: str, middle: bool = False) -> None:
    """Replace the first match of `pattern` (or the middle one)."""
    text = path.read_text(encoding="utf-8")
    found = list(re.finditer(pattern, text, flags=re.MULTILINE))
    if not found:
        raise SystemExit(f"{path}: nothing matches {pattern!r}")
    match = found[len(found) // 2] if middle else found[0]
    path.write_text(text[:match.start()] + match.expand(new) + text[match.end():],
                    encoding="utf-8")


def edits(seeds: Path) -> list[tuple[str, Callable[[], None]]]:
    """One edit of each kind, to the annotation in the middle of the corpus."""
    stems = sorted(p.stem for p in (seeds / "annotations").glob("*.yml"))
    stem = stems[len(stems) // 2]
    ann = seeds / "annotations" / f"{stem}.yml"

    def add() -> None:
        shutil.copy(seeds / "articles" / f"{stem}.txt", seeds / "articles" / "zz_added.txt")
        shutil.copy(ann, seeds / "annotations" / "zz_added.yml")

    def delete() -> None:
        (seeds / "articles" / "zz_added.txt").unlink()
        (seeds / "annotations" / "zz_added.yml").unlink()

    return [
        ("summary", lambda: _sub(ann, r'^summary: ".*"$', 'summary: "ملخص معدل لقياس البناء"')),
        ("role", lambda: _sub(ann, r'^(    role: )".*"$', r'\1"دور معدل لقياس البناء"')),
        ("event date", lambda: _sub(ann, r'^(    date: ")(\d{4}-\d{2})-\d{2}"$', r'\1\2"')),
        ("claim", lambda: _sub(ann, r'^(claims:\n  - claimant: "[^"]*"\n    text: )".*"$',
                               r'\1"ادعاء معدل لقياس البناء"')),
        ("published date", lambda: _sub(ann, r'^published: ".*"$', 'published: "2020-02-02"')),
        ("registry name", lambda: _sub(seeds / "actors.yml", r'^(    name: \{ar: "[^"]*", en: )"',
                                       r'\1"Renamed ')),
        ("registry Arabic name", lambda: _sub(seeds / "actors.yml", r'^(    name: \{ar: )"',
                                              r'\1"معدل ', middle=True)),
        ("article added", add),
        ("article removed", delete),
    ]


def measure(source: Path, only: list[str] | None = None) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        shutil.copytree(source, seeds, ignore=shutil.ignore_patterns(".stamp"))
        options = BuildOptions(seeds_dir=seeds)
        session = Session(options)
        session.files.RACY_NS = 0  # each edit below is a new save; nothing is edited twice at once
        start = time.process_time()
        first = pipeline.build(options, reuse=session)
        result: dict[str, object] = {"first_cpu_s": time.process_time() - start,
                                     "pages": len(first.pages), "edits": {}}
        del first
        for name, edit in edits(seeds):
            if only and name not in only:
                continue
            edit()
            start = time.process_time()
            pipeline.build(options, reuse=session)
            result["edits"][name] = {  # type: ignore[index]
                "cpu_s": time.process_time() - start, "stages": session.times,
                "rendered": session.rendered, "files_read": session.files.reads}
        result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        del session  # a full build of the same input after the last edit, as it was before #17
        start = time.process_time()
        pipeline.build(options)
        result["full_cpu_s"] = time.process_time() - start
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", type=Path)
    parser.add_argument("--only", nargs="+", help="these edits only (default: all)")
    args = parser.parse_args()
    with pipeline.no_cycle_collection():
        print(json.dumps(measure(args.seeds, args.only)), file=sys.stdout, flush=True)


if __name__ == "__main__":
    main()
