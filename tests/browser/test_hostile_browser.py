"""The hostile corpus in Chromium: no payload runs, no dialog opens, nothing is fetched outside.

Every text field of tests/hostile.py's corpus holds <script>alert()</script>, <img onerror=alert()>,
<svg onload=alert()>, a javascript: Markdown link and an image on an outside host. A page where any
of them came alive would open a dialog or request evil.example; both are recorded by `watched`.
"""

from __future__ import annotations


import pytest

from tests.conftest import serve
from tests.hostile import HOSTILE_URL, build_hostile_site, payload

PAGES = {
    "": ["title", "outlet"],
    # An event's date phrases are on its card (not repeated on an article's line of it).
    "timeline/": ["event-description", "place", "date-text", "second-date-text", "name-ar"],
    "articles/": ["title", "second-title"],
    "articles/h1/": ["title", "summary", "role", "quote", "claim", "body", "label-ar"],
    "articles/h2/": ["second-title"],
    "actors/": ["name-ar"],
    "actors/hostile-actor/": ["name-ar", "name-en", "description-ar"],  # roles: article pages
    "actors/other-actor/": ["event-description"],
    "themes/": ["label-ar"],
    "themes/hostile-theme/": ["label-ar", "label-en", "theme-description-ar"],
}

# Any element attribute named on*, any script element that is not one of the theme's files, any
# javascript: link, any frame: none of these may exist in the live DOM.
LIVE_DOM = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.startsWith('on')) found.push(el.tagName + ' ' + a.name);
      if (/^\\s*(javascript|data|vbscript):/i.test(a.value) && /href|src|action/.test(a.name))
        found.push(el.tagName + ' ' + a.name + '=' + a.value);
    }
  }
  for (const s of document.querySelectorAll('script')) {
    if (s.textContent.includes('alert(') || s.textContent.includes('PWN')) found.push('script');
  }
  for (const el of document.querySelectorAll('iframe, object, embed, base')) found.push(el.tagName);
  return found;
}"""


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory):
    site = build_hostile_site(tmp_path_factory.getbasetemp())
    server, url = serve(site)
    yield url
    server.shutdown()


@pytest.mark.parametrize("path", list(PAGES), ids=[p.strip("/") or "home" for p in PAGES])
def test_no_payload_runs(path: str, hostile_url: str, watched) -> None:
    page, watch = watched
    page.goto(hostile_url + path, wait_until="networkidle")
    page.mouse.move(300, 300)  # handlers like onmouseover would fire now, were there any
    page.wait_for_timeout(200)
    assert watch.dialogs == []
    assert watch.outside == []
    assert watch.errors == []
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate(LIVE_DOM) == []
    shown = page.evaluate("document.body.textContent")  # also inside closed <details>
    for field in PAGES[path]:
        assert payload(field) in shown, f"{field} is not shown as text on {path or 'home'}"


def test_source_link_keeps_its_address(hostile_url: str, watched) -> None:
    page, watch = watched
    page.goto(hostile_url + "articles/h1/", wait_until="networkidle")
    link = page.locator("a.brf-source")
    assert link.get_attribute("href") == HOSTILE_URL
    assert set(link.get_attribute("rel").split()) >= {"noopener", "noreferrer"}
    assert "<" not in page.title() and payload("title").split(" ")[0] in page.title()
    assert watch.dialogs == []


def test_search_results_show_payloads_as_text(hostile_url: str, watched) -> None:
    """Search results are built from annotation text: payloads must show as text, never as
    markup."""
    page, watch = watched
    page.goto(hostile_url, wait_until="networkidle")
    page.click("input.md-search__input")
    page.keyboard.type("summary script", delay=30)  # highlighting "script" must not revive markup
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    page.wait_for_timeout(300)
    assert "PWN-summary" in page.inner_text(".md-search-result")
    assert page.evaluate(LIVE_DOM) == []
    assert page.locator(".md-search-result img, .md-search-result svg[onload]").count() == 0
    assert watch.dialogs == []
    assert watch.outside == []
