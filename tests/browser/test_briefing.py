"""The briefing as a reader meets it, in Chromium on the built seed site: actor pages, the merged
timeline and its filters, no outside requests, and no sideways scrolling at 390 and 1280 px."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from ..conftest import ROOT, SEEDS

ARTIFACTS = ROOT / "tests" / "artifacts"
MEETING = "2024-11-10-araji-araghchi-tehran"
MEETING_SOURCES = {"001_a0a0517b3fa354ea", "002_e6e950931b988b2a"}
PAGES = {
    "home": "",
    "timeline": "timeline/",
    "article": "articles/001_a0a0517b3fa354ea/",
    "actor": "actors/qasim-al-araji/",
    "actor-index": "actors/",
    "theme": "themes/security-cooperation/",
    "theme-index": "themes/",
    "article-index": "articles/",
}


def seed_mentions() -> dict[str, set[str]]:
    """Actor id -> the seed articles that name it, read straight from the annotation YAML."""
    found: dict[str, set[str]] = {}
    for path in sorted((SEEDS / "annotations").glob("*.yml")):
        for actor in yaml.safe_load(path.read_text(encoding="utf-8"))["actors"]:
            found.setdefault(actor["id"], set()).add(path.stem)
    return found


def linked_articles(page, selector: str) -> set[str]:
    links = f"{selector} a[href*='articles/']"
    hrefs = page.eval_on_selector_all(links, "els => els.map(e => e.href)")
    return {urlsplit(h).path.rstrip("/").rsplit("/", 1)[-1] for h in hrefs}


def visible_events(page) -> list[str]:
    return page.eval_on_selector_all(
        ".brf-timeline .brf-event", "els => els.filter(e => e.offsetParent !== null).map(e => e.id)"
    )


def test_actor_pages_list_every_article_that_names_the_actor(seed_url, watched) -> None:
    page, watch = watched
    mentions = seed_mentions()
    # Al-Araji is in three seeds, the others in two; tests/test_pages.py checks every actor.
    two = sorted(a for a, arts in mentions.items() if len(arts) == 2)[:4]
    assert len(mentions["qasim-al-araji"]) >= 2 and len(two) == 4
    for actor_id in ["qasim-al-araji", *two]:
        articles = mentions[actor_id]
        page.goto(f"{seed_url}actors/{actor_id}/")
        assert linked_articles(page, "ul.brf-articles") == articles, actor_id
        count = page.inner_text(".brf-facts dd")
        assert count.startswith((f"{len(articles)} ", "مقالان")), (actor_id, count)
        # The actor's role in each is on the article's page, not repeated here (issue 15).
        assert page.locator("ul.brf-articles .brf-role").count() == 0
    assert watch.errors == [] and watch.outside == []


def test_timeline_shows_a_shared_event_once_with_both_sources(seed_url, watched) -> None:
    page, watch = watched
    page.goto(seed_url + "timeline/", wait_until="networkidle")
    assert page.locator(f"[id='event-{MEETING}']").count() == 1
    event = page.locator(f"[id='event-{MEETING}']")
    assert linked_articles(page, f"[id='event-{MEETING}'] .brf-reports") == MEETING_SOURCES
    assert "مصدران" in event.inner_text()
    assert "طهران" in event.inner_text()
    # The date in Arabic with its precision, and an anchor that deep-links to the event.
    assert event.locator("time").first.get_attribute("datetime") == "2024-11-10"
    assert "10 تشرين الثاني/نوفمبر 2024" in event.locator("time").first.inner_text()
    # its date is its permalink
    assert event.locator(".brf-event-head > a").get_attribute("href") == f"#event-{MEETING}"
    # Every event appears once: ids are unique and every report of every event is linked.
    ids = page.eval_on_selector_all(".brf-event", "els => els.map(e => e.id)")
    assert len(ids) == len(set(ids)) > 20
    assert watch.errors == [] and watch.outside == []


def test_deep_link_to_an_event_scrolls_it_into_view(seed_url, watched) -> None:
    page, _ = watched
    page.goto(f"{seed_url}timeline/#event-{MEETING}", wait_until="networkidle")
    top = page.evaluate(f"document.getElementById('event-{MEETING}').getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"]


def add(page, kind: str, term_id: str) -> None:
    """Choose a term in a filter's list and press its "add" button, as a reader does."""
    page.select_option(f"#brf-pick-{kind}", term_id)
    page.click(f"[data-brf-pick={kind}] [data-brf-add]")


