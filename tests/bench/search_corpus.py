"""A simple synthetic corpus for the search benchmark: N articles made of seed text sentences.

Deterministic (fixed seed): the same N gives the same files. Titles and summaries are seed
sentences, the body is ~860 words of shuffled seed sentences, the publication date is a day between
2019 and 2026, and the actors are the registry actors whose Arabic name occurs in the text. The
registries are the seeds'.
Kept deliberately small; a fuller corpus generator for the scale benchmark may replace it.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from datetime import date, timedelta
from pathlib import Path

from generator.arabic import display_paragraphs, normalize
from generator.search.analyze import words
from generator.yamlio import load_yaml

SEED = 20261126
WORDS_PER_ARTICLE = 860
_SENTENCE_END = re.compile(r"(?<=[.!؟?])\s+|\n+")


def seed_sentences(seeds: Path) -> list[str]:
    """Every sentence of the seed articles with at least 6 words, in file order."""
    out = []
    for path in sorted((seeds / "articles").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for paragraph in display_paragraphs(text):
            out += [s.strip() for s in _SENTENCE_END.split(paragraph) if len(words(s)) >= 6]
    return out


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a quoted YAML string


def make_corpus(target: Path, count: int, seeds: Path) -> Path:
    """Write `count` articles with annotations into target (articles/, annotations/, registries)."""
    rng = random.Random(SEED)
    sentences = seed_sentences(seeds)
    actors = load_yaml(seeds / "actors.yml").data["actors"]
    themes = [t["id"] for t in load_yaml(seeds / "themes.yml").data["themes"]]
    names = [(a["id"], a["name"]["ar"], normalize(a["name"]["ar"])) for a in actors]
    if target.exists():
        shutil.rmtree(target)
    (target / "articles").mkdir(parents=True)
    (target / "annotations").mkdir()
    for name in ("actors.yml", "themes.yml"):
        shutil.copy(seeds / name, target / name)
    first = date(2019, 1, 1)
    for n in range(count):
        title = " ".join(words(rng.choice(sentences))[:12])
        body, size = [], 0
        while size < WORDS_PER_ARTICLE:
            paragraph = " ".join(rng.sample(sentences, 3))
            body.append(paragraph)
            size += len(words(paragraph))
        text = title + "\n\n" + "\n".join(body)
        normal = normalize(text)
        named = [(i, ar) for i, ar, norm in names if norm in normal][:12]
        stem = f"{n:05d}_{rng.getrandbits(64):016x}"
        (target / "articles" / f"{stem}.txt").write_text(text, encoding="utf-8")
        lines = [
            f"title: {_q(title)}",
            'outlet: ""',
            'url: ""',
            'language: "ar"',
            f'published: "{(first + timedelta(days=rng.randrange(2900))).isoformat()}"',
            'published_basis: "printed"',
            f"summary: {_q(rng.choice(sentences))}",
            f"themes: {json.dumps(sorted(rng.sample(themes, rng.randint(1, 3))))}",
            "actors:" if named else "actors: []",
            *(f'  - {{id: "{i}", role: "مذكور", forms: [{_q(ar)}]}}' for i, ar in named),
        ]
        (target / "annotations" / f"{stem}.yml").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )
    return target
