"""The timeline split into pages, in Chromium: a page's actor filter offers its own actors (the
script makes the options from the page's cards), and a filter answers over the whole timeline
(filterdata.py's files): on another page it still holds, named as chosen, with the count of the
whole timeline and links to the pages that hold its events."""

from __future__ import annotations

import re

import pytest

from ..bench.corpus import write_corpus
from ..conftest import serve
from ..test_paginate import build
from .test_briefing import add, chips, visible_events


@pytest.fixture(scope="module")
def paged(tmp_path_factory):
    where = tmp_path_factory.mktemp("paged-browser")
    site = build(write_corpus(where / "seeds", 40), where, 12)
    server, url = serve(site)
    yield site, url
    server.shutdown()


def options(html: str) -> list[str]:
    """The actors of a page's events: what its actor filter offers (the script makes the options
    from the cards' data-actors)."""
    return sorted({a for found in re.findall(r'data-actors="([^"]*)"', html)
                   for a in found.split()})


def test_a_filter_follows_the_reader_to_a_page_without_its_actor(paged, watched) -> None:
    site, url = paged
    overview = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    names = re.findall(r'href="(\d{4}(?:-\d\d)?(?:-\d)?)/"', overview)
    pages = {n: (site / "timeline" / n / "index.html").read_text(encoding="utf-8") for n in names}
    for here, there in zip(names, names[1:]):  # a page, and the next, where its actor is absent
        missing = [a for a in options(pages[here]) if a not in options(pages[there])]
        if missing:
            actor = missing[0]
            break
    else:
        pytest.fail("no actor of one page is missing from the next")
    everywhere = sum(1 for n in names for found in re.findall(r'data-actors="([^"]*)"', pages[n])
                     if actor in found.split())
    page, watch = watched
    page.goto(f"{url}timeline/{here}/", wait_until="networkidle")
    offered = page.eval_on_selector_all("#brf-pick-actor option", "os => os.map(o => o.value)")
    assert sorted(offered[1:]) == options(pages[here]) and offered[0] == ""  # "choose", its own
    add(page, "actor", actor)
    chosen = page.inner_text("[data-brf-pick=actor] .brf-chips li span")
    on_page = len(visible_events(page))
    assert on_page
    page.wait_for_function("!document.querySelector('.brf-filter-status').textContent.startsWith('…')")
    assert page.inner_text(".brf-filter-status").startswith(
        f"في الخط الزمني كله: {everywhere} من ")
    page.click("nav.brf-pager a[rel=next]")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"/timeline/{there}/?actor={actor}")
    assert chips(page, "actor") == [actor]
    assert page.inner_text("[data-brf-pick=actor] .brf-chips li span") == chosen  # its name
    assert visible_events(page) == [] and page.is_visible(".brf-filter-empty")
    # The pages that hold its events, with their counts, link back with the filter.
    links = page.eval_on_selector_all(".brf-filter-parts a", """els => els.map(a =>
        [new URL(a.href).pathname.split('/').slice(-2)[0], +a.querySelector('.brf-n').textContent,
         new URL(a.href).search])""")
    assert [here, on_page, f"?actor={actor}"] in links
    assert sum(n for _, n, _ in links) == everywhere
    page.click("form.brf-filters button[type=reset]")
    page.wait_for_function("!location.search")
    assert len(visible_events(page)) == page.locator(".brf-event").count() > 0
    assert watch.errors == [] and watch.outside == []


def test_a_shared_link_to_such_a_page_names_the_actor_by_its_id(paged, watched) -> None:
    site, url = paged
    overview = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    first = re.findall(r'href="(\d{4}(?:-\d\d)?(?:-\d)?)/"', overview)[0]
    page, watch = watched
    page.goto(f"{url}timeline/{first}/?actor=no-such-actor", wait_until="networkidle")
    assert chips(page, "actor") == ["no-such-actor"]
    assert page.inner_text("[data-brf-pick=actor] .brf-chips li span") == "no-such-actor"
    assert visible_events(page) == [] and page.is_visible(".brf-filter-empty")
    assert page.inner_text(".brf-filter-status").startswith("في الخط الزمني كله: 0 من ")
    # The browser reports the missing file of an unknown actor; nothing else goes wrong.
    assert [e for e in watch.errors if "404" not in e] == []
