"""Actor mentions in an article: registry names and aliases in the text, and likely new actors.

Matching is on words folded by generator.arabic.normalize, so hamza, ى/ي and ة/ه variants match;
one-letter clitics (و ف ب ل ك, and لل for ل+ال) may be glued to the first word. The form reported is
the name as printed, without the clitic, so it passes the "forms occur in the text" check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..arabic import normalize
from ..matching import Automaton
from ..model import Actor, Theme
from .text import FoldedText

_CLITIC1 = set("وفبلك")
# Function words: a one-word name or alias equal to one of these (the broadcaster كان, "was") would
# match everywhere, so such names are not matched (and `briefing lint` reports them).
COMMON_WORDS = {
    normalize(w)
    for w in (
        "في",
        "من",
        "إلى",
        "الى",
        "عن",
        "مع",
        "بين",
        "عبر",
        "خلال",
        "منذ",
        "حتى",
        "بعد",
        "قبل",
        "لدى",
        "أن",
        "إن",
        "أنه",
        "إنه",
        "بأن",
        "لأن",
        "كان",
        "كانت",
        "يكون",
        "قد",
        "لقد",
        "لا",
        "لم",
        "لن",
        "ما",
        "هذا",
        "هذه",
        "ذلك",
        "تلك",
        "التي",
        "الذي",
        "الذين",
        "وهو",
        "وهي",
        "هو",
        "هي",
        "كما",
        "أو",
        "ثم",
        "حيث",
        "قال",
        "أكد",
        "أعلن",
        "حول",
        "ضد",
        "نحو",
        "عدم",
        "كل",
        "بعض",
        "أي",
        "غير",
        "يوم",
        "اليوم",
        "أمس",
        "فيما",
        "بينما",
        "وفق",
        "أمام",
        "عند",
        "ليس",
        "كانوا",
        "بل",
        "لكن",
    )
}
_CLITIC2 = {"وب", "ول", "وك", "فب", "فل", "فك"}
_WORD = re.compile(r"(?:[^\W_]|[\u064b-\u065f\u0670\u0640])+")


@dataclass(frozen=True)
class Mention:
    """One occurrence of a registry name in the text."""

    term_id: str
    form: str  # as printed, clitic removed
    line: int
    start: int  # raw offsets
    end: int


def _words(name: str) -> tuple[str, ...]:
    return tuple(w for w in (normalize(m.group()) for m in _WORD.finditer(name)) if w)


@lru_cache(maxsize=65536)
def _stems(word: str) -> tuple[tuple[str, int, bool], ...]:
    """(word without clitic, folded letters removed, form is a substring of the printed word)."""
    out = [(word, 0, True)]
    if len(word) > 3 and word[0] in _CLITIC1:
        out.append((word[1:], 1, True))
    if len(word) > 4 and word[:2] in _CLITIC2:
        out.append((word[2:], 2, True))
    # ل + ال is written لل: للعراق is "to Iraq"; the printed word does not contain العراق.
    for prefix in ("لل", "ولل", "فلل"):
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            out.append(("ال" + word[len(prefix) :], len(prefix), False))
    return tuple(out)


@lru_cache(maxsize=65536)
def _other_stems(word: str) -> tuple[str, ...]:
    """The stems of a word other than itself: what a name's first word may also match."""
    return tuple(stem for stem, _, _ in _stems(word)[1:])


class NameMatcher:
    """Finds names of terms (actors, themes) in texts; the longest name wins where names overlap.
    One automaton over the names' words (generator/matching.py): the work is linear in the text
    however many names there are and however many words they share."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        entries: list[tuple[str, tuple[str, ...]]] = []
        seen = set()
        for term_id, name in names:
            words = _words(name)
            if (
                not words
                or (len(words) == 1 and (len(words[0]) < 3 or words[0] in COMMON_WORDS))
                or (term_id, words) in seen
            ):
                continue
            seen.add((term_id, words))
            entries.append((term_id, words))
        entries.sort(key=lambda e: e[0])  # a name of two terms goes to the first id
        self._term_ids = [term_id for term_id, _ in entries]
        self._automaton = Automaton(words for _, words in entries)

    @classmethod
    def for_actors(cls, actors: Iterable[Actor]) -> NameMatcher:
        return cls(
            (a.id, name)
            for a in actors
            for name in (a.name_ar, a.name_en, *a.aliases_ar, *a.aliases_en)
        )

    @classmethod
    def for_themes(cls, themes: Iterable[Theme]) -> NameMatcher:
        return cls((t.id, t.label_ar) for t in themes)

    def find(self, text: str | FoldedText) -> list[Mention]:
        """Names from left to right: at each word the longest name starting there (its first word
        with or without a clitic, the other words as printed and separated by spaces only), then
        on after it."""
        text = text if isinstance(text, FoldedText) else FoldedText(text)
        tokens = text.tokens()
        raw = text.raw
        joined = [
            i > 0 and not raw[tokens[i - 1].end : tokens[i].start].strip()
            for i in range(len(tokens))
        ]
        best = self._automaton.longest(
            [t.folded for t in tokens], [_other_stems(t.folded) for t in tokens], joined
        )
        found: list[Mention] = []
        i = 0
        while i < len(tokens):
            n, name, k = best[i]
            if not n:
                i += 1
                continue
            _, cut, exact = _stems(tokens[i].folded)[k]
            start = _skip_letters(raw, tokens[i].start, cut) if exact else tokens[i].start
            end = tokens[i + n - 1].end
            found.append(
                Mention(self._term_ids[name], raw[start:end], text.line_of(start), start, end)
            )
            i += n
        return found


def _skip_letters(raw: str, start: int, letters: int) -> int:
    """Offset after `letters` letters from start (diacritics on them are skipped too)."""
    while letters:
        start += 1
        if normalize(raw[start - 1]):
            letters -= 1
    while start < len(raw) and not normalize(raw[start]) and not raw[start].isspace():
        start += 1  # a diacritic or tatweel left on the clitic
    return start


def group_mentions(mentions: Iterable[Mention]) -> dict[str, list[Mention]]:
    """Mentions per term id, in order of first mention."""
    grouped: dict[str, list[Mention]] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        grouped.setdefault(m.term_id, []).append(m)
    return grouped
