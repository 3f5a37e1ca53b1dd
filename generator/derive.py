"""Derive stage: merge event reports into one timeline, build actor and theme terms, count."""

from __future__ import annotations

from collections import Counter, defaultdict

from .model import Article, Corpus, Event, Site, Term, TimelineEntry


def _newest_first(articles: list[Article]) -> list[str]:
    # Sort by upper bound of the publication date, newest first; ties broken by id for determinism.
    ordered = sorted(articles, key=lambda a: a.id)
    return [a.id for a in sorted(ordered, key=lambda a: (a.published.upper, a.published.lower), reverse=True)]


def _differences(reports: list[Event]) -> tuple[str, ...]:
    """Fields on which the sources of one event disagree, so the timeline can show both versions."""
    diffs = []
    if len({r.date.text for r in reports}) > 1:
        diffs.append("date")
    if len({r.actors for r in reports}) > 1:
        diffs.append("actors")
    if len({r.place for r in reports if r.place}) > 1:
        diffs.append("place")
    return tuple(diffs)


def merge_events(corpus: Corpus) -> tuple[TimelineEntry, ...]:
    """One entry per event id; the entry takes the narrowest reported date (the most precise source)."""
    reports: dict[str, list[Event]] = defaultdict(list)
    for article_id in sorted(corpus.articles):
        for event in corpus.articles[article_id].events:
            reports[event.id].append(event)
    entries = []
    for event_id, group in reports.items():
        group.sort(key=lambda e: (corpus.articles[e.article_id].published.lower, e.article_id))
        best = min(group, key=lambda e: (e.date.upper - e.date.lower, e.date.approximate, e.article_id))
        group.remove(best)
        group.insert(0, best)  # the most precise report leads: its date, text and place are shown
        actors = tuple(dict.fromkeys(a for e in group for a in e.actors))
        themes = tuple(sorted({t for e in group for t in corpus.articles[e.article_id].themes}))
        entries.append(TimelineEntry(event_id, tuple(group), best.date, actors, themes, _differences(group)))
    entries.sort(key=lambda t: (t.date.lower, t.date.upper, t.id))
    return tuple(entries)


def derive_site(corpus: Corpus) -> Site:
    """Everything render needs, computed once, before any page is rendered."""
    timeline = merge_events(corpus)
    newest = _newest_first(list(corpus.articles.values()))

    actor_articles: dict[str, list[str]] = defaultdict(list)
    theme_articles: dict[str, list[str]] = defaultdict(list)
    together: dict[str, Counter] = defaultdict(Counter)
    for aid in newest:
        article = corpus.articles[aid]
        ids = [a.id for a in article.actors]
        for actor_id in ids:
            actor_articles[actor_id].append(aid)
            together[actor_id].update(other for other in ids if other != actor_id)
        for theme_id in article.themes:
            theme_articles[theme_id].append(aid)
    actor_events: dict[str, list[str]] = defaultdict(list)
    theme_events: dict[str, list[str]] = defaultdict(list)
    for entry in timeline:
        for actor_id in entry.actors:
            actor_events[actor_id].append(entry.id)
        for theme_id in entry.themes:
            theme_events[theme_id].append(entry.id)

    actors = {
        actor.id: Term(
            "actor", actor.id, actor.name_ar, tuple(actor_articles[actor.id]), tuple(actor_events[actor.id]),
            tuple(sorted(together[actor.id].items(), key=lambda kv: (-kv[1], kv[0]))),
        )
        for actor in corpus.actors.values()
    }
    themes = {
        theme.id: Term("theme", theme.id, theme.label_ar, tuple(theme_articles[theme.id]), tuple(theme_events[theme.id]))
        for theme in corpus.themes.values()
    }
    return Site(corpus, timeline, actors, themes, tuple(newest))
