"""`briefing` command line: validate, new, lint, export and render, without MkDocs.

Every user error (a missing file, a bad seeds directory, an existing annotation) is one plain line
and exit status 1; tracebacks are kept for bugs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from . import paths
from .edtf import EdtfError, parse_edtf
from .export import TABLES
from .load import load_corpus
from .options import CONFIG_FILE, BuildOptions, OptionError, read_options
from .output import OutputClash, OutputFile
from .pipeline import EXPORTS, EVERYTHING, SEARCH, Checked, build, check
from .problems import Problem, ValidationFailed, display_path
from .yamlio import TextError, read_text

_STEM_HINT = 'expected letters, digits, "_" and "-" only, like 005_1a2b3c4d5e6f7a8b.txt'


class UserError(Exception):
    """A mistake in how the command was called; printed as one line, exit 1."""


class Progress:
    """A one-line progress display on a terminal (nothing when stderr is a file or a CI log)."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.started = time.monotonic()
        self.last = 0.0
        self.shown = False

    def say(self, text: str, force: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not force and now - self.last < 0.1):
            return
        self.last = now
        self.stream.write(f"\r\033[K{text}")
        self.stream.flush()
        self.shown = True

    def count(self, label: str) -> Callable[[int, int], None]:
        return lambda n, total: self.say(f"{label} {n:,}/{total:,}", force=n == total)

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False

    @property
    def elapsed(self) -> str:
        return f"{time.monotonic() - self.started:.1f} s"


def _seeds(path: str) -> Path:
    seeds = Path(path)
    if not seeds.is_dir():
        raise UserError(
            f"{path}: no such directory; expected the seeds directory (articles/, annotations/, "
            "actors.yml, themes.yml), e.g. --seeds seeds"
        )
    if not (seeds / "articles").is_dir() and not (seeds / "annotations").is_dir():
        raise UserError(f"{path}: not a seeds directory; expected articles/ and annotations/ in it")
    return seeds


def _options(args: argparse.Namespace) -> BuildOptions:
    """The options the site is built with (mkdocs.yml, or the file given with -f), then the
    command line's own: --seeds, --site-url."""
    config = Path(args.config_file or CONFIG_FILE)
    if config.is_file():
        try:
            options = read_options(config)
        except OptionError as err:
            raise UserError(str(err)) from None
    elif args.config_file:
        raise UserError(f"{args.config_file}: no such file; expected MkDocs' configuration file, "
                        "e.g. -f mkdocs.yml")
    else:
        options = BuildOptions()
    seeds = _seeds(args.seeds) if getattr(args, "seeds", None) else _seeds(str(options.seeds_dir))
    options = replace(options, seeds_dir=seeds)
    if getattr(args, "site_url", None) is not None:
        options = replace(options, site_url=args.site_url)
    return options


def _check(seeds: Path, progress: Progress) -> Checked:
    progress.say(f"reading and checking {display_path(seeds)}/ …", force=True)
    return check(seeds)


def _selection(paths: list[str]) -> list[Path] | None:
    """Resolved files and directories to report on; an article and its annotation go together."""
    if not paths:
        return None
    chosen: list[Path] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise UserError(
                f"{given}: no such file or directory; expected a path in the seeds directory"
            )
        path = path.resolve()
        chosen.append(path)
        if path.is_file() and path.parent.name == "annotations":
            chosen.append(path.parent.parent / "articles" / f"{path.stem}.txt")
        elif path.is_file() and path.parent.name == "articles":
            chosen += [
                path.parent.parent / "annotations" / f"{path.stem}{ext}"
                for ext in (".yml", ".yaml")
            ]
    return chosen


def _selected(problem: Problem, chosen: list[Path] | None) -> bool:
    if chosen is None:
        return True
    where = Path(problem.path).resolve()
    return any(where == c or c in where.parents for c in chosen)


def _report(problems: Iterable[Problem], fmt: str, out: TextIO) -> None:
    problems = sorted(problems)
    if fmt == "github":
        # Workflow commands put each problem on its line of the pull request's "Files changed".
        for p in problems:
            print(p.format_github(), file=out)
    else:
        for p in problems:
            print(p.format(), file=out)


