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


# --- likely new actors: names after titles --------------------------------------------------------

_TITLES = {
    normalize(w)
    for w in (
        "وزير",
        "وزيرة",
        "رئيس",
        "رئيسة",
        "قائد",
        "أمين",
        "الأمين",
        "متحدث",
        "المتحدث",
        "الناطق",
        "ناطق",
        "مستشار",
        "سفير",
        "سفيرة",
        "نائب",
        "مدير",
        "زعيم",
        "الزعيم",
        "مبعوث",
        "المبعوث",
        "الرئيس",
        "القائد",
        "القيادي",
        "العميد",
        "اللواء",
        "الفريق",
        "جنرال",
        "الجنرال",
        "المرشد",
        "الشيخ",
        "النائب",
        "الوزير",
        "المستشار",
        "السفير",
        "السفيرة",
        "برئاسة",
        "بقيادة",
        "نظام",
        "نظيره",
        "الإمام",
        "السيد",
    )
}
# Words that continue an office title rather than start a name ("وزير خارجية قطر", "أمين عام").
_OFFICE = {
    normalize(w)
    for w in (
        "عام",
        "باسم",
        "خارجية",
        "داخلية",
        "دفاع",
        "أركان",
        "مجلس",
        "حكومة",
        "إقليم",
        "وزراء",
        "جهاز",
        "هيئة",
        "استخبارات",
        "فيلق",
        "قوات",
        "حركة",
        "منظمة",
        "مكتب",
        "لجنة",
        "كتائب",
        "جماعة",
        "حزب",
        "أمن",
        "جيش",
        "الحرس",
        "شرطة",
        "وكالة",
        "البريغادير",
        "بريغادير",
        "سابق",
        "سابقا",
        "ركن",
        "أول",
        "الأول",
        "عسكري",
    )
}
_CONNECTORS = {normalize(w) for w in ("بن", "ابن", "بنت", "عبد", "أبو", "أبي", "آل")}
# Words that never begin or continue a person's name (prepositions, particles, verbs of saying).
_STOP = COMMON_WORDS | {
    normalize(w)
    for w in (
        "وقال",
        "وأكد",
        "وأعلن",
        "أشار",
        "بشأن",
        "وفقا",
        "بحث",
        "يبحث",
        "اجتماع",
        "زيارة",
        "بيان",
        "تصريحات",
        "إطار",
        "لوكالة",
        "وكالة",
        "الأسبق",
        "السابق",
        "كبير",
        "كبيرا",
        "بارز",
        "بارزا",
        "رفيع",
        "سابق",
        "محلي",
        "إيراني",
        "عراقي",
        "أميركي",
        "أمريكي",
        "الأحد",
        "الاثنين",
        "الثلاثاء",
        "الأربعاء",
        "الخميس",
        "الجمعة",
        "السبت",
    )
}


@dataclass(frozen=True)
class Candidate:
    """A name the registry does not know, seen next to a title."""

    name: str  # as printed
    line: int
    start: int
    context: str  # the title phrase it came with, as printed
    count: int = 1  # occurrences of its last word in the text


class _Words:
    """Tokens of one text with the tests the name heuristics need."""

    def __init__(self, text: FoldedText) -> None:
        self.raw = text.raw
        self.tokens = text.tokens()
        self.counts: dict[str, int] = {}
        for tok in self.tokens:
            for stem, _, _ in _stems(tok.folded):
                self.counts[stem] = self.counts.get(stem, 0) + 1

    def word(self, i: int) -> str:
        return self.tokens[i].folded

    def printed(self, i: int) -> str:
        return _TASHKEEL.sub("", self.raw[self.tokens[i].start : self.tokens[i].end])

    def definite(self, i: int) -> bool:
        """ال… as printed (ألينا folds to الينا but is a name), or لل/وال/بال: not a first name."""
        return self.printed(i).startswith(("ال", "لل", "وال", "بال"))

    def joined(self, i: int) -> bool:
        """Token i follows token i-1 with only spaces between (no comma, quote or full stop)."""
        gap = self.raw[self.tokens[i - 1].end : self.tokens[i].start] if i > 0 else "-"
        return not gap.strip() and "\n" not in gap

    def title(self, i: int) -> bool:
        w = self.word(i)
        return w in _TITLES or (len(w) > 3 and w[0] in _CLITIC1 and w[1:] in _TITLES)

    def stop(self, i: int) -> bool:
        w = self.word(i)
        return (
            w in _STOP
            or (len(w) > 2 and w[0] in _CLITIC1 and w[1:] in _STOP)
            or self.title(i)
            or w.isdigit()
            or self.printed(i) == "على"
            or not re.fullmatch(r"[\u0621-\u064a]+", w)
        )


_TASHKEEL = re.compile("[\u064b-\u065f\u0670\u0640]")


