"""The site's URL scheme: every page source, file path, anchor and URL of the built site comes from
here. Pages are named by their Markdown source (`actors/iran.md`), as MkDocs names them; files
(exports, feeds, search) by their path under the site root. Nothing else in the generator or its
templates spells a path."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath

# Pages -------------------------------------------------------------------------------------------
HOME = "index.md"
TIMELINE = "timeline.md"
ARTICLES = "articles/index.md"
ACTORS = "actors/index.md"
THEMES = "themes/index.md"
NETWORK = "network.md"
DATA = "data.md"

# Folders of the pages of a list split by year and month (paginate.py).
TIMELINE_PARTS = "timeline"
ARTICLE_PARTS = "articles/archive"
EVENTS_DIR = "events"  # the pages of every report of a busy event (paginate.REPORTS_SHOWN)

# Actor and theme ids whose page or feed would take the path of another output: what it is.
RESERVED_IDS = {
    "index": "the list page of its folder",
    "sitemap": "the site map of its feed folder (feeds/…/sitemap.xml)",
}
ARTICLE_INDEX_STEM = "index"  # articles/index.md is the list of articles


def article(article_id: str) -> str:
    return f"articles/{article_id}.md"


def actor(actor_id: str) -> str:
    return f"actors/{actor_id}.md"


def theme(theme_id: str) -> str:
    return f"themes/{theme_id}.md"


def term(kind: str, term_id: str) -> str:
    """The page of an actor or a theme (kind "actor" or "theme")."""
    return actor(term_id) if kind == "actor" else theme(term_id)


def term_parts(kind: str, term_id: str) -> str:
    """The folder of the pages of a busy actor's or theme's articles, by year and month."""
    return f"{kind}s/{term_id}"


def event_reports(event_id: str) -> str:
    """The page of every report of an event too busy for its timeline card."""
    return f"{EVENTS_DIR}/{event_id}.md"


def event_report_parts(event_id: str) -> str:
    """The folder of the pages of an event's reports, when they are too many for one."""
    return f"{EVENTS_DIR}/{event_id}"


def part(folder: str, name: str) -> str:
    """One page of a split list: `name` is a year, a month ("2024-11") or a piece ("2024-11-2")."""
    return f"{folder}/{name}.md"


# Anchors -----------------------------------------------------------------------------------------


def event_anchor(event_id: str) -> str:
    return f"event-{event_id}"


def year_anchor(year: int) -> str:
    """A year's section of the timeline."""
    return f"y{year}"


def month_anchor(year: int, month: int) -> str:
    return f"y{year}-{month:02d}"


EVENTS_SECTION = "events"  # the events section of an actor's or theme's page
NETWORK_SECTION = "network"  # the ties section of an actor's page


def type_anchor(actor_type: str) -> str:
    """A group of the actor index."""
    return f"type-{actor_type}"


def ego_anchor(actor_id: str) -> str:
    """An actor's neighbourhood on the network page."""
    return f"n-{actor_id}"


def timeline_query(kind: str, term_id: str) -> str:
    """The query string of the timeline filtered to an actor or a theme (timeline-filter.js)."""
    return f"?{kind}={term_id}"


def period_query(first: str, last: str) -> str:
    """The timeline filtered to a period of months ("2024-11") or years ("2024"), both ends in."""
    return f"?from={first}&to={last}"


def pair_query(a: str, b: str) -> str:
    """The timeline filtered to the events two actors both take part in (timeline-filter.js)."""
    return f"?actor={a}&actor={b}&match=all"


# Files -------------------------------------------------------------------------------------------
DATA_DIR = "data"
FEEDS_DIR = "feeds"
SEARCH_DIR = "search"
MAIN_FEED = f"{FEEDS_DIR}/articles.xml"
SITEMAP = "sitemap.xml"  # MkDocs writes the site's own; feed folders get an empty one (feed.py)


# What the timeline filter reads when the timeline is split over pages (filterdata.py): the table
# of its pages and months, and per actor or theme the positions of its events. Plain JSON: the
# script fetches only the few files of the terms a reader chose.
TIMELINE_FILTER_DIR = f"{TIMELINE_PARTS}/filter"
TIMELINE_FILTER_INDEX = f"{TIMELINE_FILTER_DIR}/index.json"