def _counts(problems: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    return f"{errors} error(s), {len(problems) - errors} warning(s)"


def _outside(hidden: int) -> str:
    return f"; {hidden} more outside the given paths" if hidden else ""


def cmd_validate(args: argparse.Namespace) -> int:
    progress = Progress()
    seeds = _options(args).seeds_dir
    chosen = _selection(args.paths)
    checked = _check(seeds, progress)
    raw, corpus, problems = checked.raw, checked.corpus, checked.problems
    progress.clear()
    shown = [p for p in problems if _selected(p, chosen)]
    _report(shown, args.format, sys.stdout)
    what = f"{len(raw.texts):,} articles, {len(raw.annotations):,} annotations"
    if corpus is not None:
        what = (
            f"{len(corpus.articles):,} articles, {len(corpus.actors):,} actors, "
            f"{len(corpus.themes):,} themes"
        )
    verdict = _counts(shown) if shown else "no problems"
    print(
        f"{what} checked in {progress.elapsed}: {verdict}{_outside(len(problems) - len(shown))}.",
        file=sys.stderr if args.format == "github" else sys.stdout,
    )
    return 1 if any(p.severity == "error" for p in shown) else 0


def _changed(seeds: Path, base: str | None) -> tuple[list[Path] | None, str]:
    """The files a change touches, for lint: those that differ from where the branch left the base
    (--base, else the pull request's target GITHUB_BASE_REF, else main), committed or not, and new
    files; with how they were found. None when git cannot tell (then every file is linted)."""

    def git(*args: str) -> list[str] | None:
        try:
            run = subprocess.run(["git", *args], capture_output=True, text=True, cwd=seeds,
                                 timeout=60)
        except (OSError, subprocess.SubprocessError):
            return None
        return run.stdout.splitlines() if run.returncode == 0 else None

    top = git("rev-parse", "--show-toplevel")
    if not top:
        return None, "not in a git checkout"
    target = os.environ.get("GITHUB_BASE_REF")
    refs = [base] if base else [f"origin/{target}"] if target else ["origin/main", "main"]
    for ref in refs:
        if fork := git("merge-base", "HEAD", ref):
            break
    else:
        return None, f"no branch {' or '.join(refs)} to compare with (--base REF chooses one)"
    names = (git("diff", "--name-only", fork[0]) or []) + (
        git("ls-files", "--others", "--exclude-standard", "--full-name", ":/") or [])
    return [Path(top[0], name).resolve() for name in names], f"changed since {ref}"


def cmd_lint(args: argparse.Namespace) -> int:
    from .lint import lint

    progress = Progress()
    seeds = _options(args).seeds_dir
    scope = "the given paths"
    if args.paths:
        chosen = _selection(args.paths)
    elif args.all:
        chosen, scope = None, "all files"
    else:
        changed, how = _changed(seeds, args.base)
        chosen = None if changed is None else _selection([str(p) for p in changed if p.exists()])
        scope = f"the files {how}" if changed is not None else f"all files ({how})"
        chosen = chosen if chosen is not None or changed is None else []
    checked = _check(seeds, progress)
    raw, corpus = checked.raw, checked.corpus
    if corpus is None:
        progress.clear()
        _report(checked.problems, args.format, sys.stdout)
        print(
            f"{_counts(checked.problems)}: fix the errors first (`briefing validate`), then lint.",
            file=sys.stderr,
        )
        return 1
    warnings = lint(corpus, raw, progress.count("linting articles"))
    progress.clear()
    shown = [p for p in warnings if _selected(p, chosen)]
    _report(shown, args.format, sys.stdout)
    hidden = len(warnings) - len(shown)
    more = ""
    if hidden and args.paths:
        more = _outside(hidden)
    elif hidden:
        more = f" in {scope}; {hidden} more in other files (briefing lint --all)"
    print(
        f"{len(corpus.articles):,} articles linted in {progress.elapsed}: {len(shown)} warning(s)"
        f"{more}.",
        file=sys.stderr if args.format == "github" else sys.stdout,
    )
    return 1 if args.strict and shown else 0


def cmd_new(args: argparse.Namespace) -> int:
    from .suggest.draft import existing_events, make_draft, render_draft
    from .suggest.registry import registries_of
    from .validate import valid_stem

    article = Path(args.article)
    if not article.exists():
        raise UserError(
            f"{args.article}: no such file; "
            "expected the article's text, e.g. seeds/articles/005_….txt"
        )
    if article.is_dir():
        raise UserError(f"{args.article}: is a directory; expected one article's .txt file")
    if article.suffix != ".txt":
        raise UserError(
            f"{args.article}: not a .txt file; expected the article text saved as UTF-8 .txt"
        )
    stem = article.stem
    if not valid_stem(stem):
        raise UserError(f'{args.article}: file name "{stem}" is not allowed; {_STEM_HINT}')
    if args.seeds:
        seeds = _seeds(args.seeds)
    elif article.resolve().parent.name == "articles":
        seeds = _seeds(str(article.resolve().parent.parent))
    elif args.stdout:
        seeds = _seeds("seeds")
    else:
        raise UserError(
            f"{args.article}: not in a seeds articles/ folder; copy it to seeds/articles/ first "
            "(its annotation goes to seeds/annotations/), or use --stdout"
        )
    target = seeds / "annotations" / f"{stem}.yml"
    for place in (target, target.with_suffix(".yaml")):
        if place.is_dir():
            raise UserError(f"{display_path(place)}: is a folder; expected the annotation file "
                            "there (remove or rename the folder)")
    existing = [p for p in (target, target.with_suffix(".yaml")) if p.exists()]
    drafts = [p for p in existing if _unedited_draft(p)]
    edited = [p for p in existing if p not in drafts]
    if edited and not args.stdout and not args.force:
        raise UserError(
            f"{display_path(edited[0])}: already exists and was edited since `briefing new` wrote "
            "it; `briefing new` never overwrites your work (edit it, or start again with --force, "
            f"which keeps it as {_backup(edited[0]).name})"
        )
    if args.published:
        try:
            parse_edtf(args.published)
        except EdtfError as err:
            raise UserError(f"--published: {err}") from None
    try:
        text = read_text(article)
    except TextError as err:
        raise UserError(f"{display_path(article)}:{err.line}:{err.column}: {err.message}") from None
    raw = load_corpus(seeds)
    registries = registries_of(raw)
    if registries.problems:
        print(
            f"warning: the registries have {len(registries.problems)} problem(s), "
            "so no actor or theme is "
            "suggested; run `briefing validate` to see them",
            file=sys.stderr,
        )
    others = [(s, r.doc.data) for s, r in sorted(raw.annotations.items()) if s != stem and r.doc]
    draft = make_draft(
        stem, text, registries.actors, registries.themes, existing_events(others), args.published
    )
    yaml_text = render_draft(draft, target, display_path(article))
    if args.stdout:
        sys.stdout.write(yaml_text)
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        for old in edited:  # --force: the old annotation stays next to the new one, as .bak
            backup = _backup(old)
            os.replace(old, backup)
            print(f"kept the old annotation as {display_path(backup)}", file=sys.stderr)
        for old in drafts:
            if old != target:
                old.unlink()
            print(f"replaced the unedited draft {display_path(old)}", file=sys.stderr)
        _write_whole(target, yaml_text)
    events = len({(d.edtf, d.phrase) for d in draft.dates if not draft.is_publication(d)})
    where = "standard output" if args.stdout else display_path(target)
    near = f" (and {len(draft.near_misses)} near miss(es))" if draft.near_misses else ""
    print(
        f"wrote {where}: {len(draft.actors)} actor(s){near}, {events} date phrase(s), "
        f"{len(draft.new_actors)} possible new actor(s) to check. Fill every TODO, then run "
        "`briefing validate`.",
        file=sys.stderr,
    )
    return 0


def _unedited_draft(path: Path) -> bool:
    from .suggest.draft import untouched

    try:
        return untouched(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return False


def _backup(path: Path) -> Path:
    """NAME.yml.bak, or NAME.2.yml.bak … when that is taken (the loader skips *.yml.bak)."""
    backup = path.with_name(f"{path.name}.bak")
    n = 2
    while backup.exists():
        backup = path.with_name(f"{path.stem}.{n}{path.suffix}.bak")
        n += 1
    return backup


def _write_whole(target: Path, text: str) -> None:
    """Write a file whole or not at all: a temporary file beside it, then renamed."""
    tmp = target.with_name(f".{target.name}.tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, target)


def _build(options: BuildOptions, parts: frozenset[str]):  # noqa: ANN202
    """pipeline.build, with the input's problems as the build reports them."""
    try:
        return build(options, parts)
    except ValidationFailed as failure:
        _report(failure.problems, "text", sys.stderr)
        print(f"{_counts(failure.problems)}; nothing written.", file=sys.stderr)
    except OutputClash as clash:
        print(f"{clash}; nothing written.", file=sys.stderr)
    return None


def _out_dir(given: str) -> Path:
    """A folder to write into, refused in plain words when it cannot be one."""
    out = Path(given)
    if out.is_symlink() and not out.exists():
        raise UserError(f"{given}: is a link to nothing; expected a folder (or a new name)")
    if out.exists() and not out.is_dir():
        raise UserError(f"{given}: is a file; expected a folder (or a new name)")
    return out


def _write(out: Path, name: str, content: bytes) -> Path:
    """Write one file into `out` whole (a temporary file, then renamed), never through a link."""
    target = out / name
    if target.is_symlink():
        raise UserError(f"{display_path(target)}: is a link; remove it or choose another --out")
    if target.is_dir():
        raise UserError(f"{display_path(target)}: is a folder; expected a file here")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    with os.fdopen(fd, "wb") as f:
        f.write(content)
    os.replace(temporary, target)
    return target


def cmd_export(args: argparse.Namespace) -> int:
    """Write the site's exports (the CSV tables, or the JSON model and its schema) into --out,
    exactly as the site's data/ folder holds them."""
    options = _options(args)
    out = _out_dir(args.out)
    result = _build(options, frozenset({EXPORTS}))
    if result is None:
        return 1
    wanted = set(TABLES) if args.format == "csv" else {paths.BRIEFING_JSON, paths.BRIEFING_SCHEMA}
    out.mkdir(parents=True, exist_ok=True)
    for file in result.files:
        if file.path in wanted:
            print(_write(out, Path(file.path).name, file.content))
    return 0


RENDER_MARK = ".briefing-render"  # a folder `briefing render` made, and may replace


def cmd_render(args: argparse.Namespace) -> int:
    """Write every generated page (Markdown) and file into --out, as a site engine receives them."""
    options = _options(args)
    out = _out_dir(args.out)
    if out.exists() and any(out.iterdir()) and not (out / RENDER_MARK).exists():
        raise UserError(
            f"{args.out}: is not empty; expected a new folder, or one `briefing render` "
            "wrote before (it is replaced whole)"
        )
    parts = EVERYTHING if options.search else EVERYTHING - {SEARCH}
    result = _build(options, parts)
    if result is None:
        return 1
    files = [OutputFile(p.src_uri, p.content) for p in result.pages] + result.files
    out.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}."))
    try:
        for file in files:
            _write(fresh, file.path, file.content)
        (fresh / RENDER_MARK).write_text(
            "written by `briefing render`; replaced whole by the next\n"
        )
        if out.exists():
            shutil.rmtree(out)
        fresh.rename(out)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    print(f"wrote {display_path(out)}/: {len(result.pages):,} pages, {len(result.files):,} files",
          file=sys.stderr)
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="briefing", description="Arabic news briefing generator: checks and helpers"
    )
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    # Every command reads the site's options from mkdocs.yml, as the MkDocs plugin does.
    config = argparse.ArgumentParser(add_help=False)
    config.add_argument(
        "-f", "--config-file", metavar="FILE",
        help=f"MkDocs' configuration file to read the options from (default: {CONFIG_FILE})",
    )
    seeds = argparse.ArgumentParser(add_help=False)
    seeds.add_argument("--seeds", help="seeds directory (default: seeds_dir in mkdocs.yml)")

    check = sub.add_parser("validate", parents=[config, seeds],
                           help="check annotations and registries; exit 1 on errors")
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="only report problems in these files or directories (everything is still checked)",
    )
    check.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="github: workflow annotations that show on the pull request's lines",
    )
    check.set_defaults(run=cmd_validate)

    new = sub.add_parser(
        "new", help="write a starting annotation for a new article, with suggestions"
    )
    new.add_argument(
        "article", metavar="ARTICLE.txt", help="the article text, e.g. seeds/articles/005_x.txt"
    )
    new.add_argument("--seeds", help="seeds directory (default: the one holding ARTICLE.txt)")
    new.add_argument(
        "--published",
        metavar="EDTF",
        help='publication date when the text does not print it, e.g. "2024-11-10"',
    )
    new.add_argument("--stdout", action="store_true", help="print the draft instead of writing it")
    new.add_argument(
        "--force", action="store_true",
        help="replace an annotation you edited, keeping it as NAME.yml.bak (an unedited draft is "
        "replaced without it)",
    )
    new.set_defaults(run=cmd_new)

    warn = sub.add_parser(
        "lint", parents=[config, seeds],
        help="warnings for reviewers (unannotated mentions, weekdays, unused entries)"
    )
    warn.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="only report warnings in these files or directories (default: the changed files)",
    )
    warn.add_argument("--format", choices=["text", "github"], default="text")
    warn.add_argument("--strict", action="store_true", help="exit 1 when there are warnings")
    warn.add_argument(
        "--all", action="store_true",
        help="every file's warnings (default: the files the change touches, as git tells)",
    )
    warn.add_argument(
        "--base", metavar="REF",
        help="the branch the change is compared with (default: the pull request's target, or main)",
    )
    warn.set_defaults(run=cmd_lint)

    export = sub.add_parser("export", parents=[config, seeds],
                            help="write the data exports (as in the site's data/ folder)")
    export.add_argument(
        "--format", choices=["csv", "json"], required=True,
        help="csv: events, articles, actors, themes, ties; json: briefing.json and its schema",
    )
    export.add_argument("--out", default="exports", help="folder to write into (default: exports)")
    export.add_argument(
        "--site-url", help="site URL for absolute page links (default: site_url in mkdocs.yml)"
    )
    export.set_defaults(run=cmd_export)

    render = sub.add_parser(
        "render", parents=[config, seeds],
        help="write every generated page and file into a folder, for any site engine",
    )
    render.add_argument("--out", required=True, help="folder to write into (replaced whole)")
    render.add_argument(
        "--site-url", help="site URL for absolute links in exports and feeds (default: mkdocs.yml)"
    )
    render.set_defaults(run=cmd_render)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except UserError as err:
        print(f"briefing {args.command}: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `briefing validate | head`: the reader left; that is not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
