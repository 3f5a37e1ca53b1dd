"""The whole generator, one line per stage: load -> validate -> derive -> render (+ search)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .derive import derive_site
from .load import load_corpus
from .render import RenderedPage, RenderOptions, render_site
from .search import SearchFile, build_search
from .validate import validate


@dataclass(frozen=True)
class Build:
    """What one build produces: Markdown pages and static search-index files."""

    pages: list[RenderedPage]
    search: list[SearchFile] = field(default_factory=list)


def build(seeds_dir: Path, options: RenderOptions = RenderOptions(), search: bool = True) -> Build:
    """Every page (and the search index) from seeds_dir; raises ValidationFailed on bad input."""
    raw = load_corpus(seeds_dir)  # read files, keep positions; never judge
    corpus = validate(raw)  # schema + cross-checks; all problems at once
    site = derive_site(corpus)  # timeline, terms, counts
    pages = render_site(site, options)  # Site -> Markdown pages (pure)
    return Build(pages, build_search(site, options) if search else [])  # Site -> index files (pure)


def build_site(seeds_dir: Path, options: RenderOptions = RenderOptions()) -> list[RenderedPage]:
    """The Markdown pages only."""
    return build(seeds_dir, options, search=False).pages
