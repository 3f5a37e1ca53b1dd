"""Search benchmark (not a test): a synthetic site of N articles; bytes and time per query.

    .venv/bin/python -m tests.bench.search [--articles 10000] [--out bench-out/search] [--reuse]
        [--corpus search|scale]
    .venv/bin/python -m tests.bench.search --limits [--ordinary] [--script FILE]

Builds the corpus (tests/bench/search_corpus.py, fixed seed: articles only; or with --corpus scale
tests/bench/corpus.py, the scale benchmark's corpus with about 3 events per article) and the site
with the project's mkdocs.yml, serves it under /briefing/ and, for every query, opens an article
page in a fresh browser context (cold cache), types the query into the search box and records: the
bytes the page downloaded on opening, the bytes the query downloaded (index metadata, shards,
fragments), and the time to results. Then it types the next query in the same context (warm) as
a reader would.
Results: a table and search-bench.json.

--limits measures search at the registry limits instead (tests/bench/search_limits.py): the
registry with the most aliases (952 actors x 202 spellings), with --ordinary also 9,500 actors x 13
spellings (a slower build), and the longest aliases (250 words) with queries of 500 words. Per
query: bytes fetched and time to the first result, cold; the search alone, warm; the alias lookups
of the query parser. --script FILE puts another briefing-search.js into the built sites first, e.g.
main's, for a before/after comparison: `git show main:generator/theme/assets/javascripts/
briefing-search.js > /tmp/old.js`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.conftest import ARGS, CHROMIUM
from tests.conftest import ROOT, SEEDS, SUBPATH, mkdocs_build

from .corpus import write_corpus
from .search_corpus import make_corpus, seed_sentences
from .search_limits import (
    NAMED,
    SHARED_ALIAS,
    arabic_name,
    latin_alias,
    long_alias,
    many_aliases,
)

RESULTS = "[data-brf-search-results]"
SCRIPT = ROOT / "generator" / "theme" / "assets" / "javascripts" / "briefing-search.js"
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
    "نوفمبر 2024",  # a month: that month's events and articles (a period)
    "2024",  # a year
    "العراق تشرين الثاني 2023",  # a name and a month
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
    parser.add_argument(
        "--corpus",
        choices=("search", "scale"),
        default="search",
        help="search: seed sentences, no events (search_corpus.py); scale: corpus.py, with events",
    )
    parser.add_argument("--limits", action="store_true", help="search at the registry limits")
    parser.add_argument("--ordinary", action="store_true", help="--limits: also 9,500 actors")
    parser.add_argument("--script", type=Path, help="--limits: another briefing-search.js")
    args = parser.parse_args()
    if args.limits:
        return limits(args.out / "limits", args.ordinary, args.script, args.reuse)
    out = args.out / (str(args.articles) if args.corpus == "search" else f"scale-{args.articles}")
    corpus, site = out / "corpus", out / "build" / "site"
    report: dict = {
        "articles": args.articles, "corpus": args.corpus, "load_average": os.getloadavg()
    }
    if not (args.reuse and site.exists()):
        started = time.perf_counter()
        if args.corpus == "scale":
            write_corpus(corpus, args.articles, SEEDS)
        else:
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
    report["meta_bytes"] = (site / "search" / "meta.gz").stat().st_size
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


def _limit_sites(ordinary: bool) -> dict[str, tuple]:
    """Site name -> (corpus maker, queries)."""
    vocabulary = list(dict.fromkeys(w for s in seed_sentences(SEEDS) for w in s.split()))
    arabic_500 = " ".join(vocabulary[:500])
    sites = {
        "most-aliases": (
            many_aliases,
            [latin_alias(0x3A5, 150), arabic_name(NAMED), "Araji", SHARED_ALIAS, "constructor"],
        ),
        "long-alias": (
            long_alias,
            [arabic_500, " ".join(["a"] * 500), " ".join(["ب"] * 500), "طويل", "الأعرجي"],
        ),
    }
    if ordinary:
        sites["9500-actors"] = (
            lambda target: many_aliases(target, actors=9_500, spellings=13, shared=False),
            [latin_alias(0x1234, 5), arabic_name(NAMED), "Araji"],
        )
    return sites


PARSE_WORK = """async (q) => {
  const index = await window.briefingSearch.load();
  let t = performance.now();
  const parsed = BriefingSearch.parse(index, q);
  const out = { parse_ms: performance.now() - t, work: parsed.work ?? null, all_ms: null };
  if (!index.aliases || !index.aliases.longest) return out;
  // The alias matching over every word of the query, past the word limit: linear or not.
  const a = index.analyzer;
  t = performance.now();
  const parts = a.words(q).map((w) => (a.aliasPart(w) ? a.aliasPart(w).split(" ") : []));
  let work = 0;
  for (let i = 0; i < parts.length; ) {
    const found = index.aliases.longest(parts, i);
    work += found.work;
    i += found.n || 1;
  }
  return { ...out, all_ms: performance.now() - t, all_work: work, all_words: parts.length };
}"""

INDEX_LOAD = """async () => {
  const t = performance.now();
  const index = await BriefingSearch.Index.load();
  return performance.now() - t;
}"""


def measure_limits(url: str, queries: list[str]) -> list[dict]:
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for query in queries:
            context = browser.new_context(locale="ar")
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e).split("\n")[0]))
            page.goto(url, wait_until="networkidle")
            row: dict = {"query": query}
            try:
                row.update(run_query(page, query))
                row["compute_ms"] = compute_ms(page, query)
                row.update(page.evaluate(PARSE_WORK, query))
                row["index_load_ms"] = page.evaluate(INDEX_LOAD)  # meta again, from the cache
            except Exception as failure:  # the old script may never answer
                row["error"] = (errors or [str(failure).split("\n")[0]])[0][:120]
            rows.append(row)
            context.close()
        browser.close()
    return rows


def limits(out: Path, ordinary: bool, script: Path | None, reuse: bool) -> None:
    report: dict = {"load_average": os.getloadavg(), "script": str(script or "this branch")}
    for name, (make, queries) in _limit_sites(ordinary).items():
        where = out / name
        site = where / "site"
        entry: dict = {}
        if not (reuse and site.exists()):
            shutil.rmtree(where, ignore_errors=True)
            seeds = make(where / "seeds")
            started = time.perf_counter()
            result = mkdocs_build(seeds, where)
            entry["build_seconds"] = round(time.perf_counter() - started, 1)
            if result.returncode != 0:
                raise SystemExit(result.stderr[-3000:])
        # The script under test, also into a site reused from a run with another one.
        shutil.copy(script or SCRIPT, site / "assets" / "javascripts" / "briefing-search.js")
        meta = site / "search" / "meta.gz"
        entry["meta_bytes"] = meta.stat().st_size
        entry["alias_keys"] = len(json.loads(gzip.decompress(meta.read_bytes()))["aliases"])
        server, url = serve_process(site)
        try:
            entry["queries"] = measure_limits(url, queries)
        finally:
            server.terminate()
            server.wait()
        report[name] = entry
    (out / "search-limits.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    print(limits_text(report))


def limits_text(report: dict) -> str:
    lines = [f"script: {report['script']}; load average {report['load_average'][0]:.1f}"]
    for name, entry in report.items():
        if not isinstance(entry, dict):
            continue
        lines.append(
            f"{name}: {entry['alias_keys']:,} alias keys, "
            f"meta.gz {entry['meta_bytes'] / 1e3:.0f} KB, build {entry.get('build_seconds', '-')} s"
        )
        lines.append(
            f"  {'query':<32} {'KB':>6} {'req':>4} {'wall':>6} {'first':>6} {'all':>6} "
            f"{'search':>7} {'parse':>7} {'work':>5} {'load':>5} {'unlimited':>16}  status"
        )
        for r in entry["queries"]:
            q = r["query"] if len(r["query"]) <= 30 else f"{r['query'][:20]}… ({len(r['query'])})"
            if "error" in r:
                lines.append(f"  {q:<32} error: {r['error']}")
                continue
            t = r["timing"]
            unlimited = "-"
            if r.get("all_ms") is not None:
                unlimited = f"{r['all_words']}w {r['all_work']} {r['all_ms']:.1f}ms"
            lines.append(
                f"  {q:<32} {r['index_bytes'] / 1e3:>6.0f} {r['requests']:>4} {r['wall_ms']:>6} "
                f"{t.get('first', r['ms']):>6} {r['ms']:>6} {r['compute_ms']:>7.1f} "
                f"{r['parse_ms']:>7.1f} {r['work'] if r['work'] is not None else '-':>5} "
                f"{r['index_load_ms']:>5.0f} {unlimited:>16}  {r['results'][:40]}"
            )
    lines.append(
        "KB, req: index fetched by the query, cold (meta included); wall: ms from typing to the"
        " results (the 120 ms typing pause included); first, all: ms from the search start to the"
        " first and to ten results; search: ms of the search alone, warm (median of 5);"
        " parse: ms of the query parser; work: its alias lookups; load: ms to load and prepare"
        " meta.gz (cached); unlimited: words, alias lookups and ms of the alias matching over all"
        " the query's words"
    )
    return "\n".join(lines)


def report_text(report: dict) -> str:
    """The benchmark as a table: one line per query (cold), then the next query (warm)."""
    rows = report["queries"]
    lines = [
        f"{report['articles']} articles ({report.get('corpus', 'search')} corpus); "
        f"build {report.get('build_seconds', '-')} s; "
        f"index {report['index_files']} files, {report['index_bytes'] / 1e6:.1f} MB, "
        f"meta.gz {report.get('meta_bytes', 0) / 1e3:.1f} KB, "
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
