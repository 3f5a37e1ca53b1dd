"""Derive stage: each article's related articles, those that report the same events, then those
that name the same actors, the rarer the actor the stronger the sign.

Work stays linear in the corpus: an article's candidates are, for each of its events and for each
of its rarest actors, at most CANDIDATES_PER_KEY articles of that event or actor nearest to it in
publication date (a background event cited by 2,000 articles, or Iran named in 9 of 10, does not
make every article a candidate of every other).
"""

from __future__ import annotations

import math
import operator
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
    return related_update(corpus, newest, None, looked)[0]


Key = tuple[str, str]  # ("e", event id) or ("a", actor id): a list of articles in date order


class Kept:
    """What one build's related lists were made of, for the next build (`related_update`): the
    articles, the date order, each event's and actor's articles, and for each article the keys
    that brought its candidates, the candidates, and the `contenders`: the candidates whose
    shared events and weight tie with or beat the last shown one (the only ones the date
    distance can reorder; None when it cannot reorder any)."""

    __slots__ = ("articles", "order", "total", "lists", "sets", "keys", "candidates",
                 "contenders", "related")

    def __init__(self, articles: dict, order: dict[str, int], total: int,
                 lists: dict[Key, list[str]]) -> None:
        self.articles, self.order, self.total, self.lists = articles, order, total, lists
        self.sets: dict[str, tuple] = {}  # article id: (Article, its events, its actors)
        self.keys: dict[str, tuple[Key, ...]] = {}
        self.candidates: dict[str, frozenset[str]] = {}
        self.contenders: dict[str, tuple | None] = {}
        self.related: dict[str, tuple[Related, ...]] = {}


