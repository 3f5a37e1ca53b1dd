"""Readers (issue #18): sharing tags, an article's source, breadcrumbs, "last updated", feeds a
person can open, and the seeds' provenance. Print and the feed in a browser: tests/browser/
test_readers.py."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
import yaml

from generator import paths
from generator.derive import derive_site
from generator.edtf import arabic_label
from generator.feed import feed_files
from generator.load import load_corpus
from generator.options import BuildOptions
from generator.pipeline import PAGES, build
from generator.render import DESCRIPTION_CHARS, safe_description
from generator.validate import validate
from generator.wording import counted

from .conftest import SEEDS, mkdocs_build
from .synthetic import write_corpus

SITE_URL = "https://example.org/briefing/"
ATOM = "{http://www.w3.org/2005/Atom}"
XHTML = "{http://www.w3.org/1999/xhtml}"


class Head(HTMLParser):
    """A page's <meta>, <link rel=canonical> and breadcrumbs, as a crawler or a test reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: list[tuple[str, str]] = []  # (name or property, content)
        self.canonical: list[str] = []
        self.crumbs: list[tuple[str, str, str | None]] = []  # (href, text, aria-current)
        self.crumb_navs: list[dict] = []
        self._depth = 0  # inside the breadcrumbs <nav>: 1, in its <ol>: 2, in an <a>: 3
        self._current: list = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "meta" and ("name" in a or "property" in a) and "content" in a:
            self.meta.append((a.get("name") or a["property"], a["content"]))
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical.append(a["href"])
        if tag == "nav" and "brf-breadcrumbs" in (a.get("class") or ""):
            self.crumb_navs.append(a)
            self._depth = 1
        elif self._depth == 1 and tag == "ol":
            self._depth = 2
        elif self._depth == 2 and tag == "a":
            self._depth = 3
            self._current = [a.get("href"), "", a.get("aria-current")]

    def handle_data(self, data: str) -> None:
        if self._depth == 3:
            self._current[1] += data

    def handle_endtag(self, tag: str) -> None:
        if self._depth == 3 and tag == "a":
            self.crumbs.append(tuple(self._current))
            self._depth = 2
        elif self._depth == 2 and tag == "ol":
            self._depth = 1
        elif self._depth == 1 and tag == "nav":
            self._depth = 0

    def values(self, key: str) -> list[str]:
        return [v for k, v in self.meta if k == key]


def head_of(html: str) -> Head:
    parser = Head()
    parser.feed(html)
    return parser


def url_path(site: Path, page: Path) -> str:
    """A built page's URL path: "" for home, "actors/iran/", "404.html"."""
    if page.name != "index.html":
        return page.relative_to(site).as_posix()
    folder = page.parent.relative_to(site).as_posix()
    return "" if folder == "." else folder + "/"


