"""MkDocs adapter: the only module that imports mkdocs. It turns RenderedPages into in-memory Files."""

from __future__ import annotations

import functools
import json
import logging
import os
import re
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.toc import get_toc

from . import paths
from .options import OPTIONS, PLUGIN, BuildOptions, OptionError, build_options
from .pipeline import Build, build
from .problems import ValidationFailed, display_path
from .sitesize import measure, verdict

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.briefing")
# page.content of a generated page until it is written. Material adds the title as an <h1> when the
# content has none: the placeholder says whether the body has one.
BODY = "<!-- briefing: the page body goes here -->"
BODY_H1 = "<!-- briefing: the page body, with its <h1>, goes here -->"
_LAYOUT = re.compile(r"[ \t\r\n]*\n[ \t\r\n]*")  # whitespace with a line break in it
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


class _AsGiven(c.BaseConfigOption):
    """An option MkDocs passes on as written: options.build_options checks every value, the same
    way for the plugin and for the `briefing` command."""

    def __init__(self, default: object) -> None:
        super().__init__()
        self.default = default


# The options of generator/options.py, declared to MkDocs (which warns about any other name).
BriefingConfig = type("BriefingConfig", (Config,), {o.name: _AsGiven(o.default) for o in OPTIONS})


class BriefingPlugin(BasePlugin[BriefingConfig]):  # type: ignore[valid-type]
    """Generates the briefing pages in memory on every build (and every `mkdocs serve` rebuild).

    Defining on_startup keeps this object alive across `mkdocs serve` rebuilds, on purpose: it holds the
    last good pages, so a broken annotation prints its problems and the server keeps the last good site.
    """

    def __init__(self) -> None:
        self.serving = False
        self.options = BuildOptions()
        self.last_good: Build | None = None
        self.dirty = False  # `mkdocs serve --dirty`: rebuild only generated files whose bytes changed
        self.config_stamp: tuple[tuple[str, int], ...] = ()
        self.updated: str | None = None
        self.tocs: dict[str, tuple[tuple[int, str, str], ...]] = {}  # generated page -> headings
        self.bodies: dict[str, tuple[int, str]] = {}  # generated page -> (body length, placeholder)
        self.copied: list[File] = []  # generated files whose bytes are dropped once in the site

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self.options = build_options(
                dict(self.config), site_name=config.site_name,
                site_description=config.site_description, site_url=config.site_url,
                directory_urls=config.use_directory_urls,
                config_file=config.config_file_path or "",
            )
        except OptionError as err:
            raise PluginError(str(err)) from None
        seeds = self.options.seeds_dir.resolve()
        if not seeds.is_dir():
            raise PluginError(f"plugins.briefing.seeds_dir: {self.options.seeds_dir} is not a "
                              "folder; expected the folder of articles/, annotations/, "
                              "actors.yml and themes.yml")
        # `mkdocs serve` rebuilds when an article or annotation changes, wherever seeds_dir points.
        if str(seeds) not in (str(Path(w).resolve()) for w in config.watch):
            config.watch.append(str(seeds))
        return config

    def on_env(self, env, /, *, config: MkDocsConfig, files: Files):  # noqa: ANN001
        env.globals["briefing_paths"] = paths  # the theme's links to feeds (main.html)
        return env

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        seeds = self.options.seeds_dir
        try:
            # A build keeps its pages compressed until MkDocs writes them (memory, see _Packed);
            # `mkdocs serve` keeps them as they are, to compare with the next build's.
            result = build(self.options, pack=None if self.serving else _pack)
        except ValidationFailed as failure:
            if not (self.serving and self.last_good):
                raise PluginError("Invalid annotations:\n" + failure.report()) from None
            # Not logged through mkdocs (that would abort the rebuild and stall the server).
            print(f"Invalid annotations; still serving the last good site:\n{failure.report()}",
                  file=sys.stderr, flush=True)
            result = self.last_good
        written = self._written(config)
        self.last_good = result if self.serving else None  # a build needs no copy of the pages
        self.updated = max((page.updated for page in result.pages), default=None)
        edit = _edit_paths(config, seeds)
        for file in files:
            file.edit_uri = edit("docs", file.src_uri)
        generated = [(p.src_uri, "page") for p in result.pages]
        generated += [(f.path, "file") for f in result.files]
        for path, kind in generated:
            if files.get_file_from_path(path) is not None:
                raise PluginError(
                    f"{config.docs_dir}/{path}: this hand-written {kind} has the path of a "
                    f"generated {kind}; rename or move it"
                )
        self.tocs = {page.src_uri: page.toc for page in result.pages}
        for page in result.pages:
            level = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            kind = _Written if written.get(page.src_uri) == page.content else File
            kind = kind if self.serving else _Packed
            file = kind.generated(config, page.src_uri, content=page.content, inclusion=level)
            file.edit_uri = edit("seeds", page.edit_path) if page.edit_path else None
            files.append(file)
        self.copied = []
        for out in result.files:  # exports, feeds, search index: copied to the site as they are
            level = InclusionLevel.NOT_IN_NAV
            kind = _Written if written.get(out.path) == out.content else File
            file = kind.generated(config, out.path, content=out.content, inclusion=level)
            files.append(file)
            if not self.serving:
                self.copied.append(file)
        return files

    # Memory: a build holds every generated page and file as bytes until it has written them
    # (hundreds of MB at 10,000 articles); each is let go once in the site: the files once MkDocs
    # has copied them (it has when it renders the first page), a page once it is written. Not under
    # `mkdocs serve`, which keeps the last build's bytes anyway (last_good).
    def on_page_context(self, context: dict, /, *, page: Page, config: MkDocsConfig,
                        nav: object) -> dict:
        for file in self.copied:
            file.content_bytes = b""
        self.copied = []
        return context

    def _written(self, config: MkDocsConfig) -> dict[str, bytes]:
        """Under `mkdocs serve --dirty`, the generated files as the last build wrote them, if the
        configuration is the same (a changed mkdocs.yml or theme rebuilds every page)."""
        if not (self.serving and self.dirty):
            return {}
        paths = [Path(config.config_file_path)] if config.config_file_path else []
        if config.theme.custom_dir:
            paths += sorted(p for p in Path(config.theme.custom_dir).rglob("*") if p.is_file())
        stamp = tuple((str(p), p.stat().st_mtime_ns) for p in paths)
        same = stamp == self.config_stamp
        self.config_stamp = stamp
        if not (same and self.last_good):
            return {}
        return {p.src_uri: p.content for p in self.last_good.pages} | {
            f.path: f.content for f in self.last_good.files
        }

    # Generated pages are HTML from top to bottom (render.py writes headings and their permalinks
    # as the toc extension would). Python-Markdown would only pass the HTML through, after parsing
    # every tag twice (md_in_html, MkDocs' anchor collector): three quarters of a bare build's time.
    # So they skip Markdown: MkDocs converts an empty page, gets a placeholder as its content and
    # the table of contents from RenderedPage.toc; the body goes into the finished HTML page, read
    # again from the file (MkDocs would otherwise hold every page's body until the last is written).
    # tests/test_build.py checks that nothing is lost.
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        if page.file.generated_by is not None and page.file.src_uri in self.tocs:
            # The body ends the file: its length finds it again.
            self.bodies[page.file.src_uri] = (len(markdown), BODY_H1 if "<h1" in markdown else BODY)
            return ""
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        if page.file.src_uri not in self.bodies:
            return html
        page.toc = get_toc(_toc_tokens(self.tocs[page.file.src_uri]))
        return self.bodies[page.file.src_uri][1]

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri not in self.bodies:
            return output
        chars, placeholder = self.bodies.pop(page.file.src_uri)
        text = page.file.content_string
        # The theme's indentation and blank lines, a fifth of its bytes on every page, go; one
        # line break stays where there was whitespace, which HTML renders the same. Our body has
        # none to lose and goes in after: only the theme's markup (no <pre> in it) is touched.
        output = _CONFIG.sub(_lean_config, _LAYOUT.sub("\n", output), count=1)
        if not self.serving:
            page.file.content_bytes = b""  # written next; nothing reads it again (see above)
        return output.replace(placeholder, text[len(text) - chars:], 1)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The built site against plugins.briefing.site_size_limit (GitHub Pages: 1 GB): its size
        and what is largest; a warning from 80 % of the limit, a failed build above it. Not under
        `mkdocs serve`, which publishes nothing."""
        if self.serving:
            return
        site = Path(config.site_dir)
        state, message = verdict(measure(site), self.options.size_limit,
                                 display_path(site) + "/", f"plugins.{PLUGIN}.site_size_limit")
        if state == "over":
            raise PluginError(message)
        if state == "warn":
            # Printed, not logged: a logged warning would stop a --strict build, and a site at
            # 85 % of the limit still publishes.
            print(f"WARNING -  {message}", file=sys.stderr, flush=True)
        else:
            log.info(message)

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        # MkDocs dates every page (sitemap <lastmod>, sitemap.xml.gz mtime) with today unless
        # SOURCE_DATE_EPOCH is set; the content's date keeps two builds on different days identical.
        if self.updated and "SOURCE_DATE_EPOCH" not in os.environ:
            page.update_date = self.updated
        return page


@functools.lru_cache(maxsize=64)
def _lean_json(text: str) -> str:
    """Material's script configuration with its Arabic strings as UTF-8 (two bytes a letter)
    instead of \\u escapes (six): a kilobyte on every page. "</" stays escaped."""
    data = json.loads(text)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _lean_config(match: re.Match) -> str:
    return match[1] + _lean_json(match[2]) + match[3]


def _pack(content: bytes) -> bytes:
    """A page as the build keeps it until written: zlib at level 1 (a quarter of the bytes, for
    under a hundredth of the build's CPU)."""
    return zlib.compress(content, 1)


class _Packed(File):
    """A generated page whose content is kept compressed (_pack): MkDocs reads it through
    content_string (its read pass), and so does on_post_page (the body), each time unpacked."""

    @property
    def content_bytes(self) -> bytes:
        return zlib.decompress(self._content) if self._content else b""

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self._content = zlib.compress(value, 1) if value else b""
        self.abs_src_path = None

    @property
    def content_string(self) -> str:
        return self.content_bytes.decode("utf-8-sig")

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.content_bytes = value.encode("utf-8")


class _Written(File):
    """A generated file with the bytes the last build wrote: `mkdocs serve --dirty` skips it."""

    def is_modified(self) -> bool:
        return False


def _toc_tokens(headings: tuple[tuple[int, str, str], ...]) -> list[dict]:
    """Headings as the nested tokens of Markdown's toc extension (a deeper one goes inside)."""
    tokens: list[dict] = []
    stack: list[dict] = []
    for level, anchor, text in headings:
        token = {"level": level, "id": anchor, "name": text, "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else tokens).append(token)
        stack.append(token)
    return tokens


def _edit_paths(config: MkDocsConfig, seeds: Path):
    """"Edit this page" targets as repository paths (edit_uri points at the repository root), or None
    without repo_url. The repository root is the folder of mkdocs.yml, else the working directory."""
    roots = [Path(config.config_file_path or ".").resolve().parent, Path.cwd()]
    bases = {"docs": Path(config.docs_dir).resolve(), "seeds": seeds.resolve()}

    def edit(base: str, path: str) -> str | None:
        if not config.repo_url:
            return None
        for root in roots:
            rel = Path(os.path.relpath(bases[base] / path, root)).as_posix()
            if not rel.startswith(".."):
                return rel
        return None

    return edit
