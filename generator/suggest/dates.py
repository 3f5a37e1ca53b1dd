"""Date phrases in Arabic news text, resolved against the publication date: suggestions to confirm.

A small month table and publication-date anchoring (NOTES.md section 5): dateparser misses the
Levantine months, the dual form "28 ديسمبر/ كانون الأول", ordinals and "الجاري". Matching runs on
the folded text (hamza, ى/ي, ة/ه and Arabic-Indic digits unified); phrases are reported as printed.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..arabic import normalize
from ..edtf import EdtfDate
from .text import FoldedText


def _folded(table: dict) -> dict:
    """Keys folded by generator.arabic.normalize (أوائل -> اوايل), so tables match folded text."""
    return {normalize(k): v for k, v in table.items()}


# Folded spellings (generator.arabic.normalize) -> month number, per naming tradition.
EGYPTIAN = {
    "يناير": 1,
    "فبراير": 2,
    "مارس": 3,
    "ابريل": 4,
    "مايو": 5,
    "يونيو": 6,
    "يونيه": 6,
    "يوليو": 7,
    "يوليه": 7,
    "اغسطس": 8,
    "سبتمبر": 9,
    "اكتوبر": 10,
    "نوفمبر": 11,
    "ديسمبر": 12,
}
LEVANTINE = {
    "كانون الثاني": 1,
    "كانون ثاني": 1,
    "شباط": 2,
    "اذار": 3,
    "نيسان": 4,
    "ايار": 5,
    "حزيران": 6,
    "تموز": 7,
    "اب": 8,
    "ايلول": 9,
    "تشرين الاول": 10,
    "تشرين اول": 10,
    "تشرين الثاني": 11,
    "تشرين ثاني": 11,
    "كانون الاول": 12,
    "كانون اول": 12,
}
MAGHREB = {
    "جانفي": 1,
    "فيفري": 2,
    "افريل": 4,
    "ماي": 5,
    "جوان": 6,
    "جويليه": 7,
    "اوت": 8,
}
MONTHS = _folded({**EGYPTIAN, **LEVANTINE, **MAGHREB})
# Month words that are also ordinary words (آب "father", مارس "practised", ماي): only with a day,
# a year, a second month name or a qualifier.
_AMBIGUOUS = {"اب", "ماي", "مارس"}
ENGLISH = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
# Folded weekday names -> date.weekday() (Monday is 0).
WEEKDAYS = _folded(
    {"الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعة": 4, "السبت": 5, "الأحد": 6}
)
WEEKDAY_NAMES = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
_UNITS = ("الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع")


def _ordinals() -> dict[str, int]:
    """Day ordinals as printed in dates: العاشر, الحادي عشر, الثاني والعشرين, الحادي والثلاثين…"""
    found = {u: i for i, u in enumerate(_UNITS, start=1)}
    found["العاشر"] = 10
    for i, u in enumerate(("الحادي",) + _UNITS[1:], start=1):
        found[f"{u} عشر"] = 10 + i
        found[f"{u} والعشرين"] = 20 + i
    found["العشرين"] = 20
    found["الثلاثين"] = 30
    found["الحادي والثلاثين"] = 31
    return found


ORDINALS = _folded(_ordinals())
# Qualifiers: this (month/year), last, next.
_QUALIFIER = _folded(
    {"الجاري": 0, "الحالي": 0, "الماضي": -1, "المنصرم": -1, "المقبل": 1, "القادم": 1}
)
# Vague parts of a month or year: early, mid, late.
_VAGUE = _folded(
    {
        "مطلع": "early",
        "أوائل": "early",
        "بداية": "early",
        "بدايات": "early",
        "منتصف": "mid",
        "أواسط": "mid",
        "أواخر": "late",
        "نهاية": "late",
        "آخر": "late",
    }
)
_VAGUE_AR = {"early": "أوائل", "mid": "منتصف", "late": "أواخر"}
# Counts in "قبل ثلاثة أيام", "منذ أربعة أشهر" (masculine and feminine forms).
NUMBERS = _folded(
    {
        w: n
        for n, words in enumerate(
            [
                ("ثلاث", "ثلاثة"),
                ("أربع", "أربعة"),
                ("خمس", "خمسة"),
                ("ست", "ستة"),
                ("سبع", "سبعة"),
                ("ثماني", "ثمانية", "ثمان"),
                ("تسع", "تسعة"),
                ("عشر", "عشرة"),
            ],
            start=3,
        )
        for w in words
    }
)
# Units after قبل/منذ: (unit, count when the word itself says it: يومين is two days).
_AGO_UNITS = _folded(
    {
        "يوم": ("day", 1),
        "يومين": ("day", 2),
        "أيام": ("day", None),
        "أسبوع": ("week", 1),
        "أسبوعين": ("week", 2),
        "أسابيع": ("week", None),
        "شهر": ("month", 1),
        "شهرين": ("month", 2),
        "أشهر": ("month", None),
        "شهور": ("month", None),
        "عام": ("year", 1),
        "عامين": ("year", 2),
        "أعوام": ("year", None),
        "سنة": ("year", 1),
        "سنتين": ("year", 2),
        "سنوات": ("year", None),
    }
)


def narrow_month(y: int, m: int, part: str) -> str:
    """Early, mid or late in a month as an EDTF range (seeds/FORMAT.md): days 1-10, 11-20, 21-end.
    The month's own edge is firm; the inner bound is approximate (~)."""
    last = calendar.monthrange(y, m)[1]
    if part == "early":
        return f"{_iso(y, m, 1)}/{_iso(y, m, 10)}~"
    if part == "mid":
        return f"{_iso(y, m, 11)}~/{_iso(y, m, 20)}~"
    return f"{_iso(y, m, 21)}~/{_iso(y, m, last)}"


