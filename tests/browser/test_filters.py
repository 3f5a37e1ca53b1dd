"""The analyst's questions on the timeline, in Chromium (issue #16): several actors (all or any),
several themes, a period down to the month, the state in the URL (back and forward too), the
status line and its count, the pair view from a tie, a split timeline answered as a whole, a
phone's width and paper. The seeds' test question: "what happened between Iraq and Iran in
November 2024?" finds the Araji–Araghchi meeting in Tehran, which names neither state."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from .test_a11y import axe
from .test_briefing import MEETING, add, chips, visible_events
from .test_readers import on_one_line, printed

QUESTION = "timeline/?actor=iraq&actor=iran&match=all&from=2024-11&to=2024-11"


def cards(page) -> dict[str, tuple[set[str], set[str]]]:
    """Every card of the page: id -> (its data-actors, its data-themes)."""
    found = page.eval_on_selector_all(".brf-timeline-page .brf-event", """els => els.map(e =>
        [e.id, e.dataset.actors, e.dataset.themes])""")
    return {i: (set(a.split()), set(t.split())) for i, a, t in found}


def settled(page) -> None:
    """Wait until a split page's answer, fetched from the filter files, is shown."""
    page.wait_for_function("""() => {
        const s = document.querySelector('.brf-filter-status');
        return s && !s.textContent.startsWith('…'); }""")


def test_several_actors_all_or_any(seed_url, watched) -> None:
    page, watch = watched
    page.goto(seed_url + "timeline/", wait_until="networkidle")
    everything = cards(page)
    assert page.is_hidden(".brf-match")  # all/any means something from two actors on
    add(page, "actor", "iraq")
    add(page, "actor", "iran")
    assert chips(page, "actor") == ["iraq", "iran"] and page.is_visible(".brf-match")
    both = visible_events(page)
    assert both == [i for i, (a, _) in everything.items() if {"iraq", "iran"} <= a]
    assert f"event-{MEETING}" in both
    assert parse_qs(urlsplit(page.url).query) == {"actor": ["iraq", "iran"], "match": ["all"]}
    page.check("input[name=match][value=any]")
    either = visible_events(page)
    assert either == [i for i, (a, _) in everything.items() if a & {"iraq", "iran"}]
    assert set(both) < set(either) < set(everything)
    assert parse_qs(urlsplit(page.url).query)["match"] == ["any"]
    status = page.inner_text(".brf-filter-status")
    assert status == (f"الأحداث المعروضة: {len(either)} من {len(everything)} — "
                      "الفاعلون (أيٌّ منهم): العراق أو إيران")
    # A chip's button removes its actor; the focus stays in the list of chips.
    page.click("[data-brf-pick=actor] .brf-chips li[data-id=iraq] button")
    assert chips(page, "actor") == ["iran"] and page.is_hidden(".brf-match")
    assert page.evaluate("document.activeElement.closest('.brf-chips li').dataset.id") == "iran"
    assert visible_events(page) == [i for i, (a, _) in everything.items() if "iran" in a]
    assert watch.errors == [] and watch.outside == []


def test_several_themes_any_of_them(seed_url, watched) -> None:
    page, watch = watched
    page.goto(seed_url + "timeline/?theme=border-security&theme=iraq-iran-security-cooperation",
              wait_until="networkidle")
    everything = cards(page)
    shown = visible_events(page)
    wanted = {"border-security", "iraq-iran-security-cooperation"}
    assert shown == [i for i, (_, t) in everything.items() if t & wanted]
    assert 0 < len(shown) < len(everything)
    assert chips(page, "theme") == ["border-security", "iraq-iran-security-cooperation"]
    assert "المحاور: أمن الحدود أو " in page.inner_text(".brf-filter-status")
    assert watch.errors == []


