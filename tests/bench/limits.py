"""A corpus at the documented limits (seeds/FORMAT.md), for the benchmark (not a test).

    python -m tests.bench.limits OUT                      # write the limits case
    python -m tests.bench.limits OUT --registry-bytes 316000 --text-bytes 300000 --forms 0
    python -m tests.bench.limits --measure SEEDS          # CPU seconds of each step, as JSON

`make bench` (tests/bench/run.py) writes it, times validate, the search documents, lint and new
on it (`--measure`, in a child process) and a whole `mkdocs build`.

One article and the registries, each as large as validation accepts, shaped for the worst case of
name matching:
- actors.yml just under 2,000,000 bytes: every Arabic name and alias has three words and all share
  the first two ("قاسم محمد …"), about 65,000 of them (120 per actor);
- the article text just under 5,000,000 bytes, in paragraphs of about 600 characters: the two
  shared words over and over, followed by a registry name's third word (a mention) or not;
- its annotation lists 500 actors with 50 forms each (25,000 forms, the schema's maximum), every
  form printed once, at the end of the text; one in ten occurs only after normalisation (the text
  prints a diacritic).

Deterministic: the same arguments write the same bytes.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import shutil
import time
from pathlib import Path
from typing import Any

from generator import pipeline
from generator.derive import derive_site
from generator.lint import lint
from generator.load import load_corpus
from generator.search.documents import search_documents
from generator.suggest.draft import make_draft, render_draft
from generator.suggest.registry import registries_of
from generator.validate import validate
from generator.yamlio import MAX_TEXT_BYTES, MAX_YAML_BYTES

FIRST, SECOND = "قاسم", "محمد"  # the words every name begins with
# Third words: four letters, none a clitic or alif (so no rule strips a letter from them).
LETTERS = "ثجحخدذرزسشصضطظعغقمنهي"
ALIASES_PER_ACTOR = 120  # 500 actors or more fit, each with its 50 forms
FORMS_PER_ACTOR = 50
ANNOTATED_ACTORS = 500
STEM = "limits"


def third(k: int) -> str:
    """The k-th distinct four-letter word (two disjoint ranges: names, and words no name has)."""
    out = ""
    for _ in range(4):
        k, d = divmod(k, len(LETTERS))
        out += LETTERS[d]
    return out


def write_registry(path: Path, limit: int, per_actor: int = ALIASES_PER_ACTOR) -> list[list[str]]:
    """Actors with `per_actor` three-word names each, up to `limit` bytes; their names."""
    lines = ["actors:"]
    size = len(b"actors:\n")
    actors: list[list[str]] = []
    k = 0
    while True:
        n = len(actors)
        aliases = [f"{FIRST} {SECOND} {third(k + j)}" for j in range(per_actor)]
        entry = [
            f'  - id: "actor-{n}"',
            '    type: "person"',
            f'    name: {{ar: "{aliases[0]}", en: "Actor {n}"}}',
            "    aliases:",
            "      ar: [" + ", ".join(f'"{a}"' for a in aliases[1:]) + "]",
            f'    description: {{ar: "شخصية رقم {n}", en: "Person {n}"}}',
        ]
        block = "".join(line + "\n" for line in entry)
        if size + len(block.encode()) > limit:
            break
        lines += entry
        size += len(block.encode())
        actors.append(aliases)
        k += per_actor
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return actors


def write_themes(path: Path) -> None:
    path.write_text(
        'themes:\n  - id: "limits"\n    label: {ar: "الحدود", en: "Limits"}\n'
        '    description: {ar: "حالة الحدود", en: "The limits case"}\n',
        encoding="utf-8",
    )


def write_article(
    target: Path, actors: list[list[str]], limit: int, forms: int, rng: random.Random
) -> None:
    """The text and its annotation. The forms are printed once each, at the end of the text (the
    old check scanned the whole text for each); before them, the shared words followed by names
    of actors the annotation does not list (one in twenty) or by words no name has."""
    chosen = actors[: min(ANNOTATED_ACTORS, len(actors), -(-forms // FORMS_PER_ACTOR))]
    printed: list[str] = []
    annotated: list[tuple[int, list[str]]] = []
    left = forms
    for n, aliases in enumerate(chosen):
        mine = aliases[: min(FORMS_PER_ACTOR, left)]
        left -= len(mine)
        annotated.append((n, mine))
        for j, alias in enumerate(mine):
            # One in ten printed with a diacritic: the form matches only after normalisation.
            printed.append(alias + "\u064e" if j % 10 == 9 else alias)
    others = actors[len(chosen) :] or actors
    nonames = 10 * sum(map(len, actors))  # third words beyond every name's

    def paragraph(queue: list[str] | None) -> str:
        words: list[str] = []
        while len(" ".join(words)) < 600 and (queue is None or queue):
            if queue:
                words.append(queue.pop())
            elif rng.random() < 0.05:
                words.append(rng.choice(rng.choice(others)))  # a mention
            else:
                words.append(f"{FIRST} {SECOND} {third(nonames + rng.randrange(50_000))}")
            words.append(rng.choice(("قال", "وأضاف", "في", "إن", "مع", "بعد")))
        return " ".join(words) + "."

    queue = printed[::-1]
    tail: list[str] = []
    while queue:
        tail.append(paragraph(queue))
    title = f"{FIRST} {SECOND} في حالة الحدود"
    size = len((title + "\n\n").encode()) + sum(len((t + "\n\n").encode()) for t in tail)
    assert size <= limit, "the text limit is too small for the forms"
    paragraphs: list[str] = []
    while True:
        text = paragraph(None)
        if size + len((text + "\n\n").encode()) > limit:
            break
        paragraphs.append(text)
        size += len((text + "\n\n").encode())
    paragraphs += tail
    (target / "articles" / f"{STEM}.txt").write_text(
        title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
    )
    lines = [
        f'title: "{title}"', 'outlet: ""', 'url: ""', 'language: "ar"', 'published: "2024-11-10"',
        'published_basis: "printed"', 'summary: "حالة الحدود."', 'themes: ["limits"]', "actors:",
    ]
    for n, mine in annotated:
        lines += [f'  - id: "actor-{n}"', '    role: "مذكور"',
                  "    forms: [" + ", ".join(f'"{f}"' for f in mine) + "]"]
    if not annotated:
        lines[-1] = "actors: []"
    (target / "annotations" / f"{STEM}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_limits(
    target: Path,
    registry_bytes: int = MAX_YAML_BYTES - 1000,
    text_bytes: int = MAX_TEXT_BYTES - 1000,
    forms: int = ANNOTATED_ACTORS * FORMS_PER_ACTOR,
    per_actor: int = ALIASES_PER_ACTOR,
    seed: int = 1,
) -> Path:
    if target.exists():
        shutil.rmtree(target)
    (target / "articles").mkdir(parents=True)
    (target / "annotations").mkdir()
    actors = write_registry(target / "actors.yml", registry_bytes, per_actor)
    write_themes(target / "themes.yml")
    write_article(target, actors, text_bytes, forms, random.Random(seed))
    return target


def measure(seeds: Path) -> dict[str, Any]:
    """CPU seconds of each step on one corpus: validate (load included), the search documents,
    lint, and new (the draft for the corpus's first article, as `briefing new --stdout` makes it);
    with what they found, so a run that found nothing shows."""
    t: dict[str, float] = {}

    def timed(step: str, fn: Any, *args: Any) -> Any:
        gc.collect()
        with pipeline.no_cycle_collection():
            start = time.process_time()
            result = fn(*args)
            t[step] = t.get(step, 0.0) + time.process_time() - start
        return result

    raw = timed("validate", load_corpus, seeds)
    corpus = timed("validate", validate, raw)
    site = derive_site(corpus)
    docs = timed("search_documents", search_documents, site)
    warnings = timed("lint", lint, corpus, raw)
    article = sorted((seeds / "articles").glob("*.txt"))[0]

    def new() -> str:
        registries = registries_of(raw)
        text = article.read_text(encoding="utf-8")
        draft = make_draft(article.stem, text, registries.actors, registries.themes)
        return render_draft(draft, seeds / "annotations" / f"{article.stem}.yml", article.name)

    draft = timed("new", new)
    return {
        "cpu_s": t,
        "registry_bytes": (seeds / "actors.yml").stat().st_size,
        "aliases": sum(len(a.aliases_ar) + 1 for a in corpus.actors.values()),
        "text_bytes": max(p.stat().st_size for p in (seeds / "articles").glob("*.txt")),
        "forms": sum(len(a.forms) for art in corpus.articles.values() for a in art.actors),
        "entities": sum(len(d.entities) for d in docs),
        "warnings": len(warnings),
        "draft_lines": draft.count("\n"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="where to write the corpus (the corpus to measure)")
    parser.add_argument("--measure", action="store_true", help="time the steps on OUT instead")
    parser.add_argument("--registry-bytes", type=int, default=MAX_YAML_BYTES - 1000)
    parser.add_argument("--text-bytes", type=int, default=MAX_TEXT_BYTES - 1000)
    parser.add_argument("--forms", type=int, default=ANNOTATED_ACTORS * FORMS_PER_ACTOR)
    parser.add_argument("--names-per-actor", type=int, default=ALIASES_PER_ACTOR)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.out)))
        return
    out = write_limits(args.out, args.registry_bytes, args.text_bytes, args.forms,
                       args.names_per_actor)
    for path in sorted(out.rglob("*.*")):
        print(f"{path.relative_to(out)}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
