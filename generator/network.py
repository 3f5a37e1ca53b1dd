"""Derive stage, second step: who appears with whom. A pure function of Site; no page, no file."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from .memo import Memo
from .model import Site

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
    actors that have such ties, strongest first, then id."""

    ties: tuple[Tie, ...]
    neighbours: dict[str, tuple[Tie, ...]]
    strength: dict[str, int]
    order: tuple[str, ...]
    overview: Overview

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
        forms = [(a.id, form) for a in article.actors for form in a.forms if form]
        for claim in article.claims:
            found.update((claim.claimant, x) for x in dict.fromkeys(claim.about)
                         if x != claim.claimant)
        for quote in article.quotes:
            named = dict.fromkeys(i for i, form in forms
                                  if i != quote.speaker and form in quote.text)
            found.update((quote.speaker, x) for x in named)
    return found


def derive_network(site: Site, memo: Memo | None = None) -> Network:
    """Count every kind of tie for every pair of actors, then rank by the meaningful ones.
    `memo` (memo.py): the last build's network while what it reads is the same: each timeline
    entry's actors and the bodies they acted for, each article's actors (not their roles), claims
    and quotes, and the registry's actor ids (an edited summary, role or publication date leaves
    the network as it was)."""
    if memo is None:
        return _network(site)
    events = memo.get("network events", (site.timeline,), lambda: tuple(
        (e.actors, e.acting) for e in site.timeline))
    read = tuple((tuple((m.id, m.forms) for m in a.actors), a.claims, a.quotes)
                 for a in site.corpus.articles.values())
    return memo.get("network", (events, read, tuple(site.corpus.actors)),
                    lambda: _network(site))


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
