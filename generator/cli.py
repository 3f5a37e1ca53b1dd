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


def _export(args: argparse.Namespace) -> int:
    """Write the site's exports (CSV tables, or the JSON model and its schema) into --out."""
    from .derive import derive_site
    from .export import csv_files, json_files
    from .network import derive_network
    from .output import Publication

    seeds = Path(args.seeds)
    if not (seeds / "articles").is_dir() and not (seeds / "annotations").is_dir():
        print(f"{seeds}: not a seeds directory; expected articles/ and annotations/ in it", file=sys.stderr)
        return 1
    try:
        site = derive_site(validate(load_corpus(seeds)))
    except ValidationFailed as failure:
        print(format_problems(failure.problems), file=sys.stderr)
        return 1
    network, pub = derive_network(site), Publication(url=args.site_url)
    files = csv_files(site, network, pub, "") if args.format == "csv" else json_files(site, network, pub, "")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for file in files:
        (out / file.path).write_bytes(file.content)
        print(out / file.path)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="briefing", description="Arabic news briefing generator")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="check annotations and registries; exit 1 on errors")
    check.add_argument("--seeds", default="seeds", help="seeds directory (default: seeds)")
    check.add_argument("--format", choices=["text", "github"], default="text")
    check.set_defaults(run=_validate)
    export = sub.add_parser("export", help="write the data exports (as in the site's data/ folder)")
    export.add_argument("--format", choices=["csv", "json"], required=True,
                        help="csv: events, articles, actors, themes, ties; json: briefing.json and its schema")
    export.add_argument("--seeds", default="seeds", help="seeds directory (default: seeds)")
    export.add_argument("--out", default="exports", help="folder to write into (default: exports)")
    export.add_argument("--site-url", default="", help="site URL for absolute page links (default: relative)")
    export.set_defaults(run=_export)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
