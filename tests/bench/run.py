"""Scale benchmark: the generator and the whole site build at 100, 1,000, 10,000 articles, in two
shapes of corpus (not a test).

    make bench                      # N = 100, 1,000 and 10,000, both shapes (10,000 takes minutes),
                                    # then the limits case
    make bench N=1000               # one size; N="100 1000" for two
    make bench N=1000 SHAPE=seeds   # one shape
    python -m tests.bench.run --articles 1000 --shape seeds --repeat 3 --serve
    python -m tests.bench.run --limits                # the limits case only (about a minute)

The shapes: `synthetic` (tests/bench/corpus.py: about 3 events and 2.5 KB of YAML per article) and
`seeds` (tests/bench/seed_corpus.py: the seeds' own density, about 28 actors, 12 events, 6 quotes,
8 claims and 16 KB of YAML per article, with hub events that a share of all articles cite).

For each shape and N it writes the corpus (fixed seed) and reports, in CPU seconds (user + system,
of the process that did the work: the machine is shared, wall time would measure the neighbours)
and as ratios measured in the same run:

- the generator, stage by stage (tests/bench/stages.py), per article;
- the whole `mkdocs build` of the project's mkdocs.yml against a bare `mkdocs build` (same
  theme, same settings, no briefing plugin) of the same Markdown pages and files written out as
  plain files;
- the peak memory of the build; the size of the site, by top folder and per article, of the median
  and the largest article page, the largest pages of all and how many pass 500 KB, what the search
  box downloads for a query, and the GitHub Pages artifact (tar of the site, and that tar gzipped,
  as actions/upload-pages-artifact and upload-artifact make it);
- with --serve: what `make serve` (`mkdocs serve --dirty`) spends to show an edit to one annotation,
  and the edit loop in process (tests/bench/edit_loop.py): each kind of edit, stage by stage;
- the limits case (tests/bench/limits.py: the largest registry, the longest text, the most aliases
  sharing their first words, the most forms): validate, the search documents, lint and new, and
  the whole `mkdocs build`, which must stay within LIMITS_BUDGET_S.

Figures go to the terminal, to bench-out/bench.json and, as Markdown, to bench-out/bench.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tarfile
import threading
import time
import urllib.request
from importlib.metadata import version
from pathlib import Path
from typing import Any

from generator.options import BuildOptions
from generator.pipeline import build
from tests.conftest import ROOT, write_config

from .corpus import SEED, write_corpus
from .limits import write_limits
from .seed_corpus import write_seed_corpus

SIZES = (100, 1000, 10_000)
SHAPES = {"synthetic": write_corpus, "seeds": write_seed_corpus}
LIMITS_BUDGET_S = 120  # the limits case's whole build, CPU seconds (issue #14)
PAGE_LIMIT = 500_000  # bytes: no HTML page may pass it (issue 15)
# The site's folders, in the order of the size table (per article; the rest is summed as "other").
FOLDERS = ("articles", "actors", "themes", "timeline", "data", "search", "feeds")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
MIB = 1024 * 1024


def machine() -> dict[str, Any]:
    model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text()
                   .splitlines() if line.startswith("MemTotal")), 0)
    return {
        "cpu": model, "cores": os.cpu_count(), "memory_mib": memory,
        "python": platform.python_version(), "system": platform.platform(),
        "mkdocs": version("mkdocs"), "material": version("mkdocs-material"),
        "pyyaml": version("PyYAML"), "jinja2": version("Jinja2"), "markdown": version("Markdown"),
        "load_average": [round(x, 1) for x in os.getloadavg()],
    }


def corpus(out: Path, n: int, shape: str = "synthetic") -> Path:
    """The corpus of n articles in a shape, written again only when its generator changed."""
    target = out / f"corpus-{shape}-{n}"
    here = Path(__file__).parent
    stamp = f"{n} {SEED} " + " ".join(
        str((here / name).stat().st_mtime_ns) for name in ("corpus.py", "seed_corpus.py"))
    if (target / ".stamp").is_file() and (target / ".stamp").read_text() == stamp:
        return target
    SHAPES[shape](target, n)
    (target / ".stamp").write_text(stamp)
    return target


def limits_corpus(out: Path) -> Path:
    """The limits case, written again only when its generator changed."""
    target = out / "corpus-limits"
    stamp = str((Path(__file__).parent / "limits.py").stat().st_mtime_ns)
    if (target / ".stamp").is_file() and (target / ".stamp").read_text() == stamp:
        return target
    write_limits(target)
    (target / ".stamp").write_text(stamp)
    return target


def run(args: list[str], cwd: Path = ROOT) -> dict[str, float]:
    """Run a command; its CPU seconds (user + system, its children included) and peak memory."""
    proc = subprocess.Popen(args, cwd=cwd, env=ENV, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(proc.stdout), daemon=True)
    reader.start()
    _, status, usage = os.wait4(proc.pid, 0)
    reader.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        sys.exit(f"failed: {' '.join(args)}\n{''.join(output)[-3000:]}")
    return {"cpu_s": usage.ru_utime + usage.ru_stime, "peak_mib": usage.ru_maxrss / 1024,
            "output": "".join(output)}


def measured_config(seeds: Path, where: Path) -> Path:
    """The project's mkdocs.yml over `seeds`, with the size guard raised out of the way: the
    benchmark measures a site over GitHub's 1 GB and says so (sizes), where a build would stop."""
    return write_config(seeds, where, plugin="site_size_limit: 100 GB")


