"""The top of an article as scraped: where the story starts, its headline, its dateline and outlet.

A saved page often begins with the site's chrome ("آخر الأخبار", a ticker of other headlines, a
section name, "+A -A"), then the headline, a date line, and a dateline such as "بغداد - شفق نيوز"
or "بغداد- (د ب أ)" before the first paragraph. The headline is the short line before the story
that shares most words with it; a dateline is never a title; the outlet comes from the dateline,
a "المصدر:" line or a copyright line. All of it is a suggestion for the annotator to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..arabic import normalize
from .actors import COMMON_WORDS
from .dates import find_dates
from .text import FoldedText

LONG = 20  # words: a line this long is a paragraph, not a headline
MAX_HEADER_LINES = 15
_DASH = "-–—"
_WORD = re.compile(r"(?:[^\W_]|[\u064b-\u065f\u0670\u0640])+")
_ARABIC = re.compile(r"[\u0621-\u064a]")
# Places a dateline names (folded). A side of a dateline that is one of these is the place, so the
# other side is the outlet.
PLACES = {
    normalize(w)
    for w in """بغداد طهران أربيل اربيل السليمانية دهوك كركوك الموصل نينوى البصرة النجف كربلاء
    الأنبار الرمادي الفلوجة ديالى بعقوبة واسط الكوت ميسان العمارة ذي_قار الناصرية صلاح_الدين
    تكريت سامراء بابل الحلة المثنى السماوة القادسية الديوانية حلبجة زاخو كردستان كوردستان
    دمشق حلب بيروت عمان القاهرة الرياض جدة الدوحة أبوظبي أبو_ظبي دبي الكويت المنامة مسقط
    صنعاء عدن أنقرة إسطنبول اسطنبول واشنطن نيويورك لندن باريس برلين موسكو بكين جنيف فيينا
    بروكسل القدس غزة رام_الله تل_أبيب الخرطوم طرابلس تونس الجزائر الرباط تبريز مشهد قم أصفهان
    الأهواز كرمانشاه سنندج أرومية""".split()
    for w in [w.replace("_", " ")]
}
# Lines of a page's chrome that are never a headline.
_NOT_TITLE = re.compile(
    r"(?i)^(?:skip to (?:main )?content|close menu|menu|search|تاريخ النشر|آخر تحديث|نشر في|"
    r"اشترك|الرئيسية|شارك|طباعة|\+A)"
)
_DATELINE_SIDES = re.compile(
    rf"^\s*(?P<a>[^{_DASH}()/|:]+?)\s*[{_DASH}]\s*(?P<b>[^{_DASH}()/|:]+?)\s*$"
)
_DATELINE_PAREN = re.compile(
    rf"^\s*(?P<place>[^{_DASH}()/|:\d]{{2,30}}?)?\s*[{_DASH}]?\s*\(\s*(?P<outlet>[^()]{{1,30}}?)\s*\)"
    rf"\s*(?:[{_DASH}:]\s*|$)"
)
_DATELINE_PLACE = re.compile(rf"^\s*(?P<place>[^{_DASH}()/|:\d]{{2,20}}?)\s*[{_DASH}]\s+(?=\S)")
_BYLINE = re.compile(r"^\s*(?P<place>[^/|:\d]{2,20}?)\s*/\s*(?P<author>[^/|:\d]{2,40})\s*$")
_SOURCE = re.compile(
    r"^\s*(?:المصدر|مصدر الخبر|المصدر الأصلي)\s*[:：]\s*(?P<name>.{2,60}?)\s*[.،]?\s*$"
)
_COPYRIGHT = re.compile(
    r"(?:©|جميع الحقوق محفوظة|حقوق النشر محفوظة)\s*(?:\d{4}\s*)?(?:[-–—،,]\s*)?(?:لـ?\s*)?"
    r"(?P<name>[^©\d|.،]{2,40}?)\s*(?:\d{4})?\s*$"
)


@dataclass(frozen=True)
class Line:
    number: int  # 1-based
    start: int  # raw offsets
    end: int
    text: str  # stripped

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))


@dataclass(frozen=True)
class Found:
    """A value from the text and where it is: for a comment the annotator can check."""

    value: str
    line: int
    how: str  # what it was found as, in English


@dataclass(frozen=True)
class Header:
    body_start: int  # raw offset of the first paragraph of the story
    title: Found | None
    outlet: Found | None
    dateline: Found | None  # the dateline line itself, if any
    skipped: tuple[Found, ...] = ()  # header lines that are not the headline, and why


def lines_of(raw: str) -> list[Line]:
    out, pos = [], 0
    for number, line in enumerate(raw.split("\n"), start=1):
        if line.strip():
            out.append(Line(number, pos, pos + len(line), line.strip()))
        pos += len(line) + 1
    return out


def body_index(lines: list[Line]) -> int:
    """Index of the story's first paragraph: the first long line followed by another long line
    (or by nothing). A ticker of headlines is long too, but a short headline follows it."""
    for i, line in enumerate(lines):
        if line.words >= LONG and (i + 1 == len(lines) or lines[i + 1].words >= LONG):
            return i
    for i, line in enumerate(lines):
        if line.words >= LONG:
            return i
    for i, line in enumerate(lines):  # a short text: its first sentence
        if line.words >= LONG // 2 and line.text.endswith((".", "؟", "!", "\"")):
            return i
    return min(len(lines), 8)


def _place(side: str) -> bool:
    return normalize(re.sub(r"\s+", " ", side.strip())) in PLACES


def dateline(text: str) -> tuple[str | None, str | None]:
    """(place, outlet) of a dateline line or of the start of a paragraph, else (None, None)."""
    m = _DATELINE_PAREN.match(text)
    if m and len(_WORD.findall(m["outlet"])) <= 4:
        place = m["place"].strip() if m["place"] and m["place"].strip() else None
        if place is None or _place(place):
            return place, m["outlet"].strip()
    m = _DATELINE_SIDES.match(text)
    if m and len(_WORD.findall(text)) <= 6:
        a, b = m["a"].strip(), m["b"].strip()
        if _place(a) and not _place(b):
            return a, b
        if _place(b) and not _place(a):
            return b, a
    m = _DATELINE_PLACE.match(text)
    if m and _place(m["place"]):
        return m["place"].strip(), None
    return None, None


def _content_words(text: str) -> set[str]:
    found = set()
    for w in _WORD.findall(text):
        f = normalize(w)
        for prefix in ("وال", "بال", "فال", "لل", "ال", "و", "ب", "ل"):
            if f.startswith(prefix) and len(f) - len(prefix) >= 3:
                f = f[len(prefix) :]
                break
        if len(f) >= 3 and f not in COMMON_WORDS and not f.isdigit():
            found.add(f)
    return found


def _is_date_line(line: Line) -> bool:
    return line.words <= 10 and bool(find_dates(line.text)) or bool(
        re.search(r"\d{1,2}:\d\d", line.text) and line.words <= 10
    )


def read_header(text: FoldedText) -> Header:
    """The headline, dateline and outlet of an article text, as far as its top tells."""
    lines = lines_of(text.raw)
    first = body_index(lines)
    body = lines[first] if first < len(lines) else None
    body_start = body.start if body else len(text.raw)
    story = _content_words(text.raw[body_start:])
    skipped: list[Found] = []
    outlet: Found | None = None
    date_line: Found | None = None
    best: Line | None = None
    for line in lines[: min(first, MAX_HEADER_LINES)]:
        place, name = dateline(line.text)
        if place or name:
            date_line = Found(line.text, line.number, "dateline")
            skipped.append(Found(line.text, line.number, "a dateline"))
            if name and not outlet:
                outlet = Found(name, line.number, f'the dateline "{line.text}"')
            continue
        if m := _SOURCE.match(line.text):
            outlet = outlet or Found(m["name"], line.number, f'"{line.text}"')
            continue
        why = _not_headline(line)
        if why:
            skipped.append(Found(line.text, line.number, why))
            continue
        if best is None and len(_content_words(line.text) & story) >= 2:
            best = line  # the first line about the story: a standfirst may follow it
    if body is not None and not date_line:
        place, name = dateline(body.text)
        if place or name:
            date_line = Found(body.text[:60], body.number, "dateline")
            if name and not outlet:
                outlet = Found(name, body.number, "the dateline that opens the first paragraph")
    if outlet is None:
        outlet = _footer_outlet(lines)
    title = Found(best.text[:500], best.number, "headline") if best else None
    return Header(body_start, title, outlet, date_line, tuple(skipped))


def _not_headline(line: Line) -> str:
    """Why a header line is not the headline ("" if it may be)."""
    if _NOT_TITLE.match(line.text) or "|" in line.text or "»" in line.text:
        return "page chrome"
    if _is_date_line(line):
        return "a date line"
    if line.words < 4:
        return "too short for a headline"
    if line.words > 30 or len(line.text) > 250:
        return "too long for a headline"
    if line.text.endswith(".") and "،" in line.text:
        return "a sentence of the story"
    letters = len(_ARABIC.findall(line.text))
    if letters < len(re.sub(r"\s", "", line.text)) / 2:
        return "not Arabic"
    return ""


def _footer_outlet(lines: list[Line]) -> Found | None:
    """"المصدر: …" or a copyright line in the last lines of the page."""
    for line in reversed(lines[-6:]):
        if len(line.text) > 80:
            continue
        if m := _SOURCE.match(line.text):
            return Found(m["name"], line.number, f'"{line.text}"')
        if m := _COPYRIGHT.search(line.text):
            name = m["name"].strip(" -–—،,")
            if name and _ARABIC.search(name):
                return Found(name, line.number, f'the copyright line "{line.text}"')
    return None
