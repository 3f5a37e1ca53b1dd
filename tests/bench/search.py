"""Search benchmark (not a test): a synthetic site of N articles; bytes and time per query.

    .venv/bin/python -m tests.bench.search [--articles 10000] [--out bench-out/search] [--reuse]

Builds the corpus (tests/bench/search_corpus.py, fixed seed) and the site with the project's
mkdocs.yml, serves it under /briefing/ and, for every query, opens an article page in a fresh
browser context (cold cache), types the query into the search box and records: the bytes the page
downloaded on opening, the bytes the query downloaded (index metadata, shards, fragments), and the
time to results. Then it types the next query in the same context (warm) as a reader would.
Results: a table and search-bench.json.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.conftest import ARGS, CHROMIUM
from tests.conftest import ROOT, SEEDS, SUBPATH, mkdocs_build

from .search_corpus import make_corpus

RESULTS = "[data-brf-search-results]"
QUERIES = [
    "العراق",  # in every article, and an actor alias
    "إيران",
    "الحدود",
    "الأعرجي",  # a person (alias)
    "Araji",  # Latin alias
    "عين الأسد",  # a phrase
    "الحرس الثوري الإيراني",  # a three-word actor name
    "أمن العراق من أمن إيران",  # five words, four of them very common
    "مسيرات",
    "الولايات المتحدة القوات الأميركية العراق",  # many common words: the worst case for bytes
    "لاجئين",  # no result
]


def sizes(watch: list) -> tuple[int, int]:
    """(bytes, requests) of finished requests: body plus headers as received."""
    total = 0
    for request in watch:
        s = request.sizes()
        total += s["responseBodySize"] + s["responseHeadersSize"]
    return total, len(watch)


def run_query(page, query: str) -> dict:
    fetched: list = []

    def listener(request) -> None:
        if "/search/" in request.url:
            fetched.append(request)

    page.on("requestfinished", listener)
    started = time.perf_counter()
    page.fill("[data-brf-search-input]", query)
    page.wait_for_function(
        "q => document.querySelector('[data-brf-search-results]').dataset.brfQuery === q",
        arg=query,
        timeout=60_000,
    )
    wall = (time.perf_counter() - started) * 1000
    page.remove_listener("requestfinished", listener)
    index_bytes, requests = sizes(fetched)
    return {
        "query": query,
        "results": page.inner_text("[data-brf-search-status]"),
        "ms": int(page.get_attribute(RESULTS, "data-brf-time")),
        "timing": dict(
            (k, int(v))
            for k, v in (
                x.split(":") for x in page.get_attribute(RESULTS, "data-brf-timing").split()
            )
        ),
        "wall_ms": round(wall),
        "index_bytes": index_bytes,
        "requests": requests,
    }


def compute_ms(page, query: str) -> float:
    """Median time of the search itself (analysis, postings from cache, ranking) over 5 runs."""
    return page.evaluate(
        """async (q) => {
            const index = await window.briefingSearch.load();
            const times = [];
            for (let i = 0; i < 5; i++) {
              const t = performance.now();
              await BriefingSearch.search(index, q);
              times.push(performance.now() - t);
            }
            return times.sort((a, b) => a - b)[2];
        }""",
        query,
    )


def measure(url: str, article: str) -> list[dict]:
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for i, query in enumerate(QUERIES):
            context = browser.new_context(locale="ar")
            page = context.new_page()
            opened: list = []
            page.on("requestfinished", lambda r, opened=opened: opened.append(r))
            page.goto(url + article, wait_until="networkidle")
            page_bytes, _ = sizes(opened)
            script = sum(
                r.sizes()["responseBodySize"] for r in opened if "briefing-search" in r.url
            )
            index_on_open = [r.url for r in opened if "/search/" in r.url]
            cold = run_query(page, query)
            cold["compute_ms"] = compute_ms(page, query)
            warm = run_query(page, QUERIES[(i + 1) % len(QUERIES)])
            rows.append(
                {
                    **cold,
                    "page_bytes": page_bytes,
                    "search_code_bytes": script,
                    "index_on_open": len(index_on_open),
                    "first_query_bytes": script + cold["index_bytes"],
                    "next": warm,
                }
            )
            context.close()
        browser.close()
    return rows


def serve_process(site: Path) -> tuple[subprocess.Popen, str]:
    """Serve the site under /briefing/ from a separate process, so the server does not share a
    Python interpreter (and its lock) with the browser driver: timings then reflect the browser."""
    root = site.parent / "_served"
    root.mkdir(exist_ok=True)
    if not (root / SUBPATH).exists():
        (root / SUBPATH).symlink_to(site, target_is_directory=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "http.server",
            str(port),
            "--bind",
            "127.0.0.1",
            "--directory",
            str(root),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.1)
    return server, f"http://127.0.0.1:{port}/{SUBPATH}/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=ROOT / "bench-out" / "search")
    parser.add_argument("--reuse", action="store_true", help="reuse a corpus and site built before")
    args = parser.parse_args()
    out = args.out / str(args.articles)
    corpus, site = out / "corpus", out / "build" / "site"
    report: dict = {"articles": args.articles, "load_average": os.getloadavg()}
    if not (args.reuse and site.exists()):
        started = time.perf_counter()
        make_corpus(corpus, args.articles, SEEDS)
        report["corpus_seconds"] = round(time.perf_counter() - started, 1)
        started = time.perf_counter()
        result = mkdocs_build(corpus, out / "build")
        report["build_seconds"] = round(time.perf_counter() - started, 1)
        if result.returncode != 0:
            raise SystemExit(result.stderr[-3000:])
    files = [f for f in (site / "search").rglob("*") if f.is_file()]
    report["index_files"] = len(files)
    report["index_bytes"] = sum(f.stat().st_size for f in files)
    report["largest_shard"] = max(f.stat().st_size for f in files if f.parent.name == "t")
    article = min(p.name for p in (site / "articles").iterdir() if p.is_dir())
    server, url = serve_process(site)
    try:
        report["queries"] = measure(url, f"articles/{article}/")
    finally:
        server.terminate()
        server.wait()
    (out / "search-bench.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    print(report_text(report))


def report_text(report: dict) -> str:
    """The benchmark as a table: one line per query (cold), then the next query (warm)."""
    rows = report["queries"]
    lines = [
        f"{report['articles']} articles; build {report.get('build_seconds', '-')} s; "
        f"index {report['index_files']} files, {report['index_bytes'] / 1e6:.1f} MB, "
        f"largest shard {report['largest_shard'] / 1e3:.0f} KB; "
        f"load average {report['load_average'][0]:.1f}",
        f"{'query':<40} {'KB':>6} {'req':>4} {'first':>6} {'all':>5} {'cpu':>4} | "
        f"{'next KB':>7} {'first':>6} {'all':>5}  results  "
        "[ms: index postings rank fragments render]",
    ]
    for r in rows:
        n, t = r["next"], r["timing"]
        parts = " ".join(
            str(t.get(k, 0)) for k in ("index", "postings", "rank", "fragments", "render")
        )
        lines.append(
            f"{r['query']:<40} {r['first_query_bytes'] / 1e3:>6.0f} {r['requests']:>4} "
            f"{t.get('first', r['ms']):>6} {r['ms']:>5} {r['compute_ms']:>4.0f} | "
            f"{n['index_bytes'] / 1e3:>7.0f} {n['timing'].get('first', n['ms']):>6} {n['ms']:>5}  "
            f"{r['results']}  [{parts}]"
        )
    worst = max(r["first_query_bytes"] for r in rows)
    lines.append(
        f"page open: {rows[0]['page_bytes'] / 1e3:.0f} KB, search code "
        f"{rows[0]['search_code_bytes'] / 1e3:.1f} KB, index files fetched on open: "
        f"{max(r['index_on_open'] for r in rows)}; worst first query {worst / 1e3:.0f} KB"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