def related_update(
    corpus: Corpus, newest: list[str], before: Kept | None, looked: list[int] | None = None
) -> tuple[dict[str, tuple[Related, ...]], Kept]:
    """related_articles, and what it was made of (Kept). With `before`, the last build's, only
    the articles whose lists may differ are weighed again: those whose events or actors changed,
    those that had one of them as a candidate, those naming an actor named in more or fewer
    articles, and those whose candidates' keys (event or actor lists) changed and with them the
    candidates; the others' contenders are ordered again by the new date distances. An added or
    removed article changes every actor's rarity (the article count): all are weighed again."""
    order = {a: i for i, a in enumerate(reversed(newest))}  # oldest first: 0, 1, …
    lists: dict[Key, list[str]] = defaultdict(list)
    for article_id in sorted(corpus.articles, key=order.__getitem__):
        article = corpus.articles[article_id]
        for event_id in dict.fromkeys(e.id for e in article.events):
            lists["e", event_id].append(article_id)
        for mention in article.actors:
            lists["a", mention.id].append(article_id)
    total = max(len(corpus.articles), 1)
    rarity = {key[1]: math.log(total / len(ids)) for key, ids in lists.items() if key[0] == "a"}
    positions: dict[Key, list[int]] = {}  # each list's articles' places in the date order
    kept = Kept(dict(corpus.articles), order, total, lists)

    def nearest(key: Key, article_id: str) -> list[str]:
        """The CANDIDATES_PER_KEY articles of the key's list (in date order) nearest to
        article_id."""
        ids = lists[key]
        if len(ids) <= CANDIDATES_PER_KEY + 1:
            return ids
        places = positions.get(key)
        if places is None:
            places = positions[key] = [order[a] for a in ids]
        at = bisect_left(places, order[article_id])
        half = CANDIDATES_PER_KEY // 2
        start = max(0, min(at - half, len(ids) - CANDIDATES_PER_KEY - 1))
        return ids[start:start + CANDIDATES_PER_KEY + 1]

    # Each article's events and actors; the last build's sets for the same Article objects.
    last = before.sets if before is not None else {}
    kept.sets = sets = {}
    for a, article in corpus.articles.items():
        found = last.get(a)
        if found is None or found[0] is not article:
            found = (article, frozenset(e.id for e in article.events),
                     frozenset(m.id for m in article.actors))
        sets[a] = found
    event_sets = {a: found[1] for a, found in sets.items()}
    actor_sets = {a: found[2] for a, found in sets.items()}

    def keys_of(article_id: str) -> tuple[Key, ...]:
        shared = [a for a in actor_sets[article_id] if len(lists["a", a]) > 1]  # named elsewhere
        rarest = sorted(shared, key=lambda a: (-rarity[a], a))[:RARE_ACTORS]
        return (*(("e", e) for e in sorted(event_sets[article_id])),
                *(("a", a) for a in rarest))

    def candidates_of(article_id: str, keys: tuple[Key, ...]) -> dict[str, None]:
        candidates: dict[str, None] = {}
        for key in keys:
            candidates.update(dict.fromkeys(nearest(key, article_id)))
        candidates.pop(article_id, None)
        return candidates

    def weigh(article_id: str) -> None:
        keys = keys_of(article_id)
        candidates = candidates_of(article_id, keys)
        if looked is not None:
            looked.append(len(candidates))
        events, actors = event_sets[article_id], actor_sets[article_id]
        scored = []
        for other_id in candidates:
            shared_events = events & event_sets[other_id]
            shared_actors = actors & actor_sets[other_id]
            if shared_events or shared_actors:
                weight = round(sum(map(rarity.__getitem__, shared_actors)), 9)
                scored.append((-len(shared_events), -weight,
                               abs(order[other_id] - order[article_id]), other_id))
        scored.sort()

        def related(other_id: str) -> Related:
            return Related(other_id, tuple(sorted(events & event_sets[other_id])),
                           tuple(sorted(actors & actor_sets[other_id],
                                        key=lambda a: (-rarity[a], a))))

        kept.keys[article_id] = keys
        kept.candidates[article_id] = frozenset(candidates)
        kept.related[article_id] = tuple(related(s[3]) for s in scored[:SHOWN])
        if scored:  # the candidates the distance may bring among those shown, or reorder
            last = scored[:SHOWN][-1][:2]
            tied = [s for s in scored if s[:2] <= last]
            if len(tied) > SHOWN or len({s[:2] for s in tied}) < len(tied):
                kept.contenders[article_id] = tuple((*s[:2], s[3], related(s[3]))
                                                    for s in tied)
                return
        kept.contenders[article_id] = None

    if before is None or before.total != total:
        for article_id in corpus.articles:
            weigh(article_id)
        return kept.related, kept

    # The articles whose events or actors changed, came or went.
    changed = {a for a, article in corpus.articles.items()
               if before.articles.get(a) is not article and (
                   a not in before.articles or event_sets[a] != before.sets[a][1]
                   or actor_sets[a] != before.sets[a][2])}
    changed |= before.articles.keys() - corpus.articles.keys()
    moved = [k for k in lists.keys() | before.lists.keys() if lists.get(k) != before.lists.get(k)]
    again: set[str] = set(changed)
    for key in moved:
        old = before.lists.get(key, [])
        if key[0] == "a" and len(old) != len(lists.get(key, ())):  # its rarity changed
            again.update(old, lists.get(key, ()))
    for article_id in changed:  # those that had it as a candidate
        old = before.articles.get(article_id)
        if old is None:
            continue
        keys = {("e", e.id) for e in old.events} | {("a", m.id) for m in old.actors}
        for key in keys:
            again.update(x for x in before.lists.get(key, ())
                         if article_id in before.candidates.get(x, ()))
    looks: set[str] = set()  # those whose candidates may differ: their keys' lists changed
    for key in moved:
        looks.update(x for x in lists.get(key, ()) if x not in again and key in before.keys[x])
    for article_id in looks:
        if frozenset(candidates_of(article_id, before.keys[article_id])
                     ) != before.candidates[article_id]:
            again.add(article_id)
    kept.keys, kept.candidates = dict(before.keys), dict(before.candidates)
    kept.contenders, kept.related = dict(before.contenders), {}
    for gone in before.articles.keys() - corpus.articles.keys():
        for found in (kept.keys, kept.candidates, kept.contenders):
            del found[gone]
    for article_id in corpus.articles:
        if article_id in again:
            weigh(article_id)
            if kept.related[article_id] == before.related.get(article_id):
                kept.related[article_id] = before.related[article_id]
            continue
        tied = kept.contenders[article_id]
        shown = before.related[article_id]
        if tied is not None and before.order != order:
            at = order[article_id]
            ordered = sorted(tied, key=lambda s: (s[0], s[1], abs(order[s[2]] - at), s[2]))
            found = tuple(s[3] for s in ordered[:SHOWN])
            if found != shown:
                shown = found
        kept.related[article_id] = shown
    if all(map(operator.is_, kept.related.values(), before.related.values())
           ) and kept.related.keys() == before.related.keys():
        kept.related = before.related
    return kept.related, kept
