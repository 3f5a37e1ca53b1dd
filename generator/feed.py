"""Data out: Atom feeds (RFC 4287) of the articles, one for the site and one per actor and theme.

Dates: an article's EDTF publication date becomes the earliest day it allows ("2024-11" ->
1 November, "2024-11-11?" -> 11 November), at 12:00 UTC, so that every reader from UTC-11 to UTC+11
sees that day.
The honest Arabic date ("تشرين الثاني/نوفمبر 2024") opens the entry's summary. A feed's `updated` is
its newest entry's date: derived from the data, never from the clock.

Ids: with site_url, a feed's id is its own URL and an entry's id is its article page's URL; without
it (a local preview), both are name-based UUIDs (urn:uuid:) of the site name and the path.
"""

from __future__ import annotations

import heapq
import posixpath
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import date
from functools import cached_property
from xml.sax.saxutils import escape

from . import paths
from .edtf import EdtfDate, arabic_label
from .memo import Ids, Memo
from .model import Article, Site
from .options import BuildOptions
from .output import OutputFile
from .wording import cut_at_word

ATOM = "http://www.w3.org/2005/Atom"
XHTML = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEED_ENTRIES = 50  # newest articles in the site's feed; the site and the exports hold all of them
# Newest articles in an actor's or a theme's feed: there is one per actor (a thousand at 10,000
# articles), and a reader polls it for what is new.
TERM_FEED_ENTRIES = 10
# An entry of those feeds is a notice: its summary cut at a word and no categories (the site's feed
# has both in full). A thousand feeds of ten entries: 1.1 KiB an article less (issue #15).
TERM_SUMMARY_CHARS = 160
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def timestamp(day: date) -> str:
    """RFC 3339 date-time for a day known only as a day: noon UTC."""
    return f"{day.isoformat()}T12:00:00Z"


def article_time(article: Article) -> str:
    return timestamp(article.published.lower)


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _text(text)
    return element


