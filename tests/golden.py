"""Golden output: a few representative pages and every export and the site feed of the seed
corpus, kept in tests/golden/ so that a change to a template or a stage shows in review as a diff.

    make golden        # rebuild tests/golden/ from the seeds, then review `git diff tests/golden`

tests/test_golden.py builds the same files and compares them with these.
"""

from __future__ import annotations

import gzip
import shutil
import sys
from pathlib import Path

from generator import paths
from generator.options import BuildOptions
from generator.pipeline import EXPORTS, FEEDS, PAGES, build

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
SEEDS = ROOT / "seeds"

# Pages of every kind, with something to show: the meeting two outlets reported (001 and 002),
# the actor and the theme it involves (a sub-theme, so its breadcrumbs show).
PAGES_KEPT = (
    paths.HOME, paths.TIMELINE, paths.ARTICLES, paths.ACTORS, paths.THEMES, paths.NETWORK,
    paths.DATA, paths.article("001_a0a0517b3fa354ea"), paths.actor("qasim-al-araji"),
    paths.theme("border-security"),
)
FILES_KEPT = (
    paths.EVENTS_CSV, paths.ARTICLES_CSV, paths.ACTORS_CSV, paths.THEMES_CSV, paths.TIES_CSV,
    paths.BRIEFING_JSON, paths.MAIN_FEED, paths.actor_feed("qasim-al-araji"),
)
# The timeline split into pages (page_items 10): its overview and the months of a busy year that
# hold the meeting (April to November 2024 share a page).
SPLIT_ITEMS = 10
SPLIT_KEPT = (paths.TIMELINE, paths.part(paths.TIMELINE_PARTS, "2024-04"))

SETS = {  # folder under tests/golden: (options, paths kept)
    "seeds": (BuildOptions(seeds_dir=SEEDS, site_name="موجز"), PAGES_KEPT + FILES_KEPT),
    "split": (BuildOptions(seeds_dir=SEEDS, site_name="موجز", page_items=SPLIT_ITEMS), SPLIT_KEPT),
}


def outputs() -> dict[str, bytes]:
    """Every golden file's expected bytes, by its path under tests/golden/."""
    found: dict[str, bytes] = {}
    for name, (options, kept) in SETS.items():
        result = build(options, frozenset({PAGES, EXPORTS, FEEDS}))
        made = {p.src_uri: p.content for p in result.pages}
        made |= {f.path: f.content for f in result.files}
        missing = sorted(set(kept) - set(made))
        if missing:
            raise SystemExit(f"tests/golden.py: the build made no {', '.join(missing)}")
        for path in kept:  # a gzipped export is kept unzipped, so that its diff can be read
            content = made[path]
            if path.endswith(".gz"):
                found[f"{name}/{path.removesuffix('.gz')}"] = gzip.decompress(content)
            else:
                found[f"{name}/{path}"] = content
    return found


def main() -> int:
    shutil.rmtree(GOLDEN, ignore_errors=True)
    for path, content in outputs().items():
        target = GOLDEN / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    print(f"wrote {len(outputs())} files under {GOLDEN.relative_to(ROOT)}/; review: git diff "
          f"{GOLDEN.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
