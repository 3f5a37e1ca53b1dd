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

from .memo import replaced
from .model import Corpus

SHOWN = 3  # related articles on an article page, the strongest (8 weighed 5 KiB an article; #15)
CANDIDATES_PER_KEY = 8  # nearest articles taken per shared event or actor
RARE_ACTORS = 4  # an article's rarest actors that bring candidates
# Under `mkdocs serve`, a rarity that moved by less than SMALL_SHIFT beyond the article count's
# step is not added to each weight but to their bound; past WEIGHT_BOUND, weighed again.
SMALL_SHIFT = 0.01
WEIGHT_BOUND = 0.05


@dataclass(frozen=True)
class Related:
    """Another article and what it shares, as its page shows it: the events (ids), the rarest
    actor both name and how many actors they share. Not all the shared actors in order: the
    order of the less rare ones moves with every article added (every rarity moves), and a list
    equal to the last build's is a page not rendered again under `mkdocs serve`."""

    article_id: str
    events: tuple[str, ...]
    rarest: str | None
    actors: int


def related_articles(
    corpus: Corpus, newest: list[str], looked: list[int] | None = None
) -> dict[str, tuple[Related, ...]]:
    """For every article, up to SHOWN related articles: most shared events first, then the rarest
    shared actors (sum of their inverse document frequencies), then the nearest in date, then id.
    An article shares nothing with none of them: nothing is listed then. `looked`, when given,
    gets the number of candidates weighed for each article (the tests bound it)."""
    return related_update(corpus, newest, None, looked, keep=False)[0]


Key = tuple[str, str]  # ("e", event id) or ("a", actor id): a list of articles in date order


class Kept:
    """What one build's related lists were made of, for the next build (`related_update`): the
    articles, the date order, each event's and actor's articles, and for each article the keys
    that brought its candidates, the candidates, and the `contenders`: the candidates whose
    shared events and weight tie with or beat the last shown one (the only ones the date
    distance can reorder; None when it cannot reorder any)."""

    __slots__ = ("articles", "order", "total", "lists", "rarity", "sets", "keys", "candidates",
                 "contenders", "weights", "related")

    def __init__(self, articles: dict, order: dict[str, int], total: int,
                 lists: dict[Key, list[str]]) -> None:
        self.articles, self.order, self.total, self.lists = articles, order, total, lists
        self.sets: dict[str, tuple] = {}  # article id: (Article, its events, its actors)
        self.keys: dict[str, tuple[Key, ...]] = {}
        self.candidates: dict[str, frozenset[str]] = {}
        self.contenders: dict[str, tuple | None] = {}
        # Each article's weighed candidates: (-shared events, -weight, shared actors, id), and a
        # bound on how far the weights may be from the exact ones (they are moved, not weighed
        # again, when the actors' rarities change: `rescale`).
        self.weights: dict[str, tuple[float, list[tuple]]] = {}
        self.related: dict[str, tuple[Related, ...]] = {}


def _lists_again(corpus: Corpus, order: dict[str, int], before: Kept
                 ) -> tuple[defaultdict[Key, list[str]], set[Key], list[str]]:
    """Each event's and actor's articles in date order: the last build's lists, with the
    articles that changed, came or went taken out and put in again at their place (the others
    keep their order), the keys of the lists touched, and those articles. No walk of every
    article's events and actors (400,000 at 10,000 seed-density articles) for one edit."""
    articles, last = corpus.articles, before.articles
    changed = replaced(articles, last)
    lists: defaultdict[Key, list[str]] = defaultdict(list, before.lists)
    touched: dict[Key, list[str]] = {}  # each key of a changed article: the articles coming in
    for aid in changed:
        old, new = last.get(aid), articles.get(aid)
        if old is not None:
            for key in (*(("e", e.id) for e in old.events), *(("a", m.id) for m in old.actors)):
                touched.setdefault(key, [])
        if new is not None:
            for event_id in dict.fromkeys(e.id for e in new.events):
                touched.setdefault(("e", event_id), []).append(aid)
            for mention in new.actors:
                touched.setdefault(("a", mention.id), []).append(aid)
    gone = set(changed)
    for key, coming in touched.items():
        ids = [a for a in lists.get(key, ()) if a not in gone]
        for aid in coming:
            ids.insert(bisect_left(ids, order[aid], key=order.__getitem__), aid)
        if ids:
            lists[key] = ids
        else:
            lists.pop(key, None)
    return lists, set(touched), changed


