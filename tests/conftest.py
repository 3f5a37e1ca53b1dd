"""Shared fixtures: a copy of a corpus, real MkDocs builds into tmp_path, a local server,
Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CASES = Path(__file__).resolve().parent / "cases"
SUBPATH = "briefing"  # sites are served under /briefing/, as GitHub Pages serves project sites


def write_config(seeds_dir: Path, where: Path, extra: str = "", plugin: str = "") -> Path:
    """The project's mkdocs.yml, pointed at another seeds directory, with the briefing plugin's
    options in `plugin` ("page_items: 12", a line each) added; docs and theme stay the project's."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    options = "".join(f"\n      {line}" for line in plugin.splitlines())
    text = text.replace("seeds_dir: seeds", f"seeds_dir: {seeds_dir}{options}")
    text = text.replace(
        "custom_dir: generator/theme", f"custom_dir: {ROOT / 'generator' / 'theme'}"
    )
    config = where / "mkdocs.yml"
    config.write_text(text + f"\ndocs_dir: {ROOT / 'docs'}\n{extra}", encoding="utf-8")
    return config


def mkdocs_build(
    seeds_dir: Path, where: Path, extra: str = "", env: dict | None = None, plugin: str = ""
) -> subprocess.CompletedProcess:
    """A real `mkdocs build --strict` in a subprocess, as a maintainer runs it; the site goes to
    where/site."""
    where.mkdir(parents=True, exist_ok=True)
    config = write_config(seeds_dir, where, extra, plugin)
    run_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict",
         "-f", str(config), "-d", str(where / "site")],
        capture_output=True, text=True, env=run_env, cwd=ROOT,
    )


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the small test corpus."""
    target = tmp_path / "seeds"
    shutil.copytree(CASES / "corpus", target)
    return target


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project's seed corpus, built once per test session."""
    where = tmp_path_factory.mktemp("seed-build")
    result = mkdocs_build(SEEDS, where, env={"BRIEFING_REPO_URL": "https://github.com/example/briefing"})
    assert result.returncode == 0, result.stderr
    return where / "site"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def paged_build(seeds: Path, where: Path, page_items: int) -> Path:
    """A real `mkdocs build --strict` of `seeds` with `page_items` per page; the site's folder."""
    result = mkdocs_build(seeds, where, plugin=f"page_items: {page_items}")
    assert result.returncode == 0, result.stderr
    return where / "site"


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve `site` under /briefing/ on a free loopback port; returns the server and the site
    URL."""
    root = site.parent / "_served"
    root.mkdir(exist_ok=True)
    link = root / SUBPATH
    if not link.exists():
        link.symlink_to(site, target_is_directory=True)
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/{SUBPATH}/"


@pytest.fixture(scope="session")
def seed_url(seed_site: Path):
    server, url = serve(seed_site)
    yield url
    server.shutdown()
