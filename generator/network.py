"""Derive stage, second step: who appears with whom. A pure function of Site; no page, no file."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import combinations

from .model import Site

OVERVIEW_ACTORS = 16  # actors drawn in the overview diagram
OVERVIEW_TIES = 3  # each drawn actor keeps its strongest ties to other drawn actors
EGO_ACTORS = 100  # actors listed with their strongest ties on the network page
NEIGHBOURS_SHOWN = 20  # ties listed on an actor page (all of them are in data/ties.csv.gz)


@dataclass(frozen=True)
class Tie:
    """Two actors named together: in `articles` annotations (each article once) and in `events`
    real events (merged timeline entries, each once). `weight` is their sum."""

    a: str  # the smaller id
    b: str
    articles: int
    events: int

    @property
    def weight(self) -> int:
        return self.articles + self.events

    def other(self, actor_id: str) -> str:
        return self.b if actor_id == self.a else self.a


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
    """Every tie, each actor's neighbourhood (strongest first, then id) and its strength (the sum of
    its ties' weights). `order` lists the actors that have ties, strongest first, then id."""

    ties: tuple[Tie, ...]
    neighbours: dict[str, tuple[Tie, ...]]
    strength: dict[str, int]
    order: tuple[str, ...]
    overview: Overview


def _key(tie: Tie) -> tuple:
    return (-tie.weight, -tie.events, tie.a, tie.b)


def derive_network(site: Site) -> Network:
    """Count shared articles and shared events for every pair of actors, then rank."""
    by_articles: Counter[tuple[str, str]] = Counter()
    for article in site.corpus.articles.values():
        by_articles.update(combinations(sorted({a.id for a in article.actors}), 2))
    by_events: Counter[tuple[str, str]] = Counter()
    for entry in site.timeline:
        by_events.update(combinations(sorted(set(entry.actors)), 2))
    ties = sorted(
        (
            Tie(a, b, by_articles[(a, b)], by_events[(a, b)])
            for a, b in by_articles.keys() | by_events.keys()
        ),
        key=_key,
    )
    neighbours: dict[str, list[Tie]] = {actor_id: [] for actor_id in sorted(site.corpus.actors)}
    strength: Counter[str] = Counter()
    for tie in ties:
        for end in (tie.a, tie.b):
            neighbours.setdefault(end, []).append(tie)
            strength[end] += tie.weight
    order = tuple(sorted(strength, key=lambda actor_id: (-strength[actor_id], actor_id)))
    for actor_id, own in neighbours.items():  # each list: strongest first, then the neighbour's id
        own.sort(key=lambda t: (-t.weight, -t.events, t.other(actor_id)))
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
