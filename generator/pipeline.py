"""The whole generator, one line per stage: load -> validate -> derive -> render pages and files
(exports, feeds, search index)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .derive import derive_site
from .export import csv_files, json_files
from .feed import feed_files
from .load import load_corpus
from .network import derive_network
from .output import OutputFile, Publication
from .render import RenderedPage, RenderOptions, render_site
from .search import build_search
from .validate import validate


@dataclass(frozen=True)
class Build:
    """Everything a build produces: Markdown pages and finished files (exports, feeds, search)."""

    pages: list[RenderedPage]
    files: list[OutputFile]


def build(
    seeds_dir: Path,
    options: RenderOptions = RenderOptions(),
    pub: Publication = Publication(),
    search: bool = True,
) -> Build:
    """Every page and file from seeds_dir; raises ValidationFailed with all problems if bad."""
    with no_cycle_collection():
        return _build(seeds_dir, options, pub, search)


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """The build makes millions of long-lived objects and almost no cycles: Python's cycle collector
    would walk the growing heap again and again for nothing (10,000 articles: 20 full passes, 5 of
    65 CPU s, 43 objects freed). Reference counting still frees everything as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build(seeds_dir: Path, options: RenderOptions, pub: Publication, search: bool) -> Build:
    raw = load_corpus(seeds_dir)  # read files, keep positions; never judge
    corpus = validate(raw)  # schema + cross-checks; all problems at once
    site = derive_site(corpus, options.page_items)  # timeline, terms, counts, pages
    network = derive_network(site)  # who appears with whom
    # Files first: their working memory is freed before the pages, the largest output, exist.
    files = csv_files(site, network, pub) + json_files(site, network, pub)  # exports (pure)
    files += feed_files(site, pub, options.date_style)  # Atom feeds (pure)
    files += build_search(site, options) if search else []  # search index under search/ (pure)
    pages = render_site(site, options, network)  # Site -> Markdown pages (pure)
    return Build(pages, files)


def build_site(seeds_dir: Path, options: RenderOptions = RenderOptions()) -> list[RenderedPage]:
    """The pages alone."""
    return build(seeds_dir, options, search=False).pages
