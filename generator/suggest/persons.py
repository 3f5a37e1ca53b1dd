"""Likely new persons: names next to a title (وزير، رئيس، القيادي، المتحدث باسم …) that no registry
name matches. Heuristics for the annotator to look at, never entered into an annotation unmarked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..arabic import normalize
from .actors import _CLITIC1, COMMON_WORDS, Mention, NameMatcher, _stems
from .text import FoldedText


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
        "عضو",
        "العضو",
        "محافظ",
        "المحافظ",
        "قائممقام",
        "المدير",
        "وكيل",
        "مساعد",
        "الدكتور",
        "القاضي",
        "النائبة",
        "المتحدثة",
        "الناطقة",
        "الرئيسة",
        "الأمينة",
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
        "ربما",
        "عدد",
        "الذي",
        "التي",
        "الذين",
        "اللذين",
        "اللتين",
        "اللواتي",
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
    title_start: int = -1  # raw offset of the title


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

    def gap(self, i: int) -> str:
        return self.raw[self.tokens[i - 1].end : self.tokens[i].start] if i > 0 else ""

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
            or _verb_like(w)
        )


def _verb_like(w: str) -> bool:
    """A present-tense verb rather than a name: يهدد، نعلن (a prefix and three root letters with
    no long vowel), سيزور (the future prefix)."""
    if len(w) == 4 and w[0] in "ين" and not set(w[1:]) & set("اوي"):
        return True
    return (len(w) >= 5 and w[:2] in ("سي", "ست", "سن")) or (len(w) >= 5 and w.endswith("وا"))


_TASHKEEL = re.compile("[\u064b-\u065f\u0670\u0640]")


_RELATIVE = {normalize(w) for w in ("الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي")}


def _skip_title(ws: _Words, i: int, orgs: dict[int, int] | None = None) -> int:
    """Index of the first word after a title and its office words (وزير خارجية قطر), and after
    an organisation named with it (رئيس حزب الحرية الكردستاني-الإيراني المعارض)."""
    orgs = orgs or {}
    j = i + 1
    while j < len(ws.tokens) and ws.joined(j):
        w = ws.word(j)
        if j in orgs:
            j = orgs[j]  # the token after the organisation's name
            # its description: "-الإيراني المعارض" (joined or after a hyphen)
            while j < len(ws.tokens) and ws.gap(j).strip() in ("", "-", "–") and "\n" not in ws.gap(
                j
            ) and ws.definite(j) and not ws.stop(j):
                j += 1
            break
        if w in ("في", "لدي") and j + 1 < len(ws.tokens):
            j += 2  # سفيرة الولايات المتحدة في بغداد ألينا رومانوسكي
        elif w in _RELATIVE:
            break  # الأماكن التي: a relative pronoun ends the title
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


def _apposition(ws: _Words, j: int) -> list[int]:
    """A name set off by commas after a title: "القيادي بالاتحاد الوطني الكردستاني، غياث سورجي،"."""
    if j >= len(ws.tokens) or ws.gap(j).strip() not in ("،", ","):
        return []
    name = []
    k = j
    while k < len(ws.tokens) and len(name) < 4 and (k == j or ws.joined(k)) and not ws.stop(k):
        name.append(k)
        k += 1
    closed = k < len(ws.tokens) and ws.gap(k).strip()[:1] in ("،", ",", ".", ":", "(")
    if not 2 <= len(name) <= 3 or not closed or any(ws.definite(n) for n in name[:1]):
        return []
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
    from .orgs import find_orgs  # orgs reads persons' word tests

    text = text if isinstance(text, FoldedText) else FoldedText(text)
    ws = _Words(text)
    known_spans = [(m.start, m.end) for m in (known.find(text) if mentions is None else mentions)]
    starts = {t.start: k for k, t in enumerate(ws.tokens)}
    ends = {t.end: k for k, t in enumerate(ws.tokens)}
    orgs: dict[int, int] = {}
    for org in find_orgs(text):
        first = starts.get(org.start)
        if first is None:  # a clitic before the head (لحزب): the token starts earlier
            first = next((k for k in range(len(ws.tokens)) if ws.tokens[k].end > org.start), None)
        if first is not None and org.end in ends:
            orgs[first] = ends[org.end] + 1
    found: dict[str, Candidate] = {}
    for i in range(len(ws.tokens)):
        if not ws.title(i):
            continue
        j = _skip_title(ws, i, orgs)
        if j < len(ws.tokens) and ws.joined(j):
            after = _name_after(ws, j)
        else:
            after = _apposition(ws, j)
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
                    ws.tokens[i].start,
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
