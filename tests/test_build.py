"""Real `mkdocs build --strict` runs: pages exist, links resolve, nothing is written into docs/ or
seeds/."""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .conftest import ROOT, SEEDS, mkdocs_build

SEED_SHA256 = {
    "000_738fac2785a05353.txt": "f4774314c218517876a2dc6a0f794182101222fc500d9356097b405db227369a",
    "001_a0a0517b3fa354ea.txt": "7904d23fdfd1033c5eed6d5e706c6835845dc5325ad8e77e2cd8e1098ceaf8ef",
    "002_e6e950931b988b2a.txt": "8bd28496aa895cb2b98335d2770765e866d3088d01b7a65f3dded6bd33898f9c",
    "003_babe8bcfe08ac5d2.txt": "90ec209cf96f06eafe13c05480f1f5b51b2a2b172a32ad1c3a7c443c439491c9",
    "004_4a950e12de890295.txt": "cd153bf3dd104972ae991f1cd4ff945246521bca8d6b69b69eb18af58bd57731",
}


def tree(path: Path) -> dict[str, bytes]:
    return {
        p.relative_to(path).as_posix(): p.read_bytes()
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def broken_links(site: Path) -> list[str]:
    """Relative links of the built site whose target file is missing, or whose #event-… fragment
    is not on the target page. 404.html is skipped: it links from site_url, being served at any
    depth."""
    broken = []
    for page in sorted(p for p in site.rglob("*.html") if p.name != "404.html"):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            target = target / "index.html" if target.is_dir() else target
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {link}")
            elif parts.fragment.startswith("event-"):  # a permalink lands on the event's page
                if f'id="{parts.fragment}"' not in target.read_text(encoding="utf-8"):
                    broken.append(f"{page.relative_to(site)} -> {link} (no such event there)")
    return broken


def test_seed_texts_are_byte_identical() -> None:
    found = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in (SEEDS / "articles").glob("*.txt")
    }
    assert found == SEED_SHA256


def test_every_seed_article_has_a_page(seed_site: Path) -> None:
    for name in SEED_SHA256:
        html = (seed_site / "articles" / Path(name).stem / "index.html").read_text(encoding="utf-8")
        assert 'dir="rtl"' in html
        assert "Skip to main content" not in html and "nocomment" not in html
        # "edit this page" opens the annotation
        assert f"seeds/annotations/{Path(name).stem}.yml" in html


def test_article_page_content(seed_site: Path) -> None:
    page = seed_site / "articles" / "003_babe8bcfe08ac5d2" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "13 تموز/يوليو 2021" in re.sub(r"<[^>]+>", "", html)  # publication date in Arabic
    assert "رويترز" in html
    # The related-links block is dropped.
    assert "اقرأ المزيد" not in html and "كشف قراصنة إيرانيين" not in html
    assert html.count("<h1") == 1


def test_internal_links_resolve(seed_site: Path) -> None:
    assert broken_links(seed_site) == []


def test_no_external_urls_requested_by_html(seed_site: Path) -> None:
    # Scripts, styles, fonts and images must all be local; links to sources are fine.
    pattern = re.compile(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?:)?//', re.I)
    offenders = [
        p.relative_to(seed_site).as_posix()
        for p in seed_site.rglob("*.html")
        if pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_build_writes_nothing_into_docs_or_seeds(tmp_path: Path) -> None:
    before = tree(ROOT / "docs"), tree(SEEDS)
    result = mkdocs_build(SEEDS, tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tree(ROOT / "docs"), tree(SEEDS)) == before


def test_build_is_deterministic(tmp_path: Path, corpus_copy: Path) -> None:
    first = mkdocs_build(corpus_copy, tmp_path / "one")
    second = mkdocs_build(corpus_copy, tmp_path / "two")
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    one, two = tree(tmp_path / "one" / "site"), tree(tmp_path / "two" / "site")
    assert one.keys() == two.keys()
    assert [k for k in one if one[k] != two[k]] == []


def test_invalid_annotation_fails_build_cleanly(tmp_path: Path, corpus_copy: Path) -> None:
    path = corpus_copy / "annotations" / "a1.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('published: "2024-11-10"', "published: 2024-11-10"), encoding="utf-8"
    )
    result = mkdocs_build(corpus_copy, tmp_path)
    assert result.returncode == 1
    assert "a1.yml:5:12: date 2024-11-10 is not in quotes" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_failed_build_leaves_the_last_site_as_it_was(tmp_path: Path, corpus_copy: Path) -> None:
    """Bad input fails before MkDocs empties site/; a failure after that (here a strict-mode
    warning, raised once every page is written) puts the last site back. A CNAME kept in site/
    survives both."""
    assert mkdocs_build(corpus_copy, tmp_path).returncode == 0
    site = tmp_path / "site"
    (site / "CNAME").write_text("briefing.example.org\n", encoding="utf-8")
    before = tree(site)
    a1 = corpus_copy / "annotations" / "a1.yml"
    good = a1.read_text(encoding="utf-8")
    a1.write_text(good.replace('published: "2024-11-10"', "published: 2024-11-10"),
                  encoding="utf-8")
    assert mkdocs_build(corpus_copy, tmp_path).returncode == 1
    assert tree(site) == before
    a1.write_text(good.replace("بحث الأعرجي وعراقجي أمن الحدود.", "ملخص آخر."), encoding="utf-8")
    late = mkdocs_build(corpus_copy, tmp_path, extra="nav:\n  - missing.md\n")
    assert late.returncode == 1 and "missing.md" in late.stderr
    assert tree(site) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert mkdocs_build(corpus_copy, tmp_path).returncode == 0  # a good build replaces it
    assert "ملخص آخر." in (site / "articles" / "a1" / "index.html").read_text(encoding="utf-8")
    assert not (site / "CNAME").exists()


