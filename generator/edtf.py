"""EDTF dates (the subset annotators use) and their honest Arabic labels."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import cached_property
from datetime import date

from babel.dates import get_month_names

_PART = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?P<q>[~?%]?)$")

# Levantine names as Babel has them for Iraq; Egyptian/Gulf names as Babel's plain "ar".
_LEVANTINE = get_month_names("wide", locale="ar_IQ")
_EGYPTIAN = get_month_names("wide", locale="ar")
MONTH_STYLES = ("both", "levantine", "egyptian")
DIGIT_STYLES = ("latin", "arabic")
_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
# Arabic-Indic and Persian digits (and the Arabic decimal and thousands signs) to ASCII.
LATIN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")


class EdtfError(ValueError):
    """The text is not a supported EDTF date, or names a day that does not exist."""


@dataclass(frozen=True)
class EdtfPoint:
    """One end of a date: year, optional month and day, and qualifiers."""

    year: int
    month: int | None
    day: int | None
    approximate: bool = False
    uncertain: bool = False

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    # Cached (in the instance's __dict__, which a frozen dataclass allows cached_property to
    # write): every list sorted by date reads them, hundreds of thousands of times a build.
    @cached_property
    def lower(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @cached_property
    def upper(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])


@dataclass(frozen=True)
class EdtfDate:
    """A date as annotated: a point or a closed range of points, with its original text."""

    text: str
    start: EdtfPoint
    end: EdtfPoint | None = None

    @property
    def is_range(self) -> bool:
        return self.end is not None

    @cached_property
    def lower(self) -> date:
        return self.start.lower

    @cached_property
    def upper(self) -> date:
        return (self.end or self.start).upper

    @property
    def precision(self) -> str:
        return "range" if self.end else self.start.precision

    @property
    def approximate(self) -> bool:
        return self.start.approximate or bool(self.end and self.end.approximate)

    @property
    def uncertain(self) -> bool:
        return self.start.uncertain or bool(self.end and self.end.uncertain)

    def overlaps(self, other: EdtfDate) -> bool:
        return self.lower <= other.upper and other.lower <= self.upper


def _point(text: str, whole: str) -> EdtfPoint:
    match = _PART.match(text)
    if not match:
        raise EdtfError(
            f'"{whole}" is not an EDTF date; expected "2024-11-10", "2024-11", "2024", '
            f'"2024-11-10/2024-11-12", or one of these ending in ~ (about) or ? (uncertain)'
        )
    year, month, day = int(match["y"]), match["m"], match["d"]
    if year == 0:
        raise EdtfError(f'"{whole}" has year 0000, which does not exist; expected a year from 0001')
    if month is not None and not 1 <= int(month) <= 12:
        raise EdtfError(f'"{whole}" has month {month}; expected a month from 01 to 12')
    if day is not None:
        last = calendar.monthrange(year, int(month))[1]
        if not 1 <= int(day) <= last:
            raise EdtfError(f'"{whole}" is not a real day ({year}-{month} has {last} days)')
    q = match["q"]
    return EdtfPoint(
        year,
        int(month) if month else None,
        int(day) if day else None,
        approximate=q in ("~", "%"),
        uncertain=q in ("?", "%"),
    )


def parse_edtf(text: str) -> EdtfDate:
    """Parse `YYYY[-MM[-DD]][~?%]` or a range `A/B` of those; raises EdtfError with a plain
    message."""
    if not isinstance(text, str):
        raise EdtfError(
            f"{text!r} is not a quoted date; expected a quoted EDTF date like \"2024-11-10\""
        )
    if "/" in text:
        first, _, second = text.partition("/")
        start, end = _point(first, text), _point(second, text)
        if end.upper < start.lower:
            raise EdtfError(f'"{text}" ends before it starts; expected the earlier date first')
        return EdtfDate(text, start, end)
    return EdtfDate(text, _point(text, text))


@dataclass(frozen=True)
class DateStyle:
    """How dates are written on the site: month-name tradition and digits (plugin options)."""

    months: str = "both"
    digits: str = "latin"
    hijri: bool = False


def month_name(month: int, style: DateStyle) -> str:
    if style.months == "levantine":
        return _LEVANTINE[month]
    if style.months == "egyptian":
        return _EGYPTIAN[month]
    return f"{_LEVANTINE[month]}/{_EGYPTIAN[month]}"


def digits(text: str, style: DateStyle) -> str:
    """Numbers in the site's digits (plugin option dates_digits)."""
    return text.translate(_ARABIC_DIGITS) if style.digits == "arabic" else text


_digits = digits


def _point_label(p: EdtfPoint, style: DateStyle, with_year: bool = True) -> str:
    parts = []
    if p.day:
        parts.append(str(p.day))
    if p.month:
        parts.append(month_name(p.month, style))
    if with_year:
        parts.append(str(p.year))
    return " ".join(parts)


def _qualify(label: str, approximate: bool, uncertain: bool) -> str:
    if approximate:
        label = f"حوالي {label}"
    if uncertain:
        label = f"{label} (غير مؤكد)"
    return label


def arabic_label(d: EdtfDate, style: DateStyle = DateStyle()) -> str:
    """Arabic label that keeps the precision: a month stays a month, "about" stays about."""
    s = d.start
    if d.end is None:
        label = _qualify(_point_label(s, style), s.approximate, s.uncertain)
    else:
        e = d.end
        same_year = s.year == e.year and "year" not in (s.precision, e.precision)
        same_month = same_year and s.month == e.month and s.precision == "day"
        if same_month and not (s.approximate or s.uncertain):
            first = str(s.day)
        else:
            first = _qualify(
                _point_label(s, style, with_year=not same_year), s.approximate, s.uncertain
            )
        label = f"من {first} إلى {_qualify(_point_label(e, style), e.approximate, e.uncertain)}"
    label = _digits(label, style)
    hijri = style.hijri and d.end is None and s.precision == "day" and hijri_label(s.lower, style)
    if hijri:  # empty outside the Umm al-Qura range
        label = f"{label} ({hijri})"
    return label


_HIJRI_MONTHS = (
    "محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة",
    "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة",
)


def hijri_label(day: date, style: DateStyle = DateStyle()) -> str:
    """Umm al-Qura date, e.g. "8 جمادى الأولى 1446 هـ"; empty outside the supported range."""
    from hijridate import Gregorian

    try:
        h = Gregorian(day.year, day.month, day.day).to_hijri()
    except (OverflowError, ValueError):
        return ""
    return _digits(f"{h.day} {_HIJRI_MONTHS[h.month - 1]} {h.year} هـ", style)
