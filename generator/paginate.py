"""Derive stage, pages: a list too long for one page (the timeline of 30,000 events, the articles of
an actor named in 6,000) is split by year, then by month, then into numbered pieces, so that no
page grows with the corpus. Short lists stay whole: a small briefing keeps its single pages."""

from __future__ import annotations

from collections.abc import Iterable

from . import paths
from .model import Part

# Items per page: ~400 timeline events or articles make 0.4-0.6 MB of HTML with the theme.
PAGE_ITEMS = 400
MIN_PAGE_ITEMS = 10  # fewer would split a small briefing into pages of a handful of items
# A page that links to the parts of a list shows its newest items itself: articles, quotes, claims.
SHOWN = 50
# A term page lists its events itself up to EVENTS_INLINE; beyond, the newest EVENTS_SHOWN and
# links to the timeline's pages that hold the rest.
EVENTS_INLINE = 50
EVENTS_SHOWN = 20


def split(
    items: Iterable[tuple[str, int, int | None]], folder: str, limit: int = PAGE_ITEMS
) -> tuple[Part, ...]:
    """Parts of (id, year, month) items, in their given order (items of one year must be
    contiguous, and months within it); () when they fit on one page."""
    items = list(items)
    if len(items) <= limit:
        return ()
    years: dict[int, list[tuple[str, int | None]]] = {}
    for ident, year, month in items:
        years.setdefault(year, []).append((ident, month))
    parts: list[Part] = []
    for year, members in years.items():
        if len(members) <= limit:
            parts.append(Part(paths.part(folder, str(year)), year, None, 0,
                              tuple(i for i, _ in members), whole_year=True))
            continue
        months: dict[int | None, list[str]] = {}
        for ident, month in members:
            months.setdefault(month, []).append(ident)
        for month, ids in months.items():
            name = f"{year}-{month:02d}" if month else f"{year}-00"
            chunks = [ids[i : i + limit] for i in range(0, len(ids), limit)]
            for n, chunk in enumerate(chunks, 1):
                piece = n if len(chunks) > 1 else 0
                src = paths.part(folder, f"{name}-{piece}" if piece > 1 else name)
                parts.append(Part(src, year, month, piece, tuple(chunk)))
    return tuple(parts)


def locate(parts: Iterable[Part]) -> dict[str, str]:
    """Item id -> the src of the part that holds it."""
    return {item: part.src for part in parts for item in part.items}


def by_year(parts: Iterable[Part]) -> list[tuple[int, list[Part]]]:
    """Parts grouped by year, in their order (for the links to them)."""
    years: list[tuple[int, list[Part]]] = []
    for part in parts:
        if not years or years[-1][0] != part.year:
            years.append((part.year, []))
        years[-1][1].append(part)
    return years
