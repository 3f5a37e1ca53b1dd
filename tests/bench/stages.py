"""The generator alone, stage by stage, in CPU seconds (not a test; run by tests/bench/run.py).

    python -m tests.bench.stages SEEDS_DIR [--repeat 3]

Calls the stages in the order generator/pipeline.py does and prints one JSON object: the least CPU
time of each stage over the repeats, the whole `pipeline.build` timed the same way (so a stage added
to the pipeline and missing here shows up as `other`), and this process's peak memory.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import time
from pathlib import Path
from typing import Any, Callable

from generator import pipeline
from generator.derive import derive_site
from generator.export import csv_files, json_files
from generator.feed import feed_files
from generator.load import load_corpus
from generator.network import derive_network
from generator.options import BuildOptions
from generator.render import render_site
from generator.search import build_search
from generator.validate import validate


def cpu() -> float:
    """CPU seconds of this process (user + system); the machine is shared, so never wall time."""
    return time.process_time()


def timed(fn: Callable[..., Any], *args: Any) -> tuple[Any, float]:
    """fn's CPU time with the cycle collector off, as pipeline.build runs its stages."""
    gc.collect()
    with pipeline.no_cycle_collection():
        start = cpu()
        result = fn(*args)
        return result, cpu() - start


def once(seeds: Path) -> dict[str, float]:
    options = BuildOptions(seeds_dir=seeds)
    t: dict[str, float] = {}
    raw, t["load"] = timed(load_corpus, seeds)
    corpus, t["validate"] = timed(validate, raw)
    site, t["derive"] = timed(derive_site, corpus)
    network, t["network"] = timed(derive_network, site)
    _, t["render"] = timed(render_site, site, options, network)
    _, t["exports"] = timed(lambda: csv_files(site, network, options)
                            + json_files(site, network, options))
    _, t["feeds"] = timed(feed_files, site, options)
    _, t["search"] = timed(build_search, site, options)
    _, t["pipeline"] = timed(pipeline.build, options)
    return t


def measure(seeds: Path, repeat: int) -> dict[str, Any]:
    runs = [once(seeds) for _ in range(repeat)]
    best = {stage: min(run[stage] for run in runs) for stage in runs[0]}
    staged = sum(v for k, v in best.items() if k != "pipeline")
    best["other"] = max(0.0, best["pipeline"] - staged)
    articles = len(list((seeds / "annotations").glob("*.yml")))
    return {
        "articles": articles,
        "cpu_s": best,
        "repeat": repeat,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seeds", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(measure(args.seeds, args.repeat)))


if __name__ == "__main__":
    main()
