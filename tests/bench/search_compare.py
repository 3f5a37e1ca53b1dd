"""The query set (tests/search_queries.yml) against three engines on the seed site, in Chromium:

  material  Material's own search plugin (lunr, `lang: ar`), typed into its search box
  pagefind  Pagefind 1.5.2 run on the built site (its stemming and folding), queried with its JS API
  briefing  ours, typed into the header search box

    .venv/bin/python -m tests.bench.search_compare [--out bench-out/search-compare]

Each engine gets recall and false hits per query over the five seed articles (the same judge as the
browser test). Prints one summary line per engine and a per-query table (docs/developers/search.md).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.conftest import ARGS, CHROMIUM
from tests.conftest import ROOT, SEEDS, mkdocs_build, serve
from tests.search_eval import VARIANT_QUERIES as QUERIES
from tests.search_eval import judge, site_path, summary

MATERIAL = """
plugins:
  - search:
      lang: ar
  - briefing:
      seeds_dir: {seeds}
      search_enabled: false
"""


def build_material(out: Path) -> Path:
    """The seed site with Material's search plugin and Material's own header (no theme override)."""
    theme = out / "theme"
    shutil.rmtree(theme, ignore_errors=True)
    shutil.copytree(
        ROOT / "generator" / "theme", theme, ignore=shutil.ignore_patterns("header.html")
    )
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    head, _, rest = text.partition("plugins:")
    rest = rest[rest.index("\n# An explicit small nav") :]
    config = (
        head.replace("custom_dir: generator/theme", f"custom_dir: {theme}")
        + MATERIAL.format(seeds=SEEDS)
        + rest
    )
    config = (
        config[: config.index("extra_javascript:")] + config[config.index("markdown_extensions:") :]
    )
    (out / "material").mkdir(parents=True, exist_ok=True)
    cfg = out / "material" / "mkdocs.yml"
    cfg.write_text(config + f"\ndocs_dir: {ROOT / 'docs'}\n", encoding="utf-8")
    site = out / "material" / "site"
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(cfg), "-d", str(site)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if run.returncode:
        raise SystemExit(run.stderr[-2000:])
    return site


def material_results(page, query: str) -> list[str]:
    box = "[data-md-component=search-query]"
    page.fill(box, query)
    page.press(box, "End")  # Material searches on keyup
    page.wait_for_timeout(1000)
    for _ in range(20):  # results render in pages as the list scrolls
        before = page.locator(".md-search-result__item").count()
        page.evaluate("document.querySelector('.md-search__scrollwrap').scrollTop = 1e9")
        page.wait_for_timeout(150)
        if page.locator(".md-search-result__item").count() == before:
            break
    links = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    return list(dict.fromkeys(site_path(h.split("#")[0]) for h in links))


def pagefind_results(page, query: str) -> list[str]:
    urls = page.evaluate(
        """async (q) => {
            const pagefind = await import(new URL('pagefind/pagefind.js', location.href).href);
            const search = await pagefind.search(q);
            const data = await Promise.all(search.results.map(r => r.data()));
            return data.map(d => new URL(d.url, location.href).href);
        }""",
        query,
    )
    return [site_path(u) for u in urls]


def briefing_results(page, query: str) -> list[str]:
    page.fill("[data-brf-search-input]", query)
    page.wait_for_function(
        "q => document.querySelector('[data-brf-search-results]').dataset.brfQuery === q", arg=query
    )
    while page.is_visible("[data-brf-search-more]"):
        shown = page.locator("[data-brf-search-list] a").count()
        page.click("[data-brf-search-more]")
        page.wait_for_function(
            f"document.querySelector('[data-brf-search-results]').dataset.brfShown > {shown}"
        )
    return [
        site_path(h)
        for h in page.eval_on_selector_all(
            "[data-brf-search-list] a", "els => els.map(e => e.href)"
        )
    ]


def evaluate(site: Path, engine) -> list[dict]:
    server, url = serve(site)
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            page = browser.new_page(locale="ar")
            page.goto(url, wait_until="networkidle")
            for item in QUERIES:
                rows.append(judge(item, engine(page, item["query"])))
            browser.close()
    finally:
        server.shutdown()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench-out" / "search-compare")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    material_site = build_material(args.out)
    result = mkdocs_build(SEEDS, args.out / "briefing")
    if result.returncode:
        raise SystemExit(result.stderr[-2000:])
    ours = args.out / "briefing" / "site"
    pagefind_site = args.out / "pagefind-site"
    shutil.rmtree(pagefind_site, ignore_errors=True)
    shutil.copytree(ours, pagefind_site)
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(pagefind_site), "--quiet"], check=True
    )
    engines = {
        "material": evaluate(material_site, material_results),
        "pagefind": evaluate(pagefind_site, pagefind_results),
        "briefing": evaluate(ours, briefing_results),
    }
    for name, rows in engines.items():
        print(f"{name:<9} {summary(rows)}")
    print(f"\n{'query':<26} {'class':<14} " + " ".join(f"{n:>18}" for n in engines))
    for i, item in enumerate(QUERIES):
        cells = []
        for rows in engines.values():
            r = rows[i]
            first = "" if r["first"] is None else (" 1st" if r["first"] else " !1st")
            cells.append(f"{r['found']}/{r['expected']} +{len(r['false'])}{first}")
        print(f"{item['query']:<26} {item['class']:<14} " + " ".join(f"{c:>18}" for c in cells))


if __name__ == "__main__":
    main()
