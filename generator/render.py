"""Render stage: a pure function of Site -> Markdown pages, through one Jinja2 environment."""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from . import paginate, paths
from .derive import newest_key, report_order
from .edtf import (LATIN_DIGITS, DateStyle, EdtfDate, arabic_label, digits, month_name,
                   parse_edtf)
from .export import TABLES
from .feed import FEED_ENTRIES, TERM_FEED_ENTRIES
from .filterdata import month_key
from .model import ActorTerm, Site, Term, TimelineEntry
from .network import EGO_ACTORS, NEIGHBOURS_SHOWN, Network, derive_network
from .options import BuildOptions
from .paths import folder_of, page_url, relpath
from .wording import (ACTOR_TYPE, ACTOR_TYPES, DIFFERENCES, NOUNS, TIE_KINDS, TIE_KINDS_SHORT,
                      counted, cut_at_word)


@dataclass(frozen=True)
class RenderedPage:
    """One generated page: where it goes, its Markdown, and what the engine adapter needs to
    know."""

    src_uri: str
    content: bytes  # the Markdown as UTF-8: half the memory of a str of Arabic (10,000 articles)
    in_nav: bool = False
    edit_path: str | None = None  # file to edit, relative to the seeds directory
    updated: str = "1970-01-01"  # sitemap <lastmod>: taken from the content, never from the clock
    toc: tuple[tuple[int, str, str], ...] = ()  # the page's section headings: (level, id, text)

    @property
    def markdown(self) -> str:
        return self.content.decode("utf-8")


def safe_title(text: str) -> str:
    """A page title for front matter: MkDocs themes print it unescaped, so markup characters are
    swapped for their full-width look-alikes, and the result is a JSON string (valid YAML). A title
    put together with a macro's output arrives escaped (Markup): it is unescaped first, once."""
    if isinstance(text, Markup):
        text = text.unescape()
    swapped = text.replace("&", "＆").replace("<", "＜").replace(">", "＞")
    return Markup(json.dumps(" ".join(swapped.split()), ensure_ascii=False))


DESCRIPTION_CHARS = 160  # search results and previews show about this much; cut at a word
_WORD = re.compile(r"\w+")


def safe_description(text: str) -> str:
    """A page description for front matter: the theme prints it unescaped inside an attribute
    (<meta name="description" content="…">), so the double quote is swapped for its full-width
    look-alike too; whitespace is collapsed and a long text cut at a word, with "…"."""
    return safe_title(cut_at_word(text, DESCRIPTION_CHARS).replace('"', "＂"))


def host(url: str) -> str:
    """The host of a source URL, as a reader recognises the site ("www." dropped)."""
    name = urlsplit(url).hostname or url
    return name.removeprefix("www.")


Months = list[tuple[int | None, list[TimelineEntry]]]


def by_month(entries: list[TimelineEntry]) -> list[tuple[int, Months]]:
    """Timeline entries (in timeline order) grouped by year, then month (None: the year only)."""
    years: list[tuple[int, Months]] = []
    for entry in entries:
        if not years or years[-1][0] != entry.year:
            years.append((entry.year, []))
        months = years[-1][1]
        if not months or months[-1][0] != entry.month:
            months.append((entry.month, []))
        months[-1][1].append(entry)
    return years


def iso(d: EdtfDate) -> str:
    """A `datetime` attribute value: the EDTF text without qualifiers, the start of a range."""
    return d.text.split("/")[0].rstrip("~?%")


class TermRef(NamedTuple):
    """An actor or theme as a page of its list of articles needs it."""

    kind: str
    id: str