def chips(page, kind: str) -> list[str]:
    return page.eval_on_selector_all(f"[data-brf-pick={kind}] .brf-chips li",
                                     "els => els.map(e => e.dataset.id)")


def test_filter_by_actor_hides_other_events_and_lives_in_the_url(seed_url, watched) -> None:
    page, watch = watched
    page.goto(seed_url + "timeline/", wait_until="networkidle")
    everything = visible_events(page)
    assert page.is_visible("form.brf-filters")
    add(page, "actor", "qasim-al-araji")
    assert chips(page, "actor") == ["qasim-al-araji"] and page.input_value("#brf-pick-actor") == ""
    shown = visible_events(page)
    assert f"event-{MEETING}" in shown and 0 < len(shown) < len(everything)
    for event_id in everything:
        actors = page.get_attribute(f"[id='{event_id}']", "data-actors").split()
        assert (event_id in shown) == ("qasim-al-araji" in actors), event_id
    assert parse_qs(urlsplit(page.url).query) == {"actor": ["qasim-al-araji"]}
    assert "الأحداث المعروضة" in page.inner_text(".brf-filter-status")
    # Years and months left without an event are hidden with their headings.
    empty_shown = """els => els.filter(e => e.offsetParent !== null
                                 && !e.querySelector('.brf-event:not([hidden])')).length"""
    assert page.eval_on_selector_all(".brf-year, .brf-month", empty_shown) == 0

    # The URL is the state: a fresh page on it shows the same filtered view.
    shared = page.url
    fresh = page.context.new_page()
    fresh.goto(shared, wait_until="networkidle")
    assert chips(fresh, "actor") == ["qasim-al-araji"]
    assert visible_events(fresh) == shown
    # Filters combine; "show all" clears them and the query string.
    fresh.select_option("select[name=from]", "2026")
    fresh.select_option("select[name=to]", "2026")
    combined = visible_events(fresh)
    assert combined and set(combined) < set(shown)
    assert parse_qs(urlsplit(fresh.url).query) == {"actor": ["qasim-al-araji"], "from": ["2026"],
                                                  "to": ["2026"]}
    fresh.click("form.brf-filters button[type=reset]")
    fresh.wait_for_function("!location.search")
    assert visible_events(fresh) == everything and chips(fresh, "actor") == []
    fresh.close()
    assert watch.errors == [] and watch.outside == []


def test_theme_filter_includes_sub_themes(seed_url, watched) -> None:
    page, _ = watched
    page.goto(seed_url + "timeline/?theme=security-cooperation", wait_until="networkidle")
    shown = visible_events(page)
    assert f"event-{MEETING}" in shown  # filed under the sub-theme iraq-iran-security-cooperation
    for event_id in shown:
        themes = page.get_attribute(f"[id='{event_id}']", "data-themes").split()
        assert "security-cooperation" in themes


def test_without_scripts_everything_is_listed(seed_url, browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(seed_url + "timeline/?actor=qasim-al-araji")
    assert not page.is_visible("form.brf-filters")
    assert len(visible_events(page)) == page.locator(".brf-event").count() > 20
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_no_sideways_scrolling_and_screenshots(seed_url, browser, width: int) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    outside: list[str] = []
    for scheme, names in (("light", list(PAGES)), ("dark", ["home", "timeline", "actor"])):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, color_scheme=scheme, locale="ar"
        )
        page = context.new_page()

        def route(r) -> None:
            if urlsplit(r.request.url).hostname == "127.0.0.1":
                r.continue_()
            else:
                outside.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        for name in names:
            page.goto(seed_url + PAGES[name])
            page.evaluate("document.fonts.ready.then(() => true)")
            sizes = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            assert sizes[0] <= sizes[1], (name, width, scheme, sizes)
            # Whole pages in light; the first screen in dark (full-page shots are the slow part).
            shot = ARTIFACTS / f"{name}-{width}-{scheme}.png"
            page.screenshot(path=str(shot), full_page=scheme == "light")
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == (
            "rgb(255, 255, 255)" if scheme == "light" else "rgb(30, 33, 41)"
        )
        context.close()
    assert outside == []
