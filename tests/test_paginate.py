"""Long lists split into pages: by year, then month, then pieces; links and filters still work."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from generator.load import load_corpus
from generator.paginate import locate, split
from generator.validate import validate

from .bench.corpus import write_corpus
from .conftest import ROOT, write_config
from .test_build import broken_links


def test_split_by_year_then_month_then_piece() -> None:
    items = [(f"a{i}", 2023, 5) for i in range(3)]  # a quiet year: one page
    items += [(f"b{i}", 2024, None) for i in range(2)]  # a busy year, some dated to the year only
    items += [(f"c{i}", 2024, 1) for i in range(3)]
    items += [(f"d{i}", 2024, 2) for i in range(9)]  # a busy month: pieces of 4
    assert split(items, "t", limit=20) == ()  # it fits: no pages
    parts = split(items, "t", limit=4)
    assert [(p.src, len(p.items)) for p in parts] == [
        ("t/2023.md", 3), ("t/2024-00.md", 2), ("t/2024-01.md", 3),
        ("t/2024-02.md", 4), ("t/2024-02-2.md", 4), ("t/2024-02-3.md", 1),
    ]
    assert parts[0].whole_year and parts[1].month is None and not parts[1].whole_year
    assert [p.piece for p in parts[3:]] == [1, 2, 3]
    assert [i for p in parts for i in p.items] == [i for i, _, _ in items]  # order kept
    assert locate(parts)["d5"] == "t/2024-02-2.md"


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A synthetic corpus of 40 articles built with pages of 12 items."""
    where = tmp_path_factory.mktemp("paged")
    seeds = write_corpus(where / "seeds", 40)
    config = write_config(seeds, where)
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("dates_hijri: false", "dates_hijri: false\n      page_items: 12"),
                      encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d",
         str(where / "site")],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    return seeds, where / "site"


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_every_event_is_on_exactly_one_timeline_page(paged_site: tuple[Path, Path]) -> None:
    seeds, site = paged_site
    corpus = validate(load_corpus(seeds))
    events = {e.id for a in corpus.articles.values() for e in a.events}
    overview = html(site, "timeline")
    parts = re.findall(r'href="(\d{4}(?:-\d\d)?(?:-\d)?)/"', overview)
    assert len(parts) > 5
    found = Counter()
    for part in parts:
        page = html(site, f"timeline/{part}")
        found.update(re.findall(r'<li class="brf-event" id="event-([^"]+)"', page))
        assert "data-brf-filters" in page and "data-brf-keep-query" in page  # filters, pager
        assert len(re.findall(r'<li class="brf-event"', page)) <= 12
    assert set(found) == events and set(found.values()) == {1}


def test_links_into_split_lists_resolve(paged_site: tuple[Path, Path]) -> None:
    _, site = paged_site
    assert broken_links(site) == []


def test_busy_actor_page_links_its_pages(paged_site: tuple[Path, Path]) -> None:
    seeds, site = paged_site
    corpus = validate(load_corpus(seeds))
    busiest = Counter(a.id for art in corpus.articles.values() for a in art.actors).most_common(1)
    actor_id, named = busiest[0]
    page = html(site, f"actors/{actor_id}")
    assert len(re.findall(r'class="brf-article-item"', page)) == 6  # the newest, page_items // 2
    archive = set(re.findall(r'href="((?:\d{4})(?:-\d\d)?(?:-\d)?)/"', page))
    listed = sum(len(re.findall(r'class="brf-article-item"', html(site, f"actors/{actor_id}/{p}")))
                 for p in archive)
    assert listed == named  # every article naming it, once, on its pages
    assert f"?actor={actor_id}" in page  # its events: the timeline pages, filtered
    assert html(site, "articles").count('class="brf-article-item"') == 6