def _skip_title(ws: _Words, i: int) -> int:
    """Index of the first word after a title and its office words (وزير خارجية قطر)."""
    j = i + 1
    while j < len(ws.tokens) and ws.joined(j):
        w = ws.word(j)
        if w in ("في", "لدي") and j + 1 < len(ws.tokens):
            j += 2  # سفيرة الولايات المتحدة في بغداد ألينا رومانوسكي
        elif ws.definite(j) or ws.title(j):
            j += 1
        elif w in _OFFICE:
            j += 1
            # The complement of a construct: خارجية قطر.
            if (
                j < len(ws.tokens)
                and ws.joined(j)
                and not (ws.definite(j) or ws.title(j) or ws.word(j) in _OFFICE or ws.stop(j))
            ):
                j += 1
        else:
            break
    return j


def _name_after(ws: _Words, j: int) -> list[int]:
    """Name words from j: up to 4, ending at punctuation, a particle, or a family name with al-."""
    name: list[int] = []
    while j < len(ws.tokens) and len(name) < 4 and (not name or ws.joined(j)) and not ws.stop(j):
        if ws.definite(j):
            if not name:
                break
            name.append(j)
            if ws.word(name[-2]) not in _CONNECTORS:
                break  # قاسم الأعرجي; but عبد الرحمن goes on
        else:
            name.append(j)
        j += 1
    while name and ws.word(name[-1]) in _CONNECTORS:
        name.pop()
    if (
        len(name) > 2
        and not ws.definite(name[-1])
        and not any(ws.word(k) in _CONNECTORS for k in name)
    ):
        # عباس عراقجي ملفات: keep up to the last word the text repeats, else two words.
        repeated = [
            n for n in range(2, len(name) + 1) if ws.counts.get(ws.word(name[n - 1]), 0) > 1
        ]
        name = name[: repeated[-1] if repeated else 2]
    if len(name) == 1 and ws.counts.get(ws.word(name[0]), 0) < 2:
        return []  # one word seen once after a title is more often a verb than a name
    return name


def _name_before(ws: _Words, i: int) -> list[int]:
    """Two name words before a title: "كاظم الفرطوسي، المتحدث باسم", "أكرم الكعبي الأمين العام"."""
    if i < 2:
        return []
    gap = ws.raw[ws.tokens[i - 1].end : ws.tokens[i].start].strip()
    first, last = i - 2, i - 1
    if not (gap in ("،", ",") or (gap == "" and ws.definite(i) and ws.definite(last))):
        return []
    if not ws.joined(last) or ws.stop(first) or ws.stop(last) or ws.definite(first):
        return []
    if ws.word(first) in _OFFICE or ws.word(last) in _OFFICE:
        return []
    return [first, last]


def find_candidates(
    text: str | FoldedText, known: NameMatcher, mentions: list[Mention] | None = None
) -> list[Candidate]:
    """Likely new actors: names next to a title (وزير، رئيس، قائد، الأمين العام، المتحدث باسم…)
    that no registry name or alias matches (`mentions`: known.find(text), if made already).
    Heuristic: a list for the annotator to look at."""
    text = text if isinstance(text, FoldedText) else FoldedText(text)
    ws = _Words(text)
    known_spans = [(m.start, m.end) for m in (known.find(text) if mentions is None else mentions)]
    found: dict[str, Candidate] = {}
    for i in range(len(ws.tokens)):
        if not ws.title(i):
            continue
        j = _skip_title(ws, i)
        after = _name_after(ws, j) if j < len(ws.tokens) and ws.joined(j) else []
        before = _name_before(ws, i)
        for name, title_end in ((after, j - 1), (before, min(i + 2, len(ws.tokens) - 1))):
            if not name:
                continue
            start, end = ws.tokens[name[0]].start, ws.tokens[name[-1]].end
            printed = ws.raw[start:end]
            if any(start < b and a < end for a, b in known_spans) or known.find(printed):
                continue
            key = normalize(printed)
            if key not in found:
                context = ws.raw[ws.tokens[i].start : ws.tokens[title_end].end]
                found[key] = Candidate(
                    printed,
                    text.line_of(start),
                    start,
                    context,
                    ws.counts.get(ws.word(name[-1]), 1),
                )
    # "الرئيس بارزاني ناقش" after "نيجيرفان بارزاني": a known surname then a word seen once is
    # that person again, with a verb; "حسين طائب" after "صدام حسين" is someone else (طائب recurs).
    surnames = {normalize(c.name.split()[-1]) for c in found.values() if len(c.name.split()) > 1}
    return sorted(
        (
            c
            for c in found.values()
            if len(c.name.split()) == 1
            or c.count > 1
            or normalize(c.name.split()[0]) not in surnames
        ),
        key=lambda c: c.start,
    )
