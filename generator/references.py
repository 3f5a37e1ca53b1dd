"""Validate stage, helper: unknown ids, one problem per root cause, with the id probably meant.

A misspelt id in an article's `actors` list used to come back as one problem there and one more
"unknown actor of this article" for each event, quote and claim that spells the id right; a
misspelling typed three times, as three problems. Here the unknown ids of a file are noted with
all their uses; the uses explained by a misspelt listed id are folded into it; and each is
reported once, at its first use, naming the others and the nearest registry id.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field

from .hints import IdHints, did_you_mean, nearest
from .load import RawYaml


@dataclass
class UnknownId:
    """An id that names nothing, with every place it is used in one file."""

    raw: RawYaml
    at: tuple  # its first use noted
    what: str  # "actor", "theme", "actor of this article", "theme of this article"
    ident: str
    known: Collection[str] | None  # the ids of this article, for "… of this article"
    also: list[tuple] = field(default_factory=list)  # its other uses
    meant: list[str] | None = None  # suggested ids; None: not looked for yet
    users: list[tuple] = field(default_factory=list)  # uses of the id meant (see `fold`)

    @property
    def kind(self) -> str:
        return self.what.split()[0]


class UnknownIds:
    """The unknown ids of the file being checked, until `report`."""

    def __init__(self) -> None:
        self.hints: dict[str, IdHints] = {}  # "actor"/"theme": registry ids and names
        self.pending: dict[tuple, UnknownId] = {}

    def note(self, raw: RawYaml, at: tuple, what: str, ident: str,
             known: Collection[str] | None) -> None:
        key = (raw.shown, what, ident)
        if key in self.pending:
            self.pending[key].also.append(at)
        else:
            self.pending[key] = UnknownId(raw, at, what, ident, known)

    def _suggest(self, ref: UnknownId) -> list[str]:
        if ref.meant is None:
            hints = self.hints.get(ref.kind)
            ref.meant = hints.suggest(ref.ident, ref.known) if hints else []
        return ref.meant

    def fold(self, raw: RawYaml) -> None:
        """A misspelt id in the article's `actors` (or `themes`) list is the root of the "unknown
        actor of this article" problems of the events, quotes and claims that use the id it meant:
        keep the root only, naming those uses."""
        for kind, size in (("actor", 3), ("theme", 2)):  # at ("actors", i, "id"), ("themes", i)
            roots = [r for r in self.pending.values() if r.raw is raw and r.what == kind
                     and len(r.at) == size and r.at[0] == f"{kind}s"]
            uses = {r.ident: key for key, r in self.pending.items()
                    if r.raw is raw and r.what == f"{kind} of this article"}
            registered = self.hints[kind].names if kind in self.hints else {}
            for ref in roots:
                meant = self._suggest(ref)
                if not meant:  # no id is like it: is one the events use, and nothing lists?
                    unlisted = sorted(i for i in uses if i in registered)
                    meant = ref.meant = nearest(ref.ident, unlisted, 0.5) or (
                        unlisted if len(unlisted) == 1 and len(roots) == 1 else [])
                for ident in meant[:1]:
                    if ident in uses:
                        used = self.pending.pop(uses.pop(ident))
                        ref.users += [used.at, *used.also]
                        ref.meant = [ident]

    def report(
        self, where: Callable[[str], str], name: Callable[[tuple], str]
    ) -> Iterator[tuple[RawYaml, tuple, str]]:
        """(file, place, message) for each unknown id noted, then forget them. `where(what)`
        says where the ids come from, `name(place)` names a field."""
        for ref in self.pending.values():
            ref.at, *ref.also = sorted([ref.at, *ref.also], key=ref.raw.doc.where)  # first in file
            yield ref.raw, ref.at, self._message(ref, where, name)
        self.pending.clear()

    def _message(self, ref: UnknownId, where: Callable[[str], str],
                 name: Callable[[tuple], str]) -> str:
        field_ = name(ref.at)
        also = f"also used in {_places(ref.raw, ref.also, name)}" if ref.also else ""
        registered = ref.kind in self.hints and ref.ident in self.hints[ref.kind].names
        if ref.known is not None and registered and not self._suggest(ref):
            return (f'{field_}: {ref.kind} "{ref.ident}" is in {where(ref.kind)} but not in this '
                    f"annotation's `{ref.kind}s` list{f' ({also})' if also else ''}; expected it "
                    "added to that list, or an id from it")
        said = ""
        if self._suggest(ref):
            said = did_you_mean(self._suggest(ref))
            if ref.users:
                verb = "uses" if len(ref.users) == 1 else "use"
                said += f" {_places(ref.raw, ref.users, name)} {verb} it"
        if also:
            said += f"{' ' if said.endswith('?') else '; ' if said else ''}{also}"
        said = f" ({said})" if said else ""
        return (f'{field_}: unknown {ref.what} "{ref.ident}"{said}; '
                f"expected an id from {where(ref.what)}")


def _places(raw: RawYaml, pointers: list[tuple], name: Callable[[tuple], str]) -> str:
    """"events[0].actors[1] at line 22 and claims[0].about[0] at line 31", at most four."""
    pointers = sorted(pointers, key=raw.doc.where)
    named = [f"{name(p)} at line {raw.doc.where(p)[0]}" for p in pointers[:4]]
    if len(pointers) > 4:
        named.append(f"{len(pointers) - 4} more")
    return ", ".join(named[:-1]) + (" and " if len(named) > 1 else "") + named[-1]
