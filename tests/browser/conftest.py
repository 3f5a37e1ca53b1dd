"""Chromium (Debian's, driven by Playwright) with a record of console errors and outside
requests."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from ..conftest import SEEDS, paged_build, serve

CHROMIUM = os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@dataclass
class Watch:
    """What a page did that a reader would not see: console errors and requests leaving
    localhost."""

    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def watched(browser):
    """A fresh page plus its Watch; any request to a host other than 127.0.0.1 is recorded and
    blocked."""
    context = browser.new_context(locale="ar")
    page = context.new_page()
    watch = Watch()
    page.on("console", lambda m: m.type == "error" and watch.errors.append(m.text))
    page.on("pageerror", lambda e: watch.errors.append(str(e)))

    def on_dialog(dialog):
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)

    def route(r):
        host = urlsplit(r.request.url).hostname
        if r.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            r.continue_()
        else:
            watch.outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    yield page, watch
    context.close()


@pytest.fixture(scope="session")
def split_seed_url(tmp_path_factory: pytest.TempPathFactory):
    """The seeds built with pages of 12 items (the timeline split by year), served once for every
    test that needs a split timeline."""
    server, url = serve(paged_build(SEEDS, tmp_path_factory.mktemp("split-seeds"), 12))
    yield url
    server.shutdown()
