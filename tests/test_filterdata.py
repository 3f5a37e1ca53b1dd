"""The timeline filter's files (filterdata.py): what a split timeline's pages fetch to answer a
filter over the whole timeline, and the actor pages' "through whom"."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from generator import paths
from generator.derive import derive_site
from generator.filterdata import deltas, filter_files, month_key
from generator.pipeline import PAGES, build
from generator.options import BuildOptions
from generator.validate import validate
from generator.load import load_corpus

from .conftest import SEEDS

MEETING = "2024-11-10-araji-araghchi-tehran"


@pytest.fixture(scope="module")
def split_site():
    """The seeds with pages of 12 events: the timeline is split by year."""
    return derive_site(validate(load_corpus(SEEDS)), 12)


def read(files, path: str) -> dict:
    return json.loads(next(f.content for f in files if f.path == path))


def undelta(gaps: list[int]) -> list[int]:
    out, at = [], 0
    for gap in gaps:
        at += gap
        out.append(at)
    return out


def test_positions_are_the_order_of_the_cards_on_the_pages(split_site) -> None:
    # The script takes the i-th card of a page for position start + i: the pages hold the timeline
    # in order, without a gap.
    assert len(split_site.timeline_parts) > 1
    on_pages = [event_id for part in split_site.timeline_parts for event_id in part.items]
    assert on_pages == [entry.id for entry in split_site.timeline]
    index = read(filter_files(split_site), paths.TIMELINE_FILTER_INDEX)
    starts = [start for start, _ in index["parts"]]
    sizes = [len(part.items) for part in split_site.timeline_parts]
    assert starts == [sum(sizes[:i]) for i in range(len(sizes))]
    assert index["total"] == len(split_site.timeline)
    assert [link for _, link in index["parts"]] == [
        paths.relpath(paths.page_url(p.src), paths.TIMELINE_FILTER_DIR) + "/"
        for p in split_site.timeline_parts]


def test_months_start_where_the_timeline_groups_its_events(split_site) -> None:
    index = read(filter_files(split_site), paths.TIMELINE_FILTER_INDEX)
    months = index["months"]
    ends = [start for start, _ in months[1:]] + [index["total"]]
    for (start, key), end in zip(months, ends):
        assert start < end
        for entry in split_site.timeline[start:end]:
            assert month_key(entry.year, entry.month) == key
    assert len({key for _, key in months}) == len(months)  # each month one run
    assert ["2024-11"] == [k for _, k in months if k == "2024-11"]


def test_an_actor_list_holds_every_event_it_takes_part_in_also_through_others(split_site) -> None:
    files = filter_files(split_site)
    timeline = split_site.timeline
    for actor_id in ("iran", "iraq", "qasim-al-araji"):
        data = read(files, paths.timeline_filter_term("actor", actor_id))
        assert data["name"] == split_site.corpus.actors[actor_id].name_ar
        at = undelta(data["at"])
        assert at == [i for i, e in enumerate(timeline) if actor_id in e.participants]
    # The analyst's question: Iraq and Iran together in November 2024 holds the Tehran meeting,
    # named by al-Araji and Araghchi only (their states through their posts on that date).
    iraq = set(undelta(read(files, paths.timeline_filter_term("actor", "iraq"))["at"]))
    iran = set(undelta(read(files, paths.timeline_filter_term("actor", "iran"))["at"]))
    meeting = next(i for i, e in enumerate(timeline) if e.id == MEETING)
    assert meeting in iraq & iran
    assert "iraq" not in timeline[meeting].actors and "iran" not in timeline[meeting].actors


def test_a_theme_list_holds_its_sub_themes_events(split_site) -> None:
    files = filter_files(split_site)
    parent = set(undelta(read(files, paths.timeline_filter_term(
        "theme", "security-cooperation"))["at"]))
    child = set(undelta(read(files, paths.timeline_filter_term(
        "theme", "iraq-iran-security-cooperation"))["at"]))
    assert child and child <= parent


def test_deltas_are_gaps() -> None:
    assert deltas([3, 4, 10]) == [3, 1, 6] and undelta(deltas([0, 5, 6])) == [0, 5, 6]
    assert deltas([]) == []


def test_one_page_timeline_needs_no_files() -> None:
    site = derive_site(validate(load_corpus(SEEDS)), 100_000)
    assert not site.timeline_parts and filter_files(site) == []


def test_the_build_writes_them_with_the_pages_and_the_page_links_them() -> None:
    options = replace(BuildOptions(seeds_dir=SEEDS), page_items=12)
    result = build(options, frozenset({PAGES}))
    written = {f.path for f in result.files}
    assert paths.TIMELINE_FILTER_INDEX in written
    assert paths.timeline_filter_term("actor", "iran") in written
    part = next(p for p in result.pages if p.src_uri == paths.part(paths.TIMELINE_PARTS, "2024"))
    text = part.content if isinstance(part.content, str) else part.content.decode("utf-8")
    assert 'data-brf-data="../filter/index.json"' in text
    assert 'data-brf-term="../filter/{kind}/{id}.json"' in text
    # The page carries no list that grows with the corpus: the script makes the actor options
    # from the page's cards, and the period's from the filter index (the form names the months).
    assert not re.search(r'<option value="iran"', text)
    assert '<option value="2024' not in text and "كانون الثاني/يناير|شباط/فبراير|" in text


def test_actor_pages_say_through_whom(seed_site) -> None:
    # Iraq takes part in the Tehran meeting through al-Araji (his post on that date); its page
    # says through whom on that event's line, and not on an event that names Iraq itself.
    html = (seed_site / "actors" / "iraq" / "index.html").read_text(encoding="utf-8")
    line = re.search(rf'<li class="brf-event"><a href="[^"]*#event-{MEETING}"'
                     r'.*?</li>', html, re.S)
    assert line and "عبر" in line.group(0) and "قاسم الأعرجي" in line.group(0), line
    own = re.findall(r'<li class="brf-event">.*?</li>', html, re.S)
    assert any("عبر" not in item for item in own)
