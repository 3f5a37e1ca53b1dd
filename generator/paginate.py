"""Derive stage, pages: a list too long for one page (the timeline of 30,000 events, the articles of
an actor named in 6,000) is split by year, then by month, then into numbered pieces, so that no
page grows with the corpus. Short lists stay whole: a small briefing keeps its single pages.

A list is too long when it has more than `limit` items or when its items' estimated bytes pass a
budget (weigh.py estimates what each item renders to): 400 events of a busy month can weigh 1 MB,
400 articles 250 KB. PAGE_BYTES bounds every generated page."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from . import paths
from .model import Part

PAGE_ITEMS = 400  # items per page (the page_items option)
PAGE_BYTES = 500_000  # no generated page may pass it (tests/bench measures every page)
# What the items of one list may weigh, estimated: the rest of the page (theme, filters, pager, the
# other sections of an actor's page) stays under PAGE_BYTES with it.
LIST_BYTES = 400_000  # a page that is only a list (a timeline page, a page of articles)
TERM_LIST_BYTES = 250_000  # the articles listed on an actor's or theme's own page
# A busy event's timeline card tells its first REPORTS_SHOWN reports, and links to a page of all.
REPORTS_SHOWN = 5
MIN_PAGE_ITEMS = 10  # fewer would split a small briefing into pages of a handful of items
# A page that links to the parts of a list shows its newest items itself: articles.
SHOWN = 20
# An actor's page shows its newest quotes, claims and claims about it; all are on the article pages.
WORDS_SHOWN = 5
# A term page lists its events itself up to EVENTS_INLINE; beyond, the newest EVENTS_SHOWN and
# links to the timeline's pages that hold the rest (one per year when there are more than
# PART_LINKS of them).
EVENTS_INLINE = 10
EVENTS_SHOWN = 5
PART_LINKS = 24


def split(
    items: Iterable[tuple[str, int, int | None]], folder: str, limit: int = PAGE_ITEMS,
    weight: Callable[[str], int] | None = None, budget: int = LIST_BYTES,
) -> tuple[Part, ...]:
    """Parts of (id, year, month) items, in their given order (items of one year must be
    contiguous, and months within it); () when they fit on one page. A page holds at most `limit`
    items, and items whose `weight` (estimated bytes) adds up to at most `budget`. Consecutive
    years that fit share a page ("2019–2021"), and so do consecutive months of a busy year: a page
    per quiet year would be mostly theme."""
    items = list(items)
    sizes = {ident: weight(ident) for ident, _, _ in items} if weight else {}

    def fits(ids: list[str]) -> bool:
        return len(ids) <= limit and sum(sizes.get(i, 0) for i in ids) <= budget

    if fits([i for i, _, _ in items]):
        return ()
    years: dict[int, list[tuple[str, int | None]]] = {}
    for ident, year, month in items:
        years.setdefault(year, []).append((ident, month))
    parts: list[Part] = []
    run: list[tuple[int, list[str]]] = []  # quiet years waiting to share a page

    def flush() -> None:
        if run:
            ids = tuple(i for _, members in run for i in members)
            last = run[-1][0] if len(run) > 1 else None
            parts.append(Part(paths.part(folder, str(run[0][0])), run[0][0], None, 0, ids,
                              whole_year=True, last_year=last))
            run.clear()

    for year, members in years.items():
        ids = [i for i, _ in members]
        if fits(ids):
            if run and not fits([i for _, m in run for i in m] + ids):
                flush()
            run.append((year, ids))
            continue
        flush()
        parts += _months(folder, year, members, limit, sizes, budget, fits)
    flush()
    return tuple(parts)


def _months(
    folder: str, year: int, members: list[tuple[str, int | None]], limit: int,
    sizes: dict[str, int], budget: int, fits: Callable[[list[str]], bool],
) -> list[Part]:
    """The pages of a busy year: its items dated to the year only, then its months, consecutive
    months sharing a page while they fit, a month too long for one page in pieces."""
    months: dict[int | None, list[str]] = {}
    for ident, month in members:
        months.setdefault(month, []).append(ident)
    parts: list[Part] = []
    run: list[tuple[int, list[str]]] = []

    def flush() -> None:
        if run:
            ids = tuple(i for _, m in run for i in m)
            last = run[-1][0] if len(run) > 1 else None
            parts.append(Part(paths.part(folder, f"{year}-{run[0][0]:02d}"), year, run[0][0], 0,
                              ids, last_month=last))
            run.clear()

    for month, ids in months.items():
        if month and fits(ids):
            if run and not fits([i for _, m in run for i in m] + ids):
                flush()
            run.append((month, ids))
            continue
        flush()
        name = f"{year}-{month:02d}" if month else f"{year}-00"
        chunks = _chunks(ids, limit, sizes, budget)
        for n, chunk in enumerate(chunks, 1):
            piece = n if len(chunks) > 1 else 0
            src = paths.part(folder, f"{name}-{piece}" if piece > 1 else name)
            parts.append(Part(src, year, month, piece, tuple(chunk)))
    flush()
    return parts


def _chunks(ids: list[str], limit: int, sizes: dict[str, int], budget: int) -> list[list[str]]:
    """Consecutive pieces of at most `limit` items and `budget` bytes (an item heavier than the
    budget alone gets a piece of its own)."""
    chunks: list[list[str]] = [[]]
    weight = 0
    for ident in ids:
        size = sizes.get(ident, 0)
        if chunks[-1] and (len(chunks[-1]) == limit or weight + size > budget):
            chunks.append([])
            weight = 0
        chunks[-1].append(ident)
        weight += size
    return chunks


def locate(parts: Iterable[Part]) -> dict[str, str]:
    """Item id -> the src of the part that holds it."""
    return {item: part.src for part in parts for item in part.items}


def links(parts: Iterable[Part]) -> tuple[Part, ...]:
    """The parts without their items: what a link or a pager reads of them (under `mkdocs serve`
    a page holding these is not rendered again when only another page's items changed)."""
    return tuple(replace(part, items=()) for part in parts)


def by_year(parts: Iterable[Part]) -> list[tuple[int, list[Part]]]:
    """Parts grouped by year, in their order (for the links to them)."""
    years: list[tuple[int, list[Part]]] = []
    for part in parts:
        if not years or years[-1][0] != part.year:
            years.append((part.year, []))
        years[-1][1].append(part)
    return years
