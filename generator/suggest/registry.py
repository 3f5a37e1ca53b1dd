"""The registries alone, validated apart from the annotations (a broken one must not hide them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..load import RawCorpus
from ..model import Actor, Theme
from ..problems import Problem, ValidationFailed, display_path
from ..validate import validate


@dataclass
class Registries:
    actors: dict[str, Actor] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def registries_of(raw: RawCorpus) -> Registries:
    """Actors and themes of a loaded corpus; on errors in a registry: none, and the problems."""
    names = {display_path(raw.seeds_dir / f"{n}.yml") for n in ("actors", "themes")}
    only = RawCorpus(
        raw.seeds_dir,
        actors=raw.actors,
        themes=raw.themes,
        problems=[p for p in raw.problems if p.path in names],
    )
    try:
        corpus = validate(only)
    except ValidationFailed as failure:
        return Registries(problems=failure.problems)
    return Registries(corpus.actors, corpus.themes)
