"""`briefing` command line: validate (and later new, lint, export) without building the site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .load import load_corpus
from .problems import ValidationFailed, format_problems
from .validate import validate


def _validate(args: argparse.Namespace) -> int:
    seeds = Path(args.seeds)
    if not (seeds / "articles").is_dir() and not (seeds / "annotations").is_dir():
        print(f"{seeds}: not a seeds directory; expected articles/ and annotations/ in it", file=sys.stderr)
        return 1
    try:
        corpus = validate(load_corpus(seeds))
    except ValidationFailed as failure:
        if args.format == "github":
            print("\n".join(p.format_github() for p in failure.problems))
        print(format_problems(failure.problems), file=sys.stderr)
        return 1
    print(f"{len(corpus.articles)} articles, {len(corpus.actors)} actors, {len(corpus.themes)} themes: no problems.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="briefing", description="Arabic news briefing generator")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="check annotations and registries; exit 1 on errors")
    check.add_argument("--seeds", default="seeds", help="seeds directory (default: seeds)")
    check.add_argument("--format", choices=["text", "github"], default="text")
    check.set_defaults(run=_validate)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
