"""Derive stage: each article's related articles, those that report the same events, then those
that name the same actors, the rarer the actor the stronger the sign.

Work stays linear in the corpus: an article's candidates are, for each of its events and for each
of its rarest actors, at most CANDIDATES_PER_KEY articles of that event or actor nearest to it in
publication date (a background event cited by 2,000 articles, or Iran named in 9 of 10, does not
make every article a candidate of every other).
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

from .model import Corpus

SHOWN = 3  # related articles on an article page, the strongest (8 weighed 5 KiB an article; #15)
CANDIDATES_PER_KEY = 8  # nearest articles taken per shared event or actor
RARE_ACTORS = 4  # an article's rarest actors that bring candidates


@dataclass(frozen=True)
class Related:
    """Another article and what it shares: events (ids) and actors (ids, rarest first)."""

    article_id: str
    events: tuple[str, ...]
    actors: tuple[str, ...]


def related_articles(
    corpus: Corpus, newest: list[str], looked: list[int] | None = None
) -> dict[str, tuple[Related, ...]]:
    """For every article, up to SHOWN related articles: most shared events first, then the rarest
    shared actors (sum of their inverse document frequencies), then the nearest in date, then id.
    An article shares nothing with none of them: nothing is listed then. `looked`, when given,
    gets the number of candidates weighed for each article (the tests bound it)."""
    order = {a: i for i, a in enumerate(reversed(newest))}  # oldest first: 0, 1, …
    by_event: dict[str, list[str]] = defaultdict(list)
    by_actor: dict[str, list[str]] = defaultdict(list)
    for article_id in sorted(corpus.articles, key=order.__getitem__):
        article = corpus.articles[article_id]
        for event_id in dict.fromkeys(e.id for e in article.events):
            by_event[event_id].append(article_id)
        for mention in article.actors:
            by_actor[mention.id].append(article_id)
    total = max(len(corpus.articles), 1)
    rarity = {actor_id: math.log(total / len(ids)) for actor_id, ids in by_actor.items()}
    positions = {key: [order[a] for a in ids] for key, ids in (*by_event.items(),
                                                                *by_actor.items())}

    def nearest(ids: list[str], places: list[int], article_id: str) -> list[str]:
        """The CANDIDATES_PER_KEY articles of `ids` (in date order) nearest to article_id."""
        if len(ids) <= CANDIDATES_PER_KEY + 1:
            return ids
        at = bisect_left(places, order[article_id])
        half = CANDIDATES_PER_KEY // 2
        start = max(0, min(at - half, len(ids) - CANDIDATES_PER_KEY - 1))
        return ids[start:start + CANDIDATES_PER_KEY + 1]

    event_sets = {a: frozenset(e.id for e in corpus.articles[a].events) for a in corpus.articles}
    actor_sets = {a: frozenset(m.id for m in corpus.articles[a].actors) for a in corpus.articles}
    related: dict[str, tuple[Related, ...]] = {}
    for article_id in corpus.articles:
        events, actors = event_sets[article_id], actor_sets[article_id]
        candidates: dict[str, None] = {}
        for event_id in sorted(events):
            candidates.update(dict.fromkeys(
                nearest(by_event[event_id], positions[event_id], article_id)))
        shared = [a for a in actors if len(by_actor[a]) > 1]  # named in another article too
        rarest = sorted(shared, key=lambda a: (-rarity[a], a))[:RARE_ACTORS]
        for actor_id in rarest:
            candidates.update(dict.fromkeys(
                nearest(by_actor[actor_id], positions[actor_id], article_id)))
        candidates.pop(article_id, None)
        if looked is not None:
            looked.append(len(candidates))
        scored = []
        for other_id in candidates:
            shared_events = events & event_sets[other_id]
            shared_actors = actors & actor_sets[other_id]
            if shared_events or shared_actors:
                weight = round(sum(rarity[a] for a in shared_actors), 9)
                scored.append((-len(shared_events), -weight,
                               abs(order[other_id] - order[article_id]), other_id))
        scored.sort()
        related[article_id] = tuple(
            Related(other_id, tuple(sorted(events & event_sets[other_id])),
                    tuple(sorted(actors & actor_sets[other_id], key=lambda a: (-rarity[a], a))))
            for *_, other_id in scored[:SHOWN])
    return related
