"""WCAG 2.2 AA in Chromium: axe-core on every kind of page, at 390 and 1280 px, light and dark;
and the keyboard: every stop of a Tab walk is on screen, uncovered, with a visible focus ring.

axe-core is vendored (tests/vendor/axe-core/, see its README) and injected into each page. A test
fails on any violation of impact serious or critical and prints the rule, the page and the nodes.
One browser context per colour scheme and width; its page is reused for every path.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page

from ..conftest import ROOT

AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
# The "axe.min.js" entry of sri-history.json in the npm package axe-core@4.14.1.
AXE_SRI = "sha256-KTSJmUUM3yhJqOcLeRL8LahahJ2jnA0NU5T1HUqe2Vw="
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}

PAGES = {
    "home": "",
    "timeline": "timeline/",
    "articles": "articles/",
    "actors": "actors/",
    "themes": "themes/",
    "article": "articles/003_babe8bcfe08ac5d2/",
    "actor": "actors/iran/",
    "theme": "themes/iraq-iran-security-cooperation/",
    "network": "network/",
    "data": "data/",
}
SPLIT_TIMELINE = "timeline/2024/"  # a year's page of the timeline (built with page_items: 12)
QUERY = "العراق"
INPUT = "[data-brf-search-input]"
SHOWN = "q => document.querySelector('[data-brf-search-results]').dataset.brfQuery === q"
WIDTHS = [390, 1280]
SCHEMES = ["light", "dark"]


def test_vendored_axe_is_the_published_file() -> None:
    digest = base64.b64encode(hashlib.sha256(AXE.read_bytes()).digest()).decode()
    assert f"sha256-{digest}" == AXE_SRI
    assert AXE.read_text(encoding="utf-8").startswith("/*! axe v4.14.1")


@dataclass
class Tab:
    page: Page
    scheme: str  # Playwright's colour scheme, "light" or "dark"
    width: int

    def goto(self, url: str) -> None:
        self.page.goto(url, wait_until="load")
        # Material follows prefers-color-scheme: the page is in the scheme asked for.
        assert self.page.evaluate("document.body.dataset.mdColorScheme") == MATERIAL[self.scheme]

    def where(self, what: str) -> str:
        return f"{what} {self.scheme} {self.width}px"


MATERIAL = {"light": "default", "dark": "slate"}


@pytest.fixture(scope="module", params=[(s, w) for s in SCHEMES for w in WIDTHS],
                ids=lambda p: f"{p[0]}-{p[1]}")
def tab(request, browser):
    """One page per colour scheme and width, reused for every path."""
    scheme, width = request.param
    context = browser.new_context(locale="ar", color_scheme=scheme,
                                  viewport={"width": width, "height": 900})
    yield Tab(context.new_page(), scheme, width)
    context.close()


def axe(page: Page, where: str) -> list[str]:
    """Serious and critical violations on the page as it is now, one readable line per node."""
    page.evaluate("document.fonts.ready")
    # Colours are measured once transitions end: search results fading in were read at 4.47:1
    # halfway (one run in ten on a loaded machine).
    page.wait_for_function(
        "document.getAnimations().every(a => a.playState !== 'running')")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                      resultTypes: ['violations']})""",
        TAGS,
    )
    found = []
    for v in results["violations"]:
        if v["impact"] not in BLOCKING:
            continue
        nodes = v["nodes"]
        found.append(f"{where}: {v['id']} ({v['impact']}, {len(nodes)} nodes): {v['help']}")
        for n in nodes:
            why = " ".join(n.get("failureSummary", "").split())
            why = why.removeprefix("Fix any of the following:")
            found.append(f"    {json.dumps(n['target'], ensure_ascii=False)}:{why[:200]}")
    return found


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_serious_violation(tab: Tab, seed_url: str, name: str) -> None:
    tab.goto(seed_url + PAGES[name])
    found = axe(tab.page, tab.where(f"{name} ({PAGES[name] or '/'})"))
    assert found == [], "\n" + "\n".join(found)


def test_split_timeline_page_has_no_serious_violation(tab: Tab, split_seed_url: str) -> None:
    tab.goto(split_seed_url + SPLIT_TIMELINE)
    assert tab.page.locator(".brf-event").count() > 0
    found = axe(tab.page, tab.where(SPLIT_TIMELINE))
    assert found == [], "\n" + "\n".join(found)


def test_open_search_with_results_has_no_serious_violation(tab: Tab, seed_url: str) -> None:
    page = tab.page
    tab.goto(seed_url + PAGES["article"])
    page.keyboard.press("/")
    page.fill(INPUT, QUERY)
    page.wait_for_function(SHOWN, arg=QUERY)
    assert page.locator("[data-brf-search-list] a").count() > 0
    found = axe(page, tab.where(f"search «{QUERY}»"))
    assert found == [], "\n" + "\n".join(found)


