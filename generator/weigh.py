"""Derive stage, pages: what an item of a long list weighs once rendered, estimated from the model,
so that paginate.py can split lists by bytes as well as by count (a month of busy events weighs
far more than a month of articles). The estimates follow the templates' markup (_macros.j2,
render.py's article_list) and err high; tests/test_paginate.py checks them against rendered items.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from .model import Corpus, TimelineEntry

# Fixed markup, in bytes, fitted to the rendered seeds and the seed-density bench corpus.
CARD = 700  # a timeline card: item, date, anchor, paragraphs, source (one page: data-*)
ACTOR = 25  # an actor's link on a card (its name and id are counted apart)
REPORT = 700  # a report in a card's panel: its paragraphs, date, spans, the outlet's dash
MORE = 150  # the link to the page of all of a busy event's reports
ARTICLE_ITEM = 195  # an article in a list: its item, day (or inexact date), link, labels
MONTH = 100  # a list's month heading, shared by the month's items (counted on each: a ceiling)
REPORT_ITEM = 650  # a report on the page of an event's reports


@lru_cache(maxsize=1 << 18)  # a title or name is weighed on every list it appears in
def size(text: str) -> int:
    """Bytes of a text in UTF-8 (Arabic letters take two), escaped characters counted high."""
    return len(text.encode("utf-8")) + 4 * sum(text.count(c) for c in "&<>\"'")


def event_weight(corpus: Corpus, shown: int) -> Callable[[TimelineEntry], int]:
    """A timeline card (event_card in _macros.j2)."""
    actors, articles = corpus.actors, corpus.articles

    def weigh(entry: TimelineEntry) -> int:
        lead = entry.reports[0]
        total = (CARD + size(lead.description) + size(lead.date_text) + size(lead.place)
                 + 2 * len(entry.id) + sum(len(t) + 1 for t in entry.themes)
                 + sum(ACTOR + size(actors[a].name_ar) + 2 * len(a) for a in entry.actors))
        if len(entry.reports) == 1:
            return total + size(articles[lead.article_id].title) + len(lead.article_id)
        for report in entry.reports[:shown]:
            article = articles[report.article_id]
            total += (REPORT + size(article.title) + size(article.outlet)
                      + size(report.description) + size(report.date_text) + size(report.place)
                      + len(report.article_id)
                      + sum(size(actors[a].name_ar) + 15 for a in report.actors))
        return total + (MORE if len(entry.reports) > shown else 0)

    return weigh


def article_weight(corpus: Corpus) -> Callable[[str], int]:
    """An article in a list (render.py's article_list)."""
    articles = corpus.articles
    known: dict[str, int] = {}  # an article is in many lists (every term it names)

    def weigh(article_id: str) -> int:
        found = known.get(article_id)
        if found is None:
            a = articles[article_id]
            found = known[article_id] = (ARTICLE_ITEM + MONTH + len(article_id) + size(a.title)
                                         + size(a.outlet))
        return found

    return weigh


def report_weight(corpus: Corpus, entry: TimelineEntry) -> Callable[[str], int]:
    """A report on the page of all an event's reports (event_reports.md.j2), by its article id."""
    reports = {r.article_id: r for r in entry.reports}
    articles, actors = corpus.articles, corpus.actors

    def weigh(article_id: str) -> int:
        r, a = reports[article_id], articles[article_id]
        return (REPORT_ITEM + 2 * len(article_id) + size(a.title)
                + size(a.outlet) + size(r.description) + size(r.date_text) + size(r.place)
                + sum(size(actors[x].name_ar) + 20 for x in r.actors))

    return weigh