def bare_config(where: Path, docs: Path) -> Path:
    """The project's mkdocs.yml without the briefing plugin, over a folder of plain files."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"\n  - briefing:\n(?:      .*\n|\s*#.*\n)*", "\n", text)
    # An empty `plugins:` means MkDocs' default, Material's search: none, as in the project's build.
    text = re.sub(r"^plugins:\n(?!\s*- )", "plugins: []\n", text, flags=re.MULTILINE)
    text = text.replace("custom_dir: generator/theme",
                        f"custom_dir: {ROOT / 'generator' / 'theme'}")
    config = where / "bare.yml"  # beside the project's, which write_config puts in mkdocs.yml
    # The theme override reads the plugin's one global (briefing_paths): a hook gives it.
    hooks = Path(__file__).with_name("bare_hooks.py")
    config.write_text(text + f"\ndocs_dir: {docs}\nhooks:\n  - {hooks}\n", encoding="utf-8")
    return config


def write_bare_docs(seeds: Path, docs: Path) -> None:
    """The generator's pages and files, written out as plain files next to the hand-written docs."""
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(ROOT / "docs", docs)
    site_name = re.search(r"^site_name: (.*)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                          re.MULTILINE)
    result = build(BuildOptions(seeds_dir=seeds, site_name=site_name[1] if site_name else ""))
    for page in result.pages:
        target = docs / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page.content)
    for out in result.files:
        target = docs / out.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(out.content)


def mkdocs_build(config: Path, site: Path) -> dict[str, float]:
    return run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)])


def sizes(site: Path, seeds: Path) -> dict[str, Any]:
    """Bytes of the built site: everything and by top folder, article pages, the largest pages,
    the pages over PAGE_LIMIT, the search payload."""
    total = files = 0
    folders: dict[str, int] = {}
    pages: list[tuple[int, str]] = []
    for path in site.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total, files = total + size, files + 1
            rel = path.relative_to(site).as_posix()
            top = rel.split("/", 1)[0] if "/" in rel else "(root)"
            folders[top] = folders.get(top, 0) + size
            if path.suffix == ".html":
                pages.append((size, rel))
    pages.sort(key=lambda p: (-p[0], p[1]))
    articles = sorted((site / "articles" / p.stem / "index.html").stat().st_size
                      for p in (seeds / "annotations").glob("*.yml"))
    return {
        "total_mib": total / MIB, "files": files,
        "folders_mib": {k: v / MIB for k, v in sorted(folders.items(), key=lambda kv: -kv[1])},
        "article_median_kib": statistics.median(articles) / 1024,
        "article_max_kib": articles[-1] / 1024,
        "largest_page": pages[0][1], "largest_page_kib": pages[0][0] / 1024,
        "largest_pages": [(rel, size / 1024) for size, rel in pages[:5]],
        "pages": len(pages), "pages_over_limit": sum(1 for size, _ in pages if size > PAGE_LIMIT),
        "search_kib": search_payload(site) / 1024,
        **artifact(site),
    }