def pages_of(site: Path) -> dict[str, str]:
    """Every HTML page of a built site by its URL path."""
    return {url_path(site, p): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


@pytest.fixture(scope="module")
def url_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds built with a site URL, as the Pages workflow builds them."""
    where = tmp_path_factory.mktemp("site-url")
    result = mkdocs_build(SEEDS, where, env={"BRIEFING_SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr
    return where / "site"


@pytest.fixture(scope="module")
def corpus():
    return validate(load_corpus(SEEDS))


# Sharing ------------------------------------------------------------------------------------------


def test_every_page_has_one_description_and_open_graph_tags(seed_site: Path) -> None:
    pages = pages_of(seed_site)
    assert len(pages) > 100
    for path, html in pages.items():
        head = head_of(html)
        description = head.values("description")
        assert len(description) == 1 and description[0].strip(), path  # Material's, not twice
        for key in ("og:type", "og:site_name", "og:locale", "og:title", "og:description"):
            assert len(head.values(key)) == 1 and head.values(key)[0].strip(), (path, key)
        assert head.values("og:locale") == ["ar_AR"]
        assert head.values("og:description") == description
        assert head.values("og:type") == ["article" if path.startswith("articles/") and
                                          path.count("/") == 2 and path != "articles/archive/"
                                          else "website"], path
        # No site URL: no canonical link and no og:url (a relative one would be wrong).
        assert head.canonical == [] and head.values("og:url") == [], path
        assert not re.search(r'(src|href)="https?://(?!www\.wikidata\.org|github\.com/example)',
                             html.split("</head>")[0]), path  # the head asks nothing outside


def test_with_a_site_url_canonical_and_og_url_are_absolute(url_site: Path) -> None:
    for path, html in pages_of(url_site).items():
        head = head_of(html)
        if path == "404.html":  # served at any depth: no canonical address
            assert head.canonical == [] and head.values("og:url") == []
            continue
        assert head.canonical == [urljoin(SITE_URL, path)], path
        assert head.values("og:url") == head.canonical, path


def test_descriptions_come_from_the_model(seed_site: Path, corpus) -> None:
    article = corpus.articles["003_babe8bcfe08ac5d2"]
    head = head_of((seed_site / "articles" / article.id / "index.html").read_text("utf-8"))
    assert head.values("description") == [json.loads(safe_description(article.summary))]
    assert head.values("og:title") == [article.title]
    iran, term = corpus.actors["iran"], derive_site(corpus).actors["iran"]
    head = head_of((seed_site / "actors" / "iran" / "index.html").read_text("utf-8"))
    expected = (f"{iran.description_ar} في الموجز: {counted(len(term.articles), 'article')}، "
                f"{counted(len(term.events), 'event')}.")
    assert head.values("description") == [expected]
    head = head_of((seed_site / "index.html").read_text("utf-8"))
    assert head.values("og:title") == ["موجز العلاقات الأمنية الإيرانية–العراقية"]  # site name
    assert "5 مقالات، 51 حدثاً، 85 فاعلاً و15 محوراً" in head.values("description")[0]
    head = head_of((seed_site / "timeline" / "index.html").read_text("utf-8"))
    assert head.values("description")[0].startswith("الخط الزمني: 51 حدثاً من 5 مقالات")


def test_safe_description_is_one_short_json_string_without_markup() -> None:
    text = 'قال "المصدر" <b>x</b> & ' + "كلمة " * 80
    value = json.loads(safe_description(text))
    assert len(value) <= DESCRIPTION_CHARS and value.endswith("كلمة…")
    assert not set('"<>&') & set(value) and "＂المصدر＂" in value and "＜b＞" in value
    assert json.loads(safe_description("  سطر\nآخر  ")) == "سطر آخر"
    assert yaml.safe_load(f"description: {safe_description(text)}")["description"] == value


# An article's source, breadcrumbs and "last updated" --------------------------------------------


def provenance(html: str) -> dict[str, str]:
    """The article's source box as {label: text}."""
    box = re.search(r'<dl class="brf-provenance">(.*?)</dl>', html, re.DOTALL).group(1)
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", box, re.DOTALL)
    return {dt: unescape(re.sub(r"<[^>]+>", "", dd)) for dt, dd in pairs}


def test_every_article_page_shows_its_source_near_the_top(seed_site: Path, corpus) -> None:
    for article in corpus.articles.values():
        html = (seed_site / "articles" / article.id / "index.html").read_text(encoding="utf-8")
        body = html[html.index('<article class="brf-article"'):]
        assert body.index("brf-provenance") < body.index("brf-summary")  # under the title
        box = provenance(html)
        assert box["الناشر"] == (article.outlet or "غير معروف: لا يذكره النص المحفوظ")
        assert ("الرابط" in box) == bool(article.url)
        published = box["تاريخ النشر"]
        assert published.startswith(arabic_label(article.published, BuildOptions().date_style))
        if article.published_basis == "inferred":
            assert "مستنتج، لا يطبعه المقال: " + article.published_note in published
        else:
            assert "كما يطبعه المقال" in published
        assert "آخر تحديث" in box
    reuters = (seed_site / "articles" / "003_babe8bcfe08ac5d2" / "index.html").read_text("utf-8")
    assert '<dd><a href="../../actors/reuters/" dir="auto">رويترز</a></dd>' in reuters


def test_an_article_with_a_url_links_its_source(corpus_copy: Path, tmp_path: Path) -> None:
    result = build(BuildOptions(seeds_dir=corpus_copy, site_name="موجز"), frozenset({PAGES}))
    page = next(p.markdown for p in result.pages if p.src_uri == paths.article("a1"))
    box = provenance(page)
    assert box["الرابط"] == "example.org"
    assert ('<a class="brf-source" href="https://example.org/a1" rel="noopener noreferrer '
            'nofollow" target="_blank" dir="ltr">example.org</a>') in page


def test_last_updated_is_the_newest_article_a_page_draws_on(seed_site: Path, corpus) -> None:
    style = BuildOptions().date_style
    site = derive_site(corpus)
    for actor_id in ("iran", "qasim-al-araji", "reuters"):
        html = (seed_site / "actors" / actor_id / "index.html").read_text(encoding="utf-8")
        line = re.search(r'<p class="brf-updated">(.*?)</p>', html, re.DOTALL).group(1)
        assert arabic_label(site.actors[actor_id].last_seen, style) in unescape(
            re.sub(r"<[^>]+>", "", line))
    html = (seed_site / "themes" / "border-security" / "index.html").read_text(encoding="utf-8")
    assert 'class="brf-updated"' in html
    # Article 001 (November 2024) shares events with 000 (January 2026), 002 and 004: its page
    # shows their reports too, so it last changed with the newest of them, 000.
    sources = {r.article_id for e in corpus.articles["001_a0a0517b3fa354ea"].events
               for r in site.events[e.id].reports}
    assert sources == {"000_738fac2785a05353", "001_a0a0517b3fa354ea", "002_e6e950931b988b2a",
                       "004_4a950e12de890295"}
    html = (seed_site / "articles" / "001_a0a0517b3fa354ea" / "index.html").read_text("utf-8")
    newest = corpus.articles["000_738fac2785a05353"].published
    assert provenance(html)["آخر تحديث"].startswith(arabic_label(newest, style))
    html = (seed_site / "articles" / "003_babe8bcfe08ac5d2" / "index.html").read_text("utf-8")
    own = corpus.articles["003_babe8bcfe08ac5d2"].published  # no other source is newer
    assert provenance(html)["آخر تحديث"].startswith(arabic_label(own, style))


def crumbs_of(markdown: str) -> list[tuple[str, str, str | None]]:
    head = head_of(markdown)
    assert len(head.crumb_navs) == 1 and head.crumb_navs[0]["aria-label"] == "مسار الصفحة"
    *before, last = head.crumbs
    assert last[2] == "page" and all(c[2] is None for c in before)  # aria-current: the last only
    assert before[0][1] == "الرئيسية"
    return [(href, text) for href, text, _ in head.crumbs]


def test_deep_pages_have_breadcrumbs(tmp_path: Path) -> None:
    """A split timeline page, an actor's and a theme's year pages, article, actor and theme
    pages: an ordered list in a labelled <nav>, home first, this page last (aria-current)."""
    seeds = build(BuildOptions(seeds_dir=SEEDS, site_name="موجز", page_items=10),
                  frozenset({PAGES}))
    march = paths.part(paths.TIMELINE_PARTS, "2023-03")  # alone in its half-year; not October
    month = next(p.markdown for p in seeds.pages if p.src_uri == march)
    assert crumbs_of(month) == [("../..", "الرئيسية"), ("../", "الخط الزمني"),
                                ("./", "آذار/مارس 2023")]
    result = build(BuildOptions(seeds_dir=write_corpus(tmp_path / "seeds", 40), site_name="موجز",
                                page_items=10), frozenset({PAGES}))
    pages = {p.src_uri: p.markdown for p in result.pages}
    actor_year = next(s for s in pages if re.fullmatch(r"actors/[^/]+/\d{4}\.md", s))
    year = actor_year.split("/")[2][:4]
    name = re.search(r"<h1>مقالات <span dir=\"auto\">(.*?)</span>", pages[actor_year]).group(1)
    crumbs = crumbs_of(pages[actor_year])  # quiet years share a page: "2025–2022"
    assert crumbs[:3] == [("../../..", "الرئيسية"), ("../../", "الفاعلون"), ("../", name)]
    assert crumbs[3][0] == "./" and crumbs[3][1].startswith(year)
    theme_year = next(s for s in pages if re.fullmatch(r"themes/[^/]+/\d{4}\.md", s))
    assert [t for _, t in crumbs_of(pages[theme_year])][:2] == ["الرئيسية", "المحاور"]
    article = next(s for s in pages if s.startswith("articles/") and s.count("/") == 1
                   and s != paths.ARTICLES)
    title = re.search(r'<h1 dir="auto">(.*?)</h1>', pages[article]).group(1)
    assert crumbs_of(pages[article]) == [("../..", "الرئيسية"), ("../", "المقالات"),
                                         ("./", title)]
    archive = next(s for s in pages if s.startswith(paths.ARTICLE_PARTS + "/"))
    assert [t for _, t in crumbs_of(pages[archive])][:2] == ["الرئيسية", "المقالات"]


def test_a_sub_themes_breadcrumbs_go_through_its_parents(seed_site: Path, corpus) -> None:
    html = (seed_site / "themes" / "border-security" / "index.html").read_text(encoding="utf-8")
    parent = corpus.themes["border-security"].parent
    assert crumbs_of(html) == [
        ("../..", "الرئيسية"), ("../", "المحاور"),
        (f"../{parent}/", corpus.themes[parent].label_ar),
        ("./", corpus.themes["border-security"].label_ar)]
    html = (seed_site / "actors" / "iran" / "index.html").read_text(encoding="utf-8")
    assert crumbs_of(html) == [("../..", "الرئيسية"), ("../", "الفاعلون"), ("./", "إيران")]


# Feeds a person can open --------------------------------------------------------------------------


def test_every_feed_names_its_stylesheet_and_links_its_page(seed_site: Path) -> None:
    feeds = sorted((seed_site / "feeds").rglob("*.xml"))
    feeds = [f for f in feeds if f.name != "sitemap.xml"]
    assert len(feeds) > 90
    for feed in feeds:
        xml = feed.read_bytes()
        style = re.match(rb'<\?xml version="1.0" encoding="utf-8"\?>\n'
                         rb'<\?xml-stylesheet type="text/css" href="([^"]+)"\?>\n', xml)
        assert style, feed
        assert (feed.parent / style.group(1).decode()).resolve() == (
            seed_site / paths.FEED_STYLE).resolve()
        assert (seed_site / paths.FEED_STYLE).is_file()
        root = ET.fromstring(xml)
        page = next(link.get("href") for link in root.findall(f"{ATOM}link")
                    if link.get("rel") == "alternate")
        about = root.find(f"{XHTML}div")
        assert about.get("dir") == "rtl" and about.find(f"{XHTML}p/{XHTML}a").get("href") == page
        assert (feed.parent / page / "index.html").resolve().is_file()
        for entry in root.findall(f"{ATOM}entry"):
            article = next(link.get("href") for link in entry.findall(f"{ATOM}link")
                           if link.get("rel") == "alternate")
            assert entry.find(f"{XHTML}a").get("href") == article
        parsed = feedparser.parse(xml)  # feed readers see the same feed as before
        assert not parsed.bozo and parsed.version == "atom10"
        assert [e.title for e in parsed.entries] == [
            e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]


def test_with_a_site_url_the_feed_stylesheet_is_absolute(corpus) -> None:
    files = {f.path: f.content for f in feed_files(derive_site(corpus),
                                                   BuildOptions(site_url=SITE_URL))}
    head = files[paths.actor_feed("iran")].split(b"\n")[1]
    style = f'<?xml-stylesheet type="text/css" href="{SITE_URL}{paths.FEED_STYLE}"?>'
    assert head == style.encode()


# The seeds' provenance ---------------------------------------------------------------------------


def test_seed_outlets_and_urls_come_from_the_texts() -> None:
    """An outlet or a URL in a seed annotation is printed in its article's text: never invented.
    Those whose text names no outlet say so (outlet ""), and their page says it is unknown."""
    registry = {a["id"]: a for a in yaml.safe_load((SEEDS / "actors.yml").read_text("utf-8"))
                ["actors"]}
    outlets = {}
    for path in sorted((SEEDS / "annotations").glob("*.yml")):
        ann = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = (SEEDS / "articles" / f"{path.stem}.txt").read_text(encoding="utf-8")
        head = "\n".join(text.splitlines()[:12])  # the headers above the body
        if ann["outlet"]:
            assert ann["outlet"] in head, path.name
            actor = registry[ann["outlet_actor"]]
            assert ann["outlet"] in (actor["name"]["ar"], actor["name"].get("en"), *actor.get(
                "aliases", {}).get("ar", []), *actor.get("aliases", {}).get("en", [])), path.name
        if ann["url"]:
            assert ann["url"] in text, path.name
        outlets[path.stem] = ann["outlet"]
    assert outlets == {
        "000_738fac2785a05353": "", "001_a0a0517b3fa354ea": "", "002_e6e950931b988b2a": "",
        "003_babe8bcfe08ac5d2": "رويترز", "004_4a950e12de890295": "AvaToday",
    }


def test_header_icons_are_drawn_by_one_stylesheet(seed_site: Path) -> None:
    """Material's icons come from icons.css (a CSS mask per icon), not an inline SVG on every page;
    every icon the pages name has its rule there, and mkdocs.yml lists the stylesheet."""
    css = (Path(__file__).parents[1] / "generator/theme/assets/stylesheets/icons.css").read_text(
        encoding="utf-8")
    config = (Path(__file__).parents[1] / "mkdocs.yml").read_text(encoding="utf-8")
    assert "assets/stylesheets/icons.css" in config
    named: set[str] = set()
    for page in [seed_site / "index.html", *seed_site.glob("articles/*/index.html")]:
        html = page.read_text(encoding="utf-8")
        header = html.split("<header", 1)[1].split("</header>", 1)[0]
        assert "<svg" not in header and "md-source__icon md-icon\"><svg" not in html, page
        named |= set(re.findall(r'class="brf-icon (brf-i-[a-z0-9-]+)"', html))
    assert {"brf-i-material-menu", "brf-i-material-magnify", "brf-i-material-brightness-4",
            "brf-i-material-brightness-7", "brf-i-material-library",
            "brf-i-material-arrow-up", "brf-i-material-git"} <= named
    for name in named:
        assert re.search(rf"^\.{name} {{ --brf-i: url\(\"data:image/svg\+xml,", css, re.M), name
