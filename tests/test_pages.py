"""The built briefing pages: actor and theme pages, indexes, home; and page sizes that stay flat as
the corpus grows (only pages that list articles may grow)."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import yaml

from generator.model import ACTOR_TYPES

from .conftest import SEEDS, mkdocs_build
from .synthetic import write_corpus


def html_of(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


class Section(HTMLParser):
    """Collects hrefs and texts of <a> elements inside elements that have a given class."""

    def __init__(self, cls: str) -> None:
        super().__init__()
        self.cls, self.depth, self.hrefs = cls, 0, []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if self.depth:
            self.depth += 1
            if tag == "a" and a.get("href"):
                self.hrefs.append(a["href"])
        elif self.cls in (a.get("class") or "").split():
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1


def links_in(html: str, cls: str) -> list[str]:
    parser = Section(cls)
    parser.feed(html)
    return parser.hrefs


def test_every_actor_page_lists_exactly_the_articles_naming_it(seed_site: Path) -> None:
    mentions: dict[str, set[str]] = {}
    for path in sorted((SEEDS / "annotations").glob("*.yml")):
        for actor in yaml.safe_load(path.read_text(encoding="utf-8"))["actors"]:
            mentions.setdefault(actor["id"], set()).add(path.stem)
    registry = yaml.safe_load((SEEDS / "actors.yml").read_text(encoding="utf-8"))["actors"]
    for actor in registry:
        html = html_of(seed_site, f"actors/{actor['id']}")
        listed = {h.rstrip("/").rsplit("/", 1)[-1] for h in links_in(html, "brf-articles")}
        assert listed == mentions.get(actor["id"], set()), actor["id"]
        assert actor["name"]["en"] in unescape(html)


def test_actor_index_groups_by_type_and_sorts_by_articles(seed_site: Path) -> None:
    html = html_of(seed_site, "actors")
    pattern = r'<section class="brf-type" id="type-([a-z-]+)">(.*?)</section>'
    sections = re.findall(pattern, html, re.S)
    assert [t for t, _ in sections] == [t for t in ACTOR_TYPES if t in {t for t, _ in sections}]
    assert len(sections) >= 5
    seen = 0
    for _, body in sections:
        counts = [int(n) for n in re.findall(r'<span class="brf-count"[^>]*>(\d+)</span>', body)]
        assert counts == sorted(counts, reverse=True) and counts
        seen += len(counts)
    assert seen == len(yaml.safe_load((SEEDS / "actors.yml").read_text(encoding="utf-8"))["actors"])


def test_theme_index_shows_the_hierarchy_with_counts(seed_site: Path) -> None:
    html = html_of(seed_site, "themes")
    themes = yaml.safe_load((SEEDS / "themes.yml").read_text(encoding="utf-8"))["themes"]
    for theme in themes:
        if "parent" not in theme:
            continue
        # The child's link comes after its parent's and inside a nested list under it.
        parent_at = html.index(f'href="{theme["parent"]}/"')
        child_at = html.index(f'href="{theme["id"]}/"')
        between = html[parent_at:child_at]
        assert parent_at < child_at and between.count("<ul>") > between.count("</ul>"), theme["id"]
    assert "مقالات" in text_of(html) or "مقالان" in text_of(html)
    page = html_of(seed_site, "themes/security-cooperation")
    assert "محاور فرعية" in page and "iraq-iran-security-cooperation/" in page


def test_home_orients_the_reader(seed_site: Path) -> None:
    html = html_of(seed_site, "")
    text = text_of(html)
    assert "يضم الموجز 5 مقالات" in text
    for target in ("timeline/", "actors/", "themes/", "articles/"):
        assert f'href="{target}"' in html
    assert 0 < len(links_in(html, "brf-articles")) <= 8 * 1  # latest articles, linked
    assert 0 < html.count('class="brf-event"') <= 5  # the most recent events
    assert 'href="actors/qasim-al-araji/"' in html  # among the most active actors


def test_pages_do_not_grow_with_the_corpus(tmp_path: Path) -> None:
    """Ten times the articles: home, an article and the theme index stay the same size; the article
    index (a page that lists everything) grows, and the timeline is split into pages by size."""
    sizes = {}
    for n in (15, 150):
        seeds = write_corpus(tmp_path / f"seeds{n}", n)
        result = mkdocs_build(seeds, tmp_path / f"b{n}")
        assert result.returncode == 0, result.stderr
        site = tmp_path / f"b{n}" / "site"
        sizes[n] = {p: len((site / p / "index.html").read_bytes())
                    for p in ("", "articles/00003_synthetic", "themes", "timeline", "articles")}
    for page in ("", "articles/00003_synthetic", "themes"):
        # Only longer numbers and titles ("عنوان المقال 149"): well under 5 %.
        assert sizes[150][page] < 1.05 * sizes[15][page], (page, sizes[15][page], sizes[150][page])
    assert sizes[150]["articles"] > 2 * sizes[15]["articles"]  # every article listed
    # The timeline of 150 articles passes what one page may weigh: it becomes pages by year.
    overview = (tmp_path / "b150" / "site" / "timeline" / "index.html").read_text(encoding="utf-8")
    assert 'class="brf-parts"' in overview and 'class="brf-parts"' not in html_of(
        tmp_path / "b15" / "site", "timeline")


def test_article_pages_tell_events_as_that_article_reports_them(seed_site: Path) -> None:
    meeting = 'href="../../timeline/#event-2024-11-10-araji-araghchi-tehran"'  # its card
    for stem, phrase in [
        ("001_a0a0517b3fa354ea", "«<bdi>الأحد</bdi>»"),
        ("002_e6e950931b988b2a", "«<bdi>الأحد العاشر من نوفمبر الجاري 2024</bdi>»"),
    ]:
        html = html_of(seed_site, f"articles/{stem}")
        start = html.rindex('<li class="brf-event">', 0, html.index(meeting))
        item = html[start:html.index("</li>", start)]
        # The phrase its date was read from is on the card, beside its source (and in the text
        # on this page), not repeated on the line (issue #15).
        assert phrase not in item, stem
        timeline = html_of(seed_site, "timeline")
        card = timeline[timeline.index('id="event-2024-11-10-araji-araghchi-tehran"'):]
        assert phrase in card[:card.index('<li class="brf-event"')], stem
        own = yaml.safe_load((SEEDS / "annotations" / f"{stem}.yml").read_text(encoding="utf-8"))
        (event,) = [e for e in own["events"] if e["id"] == "2024-11-10-araji-araghchi-tehran"]
        assert unescape(event["description"]) in unescape(item), stem
        assert "مصدران" in item  # two sources, both told on its card