def timeline_filter_term(kind: str, term_id: str) -> str:
    """The event positions of an actor or a theme ("actor" or "theme"); `term_id` may be "{id}",
    the placeholder the script fills in."""
    return f"{TIMELINE_FILTER_DIR}/{kind}/{term_id}.json"


# The exports are gzipped (export.py): a large briefing's would not fit GitHub Pages otherwise.
EVENTS_CSV = f"{DATA_DIR}/events.csv.gz"
ARTICLES_CSV = f"{DATA_DIR}/articles.csv.gz"
ACTORS_CSV = f"{DATA_DIR}/actors.csv.gz"
THEMES_CSV = f"{DATA_DIR}/themes.csv.gz"
TIES_CSV = f"{DATA_DIR}/ties.csv.gz"
BRIEFING_JSON = f"{DATA_DIR}/briefing.json.gz"
BRIEFING_SCHEMA = f"{DATA_DIR}/briefing.schema.json"  # small, and read by editors and validators


# How a browser shows a feed opened as a page (a hand-written file in docs/, like the site's CSS).
FEED_STYLE = "assets/stylesheets/feed.css"
# The site's own stylesheets (mkdocs.yml extra_css) joined into one by the MkDocs plugin.
STYLE_BUNDLE = "assets/stylesheets/briefing-site.css"


def actor_feed(actor_id: str) -> str:
    return f"{FEEDS_DIR}/actors/{actor_id}.xml"


def theme_feed(theme_id: str) -> str:
    return f"{FEEDS_DIR}/themes/{theme_id}.xml"


def folder_sitemap(folder: str) -> str:
    return f"{folder}/{SITEMAP}"


def search_file(name: str) -> str:
    """A file of the search index, e.g. search_file("meta.gz"), search_file("t/0a.gz")."""
    return f"{SEARCH_DIR}/{name}"


# URLs --------------------------------------------------------------------------------------------


# Files the site engine writes itself at the site's root.
ENGINE_FILES = ("404.html", SITEMAP, f"{SITEMAP}.gz")


def output_path(src_uri: str, directory_urls: bool = True) -> str:
    """The file a page becomes in the built site ("actors/iran.md" -> "actors/iran/index.html")."""
    url = page_url(src_uri, directory_urls)
    return url + "index.html" if not url or url.endswith("/") else url


@lru_cache(maxsize=1 << 16)
def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The URL path (relative to the site root) MkDocs gives a Markdown source. Cached: every link
    on every page, every export row and feed entry asks."""
    path = PurePosixPath(src_uri).with_suffix("")
    if not directory_urls:
        return f"{path}.html"
    if path.name == "index":
        parent = str(path.parent)
        return "" if parent == "." else f"{parent}/"
    return f"{path}/"


def relpath(path: str, start: str) -> str:
    """posixpath.relpath for the site's own paths (relative to its root, no ".." in them), without
    its abspath and getcwd: a page links to hundreds of others."""
    to = [p for p in path.split("/") if p and p != "."]
    base = [p for p in start.split("/") if p and p != "."]
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def folder_of(url: str) -> str:
    """The folder a relative link on the page at `url` starts from."""
    return url if url.endswith("/") or not url else posixpath.dirname(url)


@dataclass(frozen=True)
class Urls:
    """URLs of pages and files as exports and feeds write them. `base` is the site's URL (MkDocs'
    site_url, "" when unknown): with it links are absolute; without it, relative."""

    base: str = ""
    directory_urls: bool = True

    @property
    def root(self) -> str:
        return self.base if not self.base or self.base.endswith("/") else self.base + "/"

    def page_path(self, src_uri: str) -> str:
        """A page's URL path under the site root."""
        return page_url(src_uri, self.directory_urls)

    def page(self, src_uri: str, anchor: str = "") -> str:
        """A page's URL: absolute with a base, else relative to the site root."""
        return self.root + self.page_path(src_uri) + (f"#{anchor}" if anchor else "")

    def link_from(self, file_path: str, target: str) -> str:
        """`target` (a path under the site root) as a link written in the file at `file_path`."""
        if self.base:
            return self.root + target
        rel = posixpath.relpath(target or ".", posixpath.dirname(file_path) or ".")
        if rel == ".":
            return "./"
        return rel + "/" if target.endswith("/") or not target else rel
