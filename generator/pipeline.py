"""The whole generator, one line per stage: load -> validate -> derive -> render pages and files
(exports, feeds, search index). The only place that chains the stages: the MkDocs plugin and every
command (validate, lint, export, render) come through here."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from typing import Protocol
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from .derive import derive_site
from .export import ExportMemo, csv_files, json_files
from .feed import feed_files
from .filterdata import filter_files
from .load import FileCache, RawCorpus, load_corpus
from .memo import Memo
from .model import Corpus, Site
from .network import Network, derive_network
from .options import BuildOptions
from . import paths
from .output import OutputFile, check_unique
from .problems import Problem, ValidationFailed
from .render import RenderedPage, Renderer, render_site
from .search import build_search
from .search.memo import SearchMemo
from .validate import ArticleMemo, validate

# What a build can make; a command asks for the part it needs.
PAGES, EXPORTS, FEEDS, SEARCH = "pages", "exports", "feeds", "search"
EVERYTHING = frozenset((PAGES, EXPORTS, FEEDS, SEARCH))
RendererFactory = Callable[[Site, BuildOptions], Renderer]


@dataclass(frozen=True)
class Checked:
    """The input as read and checked: the typed Corpus, or None with the problems that stop it.
    Warnings of a valid corpus are in `problems` too."""

    raw: RawCorpus
    corpus: Corpus | None
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Build:
    """Everything a build produces: Markdown pages and finished files (exports, feeds, search)."""

    pages: list[RenderedPage]
    files: list[OutputFile]


def check(seeds_dir: Path, cache: FileCache | None = None,
          memo: ArticleMemo | None = None) -> Checked:
    """Load and validate, keeping what was read for commands that report on it."""
    raw = load_corpus(seeds_dir, cache)  # read files, keep positions; never judge
    try:
        return Checked(raw, validate(raw, memo))  # schema + cross-checks; all problems at once
    except ValidationFailed as failure:
        return Checked(raw, None, failure.problems)


def build(options: BuildOptions = BuildOptions(), parts: frozenset[str] = EVERYTHING,
          pack: Callable[[bytes], bytes] | None = None, reuse: Reuse | None = None) -> Build:
    """The pages and files of `parts` (by default everything the site holds; the search index only
    when options.search); raises ValidationFailed with all problems if the input is bad. `pack`
    turns each page's bytes into what the caller keeps (see render_site). `reuse` (incremental.py,
    under `mkdocs serve`) keeps what the last build read and rendered, to do again only what an
    edit changed: same stages, same bytes."""
    with no_cycle_collection():
        return _build(options, parts, pack, reuse)


class Reuse(Protocol):
    """What an incremental build keeps between builds (incremental.Session)."""

    files: FileCache
    search: SearchMemo  # each search document's postings
    articles: ArticleMemo  # each validated article
    exports: ExportMemo  # each CSV line and gzip member of the exports
    memo: Memo  # what derive, network, exports and search made of unchanged inputs

    def gzip(self, data: bytes, level: int) -> bytes: ...

    def lap(self, stage: str) -> None: ...  # `stage` has ended ("start": a build begins)

    def renderer(self, site: Site, network: Network) -> tuple[Site, Network, RendererFactory]: ...

    def done(self, pages: list[RenderedPage]) -> None: ...


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Until pages are rendered (young_cycles_collected), the build makes millions of long-lived
    objects and almost no cycles: Python's cycle collector would walk the growing heap again and
    again for nothing (10,000 articles: 20 full passes, 5 of 65 CPU s, 43 objects freed).
    Reference counting still frees everything as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def young_cycles_collected() -> Iterator[None]:
    """Rendering does make cycles: a page's Jinja context and its macros refer to each other, and
    hold the page's arguments, so the Site itself would be freed only by the cycle collector, in
    one pass over every object the build made (10,000 articles: 5.8 CPU s at the end of the build).
    Everything made before is frozen out of the collector's sight (gc.freeze), and the collector
    runs while pages are rendered: it walks only what rendering made, and frees each page's cycles
    as it goes."""
    gc.freeze()
    gc.enable()
    try:
        yield
    finally:
        gc.disable()
        gc.collect()  # the last pages' cycles, so that the Site goes when the build returns
        gc.unfreeze()


def _build(options: BuildOptions, parts: frozenset[str],
           pack: Callable[[bytes], bytes] | None, reuse: Reuse | None = None) -> Build:
    lap = reuse.lap if reuse else _no_lap
    lap("start")
    checked = check(options.seeds_dir, reuse.files if reuse else None,
                    reuse.articles if reuse else None)  # load + validate
    lap("load+validate")
    if checked.corpus is None:
        raise ValidationFailed(checked.problems)
    corpus = checked.corpus
    del checked  # the files as read (every YAML text and its data: ~1 GB at 10,000 articles)
    memo = reuse.memo if reuse else None
    site = derive_site(corpus, options.page_items, memo)  # timeline, terms, counts, pages
    lap("derive")
    network = derive_network(site, memo)  # who appears with whom
    lap("network")
    # Files first: their working memory is freed before the pages, the largest output, exist.
    files = _files(site, network, options, parts, reuse, lap)
    # A build under `mkdocs serve` keeps its Site for the next one: rendering's cycles are left to
    # the collector after the build, as before, and the edit loop's time is unchanged.
    with young_cycles_collected() if reuse is None else nullcontext():
        if PAGES in parts and reuse:  # only the pages whose inputs changed are rendered again
            seen_site, seen_network, renderer = reuse.renderer(site, network)
            pages = render_site(seen_site, options, seen_network, pack, renderer)
            reuse.done(pages)
        else:
            pages = render_site(site, options, network, pack) if PAGES in parts else []  # -> HTML
    lap("render")
    check_unique([(path, "a file the site engine writes") for path in paths.ENGINE_FILES]
                 + [(paths.output_path(p.src_uri, options.directory_urls), f"the page {p.src_uri}")
                    for p in pages] + [(f.path, f"the file {f.path}") for f in files])
    return Build(pages, files)


def _files(site: Site, network: Network, options: BuildOptions, parts: frozenset[str],
           reuse: Reuse | None = None,
           lap: Callable[[str], None] | None = None) -> list[OutputFile]:
    lap = lap or _no_lap
    files: list[OutputFile] = []
    if EXPORTS in parts:
        memo = reuse.exports if reuse else None
        files += csv_files(site, network, options, memo) + json_files(site, network, options, memo)
        lap("exports")
    if PAGES in parts:  # what the timeline pages' filter fetches when the timeline is split
        files += filter_files(site, options.directory_urls, reuse.memo if reuse else None)
    if FEEDS in parts:
        files += feed_files(site, options, reuse.memo if reuse else None)  # Atom feeds (pure)
        lap("feeds")
    if SEARCH in parts and options.search:
        files += build_search(site, options, reuse.gzip if reuse else None,
                              reuse.search if reuse else None)  # search index under search/
        lap("search")
    return files


def _no_lap(stage: str) -> None:
    pass
