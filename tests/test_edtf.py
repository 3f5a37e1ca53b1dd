"""EDTF parsing and Arabic date labels for every precision and option."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from generator.edtf import DateStyle, EdtfError, arabic_label, hijri_label, parse_edtf

from .conftest import ROOT, mkdocs_build, write_config


@pytest.mark.parametrize(
    ("text", "precision", "lower", "upper"),
    [
        ("2024-11-10", "day", date(2024, 11, 10), date(2024, 11, 10)),
        ("2024-11", "month", date(2024, 11, 1), date(2024, 11, 30)),
        ("2024-02", "month", date(2024, 2, 1), date(2024, 2, 29)),
        ("2023", "year", date(2023, 1, 1), date(2023, 12, 31)),
        ("2024-11-10/2024-11-12", "range", date(2024, 11, 10), date(2024, 11, 12)),
        ("2023-10/2024", "range", date(2023, 10, 1), date(2024, 12, 31)),
        ("2024-11~", "month", date(2024, 11, 1), date(2024, 11, 30)),
    ],
)
def test_bounds(text: str, precision: str, lower: date, upper: date) -> None:
    d = parse_edtf(text)
    assert (d.precision, d.lower, d.upper) == (precision, lower, upper)


def test_qualifiers() -> None:
    assert parse_edtf("2024-11~").approximate and not parse_edtf("2024-11~").uncertain
    assert parse_edtf("2024-11?").uncertain and not parse_edtf("2024-11?").approximate
    assert parse_edtf("2024%").approximate and parse_edtf("2024%").uncertain


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-02-30", '"2024-02-30" is not a real day (2024-02 has 29 days)'),
        ("2023-02-29", '"2023-02-29" is not a real day (2023-02 has 28 days)'),
        ("2024-13", '"2024-13" has month 13; expected a month from 01 to 12'),
        ("10/11/2024", "is not an EDTF date"),
        ("2024-11-10T10:00", "is not an EDTF date"),
        ("", "is not an EDTF date"),
        ("2024-11-12/2024-11-10", "ends before it starts"),
    ],
)
def test_invalid(text: str, message: str) -> None:
    with pytest.raises(EdtfError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_edtf(text)


BOTH = DateStyle()
LEVANT = DateStyle(months="levantine")
EGYPT = DateStyle(months="egyptian")
INDIC = DateStyle(months="levantine", digits="arabic")


@pytest.mark.parametrize(
    ("text", "style", "label"),
    [
        ("2024-11-10", BOTH, "10 تشرين الثاني/نوفمبر 2024"),
        ("2024-11-10", LEVANT, "10 تشرين الثاني 2024"),
        ("2024-11-10", EGYPT, "10 نوفمبر 2024"),
        ("2024-11-10", INDIC, "١٠ تشرين الثاني ٢٠٢٤"),
        ("2024-01", BOTH, "كانون الثاني/يناير 2024"),
        ("2021-07", EGYPT, "يوليو 2021"),
        ("2015", BOTH, "2015"),
        ("2015", INDIC, "٢٠١٥"),
        ("2024-11~", LEVANT, "حوالي تشرين الثاني 2024"),
        ("2024-11-10?", EGYPT, "10 نوفمبر 2024 (غير مؤكد)"),
        ("2024%", BOTH, "حوالي 2024 (غير مؤكد)"),
        ("2024-11-10/2024-11-12", EGYPT, "من 10 إلى 12 نوفمبر 2024"),
        ("2023-10-07/2023-12", EGYPT, "من 7 أكتوبر إلى ديسمبر 2023"),
        ("2023-10/2024-01", LEVANT, "من تشرين الأول 2023 إلى كانون الثاني 2024"),
        ("2023/2024", BOTH, "من 2023 إلى 2024"),
    ],
)
def test_arabic_labels(text: str, style: DateStyle, label: str) -> None:
    assert arabic_label(parse_edtf(text), style) == label


def test_hijri_beside_gregorian() -> None:
    assert hijri_label(date(2024, 11, 10)) == "8 جمادى الأولى 1446 هـ"
    style = DateStyle(months="egyptian", hijri=True)
    assert (
        arabic_label(parse_edtf("2024-11-10"), style) == "10 نوفمبر 2024 (8 جمادى الأولى 1446 هـ)"
    )
    # Hijri is only added where the Gregorian date is a single day.
    assert arabic_label(parse_edtf("2024-11"), style) == "نوفمبر 2024"


@pytest.mark.parametrize(
    ("text", "style", "label"),
    [
        ("2024-11-10~", EGYPT, "حوالي 10 نوفمبر 2024"),
        ("2024-11?", LEVANT, "تشرين الثاني 2024 (غير مؤكد)"),
        ("2024?", BOTH, "2024 (غير مؤكد)"),
        ("2024~", BOTH, "حوالي 2024"),
        ("2024-11-10%", EGYPT, "حوالي 10 نوفمبر 2024 (غير مؤكد)"),
        # A qualified start keeps its own month; the year is said once.
        ("2024-11-10~/2024-11-12", EGYPT, "من حوالي 10 نوفمبر إلى 12 نوفمبر 2024"),
        ("2023-12-30/2024-01-02", EGYPT, "من 30 ديسمبر 2023 إلى 2 يناير 2024"),
        ("2023/2024~", BOTH, "من 2023 إلى حوالي 2024"),
        ("2024-11-10/2024-11-12", INDIC, "من ١٠ إلى ١٢ تشرين الثاني ٢٠٢٤"),
        ("2024-11-10", DateStyle(months="egyptian", digits="arabic"), "١٠ نوفمبر ٢٠٢٤"),
        ("2024-11-10", DateStyle(months="levantine", digits="arabic", hijri=True),
         "١٠ تشرين الثاني ٢٠٢٤ (٨ جمادى الأولى ١٤٤٦ هـ)"),
        # No Hijri date for ranges, nor outside the Umm al-Qura tables (1343-1500 AH).
        ("2024-11-10/2024-11-12", DateStyle(hijri=True), "من 10 إلى 12 تشرين الثاني/نوفمبر 2024"),
        ("1900-01-01", DateStyle(months="egyptian", hijri=True), "1 يناير 1900"),
    ],
)
def test_more_labels(text: str, style: DateStyle, label: str) -> None:
    assert arabic_label(parse_edtf(text), style) == label


def _page_text(site: Path, page: str) -> str:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_plugin_date_options_reach_the_site(tmp_path: Path, corpus_copy: Path) -> None:
    """dates_months / dates_digits / dates_hijri in mkdocs.yml change every date of the site."""
    default = mkdocs_build(corpus_copy, tmp_path / "default")
    assert default.returncode == 0, default.stderr
    text = _page_text(tmp_path / "default" / "site", "articles/a1")
    assert "10 تشرين الثاني/نوفمبر 2024" in text and "هـ" not in text

    config = write_config(corpus_copy, tmp_path)
    options = config.read_text(encoding="utf-8")
    for old, new in [("dates_months: both", "dates_months: levantine"),
                     ("dates_digits: latin", "dates_digits: arabic"),
                     ("dates_hijri: false", "dates_hijri: true")]:
        assert old in options
        options = options.replace(old, new)
    config.write_text(options, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
         "-d", str(tmp_path / "site")],
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    for page in ("articles/a1", "timeline", "actors/qasim-al-araji"):
        text = _page_text(tmp_path / "site", page)
        assert "١٠ تشرين الثاني ٢٠٢٤ (٨ جمادى الأولى ١٤٤٦ هـ)" in text, page
        html = (tmp_path / "site" / page / "index.html").read_text(encoding="utf-8")
        dates = [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<time[^>]*>(.*?)</time>", html)]
        assert dates and not [d for d in dates if re.search("[0-9]|نوفمبر", d)], page
    # Month headings of the timeline follow the options too.
    assert "تشرين الثاني ٢٠٢٤" in _page_text(tmp_path / "site", "timeline")