def narrow_year(y: int, part: str) -> str:
    """Early, mid or late in a year: January-April, May-August, September-December."""
    if part == "early":
        return f"{y:04d}-01/{y:04d}-04~"
    if part == "mid":
        return f"{y:04d}-05~/{y:04d}-08~"
    return f"{y:04d}-09~/{y:04d}-12"


def _alt(words) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


_B, _E = r"(?<![^\W_])", r"(?![^\W_])"  # word boundaries that count Arabic letters as letters
_MONTH = _alt(MONTHS)
_QUAL = _alt(_QUALIFIER)
_WD = _alt(WEEKDAYS)
_YEAR = r"(?:1[89]|20)\d\d"

# [vague] [weekday] [day | ordinal من] month [/ month | (month)] [qualifier]
#   [[من] [عام] [qualifier] year]
FULL = re.compile(
    rf"{_B}(?:و?(?P<pre>في|منذ)\s+)?(?P<cl>[وفب])?(?:(?P<vague>{_alt(_VAGUE)})\s+)?"
    rf"(?:(?:يوم\s+)?(?P<wd>{_WD})[\s،,]+)?"
    rf"(?:(?P<day>\d{{1,2}})\s+|(?P<ord>{_alt(ORDINALS)})\s+من\s+)?"
    rf"(?P<shahr>شهر\s+)?(?P<m1>{_MONTH})"
    rf"(?:\s*/\s*(?P<m2>{_MONTH})|\s*\(\s*(?P<m3>{_MONTH})\s*\))?{_E}"
    rf"(?:\s+(?P<qual>{_QUAL}){_E})?"
    rf"(?:[\s،,]+(?:من\s+)?(?:(?:ال)?عام\s+|سنه\s+)?(?:(?P<yq>{_QUAL})\s+)?(?P<year>{_YEAR})(?!\d)"
    rf"|\s+من\s+(?:ال)?(?:عام|سنه)\s+(?P<yq2>{_QUAL}){_E})?"
)
NUMERIC = re.compile(
    rf"(?<![\d/.:-])(?:(?P<d>\d{{1,2}})\s*([/.-])\s*(?P<m>\d{{1,2}})\s*\2\s*(?P<y>{_YEAR})"
    rf"|(?P<iy>{_YEAR})-(?P<im>\d\d)-(?P<id>\d\d))(?![\d/:])"
)
_EN = "|".join(sorted(ENGLISH, key=len, reverse=True))
ENGLISH_DATE = re.compile(
    rf"(?:(?P<m>{_EN})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>{_YEAR})"
    rf"|(?<![a-z\d])(?P<d2>\d{{1,2}})\s+(?P<m2>{_EN})\.?,?\s+(?P<y2>{_YEAR}))(?!\d)"
)
RELATIVE = re.compile(
    rf"{_B}(?P<cl>[وفبل])?(?:(?P<vague>{_alt(_VAGUE)})\s+)?"
    rf"(?:(?P<unit>ال(?:اسبوع|شهر|عام|سنه))\s+(?P<q>{_QUAL})"
    rf"|(?:هذا|هذه)\s+(?P<this>ال(?:اسبوع|شهر|عام|سنه))"
    rf"|(?P<bare>ال(?:شهر|عام|سنه))"  # "مطلع العام": only with a vague word
    rf"|(?P<today>(?:صباح|مساء|ظهر|فجر|عصر|ليل|ليله)\s+اليوم)"
    rf"|(?P<before>اول\s+(?:من\s+)?امس|امس\s+الاول)|(?P<yesterday>امس)){_E}"
)
# "قبل يومين", "منذ ثلاثة أيام", "قبل أسبوع": counted back from the publication; not "قبل يومين من
# الزيارة", which counts from another event.
AGO = re.compile(
    rf"{_B}(?P<cl>[و])?(?P<pre>قبل|منذ)\s+(?:(?P<n>\d{{1,2}}|{_alt(NUMBERS)})\s+)?"
    rf"(?P<unit>{_alt(_AGO_UNITS)}){_E}"
    rf"(?!\s+(?:(?:من|على|{_WD}|{_MONTH}|رمضان|محرم|شعبان|القدس|الانتخابات){_E}|\d))"
)
WEEKDAY = re.compile(
    rf"{_B}(?P<cl>[وف])?(?:(?:يوم|مساء|صباح|فجر|ظهر|عصر)\s+)?"
    rf"(?:(?P<today>اليوم)\s*(?P<paren>\(\s*)?)?(?P<wd>{_WD})(?(paren)\s*\))"
    rf"(?:\s+(?P<q>الماضي|المنصرم|المقبل|القادم){_E})?{_E}"
)
YEAR = re.compile(
    rf"{_B}(?:و?(?P<pre>في|منذ)\s+)?(?P<cl>[وفب])?(?:(?P<vague>{_alt(_VAGUE)})\s+)?(?:(?:ال)?عام\s+|سنه\s+)?(?<![\d/.:-])(?P<year>{_YEAR})"
    rf"(?![\d/:])(?:\s*م{_E})?"
)
_MONTH_CONTEXT = re.compile(rf"(?:{_B}(?:في|منذ|حتى|خلال|مند|قبل|بعد|من)\s+)$")


