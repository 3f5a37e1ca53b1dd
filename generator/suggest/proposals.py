"""New actors to propose: persons after titles, organisations after head nouns and the outlet,
that the registry does not know; each with a suggested id, a type and the forms the text prints.

Deduplicated: a name found twice is one proposal; one name inside another (الاتحاد الوطني and
الاتحاد الوطني الكردستاني, شفق نيوز and وكالة شفق نيوز) is one proposal with both forms. Nothing
the registry already has: a name equal to a registry name or alias, a name inside a registry
mention or a near miss, or a body named by a registry actor alone (حكومة السوداني, قيادة حسين طائب)
is left out.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .actors import Mention, NameMatcher, _words
from .header import Found
from .nearmiss import NearMiss
from .orgs import find_orgs
from .persons import find_candidates
from .text import FoldedText
from .translit import suggest_id

MAX_PROPOSALS = 30  # a draft lists at most this many, in order of first mention
MAX_FOUND = 400


@dataclass
class NewActor:
    name: str  # Arabic, for the registry
    type: str
    why: str  # how it was found, in English, for the comment
    forms: list[str] = field(default_factory=list)  # as printed, first seen first
    lines: list[int] = field(default_factory=list)
    id: str = ""  # suggested; "" when no transliteration came out

    @property
    def line(self) -> int:
        return self.lines[0]


def _key(name: str) -> tuple[str, ...]:
    return _words(name)


def _inside(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Words a appear in b, in a row."""
    return len(a) <= len(b) and any(b[k : k + len(a)] == a for k in range(len(b) - len(a) + 1))


def propose(
    text: FoldedText,
    known: NameMatcher,
    mentions: list[Mention],
    near: list[NearMiss],
    outlet: Found | None,
    kinds: dict[str, str],
) -> list[NewActor]:
    """New actors, in order of first mention."""
    families = [sorted((m.start, m.end) for m in mentions), sorted((n.start, n.end) for n in near)]
    mention_at = {(m.start, m.end): m for m in mentions}
    found: list[tuple[int, NewActor]] = []
    for org in find_orgs(text):
        if any(_crossed(org.start, org.end, f) for f in families):
            continue
        body_of = mention_at.get((org.rest_start, org.end))
        if body_of is not None and not (
            kinds.get(body_of.term_id) == "state" and _nisba(body_of.form)
        ):
            continue  # حكومة السوداني، قوات الحرس الثوري: a body of a registry actor
        found.append(
            (org.start, NewActor(org.name, org.type, f"named after «{org.head}»", [org.form],
                                 [org.line]))
        )
    for c in find_candidates(text, known, mentions):
        end = c.start + len(c.name)
        if any(_covered(c.start, end, f) for f in families) or _covered(
            c.title_start, c.title_start + 1, families[1]
        ):
            continue  # a registry name, or a title inside a near miss (لرئيس مجلس الوزراء)
        found.append((c.start, NewActor(c.name, "person", f'after the title "{c.context}"',
                                        [c.name], [c.line])))
    if outlet and not any(m.form == outlet.value.strip() for m in known.find(outlet.value)):
        found.append((-1, NewActor(outlet.value, "media", f"the outlet ({outlet.how})",
                                   [outlet.value], [outlet.line])))
    merged: list[NewActor] = []
    keys: list[tuple[str, ...]] = []
    # Merging compares each name with those kept: quadratic, so on a bounded number of them.
    for _, new in sorted(found, key=lambda f: f[0])[:MAX_FOUND]:
        k = _key(new.name)
        for n, other in enumerate(merged):
            if _inside(k, keys[n]) or _inside(keys[n], k):
                if len(k) > len(keys[n]):
                    other.name, keys[n] = new.name, k
                    if other.type == "person" or new.type != "person":
                        other.type = new.type
                for form in new.forms:
                    if form not in other.forms:
                        other.forms.append(form)
                other.lines += new.lines
                break
        else:
            merged.append(new)
            keys.append(k)
    merged = merged[:MAX_PROPOSALS]
    taken = set(kinds)
    for new in merged:
        new.id = suggest_id(new.name, taken)
        taken.add(new.id)
    return merged


def _covered(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) overlaps one of the spans (sorted, none overlapping another): only
    the span starting last before `start`, or one starting inside the range, can."""
    k = bisect.bisect_left(spans, (start, start))
    return (k > 0 and spans[k - 1][1] > start) or (k < len(spans) and spans[k][0] < end)


def _crossed(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether [start, end) overlaps a span without holding it whole: it lies inside a registry
    mention or cuts one (a name that holds a whole mention, البرلمان العراقي, is kept)."""
    k = bisect.bisect_left(spans, (start, start))
    if k > 0 and spans[k - 1][1] > start:
        return True
    while k < len(spans) and spans[k][0] < end:
        if spans[k][1] > end or spans[k] == (start, end):
            return True
        k += 1
    return False


def _nisba(form: str) -> bool:
    """One definite adjective of relation (العراقي، الإيرانية): a description, not a body."""
    words = form.split()
    return len(words) == 1 and words[0].startswith("ال") and words[0].endswith(("ي", "ية"))
