"""Long lists split into pages: by year, then month, then pieces; links and filters still work."""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest

from generator import paths
from generator.derive import derive_site
from generator.load import load_corpus
from generator.options import BuildOptions
from generator.paginate import PAGE_BYTES, REPORTS_SHOWN, locate, split
from generator.render import Renderer
from generator.validate import validate
from generator.weigh import article_weight, event_weight

from .bench.corpus import write_corpus
from .bench.seed_corpus import write_seed_corpus
from .conftest import SEEDS, paged_build
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


def test_quiet_years_and_months_share_pages_within_calendar_windows() -> None:
    items = [(f"a{i}", 2009, 3) for i in range(2)] + [("b0", 2011, 5)]  # in 1984-2015: shared
    items += [("c0", 2016, 1), ("c1", 2016, 2), ("c2", 2017, 6)]  # 2016-2017 shared
    items += [(f"d{i}", 2018, 4) for i in range(2)] + [(f"e{i}", 2019, 4) for i in range(3)]
    items += [("f0", 2022, 1), ("f1", 2022, 2)] + [(f"g{i}", 2022, 4) for i in range(2)]
    items += [(f"h{i}", 2022, 7) for i in range(3)] + [(f"k{i}", 2022, 8) for i in range(2)]
    parts = split(items, "t", limit=4)
    # 2018 and 2019 do not fit together, nor 2022: its first half does, its third quarter not.
    # (Greedy runs put 2011 with 2016, and 2017 with 2018.)
    assert [(p.src, p.year, p.last_year, p.month, p.last_month, len(p.items)) for p in parts] == [
        ("t/2009.md", 2009, 2011, None, None, 3), ("t/2016.md", 2016, 2017, None, None, 3),
        ("t/2018.md", 2018, None, None, None, 2), ("t/2019.md", 2019, None, None, None, 3),
        ("t/2022-01.md", 2022, None, 1, 4, 4), ("t/2022-07.md", 2022, None, 7, None, 3),
        ("t/2022-08.md", 2022, None, 8, None, 2),
    ]
    assert [i for p in parts for i in p.items] == [i for i, _, _ in items]
    # Newest first (a list of articles): the same pages, each named by its first period.
    newest = split(list(reversed(items)), "t", limit=4)
    assert [(p.src, p.last_year, p.last_month, p.items) for p in newest] == [
        ("t/2022-08.md", None, None, ("k1", "k0")),
        ("t/2022-07.md", None, None, ("h2", "h1", "h0")),
        ("t/2022-04.md", None, 1, ("g1", "g0", "f1", "f0")),
        ("t/2019.md", None, None, ("e2", "e1", "e0")),
        ("t/2018.md", None, None, ("d1", "d0")), ("t/2017.md", 2016, None, ("c2", "c1", "c0")),
        ("t/2011.md", 2009, None, ("b0", "a1", "a0")),
    ]


def _covers(part, year: int, month: int | None) -> bool:  # noqa: ANN001
    """Whether a part's period holds (year, month): its run of years, or its months."""
    if part.whole_year:
        return min(part.year, part.last_year or part.year) <= year <= max(
            part.year, part.last_year or part.year)
    if part.year != year or (part.month is None) != (month is None):
        return False
    last = part.last_month or part.month
    return month is None or min(part.month, last) <= month <= max(part.month, last)


