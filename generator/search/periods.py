"""Search by period: the year tokens a dated page is indexed under; the month names of queries.

A dated page (an article by its publication date, an event by its date range) is indexed under one
token per year its date touches, "%2024", like an actor token but with a payload in place of the
count: which days of that year the date covers, and whether the date lies wholly in the year. So a
query naming a year or a month ("2024", «نوفمبر 2024», «11/2024») fetches one posting list, the
year's, and reads from it which pages fall in the period and in what order, without fetching any
page; nothing per page goes into meta.gz. briefing-search.js decodes the payload (`yearDays`).

Payload of a page under the token of year Y, with `first` and `last` the 0-based days of Y that the
date, clipped to Y, starts and ends on (1 January is 0; 31 December 365 in a leap year):

    count = 1 + within + 2 * first + 732 * (last - first)        within: 1 if the date lies in Y

(1 + a single day: 2 varint bytes; a range: 3.) The month names come from the site's own date labels
(edtf.py, Babel) and from the tables `briefing new` reads dates with (suggest/dates.py), so the
Egyptian/Gulf, Levantine and Maghreb names, their variants (يونيه, كانون ثاني) and English ones all
name a month.
"""

from __future__ import annotations

from datetime import date

from ..edtf import DateStyle, month_name
from ..suggest.dates import EGYPTIAN, ENGLISH, LEVANTINE, MAGHREB
from .analyze import alias_key

TOKEN = "%"  # a year token is "%2024": no word, actor (@) or theme (#) token starts with it
DAYS = 366  # the day-of-year field's range (a leap year's days)


def year_token(year: int) -> str:
    return f"{TOKEN}{year}"


def year_counts(lower: date, upper: date) -> list[tuple[str, int]]:
    """The year tokens of a date from `lower` to `upper` (inclusive), each with its payload."""
    out = []
    for year in range(lower.year, upper.year + 1):
        start, end = date(year, 1, 1), date(year, 12, 31)
        first = (max(lower, start) - start).days
        last = (min(upper, end) - start).days
        within = 1 if start <= lower and upper <= end else 0
        out.append((year_token(year), 1 + within + 2 * first + 2 * DAYS * (last - first)))
    return out


def month_names() -> dict[str, int]:
    """Month name (as an alias key: folded, article stripped, words joined by spaces) -> month."""
    labels = {
        month_name(m, DateStyle(months=style)): m
        for style in ("egyptian", "levantine")
        for m in range(1, 13)
    }
    names: dict[str, int] = {}
    for table in (labels, EGYPTIAN, LEVANTINE, MAGHREB, ENGLISH):
        for name, month in table.items():
            key = alias_key(name)
            if key:
                names.setdefault(key, month)
    return dict(sorted(names.items()))
