"""The timeline split into pages, in Chromium: a page's actor filter offers its own actors (the
script makes the options from the page's cards), and a filter brought from another page still
applies there (its option is added, named as chosen)."""

from __future__ import annotations

import re

import pytest

from ..bench.corpus import write_corpus
from ..conftest import serve
from ..test_paginate import build
from .test_briefing import visible_events


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
    return sorted({a for found in re.findall(r'data-actors="([^"]*)"', html) for a in found.split()})


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
    page, watch = watched
    page.goto(f"{url}timeline/{here}/", wait_until="networkidle")
    offered = page.eval_on_selector_all("select[name=actor] option", "os => os.map(o => o.value)")
    assert sorted(offered[1:]) == options(pages[here]) and offered[0] == ""  # "all", then its own
    page.select_option("select[name=actor]", actor)
    chosen = page.eval_on_selector("select[name=actor]", "s => s.options[s.selectedIndex].text")
    assert visible_events(page)
    page.click("nav.brf-pager a[rel=next]")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"/timeline/{there}/?actor={actor}")
    assert page.input_value("select[name=actor]") == actor
    label = page.eval_on_selector("select[name=actor]", "s => s.options[s.selectedIndex].text")
    assert label == chosen  # named as on the page where it was chosen
    assert visible_events(page) == [] and page.is_visible(".brf-filter-empty")
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
    assert page.input_value("select[name=actor]") == "no-such-actor"
    assert visible_events(page) == [] and page.is_visible(".brf-filter-empty")
    assert watch.errors == []

