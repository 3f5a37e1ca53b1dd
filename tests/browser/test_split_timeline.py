"""The timeline split into pages, in Chromium: a page's actor filter offers its own actors (the
script makes the options from the page's cards), and a filter answers over the whole timeline
(filterdata.py's files): on another page it still holds, named as chosen, with the count of the
whole timeline and links to the pages that hold its events."""

from __future__ import annotations

import json
import re
from itertools import accumulate

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


def filter_files(site) -> tuple[dict, dict[str, list[int]]]:
    """The split timeline's filter files: the index, and each actor's event positions."""
    folder = site / "timeline" / "filter"
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))
    actors = {f.stem: list(accumulate(json.loads(f.read_text(encoding="utf-8"))["at"]))
              for f in (folder / "actor").glob("*.json")}
    return index, actors


def options(site, name: str) -> list[str]:
    """The actors of a page's events, those it names and the bodies they acted for: what its
    actor filter offers (the script makes the options from its cards; here from the files)."""
    index, actors = filter_files(site)
    starts = [p[0] for p in index["parts"]] + [index["total"]]
    at = [p[1] for p in index["parts"]].index(f"../{name}/")
    return sorted(a for a, found in actors.items()
                  if any(starts[at] <= p < starts[at + 1] for p in found))


def test_a_filter_follows_the_reader_to_a_page_without_its_actor(paged, watched) -> None:
    site, url = paged
    overview = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    names = re.findall(r'href="(\d{4}(?:-\d\d)?(?:-\d)?)/"', overview)
    for here, there in zip(names, names[1:]):  # a page, and the next, where its actor is absent
        missing = [a for a in options(site, here) if a not in options(site, there)]
        if missing:
            actor = missing[0]
            break
    else:
        pytest.fail("no actor of one page is missing from the next")
    everywhere = len(filter_files(site)[1][actor])
    page, watch = watched
    page.goto(f"{url}timeline/{here}/", wait_until="networkidle")
    offered = page.eval_on_selector_all("#brf-pick-actor option", "os => os.map(o => o.value)")
    assert sorted(offered[1:]) == options(site, here) and offered[0] == ""  # "choose", its own
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


def test_without_its_files_a_split_page_says_so_and_hides_nothing(paged, watched) -> None:
    """A split page's cards carry no actors or themes (its filter reads the files): when the files
    cannot be read, the page keeps every event and says why, instead of hiding them all."""
    site, url = paged
    overview = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    first = re.findall(r'href="(\d{4}(?:-\d\d)?(?:-\d)?)/"', overview)[0]
    html = (site / "timeline" / first / "index.html").read_text(encoding="utf-8")
    assert "data-actors=" not in html and "data-themes=" not in html
    page, watch = watched
    page.route("**/timeline/filter/**", lambda route: route.abort())
    page.goto(f"{url}timeline/{first}/", wait_until="networkidle")
    total = page.locator(".brf-event").count()
    add(page, "actor", options(site, first)[0])
    page.wait_for_function("!document.querySelector('.brf-filter-status').textContent.startsWith('…')")
    assert page.inner_text(".brf-filter-status").startswith("تعذّرت قراءة ملفات التصفية")
    assert len(visible_events(page)) == total > 0