def artifact(site: Path) -> dict[str, float]:
    """The GitHub Pages artifact: actions/upload-pages-artifact tars the site (no compression) and
    upload-artifact compresses it (zlib level 6); this measures the tar and the tar gzipped at 6."""

    plain, packed = _Count(), _Count()
    with gzip.GzipFile(fileobj=packed, mode="wb", compresslevel=6, mtime=0) as zipped:
        tee = _Tee(plain, zipped)
        with tarfile.open(fileobj=tee, mode="w|", format=tarfile.GNU_FORMAT) as tar:
            for path in sorted(site.rglob("*")):
                tar.add(path, arcname=path.relative_to(site).as_posix(), recursive=False)
    return {"tar_mib": plain.n / MIB, "tar_gz_mib": packed.n / MIB}


class _Count:
    """A write-only file that only counts its bytes."""

    def __init__(self) -> None:
        self.n = 0

    def write(self, data: bytes) -> int:
        self.n += len(data)
        return len(data)

    def flush(self) -> None:
        pass


class _Tee:
    """A write-only file that writes to two."""

    def __init__(self, *targets: Any) -> None:
        self.targets = targets

    def write(self, data: bytes) -> int:
        for target in self.targets:
            target.write(data)
        return len(data)

    def flush(self) -> None:
        pass


QUERY = "الحدود العراقية الإيرانية"  # three common words: many postings, a worst case for bytes


