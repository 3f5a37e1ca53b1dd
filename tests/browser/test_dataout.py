"""Data out in Chromium: the network page on a phone, and printing to A4 without navigation."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from ..conftest import mkdocs_build, serve

SCREEN_ONLY = (
    ".md-header",
    ".md-tabs",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-footer",
    ".md-search",
    ".md-source",
)


def hidden_in_print(page, selectors) -> dict[str, str]:
    return page.evaluate(
        "sels => Object.fromEntries(sels.flatMap(s => [...document.querySelectorAll(s)]"
        ".map((el, i) => [s + '#' + i, getComputedStyle(el).display])))",
        list(selectors),
    )


def test_timeline_prints_to_a4_without_navigation(seed_url, watched) -> None:
    page, watch = watched
    page.goto(seed_url + "timeline/", wait_until="networkidle")
    assert "GitHub" in page.inner_text(".md-header")  # the repository link is on screen
    sections = page.evaluate(
        "Math.max(document.querySelectorAll('.brf-timeline .brf-month').length,"
        " document.querySelectorAll('.brf-timeline .brf-year').length)"
    )
    page.emulate_media(media="print")
    shown = {k: v for k, v in hidden_in_print(page, SCREEN_ONLY).items() if v != "none"}
    assert shown == {}
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
    assert 1 < len(pdf.pages) < sections  # compact: months and years run on (test_readers.py)
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "1967" in text and f"1 / {len(pdf.pages)}" in text  # content and page numbers are there
    assert "GitHub" not in text  # the header is not
    assert watch.errors == [] and watch.outside == []


def test_home_and_actor_page_print_without_screen_only_parts(seed_url, watched) -> None:
    page, watch = watched
    for path in ("", "actors/qasim-al-araji/"):
        page.emulate_media(media="screen")
        page.goto(seed_url + path, wait_until="networkidle")
        extras = (".brf-data-links", ".brf-feed-link", ".brf-more-neighbours > summary")
        assert any(v != "none" for v in hidden_in_print(page, extras).values())
        page.emulate_media(media="print")
        shown = {
            k: v for k, v in hidden_in_print(page, SCREEN_ONLY + extras).items() if v != "none"
        }
        assert shown == {}, path
        assert len(PdfReader(io.BytesIO(page.pdf(format="A4"))).pages) >= 1
    assert watch.errors == [] and watch.outside == []


@pytest.fixture(scope="module")
def corpus_url(tmp_path_factory):
    """The small test corpus (its article a1 has a source URL), built and served once."""
    where = tmp_path_factory.mktemp("corpus-build")
    result = mkdocs_build(Path(__file__).resolve().parent.parent / "cases" / "corpus", where)
    assert result.returncode == 0, result.stderr
    server, url = serve(where / "site")
    yield url
    server.shutdown()


def test_outside_links_print_their_address(corpus_url, watched) -> None:
    page, _ = watched
    page.goto(corpus_url + "articles/a1/", wait_until="networkidle")
    after = "getComputedStyle(document.querySelector('a.brf-source'), '::after').content"
    assert "example.org" not in page.evaluate(after)
    page.emulate_media(media="print")
    assert "https://example.org/a1" in page.evaluate(after)
    chip = ("getComputedStyle(document.querySelector('.brf-actor-roles > li > a'), '::after')"
            ".content")
    assert "actors" not in page.evaluate(chip)  # links inside the site print as plain text


def test_network_page_works_on_a_phone(seed_url, watched) -> None:
    page, watch = watched
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(seed_url + "network/", wait_until="networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing scrolls sideways
    svg = page.locator("svg.brf-network-svg")
    assert svg.is_visible() and svg.bounding_box()["width"] <= 390
    # Every label sits in its column: right of its dot, inside the drawing (names run leftwards).
    misplaced = page.evaluate("""() => {
        const svg = document.querySelector('svg.brf-network-svg');
        const width = svg.viewBox.baseVal.width;
        return [...svg.querySelectorAll('a')].filter(a => {
            const c = a.querySelector('circle'), box = a.querySelector('text').getBBox();
            if (a.querySelector('rect').getBBox().height < 24) return true;  // a finger-sized row
            return box.x <= c.cx.baseVal.value + c.r.baseVal.value || box.x + box.width > width;
        }).map(a => a.dataset.actor);
    }""")
    assert misplaced == []
    # The text of every label is at least 11 CSS pixels high on the phone.
    smallest = page.evaluate(
        "Math.min(...[...document.querySelectorAll('svg.brf-network-svg text')]"
        ".map(t => t.getBoundingClientRect().height))"
    )
    assert smallest >= 11
    first = page.locator("svg.brf-network-svg a").first
    actor = first.get_attribute("data-actor")
    first.locator("text").click()
    page.wait_for_url(f"**/actors/{actor}/")
    assert (
        page.locator("#network").count() == 1
        and page.locator("table.brf-neighbours tbody tr").count() > 0
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert watch.errors == []  # includes Material's sitemap fetches next to each feed link
    assert watch.outside == []
