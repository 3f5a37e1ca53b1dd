"""Values kept from one build to the next under `mkdocs serve` (incremental.Session holds one Memo
for derive, network, exports and search), each under a name with the inputs it was made from.

A value is made again only when its inputs differ from last time's. Inputs are compared with ==
on tuples, which compares each item by identity first: an unchanged Article is the same object
from build to build (validate.ArticleMemo), so a tuple of unchanged Articles compares at the cost
of a pointer check per item. What a value depends on must all be in its inputs: a value is a pure
function of them. A value made again that equals the kept one is replaced by the kept one, so
the objects that did not change stay the same objects for the stages after (and their own
comparisons stay identity checks). Without a session (a full build), `Memo()` keeps nothing
between builds and every value is made."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

V = TypeVar("V")
K = TypeVar("K")


def replaced(now: dict[K, object], last: dict[K, object]) -> list[K]:
    """The keys whose value is not the very object the last build had (new or edited: an
    unchanged model object is the same object from build to build), then those the last build
    had that are gone: what an update of the last build's values starts from."""
    return [k for k, v in now.items() if last.get(k) is not v] + [
        k for k in last if k not in now]


def differing_keys(now: dict[K, object], last: dict[K, object]) -> set[K]:
    """The keys whose values differ (==) between two builds, or that one of them lacks."""
    return {k for k in now.keys() | last.keys() if now.get(k) != last.get(k)}


def differing(before: Sequence, after: Sequence,
              same: Callable[[object, object], bool] = operator.is_) -> list[int]:
    """The places where two sequences of equal length hold different objects (or, with `same`,
    unequal ones): the walk in C, as an edit changes a few of 100,000 documents, events or
    timeline entries."""
    flags = list(map(same, before, after))
    places, i = [], -1
    while True:
        try:
            i = flags.index(False, i + 1)
        except ValueError:
            return places
        places.append(i)


class Ids(tuple):
    """Items compared by identity, not value: the model objects of unchanged input files are the
    same objects from build to build, and new ones (after a registry edit every Article is made
    again) would cost a deep comparison each (66,000 of them in the terms of 1,000 seed-density
    articles: seconds) to find what making the value again finds faster."""

    __slots__ = ()

    def __new__(cls, items: Iterable[object] = ()) -> Ids:
        return super().__new__(cls, items)

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, tuple) and len(self) == len(other)
                and all(map(operator.is_, self, other)))

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = tuple.__hash__


class _Token:
    """Compared by identity (object's own ==)."""

    __slots__ = ()


class Memo:
    def __init__(self) -> None:
        self._kept: dict[object, tuple[tuple, object]] = {}
        self._next: dict[object, tuple[tuple, object]] = {}
        self.made = 0  # values made by the current or last build
        self.found = 0  # values kept from the build before
        self.remade: list[object] = []  # the names of the values made again, when there were some

    def start(self) -> None:
        self._next, self.made, self.found, self.remade = {}, 0, 0, []

    def done(self) -> None:
        """The build went through: what it used is what the next build compares with (what it
        did not use is dropped)."""
        self._kept, self._next = self._next, {}

    def get(self, name: object, inputs: tuple, make: Callable[[], V], again: bool = False) -> V:
        """The value made from `inputs`: the kept one when they equal the kept inputs, unless
        `again` (the caller knows that something the inputs leave out changed)."""
        kept = self._next.get(name) or self._kept.get(name)
        if kept is not None and kept[0] == inputs and not again:
            value = kept[1]
            self.found += 1
        else:
            value = make()
            self.made += 1
            if kept is not None:
                self.remade.append(name)
            if kept is not None and value == kept[1]:
                value = kept[1]  # type: ignore[assignment]  (equal: the kept object stands)
        self._next[name] = (inputs, value)
        return value  # type: ignore[return-value]

    def kept(self, name: object) -> tuple[tuple, object] | None:
        """The inputs and value the last build kept under `name` (to update rather than make
        again; never to change in place: a failed build leaves them for the next one)."""
        return self._kept.get(name)

    def keep(self, name: object) -> None:
        """Carry the value kept under `name` into this build unused (values made inside others'
        making are not asked for while those are kept: an article's part in its actors' terms)."""
        if name not in self._next and name in self._kept:
            self._next[name] = self._kept[name]

    def keep_all(self, names: Iterable[object]) -> None:
        """`keep` for many names (90,000 timeline entries at 10,000 seed-density articles)."""
        kept, keeping = self._kept, self._next
        keeping.update({n: kept[n] for n in names if n in kept and n not in keeping})

    def put(self, name: object, value: object) -> None:
        """Keep `value` for the next build (which finds it with `kept`): for a value that is
        updated from the last one rather than made from inputs (network.py's counts)."""
        self._next[name] = ((), value)

    def token(self, name: object, value: object) -> object:
        """An object standing for `value` in the inputs of other values, compared by identity: the
        last build's while `value` equals the last build's (one comparison here), a new one when
        it does not. (`same` would give the new value, and each input holding it would then be
        compared with the last one in depth: 22,000 timeline entries times a registry of 1,000
        actors after one name edit at 10,000 articles.)"""
        kept = self._next.get(name) or self._kept.get(name)
        token = kept[1] if kept is not None and kept[0] == (value,) else _Token()
        self._next[name] = ((value,), token)
        return token

    def same(self, name: object, value: V) -> V:
        """`value`, or the kept value of that name when equal (so that later inputs holding it
        compare by identity)."""
        return self.get(name, (value,), lambda: value)