class FeedWriter:
    """Writes the feeds of one Site; the options say where the site lives and how dates read."""

    def __init__(self, site: Site, options: BuildOptions) -> None:
        self.site = site
        self.options = options
        self.urls = options.urls
        self.style = options.date_style
        self.entries: dict[tuple[str, str], str] = {}  # (folder, article id): one entry, reused

    # Made when first read: under `mkdocs serve` most builds write a few feeds, or none.
    @cached_property
    def times(self) -> dict[str, str]:
        return {a.id: article_time(a) for a in self.site.corpus.articles.values()}

    @cached_property
    def newest(self) -> str:
        return max(self.times.values(), default=timestamp(date(1970, 1, 1)))

    def newest_of(self, article_ids: Sequence[str], entries: int) -> list[str]:
        """The newest `entries` of the given articles, given in the site's order (the latest
        day of publication first, then the earliest, then the id: derive._newest_first),
        newest first by feed date (the earliest day), then in the site's order: a function of
        these articles' dates and ids alone.

        Only a head of the list is read: the articles after one whose latest day is before the
        earliest day of the last one taken cannot come before it (an article's earliest day is
        at most its latest). A feed of an actor named in 4,500 articles reads about `entries`."""
        articles = self.site.corpus.articles

        def key(article_id: str) -> tuple[int, int, str]:
            day = articles[article_id].published
            return -day.lower.toordinal(), -day.upper.toordinal(), article_id

        if entries <= 0:
            return []
        end = min(len(article_ids), entries)
        while end < len(article_ids):
            taken = heapq.nsmallest(entries, article_ids[:end], key=key)
            if articles[taken[-1]].published.lower > articles[article_ids[end]].published.upper:
                return taken
            end = min(len(article_ids), 2 * end)
        return heapq.nsmallest(entries, article_ids[:end], key=key)

    def ident(self, target: str) -> str:
        if self.urls.base:
            return self.urls.root + target
        return "urn:uuid:" + str(
            uuid.uuid5(uuid.NAMESPACE_URL, f"briefing:{self.options.site_name}:{target}")
        )

    def feed(
        self, path: str, title: str, page_src: str, article_ids: tuple[str, ...], page_label: str,
        entries: int = FEED_ENTRIES,
    ) -> OutputFile:
        """The feed at `path` of the newest `entries` of the given articles (newest first by feed
        date, then site order)."""
        ordered = self.newest_of(article_ids, entries)
        page = self.urls.link_from(path, self.urls.page_path(page_src))

        # Atom is the default namespace; h: is XHTML, for the lines a browser shows (see below).
        root = ET.Element("feed", {"xmlns": ATOM, "xmlns:h": XHTML, XML_LANG: "ar"})
        _sub(root, "id", self.ident(path))
        _sub(root, "title", title, type="text")
        if self.options.site_description:
            _sub(root, "subtitle", self.options.site_description, type="text")
        _sub(root, "updated", article_time(self.site.corpus.articles[ordered[0]]) if ordered
             else self.newest)
        _sub(_sub(root, "author"), "name", self.options.site_name)
        _sub(
            root,
            "link",
            rel="self",
            type="application/atom+xml",
            href=self.urls.link_from(path, path),
        )
        _sub(root, "link", rel="alternate", type="text/html", href=page)
        _sub(root, "generator", "briefing")
        _about(root, page, page_label)
        ET.indent(root, space=" ")
        head = ET.tostring(root, encoding="unicode").removesuffix("\n</feed>")
        entries = "".join("\n " + self.entry(path, article_id) for article_id in ordered)
        style = escape(self.urls.link_from(path, paths.FEED_STYLE), {'"': "&quot;"})
        body = (f'<?xml version="1.0" encoding="utf-8"?>\n'
                f'<?xml-stylesheet type="text/css" href="{style}"?>\n'
                f"{head}{entries}\n</feed>\n")
        return OutputFile(path, body.encode("utf-8"))

    def entry(self, path: str, article_id: str) -> str:
        """An article's entry as indented XML; its links and its fullness (whole in the site's
        feed, a notice in a term's) depend on the feed's folder only, so it is written once per
        folder, not once per feed (an article is in a feed per actor)."""
        key = (posixpath.dirname(path), article_id)
        if key not in self.entries:
            element = self._entry(path, self.site.corpus.articles[article_id])
            ET.indent(element, space=" ", level=1)
            self.entries[key] = ET.tostring(element, encoding="unicode")
        return self.entries[key]

    def _entry(self, path: str, article: Article) -> ET.Element:
        page = self.urls.page_path(paths.article(article.id))
        entry = ET.Element("entry")
        _sub(entry, "id", self.ident(page))
        _sub(entry, "title", article.title, type="text")
        when = article_time(article)
        _sub(entry, "updated", when)
        _sub(entry, "published", when)
        if article.outlet:  # the feed's own author covers entries without an outlet
            _sub(_sub(entry, "author"), "name", article.outlet)
        _sub(
            entry,
            "link",
            rel="alternate",
            type="text/html",
            href=self.urls.link_from(path, page),
        )
        if article.url:
            _sub(entry, "link", rel="related", type="text/html", href=article.url)
        whole = posixpath.dirname(path) == posixpath.dirname(paths.MAIN_FEED)  # the site's feed
        for theme_id in article.themes if whole else ():
            _sub(entry, "category", term=theme_id, label=self.site.corpus.themes[theme_id].label_ar)
        label = arabic_label(article.published, self.style)
        lead = f"{label} — {article.outlet}" if article.outlet else label
        summary = article.summary if whole else cut_at_word(article.summary, TERM_SUMMARY_CHARS)
        _sub(entry, "summary", f"{lead}: {summary}", type="text")
        _sub(entry, "h:a", "المقال في الموجز", href=self.urls.link_from(path, page))
        return entry


def _about(root: ET.Element, page: str, page_label: str) -> None:
    """What a person who opens the feed in a browser reads above the entries: what a feed is for,
    and a link to the page it follows. XHTML elements in an Atom feed are extension elements,
    which feed readers skip (RFC 4287, 6.4); browsers show them as HTML. With the CSS of the
    xml-stylesheet instruction (docs/assets/stylesheets/feed.css) the feed reads as an Arabic
    page. Not XSLT: Chromium is removing it, and 156 already shows a warning over such pages."""
    about = _sub(root, "h:div", **{"class": "brf-feed-about", "dir": "rtl", "lang": "ar"})
    _sub(about, "h:p", "هذه خلاصة Atom: ينسخ المشترك عنوان هذه الصفحة إلى قارئ الخلاصات، فيصله كل "
                       "مقال جديد. وهذه أحدث مقالاتها:")
    _sub(_sub(about, "h:p"), "h:a", page_label, href=page)


# Material's script fetches "sitemap.xml" beside every <link rel="alternate"> of a page (it expects
# language versions there), so each feed folder gets an empty one instead of a 404 on every page.
EMPTY_SITEMAP = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    "<!-- Empty on purpose: the site map is in the site root. -->\n"
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'
).encode("utf-8")


def _shown(article: Article) -> tuple:
    """What a feed shows of an article (FeedWriter._entry)."""
    return (article.id, article.title, article.published, article.outlet, article.url,
            article.themes, article.summary)