class Head(tuple):
    """The first items of a longer list, and the whole list's length (`len`): what a term's
    page shows of its long lists (`term_page`). Reading past the items kept (an index, a slice,
    a walk, a membership test, the list printed) is an error, not a shorter list."""

    def __new__(cls, items: Iterable[object], length: int) -> Head:
        head = super().__new__(cls, items)
        head.length = length
        return head

    def _whole(self) -> None:
        if tuple.__len__(self) < self.length:
            raise TypeError(f"only the first {tuple.__len__(self)} of {self.length} items "
                            "are kept")

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index):  # noqa: ANN001, ANN204
        kept = tuple.__len__(self)
        if isinstance(index, slice):
            read = range(*index.indices(self.length))
            ends = (read[0], read[-1]) if read else ()
        else:
            ends = (index,)
        if kept < self.length and any(i >= kept or i < 0 for i in ends):
            raise IndexError(f"only the first {kept} of {self.length} items are kept")
        return tuple.__getitem__(self, index)

    def __iter__(self):  # noqa: ANN204
        self._whole()
        return tuple.__iter__(self)

    def __reversed__(self):  # noqa: ANN204
        self._whole()
        return tuple.__reversed__(self)  # type: ignore[attr-defined]

    def __contains__(self, item: object) -> bool:
        self._whole()
        return tuple.__contains__(self, item)

    def index(self, *args: Any) -> int:
        self._whole()
        return tuple.index(self, *args)

    def count(self, item: object) -> int:
        self._whole()
        return tuple.count(self, item)

    def __str__(self) -> str:
        self._whole()
        return str(tuple(tuple.__iter__(self)))

    def __repr__(self) -> str:
        return f"Head({tuple(tuple.__iter__(self))!r}, {self.length})"

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Head) and self.length == other.length
                and tuple.__eq__(self, other))

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash((tuple(tuple.__iter__(self)), self.length))


def term_page(term: Term, articles: int, words: int) -> Term:
    """A term as its own page shows it: its newest `articles` articles when they are split into
    pages (and the pages' sizes, not their items), its newest `words` quotes and claims, no
    roles (no page shows them), each list keeping its length. Under `mkdocs serve` a page's
    arguments are compared with the last build's: an article that moves inside an actor's
    older articles (a corrected date) then does not render the actor's page again."""
    cut: dict[str, object] = {}
    if term.article_parts:
        cut["articles"] = Head(term.articles[:articles], len(term.articles))
        cut["article_parts"] = tuple(replace(p, items=Head((), len(p.items)))
                                     for p in term.article_parts)
    if isinstance(term, ActorTerm):
        cut["roles"] = Head((), len(term.roles))
        for name in ("quotes", "claims_by", "claims_about"):
            found = getattr(term, name)
            cut[name] = Head(found[:words], len(found))
    return replace(term, **cut)