@dataclass(frozen=True)
class Anchor:
    """What is known of the publication date: the year, maybe the month, maybe the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def of(cls, d: EdtfDate) -> Anchor | None:
        """The annotated publication date as an anchor; an uncertain "2024-11-11?" is still the best
        guess. A range gives no anchor."""
        if d.is_range:
            return None
        return cls(d.start.year, d.start.month, d.start.day)

    @property
    def date(self) -> date | None:
        return date(self.year, self.month, self.day) if self.day and self.month else None


@dataclass(frozen=True)
class DateSuggestion:
    """A date phrase as printed, where it is, and what it most likely means (None: cannot tell)."""

    phrase: str
    line: int
    start: int  # raw offset, for ordering and for finding the sentence around it
    end: int
    edtf: str | None
    basis: str  # explicit | relative | inferred (the annotation's date_basis)
    note: str = ""
    conflict: bool = False  # the text contradicts itself (weekday, two month names)
    weekday: int | None = None  # the weekday the phrase names, if any
    full: bool = False  # day, month and year all printed


def _iso(y: int, m: int | None = None, d: int | None = None) -> str:
    return f"{y:04d}" + (f"-{m:02d}" if m else "") + (f"-{d:02d}" if d else "")


def _year_for_month(month: int, step: int | None, anchor: Anchor | None) -> int | None:
    """The year of a month printed without one: this month, the last one, the next one, or the
    most recent one up to the publication (no qualifier)."""
    if anchor is None or anchor.month is None:
        return None
    if step == 0:
        return anchor.year
    if step == -1:
        return anchor.year if month < anchor.month else anchor.year - 1
    if step == 1:
        return anchor.year if month > anchor.month else anchor.year + 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def _check_day(y: int, m: int, d: int) -> str:
    last = calendar.monthrange(y, m)[1]
    return "" if 1 <= d <= last else f"{_iso(y, m)} has no day {d}"


def _weekday_note(day: date, weekday: int | None) -> tuple[str, bool]:
    if weekday is None:
        return "", False
    if day.weekday() == weekday:
        return f"the weekday agrees ({WEEKDAY_NAMES[weekday]})", False
    return (
        f"the text says {WEEKDAY_NAMES[weekday]} but {day.isoformat()} is a "
        f"{WEEKDAY_NAMES[day.weekday()]}: check which is right"
    ), True


def _full(m: re.Match, text: FoldedText, anchor: Anchor | None) -> DateSuggestion | None:
    m1 = MONTHS[re.sub(r"\s+", " ", m["m1"])]
    second = m["m2"] or m["m3"]
    has_day = bool(m["day"] or m["ord"])
    if (
        m["m1"] in _AMBIGUOUS
        and not (has_day or second or m["qual"] or m["year"] or m["yq2"] or m["shahr"])
    ) or not (
        has_day
        or m["shahr"]
        or second
        or m["qual"]
        or m["year"]
        or m["yq2"]
        or m["vague"]
        or m["pre"]
        or _MONTH_CONTEXT.search(text.folded[max(0, m.start() - 12) : m.start()])
    ):
        return None  # a bare month word with nothing around it: too weak to suggest
    notes, conflict = [], False
    if second and MONTHS[re.sub(r"\s+", " ", second)] != m1:
        notes.append("the two month names disagree")
        conflict = True
    day = (
        int(m["day"]) if m["day"] else ORDINALS[re.sub(r"\s+", " ", m["ord"])] if m["ord"] else None
    )
    weekday = WEEKDAYS[m["wd"]] if m["wd"] else None
    if m["year"]:
        year, basis = int(m["year"]), "explicit"
    else:
        step = _QUALIFIER[m["qual"]] if m["qual"] else None
        if m["yq2"]:  # "مارس من العام الماضي": the qualifier is the year's
            year = None if anchor is None else anchor.year + _QUALIFIER[m["yq2"]]
        else:
            year = _year_for_month(m1, step, anchor)
        basis = "relative"
        if year is None:
            notes.append("needs the publication date to know the year")
        elif not m["qual"] and not m["yq2"]:
            notes.append("no year printed: taken as the latest such month up to the publication")
    if (
        m["qual"]
        and _QUALIFIER[m["qual"]] == 0
        and anchor
        and anchor.month
        and year == anchor.year
        and anchor.month != m1
    ):
        notes.append(f"says this month, but the publication month is {anchor.month:02d}")
        conflict = True
    edtf = None
    if year is not None:
        if day is not None:
            if bad := _check_day(year, m1, day):
                notes.append(bad)
                conflict = True
            else:
                edtf = _iso(year, m1, day)
                note, clash = _weekday_note(date(year, m1, day), weekday)
                notes.append(note)
                conflict = conflict or clash
        elif m["vague"]:
            part = _VAGUE[m["vague"]]
            edtf = narrow_month(year, m1, part)
            notes.append(_vague_note(part, "month"))
        else:
            edtf = _iso(year, m1)
    return _make(m, text, edtf, basis, notes, conflict, weekday, full=bool(day and m["year"]))


def _vague_note(part: str, unit: str) -> str:
    days = {"early": "days 1-10", "mid": "days 11-20", "late": "day 21 to the end"}
    months = {"early": "January-April", "mid": "May-August", "late": "September-December"}
    span = days[part] if unit == "month" else months[part]
    return f"{part} in the {unit} ({_VAGUE_AR[part]}): {span}, as the annotation format says"


def _make(
    m: re.Match,
    text: FoldedText,
    edtf: str | None,
    basis: str,
    notes: list[str],
    conflict: bool = False,
    weekday: int | None = None,
    full: bool = False,
) -> DateSuggestion:
    start, end = m.span()
    groups = m.re.groupindex
    if "pre" in groups and m["pre"]:
        start = m.start("pre")  # "وفي 20 يونيو" is reported as "في 20 يونيو"
        if m["pre"] == "منذ":
            notes = [*notes, "since: perhaps a range from this date"]
    elif "cl" in groups and m["cl"]:
        start = m.end("cl")  # "والاثنين" is reported as "الاثنين"
    a, b = text.raw_span(start, end)
    return DateSuggestion(
        text.raw[a:b].strip(),
        text.line_of(a),
        a,
        b,
        edtf,
        basis,
        "; ".join(n for n in notes if n),
        conflict,
        weekday,
        full,
    )


def _numeric(m: re.Match, text: FoldedText) -> DateSuggestion | None:
    if m["iy"]:
        y, mo, d = int(m["iy"]), int(m["im"]), int(m["id"])
    else:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])  # day first, as Arabic outlets print
    if not 1 <= mo <= 12 or _check_day(y, mo, d):
        return None
    return _make(m, text, _iso(y, mo, d), "explicit", [], full=True)


def _english(m: re.Match, text: FoldedText) -> DateSuggestion | None:
    mo = ENGLISH[m["m"] or m["m2"]]
    y, d = int(m["y"] or m["y2"]), int(m["d"] or m["d2"])
    if _check_day(y, mo, d):
        return None
    return _make(m, text, _iso(y, mo, d), "explicit", [], full=True)


def _relative(m: re.Match, text: FoldedText, anchor: Anchor | None) -> DateSuggestion | None:
    pub = anchor.date if anchor else None
    if m["today"]:
        if pub is None:
            return _make(m, text, None, "relative", ["needs the day of publication"])
        return _make(m, text, pub.isoformat(), "relative", ["the day of publication"])
    if m["yesterday"] or m["before"]:
        days = 2 if m["before"] else 1
        if pub is None:
            return _make(m, text, None, "relative", ["needs the day of publication"])
        return _make(m, text, (pub - timedelta(days=days)).isoformat(), "relative", [])
    if m["bare"] and not m["vague"]:
        return None  # "العام" alone is a word ("الرأي العام"), not a date
    unit = (m["unit"] or m["this"] or m["bare"])[2:]
    step = _QUALIFIER[m["q"]] if m["q"] else 0
    part = _VAGUE[m["vague"]] if m["vague"] else None
    if unit in ("عام", "سنه"):
        if anchor is None:
            return _make(m, text, None, "relative", ["needs the publication year"])
        year = anchor.year + step
        if part:
            return _make(m, text, narrow_year(year, part), "relative", [_vague_note(part, "year")])
        return _make(m, text, _iso(year), "relative", [])
    if unit == "شهر":
        if anchor is None or anchor.month is None:
            return _make(m, text, None, "relative", ["needs the publication month"])
        y, mo = divmod(anchor.year * 12 + anchor.month - 1 + step, 12)
        if part:
            return _make(
                m, text, narrow_month(y, mo + 1, part), "relative", [_vague_note(part, "month")]
            )
        return _make(m, text, _iso(y, mo + 1), "relative", [])
    if pub is None:  # a week
        return _make(m, text, None, "relative", ["needs the day of publication"])
    # Weeks run Sunday to Saturday, as in Iraq and most of the Arab east.
    sunday = pub - timedelta(days=(pub.weekday() + 1) % 7) + timedelta(weeks=step)
    note = "the week from Sunday to Saturday"
    if part:
        note += f"; {part} in the week: not narrowed"
    return _make(
        m,
        text,
        f"{sunday.isoformat()}/{(sunday + timedelta(days=6)).isoformat()}",
        "relative",
        [note],
    )


def _ago(m: re.Match, text: FoldedText, anchor: Anchor | None) -> DateSuggestion:
    """قبل يومين (two days before the publication), قبل أسبوع (about seven), قبل أيام (a few:
    two to seven), قبل شهرين (about two months), قبل عام (about a year)."""
    unit, count = _AGO_UNITS[m["unit"]]
    if m["n"]:
        count = int(m["n"]) if m["n"].isdigit() else NUMBERS[m["n"]]
    pub = anchor.date if anchor else None
    if unit in ("day", "week") and pub is None:
        return _make(m, text, None, "relative", ["needs the day of publication"])
    if anchor is None or anchor.month is None:
        return _make(m, text, None, "relative", ["needs the publication month"])
    if unit == "day":
        if count is None:
            early, late = pub - timedelta(days=7), pub - timedelta(days=2)
            edtf = f"{early.isoformat()}~/{late.isoformat()}"
            return _make(m, text, edtf, "relative", ["a few days before the publication"])
        day = pub - timedelta(days=count)
        return _make(
            m, text, day.isoformat(), "relative", [f"{count} day(s) before the publication"]
        )
    if unit == "week":
        if count is None:
            early, late = pub - timedelta(weeks=4), pub - timedelta(weeks=1)
            edtf = f"{early.isoformat()}~/{late.isoformat()}"
            return _make(m, text, edtf, "relative", ["a few weeks before the publication"])
        day = pub - timedelta(weeks=count)
        return _make(m, text, f"{day.isoformat()}~", "relative", [f"about {count} week(s) before"])
    months = {"month": 1, "year": 12}[unit] * (count or 3)
    y, mo = divmod(anchor.year * 12 + anchor.month - 1 - months, 12)
    if count is None:  # "قبل أشهر", "منذ سنوات": some months or years; the earliest is a guess
        return _make(
            m, text, f"{_iso(y, mo + 1)}~/{_iso(anchor.year, anchor.month)}", "relative",
            ["some time before the publication: the start is a guess"],
        )
    return _make(m, text, f"{_iso(y, mo + 1)}~", "relative", [f"about {count} {unit}(s) before"])


def _weekday(m: re.Match, text: FoldedText, anchor: Anchor | None) -> DateSuggestion:
    weekday = WEEKDAYS[m["wd"]]
    pub = anchor.date if anchor else None
    if pub is None:
        return _make(m, text, None, "relative", ["needs the day of publication"], weekday=weekday)
    step = _QUALIFIER[m["q"]] if m["q"] else 0
    if m["today"] and not m["q"]:
        note, clash = _weekday_note(pub, weekday)
        note = "today: the day of publication" + (f"; {note}" if clash else "")
        return _make(m, text, pub.isoformat(), "relative", [note], clash, weekday=weekday)
    if step == 1:
        day = pub + timedelta(days=(weekday - pub.weekday() - 1) % 7 + 1)
        note = "the next one after the publication"
    else:
        back = (pub.weekday() - weekday) % 7
        if step == -1 and back == 0:
            back = 7
        day = pub - timedelta(days=back)
        note = (
            "the latest one up to the publication"
            if step == 0
            else "the last one before the publication"
        )
    return _make(m, text, day.isoformat(), "relative", [note], weekday=weekday)


def _year(m: re.Match, text: FoldedText) -> DateSuggestion:
    if m["vague"]:
        part = _VAGUE[m["vague"]]
        edtf = narrow_year(int(m["year"]), part)
        return _make(m, text, edtf, "explicit", [_vague_note(part, "year")])
    return _make(m, text, m["year"], "explicit", [])


def find_dates(raw: str | FoldedText, anchor: Anchor | None = None) -> list[DateSuggestion]:
    """Every date phrase in the text, in text order; the most specific reading of each span wins."""
    text = raw if isinstance(raw, FoldedText) else FoldedText(raw)
    s = text.folded
    taken: list[tuple[int, int]] = []
    found: list[DateSuggestion] = []

    def add(m: re.Match, suggestion: DateSuggestion | None) -> None:
        if suggestion is None or any(m.start() < b and a < m.end() for a, b in taken):
            return
        taken.append(m.span())
        found.append(suggestion)

    for m in FULL.finditer(s):
        add(m, _full(m, text, anchor))
    for m in NUMERIC.finditer(s):
        add(m, _numeric(m, text))
    for m in ENGLISH_DATE.finditer(s):
        add(m, _english(m, text))
    for m in RELATIVE.finditer(s):
        add(m, _relative(m, text, anchor))
    for m in AGO.finditer(s):
        add(m, _ago(m, text, anchor))
    for m in WEEKDAY.finditer(s):
        add(m, _weekday(m, text, anchor))
    for m in YEAR.finditer(s):
        add(m, _year(m, text))
    return sorted(found, key=lambda d: (d.start, d.end))


def printed_publication(raw: str | FoldedText, header_lines: int = 8) -> DateSuggestion | None:
    """A full date printed in the header (the lines before the story's first paragraph, at most
    `header_lines` of them): the publication date. A date in the first paragraph is an event."""
    from .header import body_index, lines_of  # header reads dates too

    text = raw if isinstance(raw, FoldedText) else FoldedText(raw)
    lines = lines_of(text.raw)
    first = min(body_index(lines), header_lines)
    limit = lines[first].start if first < len(lines) else len(text.raw)
    for d in find_dates(text):
        if d.start >= limit:
            break
        if d.full and d.edtf and not d.conflict:
            return d
    return None


def inferred_publication(suggestions: list[DateSuggestion]) -> DateSuggestion | None:
    """A phrase like "نوفمبر الجاري 2024" (this month, and its year) gives the publication month."""
    for d in suggestions:
        if (
            d.edtf
            and d.basis == "explicit"
            and re.search(rf"(?:{_alt(MONTHS)})\s+(?:الجاري|الحالي)", FoldedText(d.phrase).folded)
        ):
            return d
    return None


def weekday_in(phrase: str) -> int | None:
    """The weekday a phrase names (folded match), or None."""
    m = WEEKDAY.search(FoldedText(phrase).folded)
    return WEEKDAYS[m["wd"]] if m else None