def search_payload(site: Path, query: str = QUERY, shown: int = 10) -> int:
    """Bytes the search box downloads for one query (docs/developers/search.md): meta.gz, the shard
    of each key of the query, and a fragment per result shown (counted at the median fragment's
    size) with, for an article result, its page gzipped (all ten counted as articles: a ceiling).
    Chromium's own count is in tests/bench/search.py. Material's search (before ours) fetched
    its whole index."""
    material = site / "search" / "search_index.json"
    if material.is_file():
        return material.stat().st_size
    meta = site / "search" / "meta.gz"
    if not meta.is_file():
        return 0
    from generator.search.analyze import query_keys, words
    from generator.search.index import fnv1a

    shards = json.loads(gzip.decompress(meta.read_bytes()))["shards"]
    width = len(f"{shards - 1:x}")
    needed = {fnv1a(key) % shards for word in words(query) for key in query_keys(word)}
    fragments = sorted(p.stat().st_size for p in (site / "search" / "f").glob("*.gz"))
    # An article result's snippet is cut from its page (served gzipped): counted gzipped here.
    pages = sorted(len(gzip.compress(p.read_bytes(), 6))
                   for p in sorted((site / "articles").glob("*/index.html"))[:50])
    return (meta.stat().st_size
            + sum((site / "search" / "t" / f"{n:0{width}x}.gz").stat().st_size for n in needed)
            + shown * (statistics.median(fragments) if fragments else 0)
            + shown * (statistics.median(pages) if pages else 0))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_of(pid: int) -> float:
    """CPU seconds (user + system) a running process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def serve_edit(seeds: Path, where: Path) -> dict[str, Any]:
    """Start `mkdocs serve`, change one annotation's summary, wait until the page shows it: the
    CPU seconds of the rebuild and how many builds it took."""
    work = where / "serve-seeds"
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(seeds, work, ignore=shutil.ignore_patterns(".stamp"))
    config = write_config(work, where)
    port = free_port()
    log_path = where / "serve.log"
    with open(log_path, "w+", encoding="utf-8") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dirty", "--no-strict",
             "-f", str(config), "-a", f"127.0.0.1:{port}"],
            cwd=ROOT, env=ENV, stdout=log, stderr=subprocess.STDOUT)
        try:
            def logged() -> str:
                return log_path.read_text(encoding="utf-8")

            wait(lambda: "Serving on" in logged(), proc)
            before = cpu_of(proc.pid)
            ann = sorted((work / "annotations").glob("*.yml"))[len(list(
                (work / "annotations").glob("*.yml"))) // 2]
            text = ann.read_text(encoding="utf-8")
            marker = "ملخص معدل لقياس إعادة البناء"
            ann.write_text(re.sub(r'^summary: ".*"$', f'summary: "{marker}"', text, count=1,
                                  flags=re.MULTILINE), encoding="utf-8")
            url = f"http://127.0.0.1:{port}/articles/{ann.stem}/"
            wait(lambda: "Reloading browsers" in logged(), proc)
            after = cpu_of(proc.pid)
            with urllib.request.urlopen(url, timeout=60) as response:
                visible = marker in response.read().decode("utf-8")
            builds = logged().split("Serving on", 1)[1].count("Building documentation")
        finally:
            proc.terminate()
            proc.wait(timeout=60)
    return {"rebuild_cpu_s": after - before, "builds": builds, "visible": visible}


def wait(predicate: Any, proc: subprocess.Popen, timeout: float = 3600) -> None:
    end = time.monotonic() + timeout
    while not predicate():
        if proc.poll() is not None or time.monotonic() > end:
            raise RuntimeError("mkdocs serve stopped or took too long")
        time.sleep(0.2)


def bench(out: Path, n: int, shape: str, repeat: int, serve: bool) -> dict[str, Any]:
    seeds = corpus(out, n, shape)
    where = out / f"build-{shape}-{n}"
    where.mkdir(parents=True, exist_ok=True)
    print(f"\n== {n:,} articles, {shape} ({seeds})", flush=True)

    stages = json.loads(run([sys.executable, "-m", "tests.bench.stages", str(seeds),
                             "--repeat", str(repeat)])["output"].strip().splitlines()[-1])
    # In a child: on Linux a command's peak memory (wait4's ru_maxrss) starts from its parent's at
    # exec, so this process must never hold a whole build (it once made both peaks read 1,395 MiB).
    run([sys.executable, "-m", "tests.bench.run", "--write-bare-docs", str(seeds),
         str(where / "bare-docs")])
    full_config, bare = measured_config(seeds, where), bare_config(where, where / "bare-docs")
    full_runs, bare_runs = [], []
    for _ in range(repeat):  # interleaved, so both see the same neighbours
        full_runs.append(mkdocs_build(full_config, where / "site"))
        bare_runs.append(mkdocs_build(bare, where / "bare-site"))
    full = min(r["cpu_s"] for r in full_runs)
    bare_cpu = min(r["cpu_s"] for r in bare_runs)
    result = {
        "articles": n,
        "shape": shape,
        "generator": stages,
        "build_cpu_s": full,
        "bare_cpu_s": bare_cpu,
        "ratio": full / bare_cpu,
        "peak_mib": max(r["peak_mib"] for r in full_runs),
        "bare_peak_mib": max(r["peak_mib"] for r in bare_runs),
        "runs": {"build": [r["cpu_s"] for r in full_runs], "bare": [r["cpu_s"] for r in bare_runs]},
        "sizes": sizes(where / "site", seeds),
    }
    if serve:
        result["serve"] = serve_edit(seeds, where)
        result["edit_loop"] = json.loads(run([sys.executable, "-m", "tests.bench.edit_loop",
                                              str(seeds)])["output"].strip().splitlines()[-1])
    report(result)
    return result


def bench_limits(out: Path) -> dict[str, Any]:
    seeds = limits_corpus(out)
    where = out / "build-limits"
    where.mkdir(parents=True, exist_ok=True)
    print(f"\n== limits case ({seeds})", flush=True)
    steps = json.loads(run([sys.executable, "-m", "tests.bench.limits", "--measure", str(seeds)])
                       ["output"].strip().splitlines()[-1])
    build = mkdocs_build(write_config(seeds, where), where / "site")
    result = {**steps, "build_cpu_s": build["cpu_s"], "peak_mib": build["peak_mib"]}
    report_limits(result)
    return result


def report_limits(r: dict[str, Any]) -> None:
    t = r["cpu_s"]
    print(f"registry {r['registry_bytes']:,} bytes ({r['aliases']:,} Arabic names sharing their "
          f"first two words), text {r['text_bytes']:,} bytes, {r['forms']:,} forms")
    print(f"CPU s: validate {t['validate']:.1f}, search documents {t['search_documents']:.1f}, "
          f"lint {t['lint']:.1f}, new {t['new']:.1f}; whole mkdocs build {r['build_cpu_s']:.1f} "
          f"(budget {LIMITS_BUDGET_S}), peak {r['peak_mib']:.0f} MiB")
    if r["build_cpu_s"] > LIMITS_BUDGET_S:
        print(f"OVER BUDGET: the limits case built in {r['build_cpu_s']:.0f} s CPU, more than "
              f"{LIMITS_BUDGET_S} s; lower the limits in seeds/FORMAT.md and generator/yamlio.py")


def report(r: dict[str, Any]) -> None:
    n, g = r["articles"], r["generator"]["cpu_s"]
    per = {k: v * 1000 / n for k, v in g.items()}
    core = sum(per[k] for k in ("load", "validate", "derive", "render"))
    print("generator, ms per article (CPU): " + ", ".join(
        f"{k} {v:.3f}" for k, v in per.items() if k != "pipeline") + f"; load..render {core:.3f}"
        f"; whole pipeline {per['pipeline']:.3f}")
    share = g["pipeline"] / r["build_cpu_s"]
    print(f"build {r['build_cpu_s']:.1f} s CPU, bare mkdocs {r['bare_cpu_s']:.1f} s: ratio "
          f"{r['ratio']:.2f}; generator {share:.0%} of the build "
          f"({g['pipeline'] / r['bare_cpu_s']:.0%} of the bare build); "
          f"peak {r['peak_mib']:.0f} MiB "
          f"(bare {r['bare_peak_mib']:.0f} MiB)")
    s = r["sizes"]
    print(f"site {s['total_mib']:.1f} MiB in {s['files']:,} files, {s['total_mib'] * 1024 / n:.1f} "
          f"KiB per article; article page median {s['article_median_kib']:.1f} KiB, largest "
          f"{s['article_max_kib']:.1f} KiB; search payload per query {s['search_kib']:.0f} KiB")
    print("by folder, KiB per article: " + ", ".join(
        f"{k} {v * 1024 / n:.1f}" for k, v in s["folders_mib"].items()))
    print("largest pages: " + ", ".join(f"{p} {k:.0f} KiB" for p, k in s["largest_pages"])
          + f"; {s['pages_over_limit']} of {s['pages']:,} pages over {PAGE_LIMIT:,} bytes")
    print(f"GitHub Pages artifact: tar {s['tar_mib']:.0f} MiB, gzipped {s['tar_gz_mib']:.0f} MiB")
    if "serve" in r:
        v = r["serve"]
        print(f"make serve (--dirty): one annotation edited, "
              f"rebuild {v['rebuild_cpu_s']:.1f} s CPU, {v['builds']} build(s), "
              f"edit visible: {v['visible']}")
    if "edit_loop" in r:
        e = r["edit_loop"]
        print(f"edit loop in process (incremental session, first build "
              f"{e['first_cpu_s']:.1f} s CPU, {e['pages']:,} pages, peak {e['peak_mib']:.0f} MiB; "
              f"a full build after the edits {e['full_cpu_s']:.1f} s CPU):")
        for name, v in e["edits"].items():
            print(f"  {name}: {v['cpu_s']:.1f} s CPU, {v['rendered']:,} pages rendered again; "
                  + ", ".join(f"{k} {t:.2f}" for k, t in v["stages"].items()))


STAGES = ("load+validate", "derive", "network", "exports", "feeds", "search", "render")


def markdown_limits(r: dict[str, Any]) -> list[str]:
    t = r["cpu_s"]
    return [
        "",
        "| limits case | registry | Arabic names (sharing 2 words) | text | forms | validate | "
        "search documents | lint | new | whole build (CPU s) | peak memory |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| tests/bench/limits.py | {r['registry_bytes'] / 1e6:.2f} MB | {r['aliases']:,} | "
        f"{r['text_bytes'] / 1e6:.2f} MB | {r['forms']:,} | {t['validate']:.1f} | "
        f"{t['search_documents']:.1f} | {t['lint']:.1f} | {t['new']:.1f} | "
        f"{r['build_cpu_s']:.1f} | {r['peak_mib']:.0f} MiB |",
    ]


def markdown(results: list[dict[str, Any]], host: dict[str, Any],
             limits: dict[str, Any] | None = None) -> str:
    """The figures as the tables of BENCHMARKS.md."""
    lines = [
        f"Machine: {host['cpu']}, {host['cores']} cores, {host['memory_mib']:,} MiB; Python "
        f"{host['python']}, MkDocs {host['mkdocs']}, Material {host['material']}, PyYAML "
        f"{host['pyyaml']}; load average {host['load_average']} at the start (shared machine).",
    ]
    if limits:
        lines += markdown_limits(limits)
    if not results:
        return "\n".join(lines) + "\n"
    lines += [
        "",
        "| corpus | articles | load | validate | derive | network | render | exports | feeds | "
        "search | load..render | pipeline |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        n, g = r["articles"], r["generator"]["cpu_s"]
        per = {k: v * 1000 / n for k, v in g.items()}
        core = sum(per[k] for k in ("load", "validate", "derive", "render"))
        lines.append(f"| {r['shape']} | {n:,} | " + " | ".join(f"{per.get(k, 0):.3f}" for k in (
            "load", "validate", "derive", "network", "render", "exports", "feeds", "search")) +
            f" | {core:.3f} | {per['pipeline']:.3f} |")
    lines += [
        "",
        "| corpus | articles | build (CPU s) | bare MkDocs | ratio | generator share | peak memory "
        "| site | article page median / max | largest page | search per query |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for r in results:
        s = r["sizes"]
        lines.append(
            f"| {r['shape']} | {r['articles']:,} | "
            f"{r['build_cpu_s']:.1f} | {r['bare_cpu_s']:.1f} | "
            f"{r['ratio']:.2f} | {r['generator']['cpu_s']['pipeline'] / r['build_cpu_s']:.0%} | "
            f"{r['peak_mib']:.0f} MiB | {s['total_mib']:.0f} MiB | "
            f"{s['article_median_kib']:.1f} / {s['article_max_kib']:.1f} KiB | "
            f"`{s['largest_page']}` {s['largest_page_kib']:.0f} KiB | {s['search_kib']:.0f} KiB |")
    folders = [k for k in FOLDERS if any(k in r["sizes"]["folders_mib"] for r in results)]
    rest = "other" if any(set(r["sizes"]["folders_mib"]) - set(folders) for r in results) else ""
    lines += [
        "",
        "| corpus | articles | site (MiB) | KiB per article | " + " | ".join(
            f"`{k}/`" for k in folders) + (" | other" if rest else "")
        + " | largest pages (KiB) | pages over 500 KB | Pages artifact: tar / tar.gz (MiB) |",
        "|---|---:|---:|---:|" + "---:|" * (len(folders) + bool(rest)) + "---|---:|---:|",
    ]
    for r in results:
        s, n = r["sizes"], r["articles"]
        per = {k: v * 1024 / n for k, v in s["folders_mib"].items()}
        other = sum(v for k, v in per.items() if k not in folders)
        lines.append(
            f"| {r['shape']} | {n:,} | {s['total_mib']:,.0f} | {s['total_mib'] * 1024 / n:.1f} | "
            + " | ".join(f"{per.get(k, 0):.1f}" for k in folders)
            + (f" | {other:.1f}" if rest else "")
            + " | " + ", ".join(f"`{p}` {k:,.0f}" for p, k in s["largest_pages"][:3])
            + f" | {s['pages_over_limit']} of {s['pages']:,} | "
            f"{s['tar_mib']:,.0f} / {s['tar_gz_mib']:,.0f} |")
    serves = [r for r in results if "serve" in r]
    if serves:
        lines += ["", "| corpus | articles | `make serve` (--dirty): rebuild after one annotation "
                  "edit (CPU s) | builds | visible |",
                  "|---|---:|---:|---:|---|"]
        lines += [f"| {r['shape']} | {r['articles']:,} | {r['serve']['rebuild_cpu_s']:.1f} | "
                  f"{r['serve']['builds']} | {r['serve']['visible']} |" for r in serves]
    loops = [r for r in results if "edit_loop" in r]
    if loops:
        lines += ["", "Edit loop in process (tests/bench/edit_loop.py), CPU s per rebuild and its "
                  "stages; pages rendered again of all pages; a full build of the same input "
                  "after the edits: " + ", ".join(
                      f"{r['shape']} {r['articles']:,}: {r['edit_loop']['full_cpu_s']:.1f} s"
                      for r in loops) + ":", "",
                  "| corpus | articles | edit | rebuild | pages again | "
                  + " | ".join(STAGES) + " |", "|---|---:|---|---:|---:|" + "---:|" * len(STAGES)]
        for r in loops:
            e = r["edit_loop"]
            for name, v in e["edits"].items():
                lines.append(
                    f"| {r['shape']} | {r['articles']:,} | {name} | {v['cpu_s']:.1f} | "
                    f"{v['rendered']:,} of {e['pages']:,} | "
                    + " | ".join(f"{v['stages'].get(k, 0):.2f}" for k in STAGES) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+",
                        help=f"corpus sizes (default: {', '.join(map(str, SIZES))}, then the "
                        "limits case)")
    parser.add_argument("--limits", action="store_true",
                        help="the limits case (with --articles: as well; alone: only it)")
    parser.add_argument("--shape", nargs="+", choices=list(SHAPES), default=list(SHAPES),
                        help="the corpus: synthetic (light), seeds (the seeds' density); "
                        "both by default")
    parser.add_argument("--repeat", type=int, default=0,
                        help="runs of each measurement, the least CPU time counts "
                        "(default: 3 below 10,000 articles, else 1)")
    parser.add_argument("--serve", action="store_true", help="also time a `mkdocs serve` rebuild")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-out")
    parser.add_argument("--write-bare-docs", type=Path, nargs=2, metavar=("SEEDS", "DOCS"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write_bare_docs:
        write_bare_docs(*args.write_bare_docs)
        return
    args.out.mkdir(parents=True, exist_ok=True)
    host = machine()
    print(json.dumps(host, ensure_ascii=False))
    sizes = args.articles or ([] if args.limits else list(SIZES))
    results = [bench(args.out, n, shape, args.repeat or (3 if n < 10_000 else 1), args.serve)
               for shape in args.shape for n in sizes]
    limits = bench_limits(args.out) if args.limits or not args.articles else None
    host["load_average_end"] = [round(x, 1) for x in os.getloadavg()]
    (args.out / "bench.json").write_text(json.dumps(
        {"machine": host, "results": results, "limits": limits}, indent=1, ensure_ascii=False))
    text = markdown(results, host, limits)
    (args.out / "bench.md").write_text(text, encoding="utf-8")
    print("\n" + text)


if __name__ == "__main__":
    main()