class Renderer:
    """Holds the Jinja2 environment; `render_site` is the only entry point."""

    def __init__(self, site: Site, options: BuildOptions) -> None:
        self.site = site
        self.options = options
        self.here = ""
        self.toc: list[tuple[int, str, str]] = []  # headings of the page being rendered
        self._dates: dict[EdtfDate, Markup] = {}
        self._date_tags: dict[EdtfDate, Markup] = {}
        self._says: dict[tuple[str, EdtfDate], bool] = {}
        self._memo: dict[tuple, Markup | str] = {}  # links from the page being rendered
        self._texts: dict[str, str] = {}  # articles' titles and outlets, escaped
        env = Environment(
            loader=PackageLoader("generator", "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # Markdown uses {#id} for heading ids, so Jinja comments are {## ... ##}.
            comment_start_string="{##",
            comment_end_string="##}",
            auto_reload=False,  # one build, one environment: no stat() of every template per page
        )
        env.filters.update(
            date=self.date, says_more=self.says_more, iso=iso, safe_title=safe_title,
            counted=counted, month=self.month,
            safe_description=safe_description, host=host,
            entry=site.events.__getitem__, groupby_year=paginate.by_year,
            count_in=lambda src, counts: counts.get(src, 0),
            month_only=lambda m: month_name(m, options.date_style), basename=posixpath.basename,
            month_key=month_key,
        )
        env.globals.update(
            actor_link=self.actor_link, theme_link=self.theme_link, article_link=self.article_link,
            actor_names=self.actor_names, actor_links=self.actor_links,
            page_bodies=self.page_bodies,
            counted_forms=NOUNS.__getitem__, filter_actors=FILTER_ACTORS,
            date_tag=self.date_tag, href=self.href, heading=self.heading,
            article_item=self.article_item, article_list=self.article_list,
            event_href=self.event_href,
            article_updated=self.article_updated, term_trail=self.term_trail,
            site=site, corpus=site.corpus, options=options, actor_types=ACTOR_TYPES,
            actor_type=ACTOR_TYPE, differences=DIFFERENCES, tie_kinds=TIE_KINDS,
            tie_kinds_short=TIE_KINDS_SHORT,
            by_month=by_month, page_items=options.page_items, theme_steps=self.theme_steps,
            page_shown=min(paginate.SHOWN, options.page_items // 2),
            words_shown=min(paginate.WORDS_SHOWN, options.page_items // 2),
            events_inline=min(paginate.EVENTS_INLINE, options.page_items),
            events_shown=min(paginate.EVENTS_SHOWN, options.page_items // 2),
            reports_shown=paginate.REPORTS_SHOWN, part_links_max=paginate.PART_LINKS,
        )
        self.env = env
        pairs = sorted((month_name(m, DateStyle()) for m in range(1, 13)), key=len, reverse=True)
        self._month_pair = re.compile("|".join(map(re.escape, pairs)))

    def says_more(self, phrase: str, d: EdtfDate) -> bool:
        """Whether the phrase a date was read from tells the reader anything the date as shown
        does not: «الأحد», «أواخر تشرين الأول 2021», «منذ 2009», «في 20 يونيو» (the year was not
        printed) do; «في 5 تشرين الأول 2021» beside "5 تشرين الأول/أكتوبر 2021" does not, and
        is not repeated: the phrase, a leading «في» apart, is the date itself (its words are
        the shown date's, with all its numbers and a month name if it has one; digits of either
        style compared as one)."""
        key = (phrase, d)
        if key not in self._says:
            label = arabic_label(d, self.options.date_style)
            shown = set(_WORD.findall(label.translate(LATIN_DIGITS)))
            said = _WORD.findall(phrase.translate(LATIN_DIGITS))
            if said[:1] == ["في"]:
                said = said[1:]
            numbers = {w for w in shown if w.isdigit()}
            same = (bool(said) and set(said) <= shown and numbers <= set(said)
                    and (shown == numbers or bool(set(said) - numbers)))
            self._says[key] = not same
        return self._says[key]

    def date(self, d: EdtfDate) -> Markup:
        """The Arabic label. A date is one unbreakable, isolated run (`time` in briefing.css: no
        wrapper per date, they are ~80 an article); a range or a Hijri date may wrap, but a
        two-name month ("تشرين الثاني/نوفمبر") never breaks at its slash."""
        if d not in self._dates:
            label = str(escape(arabic_label(d, self.options.date_style)))
            if self._wraps(d):
                label = self._month_pair.sub(r'<span class="brf-nw">\g<0></span>', label)
            self._dates[d] = Markup(label)
        return self._dates[d]

    def _wraps(self, d: EdtfDate) -> bool:
        return d.end is not None or (self.options.date_style.hijri and d.start.precision == "day")

    # The smallest pieces, on every page hundreds of times: Python, not Jinja macros (a macro call
    # costs more than the link it writes), remembered for the page being rendered (`_memo`). Every
    # value goes through escape(); the rest is ours. Actor and theme chips carry one class and no
    # dir: registry names and labels are Arabic (`name.ar`, `label.ar`), and they are on every page.
    def actor_link(self, actor_id: str, count: int | None = None) -> Markup:
        key = ("actor", actor_id, count)
        if key not in self._memo:
            n = f' <span class="brf-n">{escape(count)}</span>' if count is not None else ""
            self._memo[key] = Markup(
                f'<a class="brf-actor" href="{escape(self.href(paths.actor(actor_id)))}">'
                f'{escape(self.site.corpus.actors[actor_id].name_ar)}{n}</a>')
        return self._memo[key]

    def actor_links(self, actor_ids: tuple[str, ...]) -> Markup:
        """Actors as plain links, for a timeline card (on every card: `.brf-event-actors` draws
        them as chips)."""
        out = []
        for actor_id in actor_ids:
            key = ("plain", actor_id)
            if key not in self._memo:
                self._memo[key] = (f'<a href="{escape(self.href(paths.actor(actor_id)))}">'
                                   f'{escape(self.site.corpus.actors[actor_id].name_ar)}</a>')
            out.append(self._memo[key])
        return Markup(" ".join(out))

    def actor_names(self, actor_ids: tuple[str, ...]) -> Markup:
        """Actors named in plain text, "إيران، العراق" (their links are a click away)."""
        return Markup("، ".join(str(escape(self.site.corpus.actors[a].name_ar)) for a in actor_ids))

    def page_bodies(self, event_ids: tuple[str, ...]) -> str:
        """JSON {id: [name, n]} of the bodies these events' actors acted for, with the number of
        cards that involve each without naming it (a card links only the actors it names): the
        filter script makes a split page's actor options, busiest first, from its cards' links and
        these (the cards carry no data-actors there, issue #15). Bounded by the page."""
        events = self.site.events
        unnamed: Counter[str] = Counter()
        for e in event_ids:
            entry = events[e]
            unnamed.update({a.body for a in entry.acting} - set(entry.actors))
        actors = self.site.corpus.actors
        return json.dumps({b: [actors[b].name_ar, unnamed[b]] for b in sorted(unnamed)},
                          ensure_ascii=False, separators=(",", ":"))

    def theme_link(self, theme_id: str, count: int | None = None) -> Markup:
        n = f' <span class="brf-n">{escape(count)}</span>' if count is not None else ""
        href = escape(self.href(paths.theme(theme_id)))
        return Markup(f'<a class="brf-theme" href="{href}">'
                      f'{escape(self.site.corpus.themes[theme_id].label_ar)}{n}</a>')

    def article_link(self, article_id: str, title: str | None = None) -> Markup:
        """A link to an article; `title`: its title, when the caller has read it already."""
        key = ("article", article_id)
        link = self._memo.get(key)
        if link is None:
            if title is None:
                title = self.site.corpus.articles[article_id].title
            # No dir="auto": briefing.css gives class-less links in content `unicode-bidi:
            # plaintext`, the same for a Latin title (~40 links an article; 11 bytes each).
            link = self._memo[key] = Markup(
                f'<a href="{self._escaped(self.href(paths.article(article_id)))}">'
                f'{self._escaped(title)}</a>')
        return link

    def _escaped(self, text: str) -> str:
        """A title, an outlet or a link escaped, once a build (an actor's lists name 6,000
        articles at 10,000)."""
        escaped = self._texts.get(text)
        if escaped is None:
            escaped = self._texts[text] = str(escape(text))
        return escaped

    def article_item(self, article_id: str) -> Markup:
        """An article in a list: its date, title and outlet."""
        a = self.site.corpus.articles[article_id]
        outlet = (f' <span class="brf-outlet">— <bdi>{escape(a.outlet)}</bdi></span>'
                  if a.outlet else "")
        return Markup(f'<li class="brf-article-item">{self.date_tag(a.published)} '
                      f'{self.article_link(article_id)}{outlet}</li>')

    def article_list(self, article_ids: Iterable[str], outlet: bool = True,
                     level: int = 3) -> Markup:
        """Articles, newest first, under a heading per month of publication: each says its day,
        its title and its outlet (`outlet`). The month is said once, not on every item: an actor's
        lists hold 28 items per article of a corpus at the seeds' density. An actor's role in each
        is on the article's page, not repeated here (3.8 KiB an article at that density)."""
        corpus = self.site.corpus
        out: list[str] = []
        group: tuple[int, int | None] | None = None
        for article_id in article_ids:
            a = corpus.articles[article_id]
            d = a.published
            key = (d.lower.year, d.start.month)
            if key != group:
                out.append(("</ul>\n" if group else "") + f'<h{level} class="brf-list-month">'
                           f'{escape(self.month(*key))}</h{level}>\n<ul class="brf-articles">')
                group = key
            day = d.start
            if d.end is None and day.day and not (day.approximate or day.uncertain):
                # The day alone, under its month's heading, no <time> (its datetime attribute
                # was 26 bytes an item, 28 items an article; issue #15); briefing.css makes it
                # bold. Not <b>: tests/test_properties.py takes a <b> for annotation text.
                when = f"<span>{digits(str(day.day), self.options.date_style)}</span>"
            else:  # an inexact date says so in full
                when = str(self.date_tag(d))
            source = (f' <span class="brf-outlet">— <bdi>{self._escaped(a.outlet)}</bdi></span>'
                      if outlet and a.outlet else "")
            out.append(f"<li>{when} {self.article_link(article_id, a.title)}{source}</li>")
        return Markup("\n".join(out) + ("\n</ul>" if group else ""))

    def article_updated(self, article_id: str) -> EdtfDate:
        """The newest publication date among an article and the articles that report one of its
        events: its page (the events' other sources, what they disagree on) changes only when one
        of them does. From the annotations alone, never the clock or git. Each event's newest
        source is derived (`Site.event_newest`): a page reads the dates of those alone."""
        articles, newest_of = self.site.corpus.articles, self.site.event_newest
        own = articles[article_id]
        sources = {article_id, *(newest_of[report.id] for report in own.events)}
        return min(map(articles.__getitem__, sources), key=newest_key).published

    def term_trail(self, term: Term | TermRef) -> list[tuple[str, str]]:
        """Breadcrumbs to an actor or theme page, after the home page: its index, a theme's
        ancestors, the term itself, as (label, page source) pairs."""
        corpus = self.site.corpus
        if term.kind == "actor":
            return [("الفاعلون", paths.ACTORS), (corpus.actors[term.id].name_ar,
                                                 paths.actor(term.id))]
        themes = (*self.site.themes[term.id].ancestors, term.id)
        return [("المحاور", paths.THEMES)] + [(corpus.themes[t].label_ar, paths.theme(t))
                                              for t in themes]

    def date_tag(self, d: EdtfDate) -> Markup:
        """A date as the reader sees it: Arabic, with its precision; the start in `datetime`."""
        if d not in self._date_tags:
            wraps = ' class="brf-wrap"' if self._wraps(d) else ""
            self._date_tags[d] = Markup(
                f'<time datetime="{escape(iso(d))}"{wraps}>{self.date(d)}</time>')
        return self._date_tags[d]

    def heading(self, text: str, anchor: str, level: int = 2) -> Markup:
        """A section heading with its permalink, as Markdown's toc extension writes one, recorded
        for the page's table of contents: pages are HTML from top to bottom, so an engine can show
        them without a Markdown pass (see mkdocs_plugin.py)."""
        self.toc.append((level, anchor, text))
        anchor, text = escape(anchor), escape(text)
        return Markup(f'<h{level} id="{anchor}">{text}<a class="headerlink" href="#{anchor}"'
                      f' title="{PERMALINK_TITLE}">&para;</a></h{level}>')

    @property
    def here(self) -> str:
        """The URL of the page being rendered: links are relative to it."""
        return self._here

    @here.setter
    def here(self, url: str) -> None:
        folders = [p for p in folder_of(url).split("/") if p]
        self._here = url
        self._up = "../" * len(folders)  # from its folder up to the site's root
        self._top = folders[0] if folders else ""  # its first folder

    def href(self, target_src: str, anchor: str = "") -> str:
        """A link from the page being rendered to another page (its Markdown source)."""
        key = ("href", target_src)
        rel = self._memo.get(key)
        if rel is None:
            target = page_url(target_src, self.options.directory_urls)
            if target and target.split("/", 1)[0] != self._top:
                # No folder in common: up to the site's root, then the target (what relpath
                # gives, without its walk: an actor's lists link 6,000 articles at 10,000).
                rel = self._up + target
            else:
                rel = relpath(target, folder_of(self.here))  # a page URL "x.html" is no folder
                rel = "./" if rel == "." else rel + ("/" if target.endswith("/") else "")
            self._memo[key] = rel
        return rel + (f"#{anchor}" if anchor else "")

    def theme_steps(self) -> list[tuple[str, bool, int]]:
        """The theme tree as a flat walk for the index template, with no recursion (the depth is
        data): each theme in depth-first order, whether its sub-themes follow (a nested list
        opens), and how many nested lists close after it."""
        order, themes = self.site.theme_order, self.site.themes
        depth = [len(themes[t].ancestors) for t in order] + [0]
        return [(t, depth[i + 1] > depth[i], max(0, depth[i] - depth[i + 1]))
                for i, t in enumerate(order)]

    def event_href(self, event_id: str, on_page: bool = False) -> str:
        """A link to an event where the timeline holds it (on its own page: the anchor alone, so
        a filtered view keeps its query string)."""
        anchor = paths.event_anchor(event_id)
        return f"#{anchor}" if on_page else self.href(self.site.event_page(event_id), anchor)

    def month(self, year: int, month: int | None) -> str:
        """A month heading in the site's date style ("تشرين الثاني/نوفمبر 2024"), or the year."""
        text = f"{year:04d}-{month:02d}" if month else f"{year:04d}"
        return arabic_label(parse_edtf(text), self.options.date_style)

    def listed(self) -> Site:
        """The Site as render_site walks it to know the pages (incremental.py's renderer gives
        it unwatched)."""
        return self.site

    def render(self, template: str, src_uri: str, **context: object) -> str:
        here = self.here = page_url(src_uri, self.options.directory_urls)
        self.toc = []
        self._memo = {}

        def file_href(target: str) -> str:
            """A link to a generated file (an export, a feed); `target` is under the site root."""
            return relpath(target, folder_of(here))

        return self.env.get_template(template).render(file_href=file_href, **context)

    def page(self, template: str, src_uri: str, **context: object) -> tuple[bytes, tuple]:
        """A page's bytes and headings (incremental.py's renderer reuses the last build's)."""
        return self.render(template, src_uri, **context).encode("utf-8"), tuple(self.toc)


# The actors the split timeline's overview offers in its filter, busiest first (a bounded page).
FILTER_ACTORS = 60

PERMALINK_TITLE = "رابط القسم"  # also mkdocs.yml's toc permalink_title


def render_site(
    site: Site, options: BuildOptions = BuildOptions(), network: Network | None = None,
    pack: Callable[[bytes], bytes] | None = None,
    renderer: Callable[[Site, BuildOptions], Renderer] | None = None,
) -> list[RenderedPage]:
    """Every generated page, in a fixed order. Reads no clock and no files: same Site, same bytes.
    With `pack`, each page's content is what `pack` makes of its bytes as soon as it is rendered
    (the MkDocs adapter compresses them: the pages of 10,000 articles are 650 MB)."""
    r = (renderer or Renderer)(site, options)
    r.env.globals.update(network=network or derive_network(site), paths=paths, export_tables=TABLES,
                         feed_entries=FEED_ENTRIES, term_feed_entries=TERM_FEED_ENTRIES,
                         ego_actors=EGO_ACTORS,
                         neighbours_shown=NEIGHBOURS_SHOWN)
    corpus = site.corpus

    def page(template: str, src: str, in_nav: bool = False, edit_path: str | None = None,
             **context: object) -> RenderedPage:
        content, toc = r.page(template, src, **context)
        return RenderedPage(src, pack(content) if pack else content, in_nav, edit_path, toc=toc)

    # What the pages are is walked in `listed` (under `mkdocs serve`, the Site unwatched: a page's
    # arguments are compared whole, so the lists walked here are no page's read; else the first
    # article, actor and list page would be rendered again whenever any other came or changed).
    listed = r.listed()
    actors_file = next((a.source.within for a in corpus.actors.values()), None)
    themes_file = next((t.source.within for t in corpus.themes.values()), None)
    pages = [
        page("home.md.j2", paths.HOME, in_nav=True),
        page("timeline_index.md.j2" if site.timeline_parts else "timeline.md.j2", paths.TIMELINE,
             in_nav=True),
        page("actor_index.md.j2", paths.ACTORS, in_nav=True, edit_path=actors_file),
        page("theme_index.md.j2", paths.THEMES, in_nav=True, edit_path=themes_file),
        page("article_index.md.j2", paths.ARTICLES, in_nav=True),
        page("network.md.j2", paths.NETWORK, in_nav=True),
        page("data.md.j2", paths.DATA),
    ]
    for article_id in sorted(listed.corpus.articles):
        article = listed.corpus.articles[article_id]
        pages.append(page("article.md.j2", paths.article(article_id),
                          edit_path=article.source.within, article=article))
    shown = r.env.globals["page_shown"], r.env.globals["words_shown"]
    for actor_id in sorted(listed.corpus.actors):
        actor = listed.corpus.actors[actor_id]
        pages.append(page("actor.md.j2", paths.actor(actor_id), edit_path=actor.source.within,
                          actor=actor, term=term_page(listed.actors[actor_id], *shown)))
    for theme_id in sorted(listed.corpus.themes):
        theme = listed.corpus.themes[theme_id]
        pages.append(page("theme.md.j2", paths.theme(theme_id), edit_path=theme.source.within,
                          theme=theme, term=term_page(listed.themes[theme_id], *shown)))
    # Lists too long for one page (paginate.py): the timeline, the articles, a busy term's articles.
    for part in listed.timeline_parts:
        pages.append(page("timeline_part.md.j2", part.src, part=part))
    for event_id, parts in listed.event_reports.items():  # the busy events' reports, all of them
        entry = listed.events[event_id]
        pages.append(page("event_reports.md.j2", paths.event_reports(event_id), entry=entry,
                          parts=parts, part=None, ordered=report_order(corpus, entry)))
        for part in parts:
            pages.append(page("event_reports.md.j2", part.src, entry=entry, parts=parts,
                              part=part, ordered=()))
    # A page of a list gets the other pages as links (their items left out: the pager reads
    # none) and the term as its kind and id: under `mkdocs serve` the page is then rendered again
    # when its own items change, not whenever the term or another page of the list does.
    pager = paginate.links(listed.article_parts)
    for part in listed.article_parts:
        pages.append(page("articles_part.md.j2", part.src, part=part, parts=pager,
                          term=None, index_src=paths.ARTICLES))
    for terms in (listed.actors, listed.themes):
        for term_id in sorted(terms):
            term = terms[term_id]
            parts = term.article_parts
            pager, ref = paginate.links(parts), TermRef(term.kind, term_id)
            for part in parts:
                pages.append(page("articles_part.md.j2", part.src, part=part, parts=pager,
                                  term=ref, index_src=paths.term(term.kind, term_id)))
    # The newest publication date stands for "last changed": builds on different days are identical.
    newest = max((a.published.lower for a in listed.corpus.articles.values()), default=None)
    return [replace(page, updated=newest.isoformat()) for page in pages] if newest else pages
