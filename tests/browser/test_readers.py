"""Readers in Chromium: the timeline, a filtered view, an article and an actor page printed to A4
PDFs (pages counted, text read back with pypdf); breadcrumbs; a feed opened as a page."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator import paths

WORD = re.compile(r"\w+")
MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # short vowels, shadda, tatweel


def plain(text: str) -> str:
    """Text as a PDF's text layer can be compared: presentation forms folded back to letters
    (NFKC), without short vowels and shadda (a PDF may order them differently)."""
    return MARKS.sub("", unicodedata.normalize("NFKC", text))


def printed(page) -> tuple[int, str]:
    """The page printed to A4 as Chromium prints it: its page count and its text layer."""
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    return len(pdf.pages), plain("\n".join(p.extract_text() for p in pdf.pages))


def on_one_line(text: str, phrase: str) -> bool:
    """Whether a line of the PDF's text holds the phrase's words in a row. A PDF keeps a line's
    words in visual order, right to left for Arabic, so either order counts."""
    words = WORD.findall(plain(phrase))
    for line in text.splitlines():
        found = WORD.findall(line)
        for seq in (found, found[::-1]):
            if any(seq[i:i + len(words)] == words for i in range(len(seq) - len(words) + 1)):
                return True
    return False


def words_of(text: str) -> set[str]:
    return set(WORD.findall(plain(text)))


def unprinted(shown: str, text: str) -> tuple[set[str], float]:
    """Words on screen that the PDF's text lacks, and their share. A word is found anywhere in the
    text with its spaces taken out (a PDF joins the words of two grid cells)."""
    joined = re.sub(r"\s+", "", text)
    words = words_of(shown)
    missing = {w for w in words if w not in joined}
    return missing, len(missing) / max(len(words), 1)


def test_timeline_prints_compactly(seed_url, watched) -> None:
    """51 events: a handful of A4 pages (28 when every year started a page), and every event's
    words are in the PDF's text."""
    page, watch = watched
    page.goto(seed_url + "timeline/", wait_until="networkidle")
    events = page.locator(".brf-event").count()
    sections = page.locator(".brf-timeline .brf-year, .brf-timeline .brf-month").count()
    shown = page.evaluate("[...document.querySelectorAll('.brf-event-text')].map(p => p.innerText)")
    page.emulate_media(media="print")
    pages, text = printed(page)
    assert events == 51 and sections > 40
    assert 3 <= pages <= 8, pages
    # A text layer that searches and copies: with Noto Naskh Arabic most words lost their dots;
    # the print face keeps all but a rare ligature (يرجّح).
    missing, share = unprinted(" ".join(shown), text)
    assert share < 0.01, sorted(missing)
    assert "الأحداث المعروضة" not in text  # no filter, no filter line
    assert watch.errors == [] and watch.outside == []


@pytest.mark.parametrize("query, chosen", [
    ("?actor=iran", "الفاعل: إيران"),
    ("?theme=border-security&year=2024", "المحور: أمن الحدود، الفترة: 2024"),  # the former year=
    ("?actor=iraq&actor=iran&match=all&from=2024-11&to=2024-11",
     "الفاعلون (كلهم معًا): العراق وإيران، الفترة: تشرين الثاني/نوفمبر 2024"),
])
def test_a_filtered_timeline_prints_its_filter_and_count(seed_url, watched, query, chosen) -> None:
    page, watch = watched
    page.goto(seed_url + "timeline/" + query, wait_until="networkidle")
    shown = page.locator(".brf-event:visible").count()
    line = f"الأحداث المعروضة: {shown} من 51 — {chosen}"
    assert 0 < shown < 51 and page.inner_text(".brf-filter-status") == line
    page.emulate_media(media="print")
    pages, text = printed(page)
    assert on_one_line(text, line), text[:400]
    assert pages <= 1 + shown // 8, (shown, pages)  # compact as the whole timeline (51 on 6)
    assert page.locator(".brf-filters select").first.is_hidden()  # the form stays on screen
    assert page.locator(".brf-chips").first.is_hidden()
    assert watch.errors == [] and watch.outside == []


def test_article_prints_with_its_annotations(seed_url, watched) -> None:
    page, watch = watched
    page.goto(seed_url + "articles/001_a0a0517b3fa354ea/", wait_until="networkidle")
    parts = page.evaluate("""() => Object.fromEntries(
        ['.brf-provenance', '.brf-summary', '.brf-actor-roles', '#events ~ .brf-timeline',
         '.brf-quotes', '.brf-claims', '.brf-text']"""
        ".map(s => [s, document.querySelector(s).innerText]))")
    page.emulate_media(media="print")
    pages, text = printed(page)
    assert pages <= 8, pages
    for selector, shown in parts.items():
        missing, share = unprinted(shown, text)
        assert share < 0.02, (selector, sorted(missing))
    assert watch.errors == [] and watch.outside == []


