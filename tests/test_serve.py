"""`mkdocs serve`: an annotation edit shows up without a restart; a broken edit keeps the last good
site."""

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
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dirty", "--no-strict",
         "-f", str(config), "-a", f"127.0.0.1:{port}"],
        stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
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
    ann.write_text(ann.read_text(encoding="utf-8").replace(
        "بحث الأعرجي وعراقجي أمن الحدود.", "ملخص معدل للاختبار."), encoding="utf-8")
    assert wait_for(lambda: "ملخص معدل للاختبار" in fetch(url)), (
        open(log.name, encoding="utf-8").read())


def test_broken_edit_keeps_last_good_site_then_recovers(server) -> None:
    url, seeds, log = server
    ann = seeds / "annotations" / "a1.yml"
    good = ann.read_text(encoding="utf-8")
    ann.write_text(good.replace('published: "2024-11-10"', "published: 2024-11-10"),
                   encoding="utf-8")
    assert wait_for(lambda: "a1.yml:5:12: date 2024-11-10 is not in quotes"
                    in open(log.name, encoding="utf-8").read())
    # still serving the last good build
    assert "بحث الأعرجي وعراقجي" in fetch(url)
    ann.write_text(good.replace("بحث الأعرجي وعراقجي أمن الحدود.", "عاد الموقع."), encoding="utf-8")
    assert wait_for(lambda: "عاد الموقع." in fetch(url)), open(log.name, encoding="utf-8").read()


def test_dirty_serve_rewrites_only_the_generated_files_that_changed(
        corpus_copy: Path, tmp_path: Path) -> None:
    """`make serve` runs `mkdocs serve --dirty`: a generated file whose bytes the last build wrote
    is skipped; an edit rewrites the files it changes; a changed mkdocs.yml rewrites them all."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    config_path = write_config(corpus_copy, tmp_path)
    config = load_config(str(config_path))
    plugin = config.plugins["briefing"]
    plugin.on_startup(command="serve", dirty=True)
    config = config.plugins.on_config(config)

    def rewritten() -> set[str]:
        return {f.src_uri for f in config.plugins.on_files(Files([]), config=config)
                if f.is_modified()}

    everything = rewritten()
    assert {"articles/a1.md", "articles/a2.md", "search/meta.gz",
            "data/events.csv.gz"} <= everything
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


def test_serve_keeps_the_last_good_site_on_any_generator_failure(
    corpus_copy: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    """Not only bad annotations: a crash of the generator (a bug, or input the checks let through)
    prints a plain summary and the server keeps the last good pages, instead of stalling."""
    from mkdocs.config import load_config

    import generator.mkdocs_plugin as adapter

    config = load_config(str(write_config(corpus_copy, tmp_path)))
    plugin = config.plugins["briefing"]
    plugin.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)
    plugin.on_pre_build(config=config)
    good = plugin.result
    plugin.last_good = good

    def crash(options, pack=None, reuse=None):  # noqa: ANN001
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(adapter, "build", crash)
    plugin.on_pre_build(config=config)
    assert plugin.result is good
    err = capsys.readouterr().err
    assert "still serving the last good site" in err and "RecursionError" in err
    assert "Traceback" not in err
    plugin.on_startup(command="build", dirty=False)  # a plain build shows the bug as it is
    with pytest.raises(RecursionError):
        plugin.on_pre_build(config=config)


def test_dirty_serve_stops_serving_the_page_of_a_removed_article(
        corpus_copy: Path, tmp_path: Path) -> None:
    """`mkdocs serve --dirty` rebuilds into the last build's folder: the generated files the new
    build no longer makes (a removed article's page) are removed from it."""
    from mkdocs.commands.build import build as mkdocs_build_in_process
    from mkdocs.config import load_config

    config = load_config(str(write_config(corpus_copy, tmp_path)), site_dir=str(tmp_path / "site"),
                         strict=False)  # as `make serve` runs it (--no-strict)
    config.plugins.on_startup(command="serve", dirty=True)
    mkdocs_build_in_process(config, serve_url="http://127.0.0.1:8000/", dirty=False)
    page = tmp_path / "site" / "articles" / "a2" / "index.html"
    assert page.exists()
    (corpus_copy / "articles" / "a2.txt").unlink()
    (corpus_copy / "annotations" / "a2.yml").unlink()
    mkdocs_build_in_process(config, serve_url="http://127.0.0.1:8000/", dirty=True)
    assert not page.exists() and not page.parent.exists()
    assert (tmp_path / "site" / "articles" / "a1" / "index.html").exists()
