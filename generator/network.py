"""Derive stage, second step: who appears with whom. A pure function of Site; no page, no file."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from .memo import Memo, replaced
from .model import Article, Site, TimelineEntry

OVERVIEW_ACTORS = 16  # actors drawn in the overview diagram
OVERVIEW_TIES = 3  # each drawn actor keeps its strongest ties to other drawn actors
EGO_ACTORS = 100  # actors listed with their strongest ties on the network page
NEIGHBOURS_SHOWN = 20  # ties listed on an actor page (all of them are in data/ties.csv.gz)


@dataclass(frozen=True)
class Tie:
    """Two actors and what ties them, by kind:

    - `events`: real events (merged across sources, each once) that name both;
    - `through`: events both take part in, one or both through a body they acted for then
      (rollup.py: al-Araji's meeting ties Iraq to Iran), not counted in `events`;
    - `words`: claims and quotes in which one speaks about the other (a claim's `about`; a quote
      that names the other by one of its forms in the article);
    - `articles`: articles that name both, the weakest sign (co-mention): not in `weight`.
    """

    a: str  # the smaller id
    b: str
    events: int = 0
    through: int = 0
    words: int = 0
    articles: int = 0

    @property
    def weight(self) -> int:
        return self.events + self.through + self.words

    def other(self, actor_id: str) -> str:
        return self.b if actor_id == self.a else self.a


KINDS = ("events", "through", "words", "articles")  # the tie kinds, strongest sign first


@dataclass(frozen=True)
class Arc:
    """A tie drawn in the overview: an SVG path between two rows, bulging to the left."""

    tie: Tie
    path: str
    width: float


@dataclass(frozen=True)
class Overview:
    """An arc diagram of the strongest actors, for narrow screens: one row per actor, strongest at
    top, its name on the right (where Arabic starts), a dot, and the ties as arcs to the left of the
    dots. Coordinates are in SVG user units; `x` is the dots' column."""

    width: int
    height: int
    x: int
    row: int
    actors: tuple[tuple[str, int, float], ...]  # (actor id, y, dot radius)
    arcs: tuple[Arc, ...]  # strongest drawn last (on top)


@dataclass(frozen=True)
class Network:
    """Every tie (co-mention alone included), each actor's neighbourhood (its ties of weight > 0,
    strongest first, then id) and its strength (the sum of their weights). `order` lists the
    actors that have such ties, strongest first, then id; `ego` holds the first EGO_ACTORS of them,
    those the network page lists with their ties (an actor's page asks whether it is one: under
    `mkdocs serve` it reads its own item, not the whole order, which every added article moves)."""

    ties: tuple[Tie, ...]
    neighbours: dict[str, tuple[Tie, ...]]
    strength: dict[str, int]
    order: tuple[str, ...]
    overview: Overview
    ego: dict[str, bool]

    @property
    def links(self) -> int:
        """Ties with events or words (co-mention alone is no link)."""
        return sum(1 for tie in self.ties if tie.weight)


def _key(tie: Tie) -> tuple:
    return (-tie.weight, -tie.events, -tie.through, -tie.articles, tie.a, tie.b)


def _pairs(ids: Iterable[str]) -> Iterable[tuple[str, str]]:
    return combinations(sorted(set(ids)), 2)


def _spoken_about(site: Site) -> Counter[tuple[str, str]]:
    """(speaker, spoken of) for each claim about an actor and each quote naming one of the
    article's actors by a form the annotation gives; pairs counted once per claim or quote."""
    found: Counter[tuple[str, str]] = Counter()
    for article in site.corpus.articles.values():
        found.update(_spoken_in(article))
    return found


def _spoken_in(article: Article) -> Counter[tuple[str, str]]:
    found: Counter[tuple[str, str]] = Counter()
    forms = [(a.id, form) for a in article.actors for form in a.forms if form]
    for claim in article.claims:
        found.update((claim.claimant, x) for x in dict.fromkeys(claim.about)
                     if x != claim.claimant)
    for quote in article.quotes:
        named = dict.fromkeys(i for i, form in forms
                              if i != quote.speaker and form in quote.text)
        found.update((quote.speaker, x) for x in named)
    return found


def _article_pairs(article: Article) -> tuple[tuple, dict]:
    """What one article adds to the counts: its co-mentioned pairs (each once), its words'
    pairs with their counts (kept for each article under `mkdocs serve`: tuples, not Counters)."""
    words: Counter[tuple[str, str]] = Counter()
    for (speaker, about), n in _spoken_in(article).items():
        words[tuple(sorted((speaker, about)))] += n  # type: ignore[index]
    return tuple(_pairs(a.id for a in article.actors)), dict(words) if words else {}


def _article_read(article: Article) -> tuple:
    """What an article's pairs are counted from: its actors' ids and forms, claims, quotes."""
    return tuple((m.id, m.forms) for m in article.actors), article.claims, article.quotes


def _entry_pairs(entry: TimelineEntry) -> tuple[tuple, tuple]:
    """What one timeline entry adds to the counts: the pairs it names, those acting through a
    body (not an actor and its own body); each pair once."""
    direct = set(_pairs(entry.actors))
    if not entry.acting:
        return tuple(direct), ()
    sides = entry.sides()
    return tuple(direct), tuple((a, b) for a, b in _pairs(entry.participants)
                                if (a, b) not in direct
                                and not any(a in side and b in side for side in sides))


class _Counts:
    """The network with what it was counted from, for the next build (`_updated`): the
    Articles, the entries with what their pairs are counted from, the counts of each kind, the
    ties by pair."""

    __slots__ = ("network", "actors", "articles", "entries", "counts", "ties", "timeline")

    def __init__(self, network: Network, actors: tuple[str, ...], articles: dict,
                 entries: dict, counts: dict[str, Counter], ties: dict,
                 timeline: tuple[TimelineEntry, ...]) -> None:
        self.network, self.actors, self.articles, self.entries = network, actors, articles, entries
        self.counts, self.ties, self.timeline = counts, ties, timeline


def derive_network(site: Site, memo: Memo | None = None) -> Network:
    """Count every kind of tie for every pair of actors, then rank by the meaningful ones.
    `memo` (memo.py): the last build's counts, with the pairs of the articles and timeline
    entries that changed, came or went taken out and added; only the ties whose counts changed
    are made again, and only their actors' neighbourhoods (an edited summary, role or
    publication date changes no count: the last build's network stands)."""
    if memo is None:
        return _network(site)
    before = memo.kept("network counts")
    found = _updated(site, before[1] if before is not None else None)  # type: ignore[arg-type]
    memo.put("network counts", found)
    return found.network


def _updated(site: Site, before: _Counts | None) -> _Counts:
    actors = tuple(site.corpus.actors)
    if before is None or before.actors != actors:
        network = _network(site)
        return _Counts(network, actors, dict(site.corpus.articles),
                       {e.id: (e, (e.actors, e.acting)) for e in site.timeline},
                       {kind: _kind_counts(network, kind) for kind in KINDS},
                       {(t.a, t.b): t for t in network.ties}, site.timeline)
    counts: dict[str, Counter] = {}  # the last build's counts, copied at the first change
    touched: set[tuple[str, str]] = set()

    def move(old: tuple | None, new: tuple | None, kinds: tuple[str, str]) -> None:
        if not counts:
            counts.update((kind, Counter(found)) for kind, found in before.counts.items())
        for part, kind in enumerate(kinds):
            if old is not None:
                counts[kind].subtract(old[part])
                touched.update(old[part])
            if new is not None:
                counts[kind].update(new[part])
                touched.update(new[part])

    # Each article's and entry's pairs counted again (the last ones from the last objects: they
    # are not kept, for memory) when the object changed and what they are counted from did (a
    # registry edit makes every Article and entry again, most with the same actors).
    articles = dict(before.articles)
    for article_id in replaced(site.corpus.articles, before.articles):
        old, article = articles.get(article_id), site.corpus.articles.get(article_id)
        if article is None:
            move(_article_pairs(articles.pop(article_id)), None, ("articles", "words"))
            continue
        if old is None or _article_read(old) != _article_read(article):
            move(old and _article_pairs(old), _article_pairs(article), ("articles", "words"))
        articles[article_id] = article
    entries = before.entries
    if site.timeline is not before.timeline:  # the entries that are not the last ones
        entries = dict(entries)
        last = before.entries.get
        for entry in [e for e in site.timeline if (found := last(e.id)) is None
                      or found[0] is not e]:
            old = entries.get(entry.id)
            read = (entry.actors, entry.acting)
            if old is None or old[1] != read:
                move(old and _entry_pairs(old[0]), _entry_pairs(entry), ("events", "through"))
            entries[entry.id] = (entry, read)
        if len(entries) != len(site.timeline):  # and those gone
            for gone in entries.keys() - {e.id for e in site.timeline}:
                move(_entry_pairs(entries.pop(gone)[0]), None, ("events", "through"))
    if not counts:  # no count changed: the last build's network stands
        return _Counts(before.network, actors, articles, entries, before.counts, before.ties,
                       site.timeline)
    changed: dict[tuple[str, str], Tie | None] = {}
    for pair in touched:
        values = {kind: counts[kind][pair] for kind in KINDS}
        for kind in KINDS:
            if not values[kind]:
                counts[kind].pop(pair, None)  # no zero counts: a full count holds none
        tie = Tie(*pair, **values) if any(values.values()) else None
        if tie != before.ties.get(pair):
            changed[pair] = tie
    if not changed:
        return _Counts(before.network, actors, articles, entries, counts, before.ties,
                       site.timeline)
    ties = dict(before.ties)
    for pair, tie in changed.items():
        if tie is None:
            del ties[pair]
        else:
            ties[pair] = tie
    return _Counts(_ranked(site, sorted(ties.values(), key=_key)), actors, articles, entries,
                   counts, ties, site.timeline)


def _kind_counts(network: Network, kind: str) -> Counter:
    return Counter({(t.a, t.b): getattr(t, kind) for t in network.ties if getattr(t, kind)})


def _network(site: Site) -> Network:
    counts: dict[str, Counter[tuple[str, str]]] = {kind: Counter() for kind in KINDS}
    for article in site.corpus.articles.values():
        counts["articles"].update(_pairs(a.id for a in article.actors))
    for entry in site.timeline:
        direct = set(_pairs(entry.actors))
        counts["events"].update(direct)
        if entry.acting:  # pairs of parties to the event, not an actor and its own body
            sides = entry.sides()
            counts["through"].update(
                (a, b) for a, b in _pairs(entry.participants) if (a, b) not in direct
                and not any(a in side and b in side for side in sides))
    for (speaker, about), n in _spoken_about(site).items():
        counts["words"][tuple(sorted((speaker, about)))] += n
    pairs = set().union(*(c.keys() for c in counts.values()))
    ties = sorted((Tie(a, b, **{kind: counts[kind][(a, b)] for kind in KINDS})
                   for a, b in pairs), key=_key)
    return _ranked(site, ties)


def _ranked(site: Site, ties: list[Tie]) -> Network:
    """The network of these ties (sorted by _key)."""
    # The network proper: ties with events or words; co-mention alone stays in the exports.
    neighbours: dict[str, list[Tie]] = {actor_id: [] for actor_id in sorted(site.corpus.actors)}
    strength: Counter[str] = Counter()
    for tie in ties:
        if not tie.weight:
            continue
        for end in (tie.a, tie.b):
            neighbours.setdefault(end, []).append(tie)
            strength[end] += tie.weight
    order = tuple(sorted(strength, key=lambda actor_id: (-strength[actor_id], actor_id)))
    for actor_id, own in neighbours.items():  # each list: strongest first, then the neighbour's id
        own.sort(key=lambda t: (-t.weight, -t.events, -t.through, t.other(actor_id)))
    return Network(
        tuple(ties),
        {k: tuple(v) for k, v in neighbours.items()},
        dict(sorted(strength.items())),
        order,
        _overview(order[:OVERVIEW_ACTORS], neighbours, strength),
        dict.fromkeys(sorted(order[:EGO_ACTORS]), True),
    )


def _overview(
    actors: tuple[str, ...], neighbours: dict[str, list[Tie]], strength: Counter
) -> Overview:
    """Lay out the arc diagram: each drawn actor keeps its strongest ties to other drawn actors."""
    row, top, labels, bulge = 28, 22, 216, 140
    width, x = labels + 16 + bulge + 8, bulge + 8
    y = {actor_id: top + i * row for i, actor_id in enumerate(actors)}
    kept: dict[tuple[str, str], Tie] = {}
    for actor_id in actors:
        inner = [t for t in neighbours[actor_id] if t.other(actor_id) in y]
        for tie in inner[:OVERVIEW_TIES]:
            kept[(tie.a, tie.b)] = tie
    heaviest = max((t.weight for t in kept.values()), default=1)
    strongest = max((strength[a] for a in actors), default=1)
    arcs = []
    for tie in sorted(kept.values(), key=_key, reverse=True):
        y1, y2 = sorted((y[tie.a], y[tie.b]))
        ry = (y2 - y1) / 2
        rx = min(ry, bulge)
        arcs.append(
            Arc(
                tie,
                f"M{x} {y1}A{rx:g} {ry:g} 0 0 0 {x} {y2}",
                round(1 + 4 * tie.weight / heaviest, 1),
            )
        )
    rows = tuple((a, y[a], round(3 + 5 * strength[a] / strongest, 1)) for a in actors)
    height = top + max(len(actors) - 1, 0) * row + top
    return Overview(width, height, x, row, rows, tuple(arcs))