def _near(shifted: set[str], ids: list[str], order: dict[str, int], old_ids: list[str],
          old_order: dict[str, int]) -> list[str]:
    """The articles of a key's list (now or last build) whose nearest articles in it (a window
    of CANDIDATES_PER_KEY + 1 by date order, `nearest`) may differ: those near an article that
    came, went or moved in it, and near the end when its length changed. The others have the
    same neighbours (a redated article no longer walks the 9,000 articles of the busiest
    actor's list)."""
    reach = CANDIDATES_PER_KEY + 2
    if min(len(ids), len(old_ids)) <= 4 * reach:
        return [*ids, *old_ids]
    near: list[str] = []
    for members, at in ((ids, order), (old_ids, old_order)):
        for a in shifted:
            if a in at:
                i = bisect_left(members, at[a], key=at.__getitem__)
                if i < len(members) and members[i] == a:
                    near += members[max(0, i - reach):i + reach + 1]
        if len(ids) != len(old_ids):
            near += members[-2 * reach:]
    return near


def related_update(
    corpus: Corpus, newest: list[str], before: Kept | None, looked: list[int] | None = None,
    keep: bool = True,
) -> tuple[dict[str, tuple[Related, ...]], Kept]:
    """related_articles, and what it was made of (Kept). With `before`, the last build's, only
    the articles whose lists may differ are weighed again: those whose events or actors changed,
    those that had one of them as a candidate, those naming an actor named in more or fewer
    articles, and those whose candidates' keys (event or actor lists) changed and with them the
    candidates; those naming an actor whose rarity changed (all, when an article came or went:
    the article count changed) have their weights moved, and only those that may be shown
    weighed exactly; the others' contenders are ordered again by the new date distances.
    `keep`: False for a build that no other follows (what the update reads is not kept)."""
    order = {a: i for i, a in enumerate(reversed(newest))}  # oldest first: 0, 1, …
    touched: set[Key] | None = None  # the keys whose lists may have changed (None: all)
    shifted: set[str] | None = None  # the articles that came, went or changed (None: unknown)
    if before is not None and keep:
        lists, touched, came = _lists_again(corpus, order, before)
        shifted = set(came)
    else:
        lists = defaultdict(list)
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
    kept.rarity = rarity

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
        scored, weights = [], []
        for other_id in candidates:
            shared_events = events & event_sets[other_id]
            shared_actors = actors & actor_sets[other_id]
            if shared_events or shared_actors:
                weight = round(sum(map(rarity.__getitem__, shared_actors)), 9)
                scored.append((-len(shared_events), -weight,
                               abs(order[other_id] - order[article_id]), other_id))
                if keep:
                    weights.append((-len(shared_events), -weight, tuple(shared_actors),
                                    other_id))
        scored.sort()
        if keep:  # not for a build that no other follows
            kept.keys[article_id] = keys
            kept.candidates[article_id] = frozenset(candidates)
            kept.weights[article_id] = (0.0, weights)
        settle(article_id, scored)

    def settle(article_id: str, scored: list[tuple]) -> None:
        """An article's list and contenders from its candidates in order (all of them, or all
        those that may be shown)."""
        events, actors = event_sets[article_id], actor_sets[article_id]

        def related(other_id: str) -> Related:
            shared = actors & actor_sets[other_id]
            rarest = min(shared, key=lambda a: (-rarity[a], a)) if shared else None
            return Related(other_id, tuple(sorted(events & event_sets[other_id])), rarest,
                           len(shared))

        kept.related[article_id] = tuple(related(s[3]) for s in scored[:SHOWN])
        if scored:  # the candidates the distance may bring among those shown, or reorder
            last = scored[:SHOWN][-1][:2]
            tied = [s for s in scored if s[:2] <= last]
            if len(tied) > SHOWN or len({s[:2] for s in tied}) < len(tied):
                kept.contenders[article_id] = tuple((*s[:2], s[3], related(s[3]))
                                                    for s in tied)
                return
        kept.contenders[article_id] = None

    def rescale(article_id: str, step: float, shifts: dict[str, float]) -> None:
        """An article's list when the rarities of its candidates' shared actors changed, but
        not its candidates or what they share: each weight is moved by what its actors'
        rarities moved (`step` each, and `shifts` more for those counted again), which gives it
        to within a bound (the rounding to 9 digits of the last weight and of the new one, and
        the small shifts left out); only the candidates that may be shown or tie with those
        shown within that bound are weighed exactly, and ordered."""
        bound, weights = kept.weights[article_id]
        actors = actor_sets[article_id]
        large = [(a, shifts[a]) for a in actors if abs(shifts.get(a, 0.0)) >= SMALL_SHIFT]
        # Two roundings to 9 digits and float additions far below them; the small shifts.
        bound += 2e-9 + sum(abs(shifts.get(a, 0.0)) for a in actors
                            if abs(shifts.get(a, 0.0)) < SMALL_SHIFT)
        if bound > WEIGHT_BOUND:
            weigh(article_id)  # weighed exactly again rather than with ever more candidates
            return
        if large:
            moved = [(e, w - len(shared) * step - sum(d for a, d in large if a in shared),
                      shared, other) for e, w, shared, other in weights]
        else:
            moved = [(e, w - len(shared) * step, shared, other)
                     for e, w, shared, other in weights]
        moved.sort()  # ties on events and weight in any order: only their values are read
        if not moved:
            kept.weights[article_id] = (0.0, moved)
            settle(article_id, [])
            return
        last = moved[min(SHOWN, len(moved)) - 1]
        near = {s[3] for s in moved if s[0] < last[0] or (s[0] == last[0]
                                                         and s[1] <= last[1] + 2 * bound)}
        at, scored, weighed = order[article_id], [], []
        for e, w, shared, other_id in moved:
            if other_id in near:
                w = -round(sum(map(rarity.__getitem__, actors & actor_sets[other_id])), 9)
                scored.append((e, w, abs(order[other_id] - at), other_id))
            weighed.append((e, w, shared, other_id))
        scored.sort()
        kept.weights[article_id] = (bound, weighed)
        settle(article_id, scored)

    if before is None:
        for article_id in corpus.articles:
            weigh(article_id)
        return kept.related, kept

    # The articles whose events or actors changed, came or went.
    changed = {a for a, article in corpus.articles.items()
               if before.articles.get(a) is not article and (
                   a not in before.articles or event_sets[a] != before.sets[a][1]
                   or actor_sets[a] != before.sets[a][2])}
    changed |= before.articles.keys() - corpus.articles.keys()
    moved = [k for k in (lists.keys() | before.lists.keys() if touched is None else touched)
             if lists.get(k) != before.lists.get(k)]
    again: set[str] = set(changed)
    # The actors whose rarity changed: all when the article count did, else those named in more
    # or fewer articles. The articles that name them: weighed again when the rarest of their
    # actors changed, else their weights moved (`rescale`).
    rarer = {a for a, r in rarity.items() if before.rarity.get(a) != r}
    rescaled: set[str] = set()
    if before.total != total or rarer:
        named = (corpus.articles if before.total != total else
                 {x for a in rarer for x in (*lists.get(("a", a), ()),
                                            *before.lists.get(("a", a), ()))})
        for x in named:
            if x in corpus.articles and x not in again:
                (again if keys_of(x) != before.keys[x] else rescaled).add(x)
    for article_id in changed:  # those that had it as a candidate
        old = before.articles.get(article_id)
        if old is None:
            continue
        keys = {("e", e.id) for e in old.events} | {("a", m.id) for m in old.actors}
        for key in keys:
            again.update(x for x in before.lists.get(key, ())
                         if article_id in before.candidates.get(x, ()))
    looks: set[str] = set()  # those whose candidates may differ: their keys' lists changed
    if shifted is not None and len(shifted) > 100:
        shifted = None  # too many to look near each
    for key in moved:
        near = (lists.get(key, ()) if shifted is None else
                _near(shifted, lists.get(key, ()), order, before.lists.get(key, ()),
                      before.order))
        looks.update(x for x in near if x not in again and x in corpus.articles
                     and key in before.keys[x])
    for article_id in looks:
        if frozenset(candidates_of(article_id, before.keys[article_id])
                     ) != before.candidates[article_id]:
            again.add(article_id)
    kept.keys, kept.candidates = dict(before.keys), dict(before.candidates)
    kept.contenders, kept.related = dict(before.contenders), {}
    kept.weights = dict(before.weights)
    for gone in before.articles.keys() - corpus.articles.keys():
        for found in (kept.keys, kept.candidates, kept.contenders, kept.weights):
            del found[gone]
    # How far a rarity moved: by `step` when only the article count changed (log(n'/n) is
    # log(n') - log(n) whatever the actor's count), by more for the actors counted again.
    step = math.log(total) - math.log(before.total)
    shifts = {a: rarity[a] - before.rarity[a] - step for a in rarer if a in before.rarity
              and len(lists[("a", a)]) != len(before.lists[("a", a)])}

    for article_id in corpus.articles:
        if article_id in again or article_id in rescaled:
            if article_id in again:
                weigh(article_id)
            else:
                rescale(article_id, step, shifts)
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