# Keyboard: what a reader sees while tabbing. For each focused element, the element that shows
# the focus (a hidden radio or checkbox shows it on its label) and that element's focus styles;
# after the walk, the same styles with nothing focused. A focus indicator is a difference.
FOCUSED = """async () => {
  const el = document.activeElement;
  const shows = el.matches('input.md-option') ? el.nextElementSibling
    : el.id === '__drawer' ? document.querySelector('.md-header label[for="__drawer"]') : el;
  const style = e => { const s = getComputedStyle(e);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor]; };
  (window.brfSeen ||= []).push([shows, style(shows)]);
  // Nothing on top of it (a fading overlay may take a few frames to go: wait up to half a second).
  let box, top;
  for (const start = performance.now(); performance.now() - start < 500;) {
    box = shows.getBoundingClientRect();
    top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    if (top && (shows.contains(top) || top.closest('label') === shows)) break;
    await new Promise(requestAnimationFrame);
  }
  return {
    what: `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} `
      + `${el.getAttribute('href') || ''} `
      + (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30),
    tab: el.matches('.md-tabs__link'), content: !!el.closest('.md-content article'),
    search: el.matches('[data-brf-search-input]'),
    result: !!el.closest('[data-brf-search-results]'),
    drawer: !!el.closest('.md-sidebar--primary'), id: el.id,
    onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight
      && box.right > 0 && box.left < innerWidth && getComputedStyle(shows).visibility === 'visible',
    uncovered: !!top && (shows.contains(top) || top.closest('label') === shows),
    top: top ? `${top.tagName.toLowerCase()}.${[...top.classList].join('.')}` : null,
  };
}"""
UNFOCUSED = """() => { document.activeElement.blur();
  const style = e => { const s = getComputedStyle(e);
    return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor]; };
  return window.brfSeen.map(([e, focused]) => [focused, style(e)]); }"""


def visible_ring(focused: list[str], unfocused: list[str]) -> bool:
    """True if the focused style differs from the unfocused one by something a reader can see:
    an outline at least 1px wide, or another box shadow or background."""
    if focused == unfocused:
        return False
    style, width, _, shadow, background = focused
    outline = style != "none" and float(width.removesuffix("px")) >= 1
    return outline or (shadow, background) != tuple(unfocused[3:])


def tab_through(page: Page, presses: int) -> list[dict]:
    """Press Tab `presses` times from where the focus is; one record per stop."""
    stops = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
    styles = page.evaluate(UNFOCUSED)
    for stop, (focused, unfocused) in zip(stops, styles, strict=True):
        stop["ring"] = visible_ring(focused, unfocused)
        stop["styles"] = (focused, unfocused)
    return stops


def report(stops: list[dict]) -> str:
    return "\n".join(f"{s['what']!r} on screen={s['onScreen']} uncovered={s['uncovered']} "
                     f"({s['top']}) ring={s['ring']} {s['styles']}" for s in stops)


@pytest.fixture
def keyboard_page(browser, request):
    context = browser.new_context(locale="ar", viewport={"width": request.param, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("keyboard_page", [1280], indirect=True)
def test_tab_reaches_search_tabs_and_content_with_visible_focus(keyboard_page: Page,
                                                                seed_url: str) -> None:
    page = keyboard_page
    page.goto(seed_url + PAGES["article"], wait_until="load")
    stops = tab_through(page, 40)
    assert any(s["search"] for s in stops), report(stops)
    assert sum(s["tab"] for s in stops) == 6, report(stops)  # every navigation tab
    assert sum(s["content"] for s in stops) >= 10, report(stops)  # links in the article
    hidden = [s["what"] for s in stops if not (s["onScreen"] and s["uncovered"] and s["ring"])]
    assert hidden == [], report(stops)


@pytest.mark.parametrize("keyboard_page", [1280, 390], indirect=True)
def test_tab_through_search_results_then_out_closes_it(keyboard_page: Page, seed_url: str) -> None:
    page = keyboard_page
    page.goto(seed_url + PAGES["article"], wait_until="load")
    page.keyboard.press("/")
    page.keyboard.type(QUERY)
    page.wait_for_function(SHOWN, arg=QUERY)
    results = page.locator("[data-brf-search-results] :is(a, button, select):visible").count()
    stops = tab_through(page, results + 1)
    inside = stops[:results]
    assert inside and all(s["result"] for s in inside), report(stops)
    assert all(s["onScreen"] and s["uncovered"] and s["ring"] for s in inside), report(stops)
    assert not stops[-1]["result"]  # one more Tab leaves the results, and the search closes
    assert not page.evaluate("document.getElementById('__search').checked")


@pytest.mark.parametrize("keyboard_page", [390], indirect=True)
def test_phone_menu_opens_from_the_keyboard_and_hides_when_closed(keyboard_page: Page,
                                                                  seed_url: str) -> None:
    page = keyboard_page
    page.goto(seed_url + PAGES["article"], wait_until="load")
    closed = tab_through(page, 25)
    assert closed[0]["id"] == "__drawer" and closed[0]["ring"], report(closed)
    assert not any(s["drawer"] for s in closed), report(closed)  # nothing off screen takes focus
    assert any(s["search"] for s in closed) and sum(s["content"] for s in closed) >= 10
    hidden = [s["what"] for s in closed if not (s["onScreen"] and s["uncovered"] and s["ring"])]
    assert hidden == [], report(closed)
    page.reload(wait_until="load")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.evaluate("document.getElementById('__drawer').checked")
    page.wait_for_timeout(300)  # the drawer slides in
    opened = [s for s in tab_through(page, 15) if s["drawer"]]
    assert len(opened) >= 6, report(opened)  # the home page and the five sections
    assert all(s["onScreen"] and s["ring"] for s in opened), report(opened)
