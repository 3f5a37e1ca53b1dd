"""The built seed site in a real browser: RTL Arabic, no console errors, nothing leaves
localhost."""

from __future__ import annotations

from pathlib import Path

ARTICLE = "articles/003_babe8bcfe08ac5d2/"


def test_home_is_arabic_rtl_and_local(seed_url, watched):
    page, watch = watched
    page.goto(seed_url, wait_until="networkidle")
    assert page.get_attribute("html", "lang") == "ar"
    assert page.get_attribute("body", "dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert watch.errors == []
    assert watch.outside == []


def test_article_page_loads_with_font_and_text(seed_url, watched, tmp_path: Path):
    page, watch = watched
    page.goto(seed_url + ARTICLE, wait_until="networkidle")
    assert page.get_attribute("body", "dir") == "rtl"
    assert "الحرس الثوري" in page.inner_text("article") + page.inner_text(".brf-text")
    # The vendored Arabic font is really used (loaded from our own host, not Google).
    assert page.evaluate("document.fonts.check('16px \"Noto Naskh Arabic\"', 'ب')")
    assert page.evaluate("[...document.fonts].some(f => f.family.includes('Noto Naskh Arabic')"
                         " && f.status === 'loaded')")
    assert watch.errors == []
    assert watch.outside == []