def test_the_iraq_iran_november_2024_question(seed_url, watched) -> None:
    page, watch = watched
    page.goto(seed_url + "timeline/", wait_until="networkidle")
    add(page, "actor", "iraq")
    add(page, "actor", "iran")
    page.select_option("select[name=from]", "2024-11")
    page.select_option("select[name=to]", "2024-11")
    shown = visible_events(page)
    assert f"event-{MEETING}" in shown and len(shown) <= 3
    months = page.eval_on_selector_all(
        ".brf-event:not([hidden])", "els => els.map(e => e.closest('.brf-month').dataset.month)")
    assert set(months) == {"2024-11"}
    assert page.url.endswith(QUESTION.removeprefix("timeline/").join(["/timeline/", ""]))
    assert page.inner_text(".brf-filter-status") == (
        f"الأحداث المعروضة: {len(shown)} من 51 — الفاعلون (كلهم معًا): العراق وإيران، "
        "الفترة: تشرين الثاني/نوفمبر 2024")
    assert page.is_hidden(".brf-filter-title")  # a period: not the pair's whole story
    # Back and forward walk through the steps; a fresh page on the URL shows the same.
    page.go_back()
    assert page.input_value("select[name=to]") == "" and len(visible_events(page)) > len(shown)
    page.go_forward()
    assert page.input_value("select[name=to]") == "2024-11" and visible_events(page) == shown
    fresh = page.context.new_page()
    fresh.goto(page.url, wait_until="networkidle")
    assert visible_events(fresh) == shown and chips(fresh, "actor") == ["iraq", "iran"]
    fresh.close()
    assert watch.errors == [] and watch.outside == []


def test_a_year_only_event_matches_a_period_holding_its_year(seed_url, watched) -> None:
    page, _ = watched
    page.goto(seed_url + "timeline/?from=2024&to=2024", wait_until="networkidle")
    months = page.eval_on_selector_all(
        ".brf-event:not([hidden])", "els => els.map(e => e.closest('.brf-month').dataset.month)")
    assert months and all(m.startswith("2024") for m in months)
    page.goto(seed_url + "timeline/?from=2024-02", wait_until="networkidle")
    months = page.eval_on_selector_all(
        ".brf-event:not([hidden])", "els => els.map(e => e.closest('.brf-month').dataset.month)")
    assert months and "2024" not in months and min(months) >= "2024-02"


def test_the_pair_view_from_a_tie(seed_url, watched) -> None:
    page, watch = watched
    page.goto(seed_url + "network/", wait_until="networkidle")
    link = page.locator("a.brf-pair[href*='actor=iraq&actor=iran'], "
                        "a.brf-pair[href*='actor=iran&actor=iraq']").first
    link.click()
    page.wait_for_load_state("networkidle")
    shown = visible_events(page)
    title = page.inner_text(".brf-filter-title")
    assert set(title.split(":")[0].split(" ↔ ")) == {"العراق", "إيران"}
    assert title.endswith(f": {len(shown)} أحداث مشتركة") and f"event-{MEETING}" in shown
    assert page.title().startswith(title)
    assert watch.errors == [] and watch.outside == []