def test_actor_page_prints(seed_url, watched) -> None:
    page, watch = watched
    page.goto(seed_url + "actors/iran/", wait_until="networkidle")
    headings = page.evaluate("[...document.querySelectorAll('.md-content h2')]"
                             ".map(h => h.innerText)")
    page.emulate_media(media="print")
    pages, text = printed(page)
    assert 1 <= pages <= 9, pages
    assert on_one_line(text, "إيران") and on_one_line(text, "آخر تحديث")
    for heading in headings:
        assert on_one_line(text, heading), heading
    assert watch.errors == [] and watch.outside == []


def test_breadcrumbs_lead_home_from_a_deep_page(seed_url, watched) -> None:
    page, watch = watched
    page.goto(seed_url + "themes/border-security/", wait_until="networkidle")
    nav = page.get_by_role("navigation", name="مسار الصفحة")
    items = nav.locator("ol > li")
    assert items.count() == 4
    assert items.last.locator("[aria-current=page]").inner_text() == "أمن الحدود"
    separator = page.evaluate(
        "getComputedStyle(document.querySelectorAll('.brf-breadcrumbs li')[1], '::before').content")
    assert separator.startswith('"‹"')  # onward points left in Arabic; read aloud: nothing
    box = nav.bounding_box()
    title = page.locator("h1").bounding_box()
    assert box["y"] < title["y"]  # above the title
    nav.get_by_role("link", name="المحاور").click()
    page.wait_for_url("**/themes/")
    page.go_back()
    nav.get_by_role("link", name="الرئيسية").focus()  # a keyboard reaches it too
    page.keyboard.press("Enter")
    page.wait_for_url(seed_url)
    assert watch.errors == [] and watch.outside == []


def test_breadcrumbs_fit_a_phone(seed_url, watched) -> None:
    page, _ = watched
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("articles/001_a0a0517b3fa354ea/", "themes/border-security/"):
        page.goto(seed_url + path, wait_until="networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path


def test_a_feed_opens_as_an_arabic_page(seed_url, seed_site: Path, watched) -> None:
    """Chromium renders the feed with its CSS: the title, the link to the page it follows, every
    entry's title and a link to it, right to left; the links work."""
    import feedparser

    page, watch = watched
    feed = paths.actor_feed("iran")
    parsed = feedparser.parse((seed_site / feed).read_bytes())
    page.goto(seed_url + feed, wait_until="networkidle")
    assert page.evaluate("document.documentElement.localName") == "feed"  # the feed, not a copy
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
    assert page.locator("xslt-warning-banner").count() == 0
    # Every entry's title is on screen, one under the other, in the feed's order; ids, dates and
    # links of the feed itself are not.
    shown = page.evaluate("""() => {
        const A = 'http://www.w3.org/2005/Atom';
        const titles = [...document.getElementsByTagNameNS(A, 'entry')]
            .map(e => e.getElementsByTagNameNS(A, 'title')[0]);
        const machine = ['id', 'updated', 'published', 'link', 'category', 'generator']
            .flatMap(t => [...document.getElementsByTagNameNS(A, t)]);
        return {
            titles: titles.map(t => [t.textContent, t.getBoundingClientRect().top,
                                     t.getBoundingClientRect().height]),
            machine: machine.filter(m => m.getClientRects().length > 0).map(m => m.localName),
        };
    }""")
    titles = [e.title for e in parsed.entries]
    assert len(titles) == 5 and [t for t, _, _ in shown["titles"]] == titles
    tops = [top for _, top, _ in shown["titles"]]
    assert tops == sorted(tops) and min(tops) > 0 and all(h > 10 for _, _, h in shown["titles"])
    assert shown["machine"] == []
    entry_links = page.locator("entry > a")
    assert entry_links.count() == 5
    about = page.locator("div.brf-feed-about a")
    assert about.inner_text() == "صفحة إيران في الموجز"
    page.keyboard.press("Tab")  # the first stop of the keyboard is the link to the page
    assert page.evaluate("document.activeElement.textContent") == "صفحة إيران في الموجز"
    page.keyboard.press("Enter")
    page.wait_for_url("**/actors/iran/")
    assert page.locator("h1").inner_text().startswith("إيران")
    page.go_back()
    page.locator("entry > a").first.click()
    page.wait_for_url("**/articles/*/")
    assert page.locator("h1").inner_text() == titles[0]
    assert watch.outside == []
    assert [e for e in watch.errors if "sitemap" not in e] == []


def test_a_chosen_colour_scheme_follows_the_reader(seed_url, seed_site: Path, watched) -> None:
    """Material's head and palette scripts come from files (md-base.js, md-palette.js), not inline
    in every page: the toggle still remembers the choice for the whole site, from a deep page too,
    and the next page is drawn in it."""
    article = seed_site / "articles" / "001_a0a0517b3fa354ea" / "index.html"
    assert "<script>__md_scope" not in article.read_text(encoding="utf-8")
    page, watch = watched
    page.goto(seed_url + "articles/001_a0a0517b3fa354ea/", wait_until="networkidle")
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    assert page.evaluate("__md_scope.href") == seed_url  # the site's root, from a deep page
    page.click("label[for=__palette_1]")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    page.goto(seed_url + "actors/iraq/", wait_until="networkidle")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    assert watch.errors == [] and watch.outside == []
