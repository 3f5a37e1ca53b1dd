"""Derive stage, pages: what an item of a long list weighs once rendered, estimated from the model,
so that paginate.py can split lists by bytes as well as by count (a month of busy events weighs
far more than a month of articles). The estimates follow the templates' markup (_macros.j2,
render.py's article_item) and err high; tests/test_paginate.py checks them against rendered items.
"""

from __future__ import annotations

from collections.abc import Callable

from .model import Corpus, TimelineEntry

DATE = 160  # a date_tag: <time datetime data-precision><bdi>…</bdi></time>, Arabic month names
LINK = 90  # an <a href="../../articles/…/" dir="auto">, its end tag and the path's depth
CHIP = 140  # an actor chip: <a class="brf-chip brf-actor" href="…" dir="auto">…</a>
OPTION = 40  # a filter <option value="…">…</option> for an actor on the page
CARD = 900  # a timeline card's fixed markup: data attributes, head, anchor, paragraphs
REPORT = 520  # a report in a card's panel: paragraphs, spans, the outlet, a date
ARTICLE_ITEM = 330  # an article in a list: <li>, the date's wrapper, outlet and role labels
REPORT_ITEM = 650  # a report on an event's page of reports


def size(text: str) -> int:
    """Bytes of a text in UTF-8 (Arabic letters take two), escaped characters counted high."""
    return len(text.encode("utf-8")) + 4 * sum(text.count(c) for c in "&<>\"'")


def event_weight(corpus: Corpus, shown: int) -> Callable[[TimelineEntry], int]:
    """A timeline card (event_card in _macros.j2), the filter options of its actors included."""
    actors, articles = corpus.actors, corpus.articles

    def names(ids: tuple[str, ...]) -> int:
        return sum(size(actors[a].name_ar) + 2 * len(a) for a in ids)

    def weigh(entry: TimelineEntry) -> int:
        lead = entry.reports[0]
        total = (CARD + DATE + size(lead.description) + size(lead.date_text) + size(lead.place)
                 + 2 * len(entry.id) + sum(len(t) + 1 for t in entry.themes)
                 + len(entry.actors) * (CHIP + OPTION) + 2 * names(entry.actors))
        for report in entry.reports[:shown] if len(entry.reports) > 1 else entry.reports:
            article = articles[report.article_id]
            total += (REPORT + DATE + LINK + size(article.title) + size(article.outlet)
                      + size(report.description) + size(report.date_text) + size(report.place)
                      + 2 * len(report.article_id) + names(report.actors)
                      + 60 * len(report.actors))
        return total

    return weigh


def article_weight(corpus: Corpus, note: Callable[[str], str] = lambda _: "") -> Callable[[str], int]:
    """An article in a list (render.py's article_item), with the `note` (an actor's role) it shows."""
    articles = corpus.articles

    def weigh(article_id: str) -> int:
        a = articles[article_id]
        return (ARTICLE_ITEM + DATE + LINK + 2 * len(article_id) + size(a.title) + size(a.outlet)
                + size(note(article_id)))

    return weigh


def report_weight(corpus: Corpus, entry: TimelineEntry) -> Callable[[str], int]:
    """A report on the page of all an event's reports (event_reports.md.j2), by its article id."""
    reports = {r.article_id: r for r in entry.reports}
    articles, actors = corpus.articles, corpus.actors

    def weigh(article_id: str) -> int:
        r, a = reports[article_id], articles[article_id]
        return (REPORT_ITEM + 2 * DATE + LINK + 2 * len(article_id) + size(a.title)
                + size(a.outlet) + size(r.description) + size(r.date_text) + size(r.place)
                + sum(size(actors[x].name_ar) + 20 for x in r.actors))

    return weigh
