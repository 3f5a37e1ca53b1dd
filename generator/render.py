"""Render stage: a pure function of Site -> Markdown pages, through one Jinja2 environment."""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from . import paths
from .arabic import display_paragraphs
from .edtf import DateStyle, EdtfDate, arabic_label, month_name, parse_edtf
from .model import Site, TimelineEntry
from .network import Network, derive_network
from .wording import ACTOR_TYPE, ACTOR_TYPES, DIFFERENCES, counted


@dataclass(frozen=True)
class RenderedPage:
    """One generated page: where it goes, its Markdown, and what the engine adapter needs to know."""

    src_uri: str
    markdown: str
    in_nav: bool = False
    edit_path: str | None = None  # file to edit, relative to the seeds directory
    updated: str = "1970-01-01"  # sitemap <lastmod>: taken from the content, never from the clock


@dataclass(frozen=True)
class RenderOptions:
    date_style: DateStyle = DateStyle()
    directory_urls: bool = True
    title: str = "موجز"  # the site's name, the home page heading
    description: str = ""  # what the briefing covers, one sentence, for the home page


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The URL path (relative to the site root) MkDocs gives a Markdown source."""
    path = PurePosixPath(src_uri).with_suffix("")
    if not directory_urls:
        return f"{path}.html"
    if path.name == "index":
        parent = str(path.parent)
        return "" if parent == "." else f"{parent}/"
    return f"{path}/"


def safe_title(text: str) -> str:
    """A page title for front matter: MkDocs themes print it unescaped, so markup characters are swapped
    for their full-width look-alikes, and the result is a JSON string (valid YAML)."""
    swapped = text.replace("&", "＆").replace("<", "＜").replace(">", "＞")
    return Markup(json.dumps(" ".join(swapped.split()), ensure_ascii=False))


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


class Renderer:
    """Holds the Jinja2 environment; `render_site` is the only entry point."""

    def __init__(self, site: Site, options: RenderOptions) -> None:
        self.site = site
        self.options = options
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
        )
        env.filters.update(
            date=self.date, iso=iso, safe_title=safe_title, counted=counted, month=self.month,
            entry=site.events.__getitem__,
        )
        env.globals.update(
            site=site, corpus=site.corpus, options=options, actor_types=ACTOR_TYPES,
            actor_type=ACTOR_TYPE, differences=DIFFERENCES, paragraphs=display_paragraphs,
            by_month=by_month,
        )
        self.env = env
        pairs = sorted((month_name(m, DateStyle()) for m in range(1, 13)), key=len, reverse=True)
        self._month_pair = re.compile("|".join(map(re.escape, pairs)))

    def date(self, d: EdtfDate) -> Markup:
        """The Arabic label; a two-name month ("تشرين الثاني/نوفمبر") never breaks at its slash."""
        label = str(escape(arabic_label(d, self.options.date_style)))
        return Markup(self._month_pair.sub(r'<span class="brf-nw">\g<0></span>', label))

    def month(self, year: int, month: int | None) -> str:
        """A month heading in the site's date style ("تشرين الثاني/نوفمبر 2024"), or the year."""
        text = f"{year:04d}-{month:02d}" if month else f"{year:04d}"
        return arabic_label(parse_edtf(text), self.options.date_style)

    def render(self, template: str, src_uri: str, **context: object) -> str:
        here = page_url(src_uri, self.options.directory_urls)

        def href(target_src: str, anchor: str = "") -> str:
            target = page_url(target_src, self.options.directory_urls)
            rel = posixpath.relpath(target or ".", here or ".")
            rel = "./" if rel == "." else rel + ("/" if target.endswith("/") else "")
            return rel + (f"#{anchor}" if anchor else "")

        def file_href(target: str) -> str:
            """A link to a generated file (an export, a feed); `target` is under the site root."""
            folder = here if here.endswith("/") or not here else posixpath.dirname(here)
            return posixpath.relpath(target, folder or ".")

        return self.env.get_template(template).render(href=href, file_href=file_href, **context)


def article_src(article_id: str) -> str:
    return f"articles/{article_id}.md"


def render_site(
    site: Site, options: RenderOptions = RenderOptions(), network: Network | None = None
) -> list[RenderedPage]:
    """Every generated page, in a fixed order. Reads no clock and no files: same Site, same bytes."""
    r = Renderer(site, options)
    from .export import TABLES  # imported here: export and feed import page_url from this module
    from .feed import FEED_ENTRIES

    r.env.globals.update(network=network or derive_network(site), paths=paths, export_tables=TABLES,
                         feed_entries=FEED_ENTRIES)
    corpus = site.corpus
    pages = [
        RenderedPage("index.md", r.render("home.md.j2", "index.md"), in_nav=True),
        RenderedPage("timeline.md", r.render("timeline.md.j2", "timeline.md"), in_nav=True),
        RenderedPage("actors/index.md", r.render("actor_index.md.j2", "actors/index.md"), in_nav=True,
                     edit_path="actors.yml"),
        RenderedPage("themes/index.md", r.render("theme_index.md.j2", "themes/index.md"), in_nav=True,
                     edit_path="themes.yml"),
        RenderedPage("articles/index.md", r.render("article_index.md.j2", "articles/index.md"), in_nav=True),
        RenderedPage(paths.NETWORK_PAGE, r.render("network.md.j2", paths.NETWORK_PAGE),
                     in_nav=True),
        RenderedPage(paths.DATA_PAGE, r.render("data.md.j2", paths.DATA_PAGE)),
    ]
    for article_id in sorted(corpus.articles):
        article = corpus.articles[article_id]
        src = article_src(article_id)
        pages.append(RenderedPage(src, r.render("article.md.j2", src, article=article), edit_path=f"annotations/{PurePosixPath(article.annotation_path).name}"))
    for actor_id in sorted(corpus.actors):
        src = f"actors/{actor_id}.md"
        pages.append(RenderedPage(src, r.render("actor.md.j2", src, actor=corpus.actors[actor_id], term=site.actors[actor_id]),
                                  edit_path="actors.yml"))
    for theme_id in sorted(corpus.themes):
        src = f"themes/{theme_id}.md"
        pages.append(RenderedPage(src, r.render("theme.md.j2", src, theme=corpus.themes[theme_id], term=site.themes[theme_id]),
                                  edit_path="themes.yml"))
    # The newest publication date stands for "last changed": builds on different days are identical.
    newest = max((a.published.lower for a in corpus.articles.values()), default=None)
    return [replace(page, updated=newest.isoformat()) for page in pages] if newest else pages
