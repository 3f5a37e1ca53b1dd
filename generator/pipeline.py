"""The whole generator, one line per stage: load -> validate -> derive -> render."""

from __future__ import annotations

from pathlib import Path

from .derive import derive_site
from .load import load_corpus
from .render import RenderedPage, RenderOptions, render_site
from .validate import validate


def build_site(seeds_dir: Path, options: RenderOptions = RenderOptions()) -> list[RenderedPage]:
    """Build every page from seeds_dir; raises ValidationFailed with all problems on bad input."""
    raw = load_corpus(seeds_dir)  # read files, keep positions; never judge
    corpus = validate(raw)  # schema + cross-checks; all problems at once
    site = derive_site(corpus)  # timeline, terms, counts
    return render_site(site, options)  # Site -> Markdown pages (pure)