def test_a_split_timeline_answers_over_every_page(split_seed_url, watched) -> None:
    page, watch = watched
    # A page's actor options are named, the bodies its cards reach through others' posts too
    # (on the 2024 page, the Iraqi National Security Advisory through al-Araji).
    page.goto(split_seed_url + "timeline/2024/", wait_until="networkidle")
    offered = dict(page.eval_on_selector_all(
        "#brf-pick-actor option", "os => os.filter(o => o.value).map(o => [o.value, o.text])"))
    assert offered["iraqi-national-security-advisory"] == "مستشارية الأمن القومي العراقي"
    assert [i for i, name in offered.items() if name == i] == []
    # Its theme options come from the filter's index (the page carries none): every theme of the
    # timeline, a sub-theme under its parent, indented.
    raw = page.evaluate("fetch(location.href).then(r => r.text())")
    assert 'value="border-security"' not in raw and "data-brf-from-index" in raw
    themes = page.evaluate("fetch('../filter/index.json').then(r => r.json()).then(i => i.themes)")
    page.wait_for_function(
        f"document.querySelectorAll('#brf-pick-theme option').length === {len(themes) + 1}")
    options = page.eval_on_selector_all(
        "#brf-pick-theme option", "os => os.filter(o => o.value).map(o => [o.value, o.text])")
    assert options == [[i, "— " * depth + label] for i, label, depth in themes]
    assert ["border-security", "— أمن الحدود"] in options  # under security cooperation
    # On the overview: each page's count becomes its count of matching events.
    page.goto(split_seed_url + "timeline/?actor=iraq&actor=iran&match=all",
              wait_until="networkidle")
    settled(page)
    counts = page.eval_on_selector_all(".brf-parts a:not([hidden])", """els => els.map(a =>
        [a.getAttribute('href'), +a.querySelector('.brf-n').textContent])""")
    total = sum(n for _, n in counts)
    assert page.inner_text(".brf-filter-title") == f"العراق ↔ إيران: {total} أحداث مشتركة"
    assert all(href.endswith("?actor=iraq&actor=iran&match=all") for href, _ in counts)
    assert page.is_hidden(".brf-unfiltered")  # the latest events are not the answer
    # The question, asked on another page (2020–2021): the answer is on the 2024 page.
    page.goto(split_seed_url + "timeline/2020/" + QUESTION.removeprefix("timeline/"),
              wait_until="networkidle")
    settled(page)
    assert visible_events(page) == [] and page.is_visible(".brf-filter-empty")
    assert page.inner_text(".brf-filter-status").startswith("في الخط الزمني كله: 2 من 51؛")
    link = page.locator(".brf-filter-parts a")
    assert link.count() == 1 and link.locator(".brf-n").inner_text() == "2"
    link.click()
    page.wait_for_load_state("networkidle")
    settled(page)
    assert urlsplit(page.url).path.endswith("/timeline/2024/")
    assert f"event-{MEETING}" in visible_events(page) and len(visible_events(page)) == 2
    assert page.inner_text(".brf-filter-status").startswith(
        "في الخط الزمني كله: 2 من 51؛ في هذه الصفحة: 2 — ")
    assert chips(page, "actor") == ["iraq", "iran"]  # named though the page may not list them
    assert watch.errors == [] and watch.outside == []


@pytest.mark.parametrize("width", [390])
def test_a_filtered_view_fits_a_phone(seed_url, browser, width: int) -> None:
    context = browser.new_context(locale="ar", viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(seed_url + QUESTION, wait_until="networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for selector in ("#brf-pick-actor", "[data-brf-pick=actor] [data-brf-add]",
                     "[data-brf-pick=actor] .brf-chips li button", "select[name=from]",
                     "select[name=to]", ".brf-filters button[type=reset]"):
        box = page.locator(selector).first.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, selector
        assert box["height"] >= 24 and box["width"] >= 24, selector  # WCAG 2.5.8 target size
    context.close()


def test_the_pair_view_prints_with_its_title_and_count(seed_url, watched) -> None:
    page, watch = watched
    page.goto(seed_url + "timeline/?actor=iraq&actor=iran&match=all", wait_until="networkidle")
    title = page.inner_text(".brf-filter-title")
    status = page.inner_text(".brf-filter-status")
    page.emulate_media(media="print")
    assert page.is_visible(".brf-filter-title") and page.is_visible(".brf-filter-status")
    assert page.is_hidden("#brf-pick-actor") and page.is_hidden(".brf-chips")
    _, text = printed(page)
    assert on_one_line(text, title.split(":")[1]), text[:300]
    assert on_one_line(text, status.split(" — ")[0]), text[:300]
    assert watch.errors == []


@pytest.mark.parametrize("path", [
    QUESTION, "timeline/?actor=iraq&actor=iran&match=any&theme=border-security"])
def test_a_filtered_view_has_no_serious_violation(seed_url, browser, path: str) -> None:
    for scheme in ("light", "dark"):
        context = browser.new_context(locale="ar", color_scheme=scheme,
                                      viewport={"width": 390, "height": 900})
        page = context.new_page()
        page.goto(seed_url + path, wait_until="networkidle")
        found = axe(page, f"{path} {scheme}")
        context.close()
        assert found == [], "\n" + "\n".join(found)


def test_a_filtered_split_page_has_no_serious_violation(split_seed_url, browser) -> None:
    context = browser.new_context(locale="ar", viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(split_seed_url + "timeline/2020/" + QUESTION.removeprefix("timeline/"),
              wait_until="networkidle")
    settled(page)
    found = axe(page, "split 2020 filtered")
    context.close()
    assert found == [], "\n" + "\n".join(found)