def _same_feed(last: tuple, inputs: tuple) -> bool:
    """Whether a feed made of the `last` inputs is the feed of these: the same but for articles
    edited where the feed does not show it (an event, a role)."""
    if last[:4] != inputs[:4] or last[5:] != inputs[5:] or len(last[4]) != len(inputs[4]):
        return False
    return all(a is b or _shown(a) == _shown(b) for a, b in zip(last[4], inputs[4]))


def _redated(articles: dict[str, Article], memo: Memo) -> set[str] | None:
    """The articles whose date differs from the last build's, those that came or went among
    them (None: no last build)."""
    dates = {a: article.published for a, article in articles.items()}
    before = memo.kept("feed dates")
    memo.put("feed dates", dates)
    if before is None:
        return None
    last: dict[str, EdtfDate] = before[1]  # type: ignore[assignment]
    redated = {a for a, d in dates.items() if last.get(a) is not d and last.get(a) != d}
    return redated | (last.keys() - dates.keys())


def feed_files(site: Site, options: BuildOptions, memo: Memo | None = None) -> list[OutputFile]:
    """The site feed, then one per actor and per theme (by id), each a complete Atom document; then
    an empty sitemap.xml in each feed folder (see EMPTY_SITEMAP). `memo` (memo.py, under `mkdocs
    serve`): a feed is written again only when one of its articles (or what else it reads)
    changed."""
    writer = FeedWriter(site, options)
    feed = writer.feed
    if memo is not None:
        articles = site.corpus.articles
        # What a feed reads beyond its articles: the themes' labels (the site feed's categories)
        # and the options. Not the site's order or newest date: a feed is made of its newest
        # articles alone (their order depends on their own dates and ids), and of the site's
        # newest date only when it has none; so a moved, added or removed article writes again
        # only the feeds it enters or leaves.
        context = memo.same("feed context", (
            {k: t.label_ar for k, t in site.corpus.themes.items()}, options))
        redated = _redated(articles, memo)

        def kept(path: str, title: str, page_src: str, article_ids: tuple[str, ...],
                 page_label: str, entries: int = FEED_ENTRIES) -> OutputFile:
            # Its newest articles. The same list of articles, none of them with another date
            # than last time: the last build's, without a look at their dates; else read again
            # from the head of the list (newest_of), not from all their dates (280,000 of them
            # in the terms' feeds at 10,000 seed-density articles).
            name = ("feed articles", path)
            last = memo.kept(name)
            if (redated is not None and last is not None and last[0][0] is article_ids
                    and last[0][1] == entries and redated.isdisjoint(article_ids)):
                memo.keep(name)
                newest: tuple[str, ...] = last[1]  # type: ignore[assignment]
            else:
                newest = memo.get(name, (article_ids, entries),
                                  lambda: tuple(writer.newest_of(article_ids, entries)),
                                  again=True)
            inputs = (title, page_src, page_label, entries,
                      Ids(map(articles.__getitem__, newest)),
                      None if newest else writer.newest, context)
            last = memo.kept(("feed", path))
            if last is not None and _same_feed(last[0], inputs):  # an edit the feed does not show
                return memo.get(("feed", path), inputs, lambda: last[1])  # type: ignore[return-value]
            return memo.get(("feed", path), inputs, lambda: writer.feed(
                path, title, page_src, newest, page_label, entries))

        feed = kept  # type: ignore[assignment]
    name = options.site_name
    files = [feed(paths.MAIN_FEED, name, paths.HOME, site.articles_newest,
                         f"{name}: الصفحة الرئيسية")]
    for actor_id in sorted(site.corpus.actors):
        actor = site.corpus.actors[actor_id].name_ar
        files.append(
            feed(
                paths.actor_feed(actor_id),
                f"{name}: {actor}",
                paths.actor(actor_id),
                site.actors[actor_id].articles,
                f"صفحة {actor} في الموجز",
                TERM_FEED_ENTRIES,
            )
        )
    for theme_id in sorted(site.corpus.themes):
        theme = site.corpus.themes[theme_id].label_ar
        files.append(
            feed(
                paths.theme_feed(theme_id),
                f"{name}: {theme}",
                paths.theme(theme_id),
                site.themes[theme_id].articles,
                f"صفحة محور {theme} في الموجز",
                TERM_FEED_ENTRIES,
            )
        )
    folders = sorted({posixpath.dirname(f.path) for f in files})
    return files + [OutputFile(paths.folder_sitemap(folder), EMPTY_SITEMAP) for folder in folders]
