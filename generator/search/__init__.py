"""Search stage: Site -> static index files (rules in analyze.py, content in documents.py, layout in
index.py). The browser side is generator/theme/assets/javascripts/briefing-search.js."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Site
from ..options import BuildOptions
from ..output import OutputFile
from .documents import scanned_texts as texts
from .documents import search_documents
from .index import _gzip, build_search_index
from .memo import SearchMemo

__all__ = ["build_search"]


def build_search(site: Site, options: BuildOptions = BuildOptions(),
                 pack: Callable[[bytes, int], bytes] | None = None,
                 memo: SearchMemo | None = None) -> list[OutputFile]:
    """Every file of the search index for a site (pure: same Site, same bytes). `pack`: see
    build_search_index; `memo`: what an earlier build analysed (memo.py), under `mkdocs serve`."""
    if memo is None:
        docs = search_documents(site, options)
        return build_search_index(docs, site.corpus, options.date_style, pack or _gzip)
    memo.start()
    docs = search_documents(site, options, memo.scanner(site.corpus.actors, lambda: texts(site)),
                            memo.docs)
    files = build_search_index(docs, site.corpus, options.date_style, pack or _gzip, memo)
    memo.done()
    return files