def _timeline(rng: random.Random, n: int) -> tuple[list[tuple[str, int, int | None]], dict]:
    """n items over 1990-2030, busy years and quiet ones, some dated to the year only, weighed."""
    busy = set(rng.sample(range(2000, 2030), 6))
    dates = sorted(((y, rng.choice([None] + list(range(1, 13))))
                    for y in rng.choices(range(1990, 2031), k=n // 4)
                    + rng.choices(sorted(busy), k=n - n // 4)), key=lambda d: (d[0], d[1] or 0))
    items = [(f"i{at}", y, m) for at, (y, m) in enumerate(dates)]
    return items, {i: rng.randint(100, 3000) for i, _, _ in items}


@pytest.mark.parametrize("seed", range(6))
def test_a_change_in_one_period_changes_no_part_of_another(seed: int) -> None:
    """An item made heavier, or added, changes only parts whose period holds its date (the page of
    its own period, and a shared page cut in two); made lighter or removed, likewise the other way.
    Greedy runs moved the boundaries of every later page."""
    rng = random.Random(seed)
    items, sizes = _timeline(rng, 1500)
    for _ in range(30):
        before = split(items, "t", 60, sizes.get, 60_000)
        at = rng.randrange(len(items))
        ident, year, month = items[at]
        kind = rng.choice(["heavier", "lighter", "added", "removed"])
        if kind == "heavier":
            sizes[ident] += rng.randint(1, 3000)
        elif kind == "lighter":
            sizes[ident] = rng.randint(1, sizes[ident])
        elif kind == "added":
            new = f"n{len(sizes)}"
            sizes[new] = rng.randint(100, 3000)
            items.insert(at, (new, year, month))
        else:
            del items[at]
        after = split(items, "t", 60, sizes.get, 60_000)
        assert len(before) > 40
        grown, shrunk = (before, after) if kind in ("heavier", "added") else (after, before)
        elsewhere = [p for p in grown if not _covers(p, year, month)]
        assert set(elsewhere) <= set(shrunk), (kind, year, month)
        assert len(elsewhere) > len(grown) / 2


def test_adding_to_one_year_leaves_the_other_years_pages_equal() -> None:
    items, sizes = _timeline(random.Random(7), 1500)
    before = split(items, "t", 60, sizes.get, 60_000)
    sizes |= {f"x{n}": 2000 for n in range(20)}
    for year in sorted({y for _, y, _ in items}):  # each year in turn grows by 20 items
        at = max(n for n, (_, y, _) in enumerate(items) if y == year)
        grown = items[:at] + [(f"x{n}", year, 12) for n in range(20)] + items[at:]
        after = split(grown, "t", 60, sizes.get, 60_000)
        elsewhere = [p for p in before if not _covers(p, year, None) and not (
            p.year == year and not p.whole_year)]
        assert len(elsewhere) > len(before) / 2 and set(elsewhere) <= set(after), year


build = paged_build  # a real mkdocs build with page_items per page


@pytest.fixture(scope="module")
def busy_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """300 articles at the seeds' density: the busiest background event has 15 reports, more than
    a card tells and more than a page of 10 holds."""
    where = tmp_path_factory.mktemp("busy")
    seeds = write_seed_corpus(where / "seeds", 300)
    return seeds, build(seeds, where, 10)


def test_a_busy_event_tells_its_first_reports_and_links_a_page_of_all(busy_site) -> None:
    seeds, site = busy_site
    corpus = validate(load_corpus(seeds))
    reports = Counter(e.id for a in corpus.articles.values() for e in a.events)
    hub, count = reports.most_common(1)[0]
    assert count > 10
    timeline = derive_site(corpus, 10)
    card_page = site / paths.page_url(timeline.event_page(hub))
    html = (card_page / "index.html").read_text(encoding="utf-8")
    card = html[html.index(f'id="event-{hub}"'):]
    card = card[:card.index("</details>")]
    assert card.count('<p class="brf-report-source">') == REPORTS_SHOWN
    assert f'روايات المصادر كلها ({count})' in card
    # Its page links the pages of its reports by year (15 reports, pages of 10); together they
    # hold every reporting article once.
    overview = (site / "events" / hub / "index.html").read_text(encoding="utf-8")
    pages = re.findall(r'href="(\d{4}(?:-\d\d)?(?:-\d)?)/"', overview)
    linked = Counter()
    for name in pages:
        part = (site / "events" / hub / name / "index.html").read_text(encoding="utf-8")
        linked.update(re.findall(r'<p class="brf-report-source"><a href="\.\./\.\./\.\./articles/'
                                 r'([^/]+)/"', part))
    assert sorted(linked) == sorted(e.article_id for a in corpus.articles.values()
                                    for e in a.events if e.id == hub)
    assert set(linked.values()) == {1}
    # An article citing it says how many sources there are and links the card.
    citing = next(a for a in corpus.articles.values() if any(e.id == hub for e in a.events))
    page = (site / "articles" / citing.id / "index.html").read_text(encoding="utf-8")
    assert f"#event-{hub}" in page and f"{count} مصدراً" in page


def test_busy_site_links_resolve_and_pages_stay_small(busy_site) -> None:
    _, site = busy_site
    assert broken_links(site) == []
    assert max(p.stat().st_size for p in site.rglob("*.html")) < PAGE_BYTES


def test_estimated_card_bytes_are_close_above_the_rendered_ones(busy_site) -> None:
    """weigh.py's estimates, against each timeline card and list of articles as render writes them:
    never under, and not far over (pages would be split needlessly). A card's estimate also holds
    its actors' options in the page's filter."""
    for seeds in (SEEDS, busy_site[0]):
        corpus = validate(load_corpus(seeds))
        site = derive_site(corpus)
        renderer = Renderer(site, BuildOptions(seeds_dir=seeds))
        renderer.env.globals.update(paths=paths)
        renderer.here = "timeline/2024/"
        card = renderer.env.get_template("_macros.j2").module.event_card
        estimate = event_weight(corpus, REPORTS_SHOWN)
        ratios = [estimate(e) / len(str(card(e)).encode()) for e in site.timeline]
        assert 1 <= min(ratios) and max(ratios) < 1.8, (min(ratios), max(ratios))
        for actor_id in ("iran", "iraq"):  # in every seed: a list of each kind of date
            term = site.actors[actor_id]
            item = article_weight(corpus)
            listed = len(str(renderer.article_list(term.articles, outlet=True)).encode())
            assert 1 <= sum(map(item, term.articles)) / listed < 1.6


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A synthetic corpus of 40 articles built with pages of 12 items."""
    where = tmp_path_factory.mktemp("paged")
    seeds = write_corpus(where / "seeds", 40)
    return seeds, paged_build(seeds, where, 12)


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def listed_articles(page: str) -> int:
    """Items of the page's lists of articles (under their month headings)."""
    return sum(block.count("<li>") for block in
               re.findall(r'<ul class="brf-articles">(.*?)</ul>', page, re.DOTALL))


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
    assert listed_articles(page) == 6  # the newest, page_items // 2
    archive = set(re.findall(r'href="((?:\d{4})(?:-\d\d)?(?:-\d)?)/"', page))
    listed = sum(listed_articles(html(site, f"actors/{actor_id}/{p}")) for p in archive)
    assert listed == named  # every article naming it, once, on its pages
    assert f"?actor={actor_id}" in page  # its events: the timeline pages, filtered
    assert listed_articles(html(site, "articles")) == 6
