"""Files the timeline filter reads when the timeline is split over pages (timeline-filter.js).

A filter must answer over the whole timeline, yet no page may grow with the corpus. So each page
carries only its own cards, and the build writes small static files the script fetches on demand:

- `index.json`: the number of events, where each page and each month starts in timeline order
  (position of its first event), each page's link relative to this file, and the timeline's
  themes ([id, label, depth] in the theme tree's order: the theme filter's choices on every page);
- per actor and per theme, `{"name": …, "at": [...]}`: the positions of its events in timeline
  order, delta-encoded (each number is the gap from the previous one; the first is the position).

An event's position is its place in `site.timeline`, which is the order of the cards on the pages
(parts are consecutive runs of it, by_month keeps the order). A theme's list holds the events of
its sub-themes too (entry.themes carries the parents); an actor's, the events it takes part in
through someone else (entry.participants). The script fetches the lists of the chosen terms,
intersects or unites them, keeps the chosen period, and counts per page.
"""

from __future__ import annotations

import json

from . import paths
from .memo import Memo
from .model import Site
from .output import OutputFile


def month_key(year: int, month: int | None) -> str:
    """The filter's name of the month an event sits under on the timeline, "2024-11"; an event
    dated to its year only sits under the year, "2024"."""
    return f"{year}-{month:02d}" if month else str(year)


def positions(site: Site) -> dict[str, dict[str, list[int]]]:
    """kind -> term id -> positions of its events, ascending: a term's events (derive) are the
    entries it takes part in (an actor through participants, a theme through the entries' themes
    with their parents) in timeline order."""
    place = {entry.id: at for at, entry in enumerate(site.timeline)}
    at = place.__getitem__
    return {"actor": {k: list(map(at, t.events)) for k, t in site.actors.items() if t.events},
            "theme": {k: list(map(at, t.events)) for k, t in site.themes.items() if t.events}}


def deltas(ascending: list[int]) -> list[int]:
    return [b - a for a, b in zip([0, *ascending], ascending)]


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def filter_files(site: Site, directory_urls: bool = True, memo: Memo | None = None
                 ) -> list[OutputFile]:
    """The filter's files; none when the timeline is one page (its cards are all there).
    `memo` (memo.py, under `mkdocs serve`): made again only when the timeline's shape, its pages
    or the names and theme tree they show changed."""
    if not site.timeline_parts:
        return []
    if memo is not None:
        corpus = site.corpus
        names = memo.same("filter names", (
            {k: a.name_ar for k, a in corpus.actors.items()},
            {k: (t.label_ar, t.parent) for k, t in corpus.themes.items()}))
        before = memo.kept("filter files")
        # The timeline as the files read it (model.TimelineEntry.shape: id, date, themes,
        # participants), not its entries: a corrected publication date makes the entries of
        # the article's events again (their reports reordered), most often with the same shape.
        shape = tuple(entry.shape for entry in site.timeline)
        # Where pages, months and terms' events sit: not made again for a new name.
        layout = memo.get("filter layout", (shape, site.timeline_parts, directory_urls),
                          lambda: _layout(site, directory_urls))
        return memo.get("filter files", (layout, site.timeline_themes, names),
                        lambda: _files(site, directory_urls,
                                       before[1][1] if before is not None else {}, layout))[0]
    return _files(site, directory_urls)[0]


Layout = tuple[list[list[int | str]], list[list[int | str]], dict[str, dict[str, list[int]]]]


def _layout(site: Site, directory_urls: bool) -> Layout:
    """Where each page and each month starts in timeline order, and each term's events'
    positions: what the files hold besides names."""
    start = {entry.id: at for at, entry in enumerate(site.timeline)}
    folder = paths.folder_of(paths.TIMELINE_FILTER_INDEX)
    parts: list[list[int | str]] = [
        [start[part.items[0]], paths.relpath(paths.page_url(part.src, directory_urls), folder)
         + ("/" if directory_urls else "")]
        for part in site.timeline_parts if part.items]
    months: list[list[int | str]] = []
    for at, entry in enumerate(site.timeline):
        key = month_key(entry.year, entry.month)
        if not months or months[-1][1] != key:
            months.append([at, key])
    return parts, months, positions(site)


Kept = dict[tuple[str, str], tuple[str, list[int], OutputFile]]


def _files(site: Site, directory_urls: bool, kept: Kept | None = None,
           layout: Layout | None = None) -> tuple[list[OutputFile], Kept]:
    """The filter's files, and each term's by its name and positions; `kept`: the last build's,
    each standing while its name and positions are the same (an event moved within its month
    moves the positions of the events between its two places only)."""
    parts, months, placed = layout or _layout(site, directory_urls)
    # The theme filter's choices, in the theme tree's order with each theme's depth: a page
    # carries none (50 options, 7 KB a page at the seeds' density; issue #15).
    themes = [[t, site.corpus.themes[t].label_ar, len(site.themes[t].ancestors)]
              for t, _ in site.timeline_themes]
    files = [OutputFile(paths.TIMELINE_FILTER_INDEX,
                        _json({"total": len(site.timeline), "parts": parts, "months": months,
                               "themes": themes}))]
    names = {"actor": lambda i: site.corpus.actors[i].name_ar,
             "theme": lambda i: site.corpus.themes[i].label_ar}
    made: Kept = {}
    for kind, terms in placed.items():
        for term_id in sorted(terms):
            name, at = names[kind](term_id), terms[term_id]
            found = (kept or {}).get((kind, term_id))
            if found is None or found[0] != name or found[1] != at:
                found = (name, at, OutputFile(paths.timeline_filter_term(kind, term_id),
                                              _json({"name": name, "at": deltas(at)})))
            made[(kind, term_id)] = found
            files.append(found[2])
    return files, made
