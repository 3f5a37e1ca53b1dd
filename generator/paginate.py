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
    items, and items whose `weight` (estimated bytes) adds up to at most `budget`.

    The parts follow the calendar, not greedy runs, so that an item added, removed, moved or made
    heavier changes the parts of its own period only (under `mkdocs serve` an event that changes
    page renders again every page that links it; a greedy run moved hundreds): years share a page
    within fixed windows (YEAR_SPANS: one of 32 years on multiples of 32 when its items fit,
    else its halves, down to one year); a year that does not fit is cut into halves, a half that
    does not fit into quarters, a quarter into months (MONTH_SPANS), and a month too long into
    pieces. Whether a window fits depends on its own items alone. A page is named by its first
    year or month that holds items, and shows the last ("2019–2021", "July–September 2024")."""
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
    for run in _aligned({y: [i for i, _ in m] for y, m in years.items()}, YEAR_SPANS, 0, fits):
        ids = [i for y in run for i, _ in years[y]]
        if len(run) > 1 or fits(ids):
            parts.append(Part(paths.part(folder, str(run[0])), run[0], None, 0, tuple(ids),
                              whole_year=True, last_year=run[-1] if len(run) > 1 else None))
        else:
            parts += _months(folder, run[0], years[run[0]], limit, sizes, budget, fits)
    return tuple(parts)


# Calendar windows, largest first, each a multiple of the next: years share a page within a
# window of 32 years on multiples of 32 (1984–2015, 2016–2047), else of 16, 8, 4 or 2; the months
# of a busy year within its half, else its quarter.
YEAR_SPANS = (32, 16, 8, 4, 2, 1)
MONTH_SPANS = (12, 6, 3, 1)


def _aligned(groups: dict[int, list[str]], spans: tuple[int, ...], base: int,
             fits: Callable[[list[str]], bool]) -> list[list[int]]:
    """The keys of `groups` (years or months, each with its items), in their order, in runs: the
    keys of one window of spans[0] when their items fit together, else its windows of spans[1],
    and so on down to single keys (which may not fit: the caller cuts them). A window starts at a
    multiple of its span counted from `base`, so a run depends on its window's items only."""
    runs: list[list[int]] = []
    stack: list[tuple[list[int], int]] = [(list(groups), -1)]  # keys, the level of their window
    while stack:  # depth first, in order
        keys, level = stack.pop()
        if level >= 0 and (len(keys) == 1 or fits([i for k in keys for i in groups[k]])):
            runs.append(keys)
            continue
        span = spans[level + 1]
        windows: dict[int, list[int]] = {}
        for key in keys:
            windows.setdefault((key - base) // span, []).append(key)
        stack += [(members, level + 1) for members in reversed(windows.values())]
    return runs


def _months(
    folder: str, year: int, members: list[tuple[str, int | None]], limit: int,
    sizes: dict[str, int], budget: int, fits: Callable[[list[str]], bool],
) -> list[Part]:
    """The pages of a busy year: its items dated to the year only, then its months by halves,
    quarters or single months, a month too long for one page in pieces."""
    months: dict[int | None, list[str]] = {}
    for ident, month in members:
        months.setdefault(month, []).append(ident)
    runs: list[list[int | None]] = [[None]] if None in months else []
    runs += _aligned({m: ids for m, ids in months.items() if m}, MONTH_SPANS, 1, fits)
    order = {month: at for at, month in enumerate(months)}
    parts: list[Part] = []
    for run in sorted(runs, key=lambda r: order[r[0]]):  # where its first month is in the list
        ids = [i for m in run for i in months[m]]
        first = run[0]
        if first and (len(run) > 1 or fits(ids)):
            parts.append(Part(paths.part(folder, f"{year}-{first:02d}"), year, first, 0,
                              tuple(ids), last_month=run[-1] if len(run) > 1 else None))
            continue
        name = f"{year}-{first:02d}" if first else f"{year}-00"
        chunks = _chunks(ids, limit, sizes, budget)
        for n, chunk in enumerate(chunks, 1):
            piece = n if len(chunks) > 1 else 0
            src = paths.part(folder, f"{name}-{piece}" if piece > 1 else name)
            parts.append(Part(src, year, first, piece, tuple(chunk)))
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
