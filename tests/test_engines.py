"""A second engine kept green: ProperDocs, the maintained MkDocs 1.x fork, builds the same site.

MkDocs 2.0 drops plugins and Material reaches end of life on 2027-05-05; ProperDocs runs the same
`mkdocs.plugins` entry points from the same mkdocs.yml. Both engines build the seed corpus with the
same configuration, and every output file must be byte-identical but for the generator meta tag
(`mkdocs-1.6.1, …` against `mkdocs-ProperDocs 1.6.7, …`). sitemap.xml.gz is compared as it is: its
gzip header holds the newest page date (the plugin sets it from the content), not the clock.
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS, write_config

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
# As the seed_site fixture builds it: "edit this page" links on.
ENV = {"NO_MKDOCS_2_WARNING": "1", "BRIEFING_REPO_URL": "https://github.com/example/briefing"}


def build(engine: str, where: Path) -> Path:
    """`<engine> build --strict` of the seed corpus into where/site, as a maintainer runs it."""
    where.mkdir(parents=True)
    config = write_config(SEEDS, where)
    argv = ["build", "--strict", "-f", str(config), "-d", str(where / "site")]
    result = subprocess.run(
        [sys.executable, "-m", engine, *argv],
        capture_output=True, text=True, env={**os.environ, **ENV}, cwd=ROOT,
    )
    assert result.returncode == 0, f"{engine}: {result.stderr}"
    return where / "site"


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    """Files only in one site, and files whose bytes differ once the generator tag is set aside."""
    found = [f"{path}: only in one build" for path in sorted(a.keys() ^ b.keys())]
    for path in sorted(a.keys() & b.keys()):
        x, y = a[path], b[path]
        if path.endswith(".html"):
            x, y = GENERATOR.sub(b"<generator>", x), GENERATOR.sub(b"<generator>", y)
        if x != y:
            same_text = path.endswith(".gz") and gzip.decompress(x) == gzip.decompress(y)
            found.append(f"{path}: differs" + (" (gzip header only)" if same_text else ""))
    return found


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    where = tmp_path_factory.mktemp("engines")
    return {engine: files(build(engine, where / engine)) for engine in ("mkdocs", "properdocs")}


def test_properdocs_builds_what_mkdocs_builds(engines: dict[str, dict[str, bytes]]) -> None:
    mkdocs, properdocs = engines["mkdocs"], engines["properdocs"]
    assert len(mkdocs) > 300 and "sitemap.xml.gz" in mkdocs
    assert differences(mkdocs, properdocs) == []
    # Each engine really built its own site: every page names it once in the generator tag.
    pages = [path for path in mkdocs if path.endswith(".html")]
    for engine, site in engines.items():
        tags = {tag for path in pages for tag in GENERATOR.findall(site[path])}
        assert all(len(GENERATOR.findall(site[path])) == 1 for path in pages), engine
        assert tags == {
            b'<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">'
            if engine == "mkdocs"
            else b'<meta name="generator" content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2">'
        }


def test_differences_sees_anything_but_the_generator_tag() -> None:
    page = b'<head><meta name="generator" content="mkdocs-1.6.1"></head><p>\xd9\x85</p>'
    other = page.replace(b"mkdocs-1.6.1", b"mkdocs-ProperDocs 1.6.7")
    sitemap = b"<urlset><lastmod>2026-01-02</lastmod></urlset>"
    a = {"a/index.html": page, "sitemap.xml.gz": gzip.compress(sitemap, mtime=1)}
    assert differences(a, {**a, "a/index.html": other}) == []
    assert differences(a, {**a, "a/index.html": other.replace(b"\x85", b"\x86")}) == [
        "a/index.html: differs"
    ]
    # The tag is set aside in pages only, and only that tag.
    assert differences({"x.xml": page}, {"x.xml": other}) == ["x.xml: differs"]
    renamed = other.replace(b'name="generator"', b'name="description"')
    assert differences(a, {**a, "a/index.html": renamed}) == ["a/index.html: differs"]
    assert differences(a, {**a, "sitemap.xml.gz": gzip.compress(sitemap, mtime=2)}) == [
        "sitemap.xml.gz: differs (gzip header only)"
    ]
    assert differences(a, {"a/index.html": page}) == ["sitemap.xml.gz: only in one build"]