def test_generated_page_clashing_with_docs_page_is_reported(
    tmp_path: Path, corpus_copy: Path
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "timeline.md").write_text("# hand-written\n", encoding="utf-8")
    result = mkdocs_build(corpus_copy, tmp_path / "b", extra=f"docs_dir: {docs}\n")
    assert result.returncode == 1
    assert "timeline.md: this hand-written page has the path of a generated page" in result.stderr


# Runs `mkdocs` with the clock moved by argv[1] days: datetime.now() and time.time() both move.
FAKE_CLOCK = """
import datetime, runpy, sys, time
sys.path.remove("")  # as the `mkdocs` command does: the clone's generator/theme is no package
shift = float(sys.argv.pop(1)) * 86400
_time = time.time
time.time = lambda: _time() + shift
class Shifted(datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        return cls.fromtimestamp(time.time(), tz)
datetime.datetime = Shifted
sys.argv[0] = "mkdocs"
runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
"""


def clone_project(seeds: Path, where: Path) -> Path:
    """A copy of the project as a maintainer checks it out: mkdocs.yml, docs/, the theme, seeds/."""
    where.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", where / "docs")
    shutil.copytree(ROOT / "generator" / "theme", where / "generator" / "theme")
    shutil.copytree(seeds, where / "seeds")
    return where


def build_on_day(project: Path, days: int) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(NO_MKDOCS_2_WARNING="1", BRIEFING_SITE_URL="https://example.org/briefing/",
               BRIEFING_REPO_URL="https://github.com/example/briefing")
    return subprocess.run([sys.executable, "-c", FAKE_CLOCK, str(days), "build", "--strict"],
                          capture_output=True, text=True, cwd=project, env=env)


def test_two_clones_built_on_different_days_are_identical(tmp_path: Path, corpus_copy: Path):
    """Paths, the clock (sitemap <lastmod>, the gzip header of sitemap.xml.gz) and the order files
    are created in leave no trace: clones in two places, built three days apart, are identical."""
    one = clone_project(corpus_copy, tmp_path / "a")
    # The second clone: another path and depth, files written in the reverse order.
    two = tmp_path / "deeper" / "other name"
    shutil.copytree(one, two, copy_function=shutil.copy)
    for path in sorted((two / "seeds").rglob("*"), reverse=True):
        if path.is_file():
            data = path.read_bytes()
            path.unlink()
            path.write_bytes(data)
    first, second = build_on_day(one, 0), build_on_day(two, 3)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    a, b = tree(one / "site"), tree(two / "site")
    assert a.keys() == b.keys()
    assert [k for k in a if a[k] != b[k]] == []
    assert b"<lastmod>2024-11-10</lastmod>" in a["sitemap.xml"]  # the newest article, not today
    assert b"edit/main/seeds/annotations/a1.yml" in a["articles/a1/index.html"]


def test_outside_links_are_noopener_noreferrer(tmp_path: Path, corpus_copy: Path) -> None:
    """Source, repository and "edit this page" links leave the site: no opener, no referrer."""
    project = clone_project(corpus_copy, tmp_path / "p")
    result = build_on_day(project, 0)
    assert result.returncode == 0, result.stderr
    outside, bare = 0, []
    for page in (project / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r'<a\s[^>]*href="(?:https?:)?//[^>]*>', html):
            outside += 1
            rel = re.search(r'\brel="([^"]*)"', tag)
            if not rel or not {"noopener", "noreferrer"} <= set(rel.group(1).split()):
                bare.append(f"{page.relative_to(project)}: {tag}")
    assert outside > 0 and bare == []


