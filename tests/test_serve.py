"""`mkdocs serve`: an annotation edit shows up without a restart; a broken edit keeps the last good site."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT, write_config


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, timeout: float = 60.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


@pytest.fixture
def server(tmp_path: Path, corpus_copy: Path):
    port = free_port()
    config = write_config(corpus_copy, tmp_path)
    log = open(tmp_path / "serve.log", "w+", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dirty", "--no-strict", "-f", str(config), "-a", f"127.0.0.1:{port}"],
        stdout=log, stderr=subprocess.STDOUT, cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    url = f"http://127.0.0.1:{port}/articles/a1/"
    try:
        assert wait_for(lambda: "الأعرجي" in fetch(url)), (tmp_path / "serve.log").read_text()
        yield url, corpus_copy, log
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def test_annotation_edit_appears_without_restart(server) -> None:
    url, seeds, log = server
    page = fetch(url)
    assert "livereload" in page  # the browser is told to reload
    ann = seeds / "annotations" / "a1.yml"
    ann.write_text(ann.read_text(encoding="utf-8").replace("بحث الأعرجي وعراقجي أمن الحدود.", "ملخص معدل للاختبار."), encoding="utf-8")
    assert wait_for(lambda: "ملخص معدل للاختبار" in fetch(url)), open(log.name, encoding="utf-8").read()


def test_broken_edit_keeps_last_good_site_then_recovers(server) -> None:
    url, seeds, log = server
    ann = seeds / "annotations" / "a1.yml"
    good = ann.read_text(encoding="utf-8")
    ann.write_text(good.replace('published: "2024-11-10"', "published: 2024-11-10"), encoding="utf-8")
    assert wait_for(lambda: "a1.yml:5:12: date 2024-11-10 is not in quotes" in open(log.name, encoding="utf-8").read())
    assert "بحث الأعرجي وعراقجي" in fetch(url)  # still serving the last good build
    ann.write_text(good.replace("بحث الأعرجي وعراقجي أمن الحدود.", "عاد الموقع."), encoding="utf-8")
    assert wait_for(lambda: "عاد الموقع." in fetch(url)), open(log.name, encoding="utf-8").read()


def test_dirty_serve_rewrites_only_the_generated_files_that_changed(corpus_copy: Path, tmp_path: Path) -> None:
    """`make serve` runs `mkdocs serve --dirty`: a generated file whose bytes the last build wrote is
    skipped; an edit rewrites the files it changes; a changed mkdocs.yml rewrites them all."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    config_path = write_config(corpus_copy, tmp_path)
    config = load_config(str(config_path))
    plugin = config.plugins["briefing"]
    plugin.on_startup(command="serve", dirty=True)
    config = config.plugins.on_config(config)

    def rewritten() -> set[str]:
        return {f.src_uri for f in config.plugins.on_files(Files([]), config=config) if f.is_modified()}

    everything = rewritten()
    assert {"articles/a1.md", "articles/a2.md", "search/meta.gz", "data/events.csv.gz"} <= everything
    assert rewritten() == set()
    a1 = corpus_copy / "annotations" / "a1.yml"
    a1.write_text(a1.read_text(encoding="utf-8").replace(
        "بحث الأعرجي وعراقجي أمن الحدود.", "ملخص جديد."), encoding="utf-8")
    changed = rewritten()
    assert "articles/a1.md" in changed and "data/articles.csv.gz" in changed
    assert "articles/a2.md" not in changed and len(changed) < len(everything) / 2
    stat = config_path.stat()
    os.utime(config_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert rewritten() == everything

    plugin.on_startup(command="serve", dirty=False)  # plain `mkdocs serve` rebuilds everything
    assert rewritten() == everything