def test_source_date_epoch_is_honoured(tmp_path: Path, corpus_copy: Path) -> None:
    result = mkdocs_build(corpus_copy, tmp_path, env={"SOURCE_DATE_EPOCH": "1700000000",
                                                    "BRIEFING_SITE_URL": "https://example.org/"})
    assert result.returncode == 0, result.stderr
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2023-11-14</lastmod>" in sitemap
    assert gzip.open(tmp_path / "site" / "sitemap.xml.gz").read().decode() == sitemap


def lines(html: str) -> list[str]:
    return [line for line in html.splitlines() if line.strip()]


def test_generated_pages_lose_nothing_without_markdown() -> None:
    """The plugin shows generated pages without a Markdown pass (mkdocs_plugin.on_page_markdown).
    That is only right while every page is HTML that Markdown would pass through unchanged, and
    while the recorded headings are the page's headings: a template that slips Markdown in fails."""
    import markdown
    from mkdocs.config import load_config

    from generator.options import BuildOptions
    from generator.pipeline import build
    from generator.render import PERMALINK_TITLE

    config = load_config(str(ROOT / "mkdocs.yml"))
    extensions, configs = config["markdown_extensions"], config["mdx_configs"]
    assert configs["toc"]["permalink_title"] == PERMALINK_TITLE
    pages = build(BuildOptions(seeds_dir=SEEDS)).pages
    assert sum(len(page.toc) for page in pages) > 30
    for page in pages:
        body = page.markdown.split("\n---\n", 1)[1]
        converter = markdown.Markdown(extensions=extensions, extension_configs=configs)
        converted = converter.convert(body)
        assert lines(converted) == lines(body), page.src_uri
        found = re.findall(r'<h([2-6]) id="([^"]+)">([^<]*)<a class="headerlink"', body)
        assert [(int(level), anchor, text) for level, anchor, text in found] == list(page.toc)


def test_generated_pages_keep_their_table_of_contents(seed_site: Path) -> None:
    page = seed_site / "articles" / "000_738fac2785a05353" / "index.html"
    html = page.read_text(encoding="utf-8")
    # The sections are one line at the top (brf-jump), not Material's sidebar (not written at all;
    # an actor page keeps it).
    assert 'md-nav--secondary' not in html and 'data-md-type="toc"' not in html
    actor = (seed_site / "actors" / "iraq" / "index.html").read_text(encoding="utf-8")
    assert 'md-nav--secondary' in actor and 'data-md-type="toc"' in actor
    jump = html.split('class="brf-jump"', 1)[1].split("</nav>", 1)[0]
    anchors = re.findall(r'href="#([a-z-]+)"', jump)
    assert anchors == ["events", "quotes", "claims", "text", "related"]
    assert '<h2 id="quotes">الاقتباسات<a class="headerlink" href="#quotes"' in html


def test_the_sites_stylesheets_are_one_file(seed_site: Path) -> None:
    """mkdocs.yml's extra_css reach every page as one joined file, in their order; Material's own
    stylesheets stay as they are."""
    from mkdocs.config import load_config

    listed = [str(url) for url in load_config(str(ROOT / "mkdocs.yml"))["extra_css"]]
    assert len(listed) > 3
    html = (seed_site / "articles" / "000_738fac2785a05353" / "index.html").read_text(
        encoding="utf-8")
    links = re.findall(r'<link rel="stylesheet" href="([^"]+)">', html)
    ours = [link for link in links if "/assets/stylesheets/" in link and ".min.css" not in link]
    assert ours == ["../../assets/stylesheets/briefing-site.css"]
    joined = (seed_site / "assets/stylesheets/briefing-site.css").read_text(encoding="utf-8")
    starts = [joined.index(f"/* {url} */\n") for url in listed]
    assert starts == sorted(starts)
    for url in listed:
        source = ROOT / "docs" / url
        source = source if source.exists() else ROOT / "generator" / "theme" / url
        assert source.read_text(encoding="utf-8") in joined, url


def test_the_theme_layout_is_leaned_as_the_whitespace_regex_would() -> None:
    """mkdocs_plugin._lean_layout (split and strip) gives what the regex it replaces gives, on
    any mix of blanks, line breaks and text, at both ends too."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from generator.mkdocs_plugin import _lean_layout

    layout = re.compile(r"[ \t\r\n]*\n[ \t\r\n]*")

    @settings(max_examples=2000, deadline=None)
    @given(st.text(alphabet=" \t\r\nab<>ب", max_size=40))
    def same(text: str) -> None:
        assert _lean_layout(text) == layout.sub("\n", text)

    same()
