"""The benchmark's synthetic corpus: valid in the real format, deterministic, shaped as promised."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from generator.load import load_corpus
from generator.validate import validate

from .bench.corpus import THEMES, write_corpus
from .bench.limits import measure, write_limits
from .bench.seed_corpus import write_seed_corpus
from .conftest import SEEDS
from .test_build import tree


def test_synthetic_corpus_is_valid_and_deterministic(tmp_path: Path) -> None:
    first = write_corpus(tmp_path / "a", 20)
    again = write_corpus(tmp_path / "b", 20)
    assert tree(first) == tree(again)  # same N, same seed: same bytes

    corpus = validate(load_corpus(first))  # raises ValidationFailed with every problem otherwise
    assert len(corpus.articles) == 20
    assert len(corpus.actors) == 20 and len(corpus.themes) == THEMES
    events = [e for a in corpus.articles.values() for e in a.events]
    assert 2.5 <= len(events) / 20 <= 3.5
    reports = Counter(e.id for e in events)
    shared = [n for n in reports.values() if n > 1]
    assert shared and max(shared) <= 4  # a few reports of some events, not hundreds
    states = Counter(a.id for article in corpus.articles.values() for a in article.actors)
    assert states.most_common(1)[0][1] >= 10  # a busy actor, as Iran is in the seeds
    assert any(a.quotes for a in corpus.articles.values())
    assert any(e.date.precision == "month" for e in events)
    named = [e for e in events if e.themes is not None]
    assert 0.6 <= len(named) / len(events) < 1  # most events name their themes, not all
    assert all(
        e.themes and set(e.themes) <= set(corpus.articles[e.article_id].themes) for e in named
    )


def test_limits_case_is_valid_and_finds_what_it_prints(tmp_path: Path) -> None:
    """The benchmark's limits case at a small size: valid, deterministic, every name sharing its
    first two words, every form in the text, and the measured steps find the mentions."""
    first = write_limits(tmp_path / "a", registry_bytes=40_000, text_bytes=60_000, forms=400)
    again = write_limits(tmp_path / "b", registry_bytes=40_000, text_bytes=60_000, forms=400)
    assert tree(first) == tree(again)
    corpus = validate(load_corpus(first))  # every form occurs, else ValidationFailed
    names = [n for a in corpus.actors.values() for n in (a.name_ar, *a.aliases_ar)]
    assert len(names) > 1000 and {tuple(n.split()[:2]) for n in names} == {("قاسم", "محمد")}
    (article,) = corpus.articles.values()
    assert sum(len(a.forms) for a in article.actors) == 400
    figures = measure(first)
    assert figures["forms"] == 400 and figures["aliases"] == len(names)
    # The article names every annotated actor and, in passing, some others.
    assert figures["entities"] > len(article.actors) + len(corpus.actors)
    assert figures["warnings"] > 0 and figures["draft_lines"] > len(article.actors)
def test_seed_density_corpus_is_valid_deterministic_and_as_dense_as_the_seeds(
    tmp_path: Path,
) -> None:
    first = write_seed_corpus(tmp_path / "a", 120)
    assert tree(first) == tree(write_seed_corpus(tmp_path / "b", 120))
    corpus = validate(load_corpus(first))
    seeds = validate(load_corpus(SEEDS))

    def per_article(c, field: str) -> float:
        return sum(len(getattr(a, field)) for a in c.articles.values()) / len(c.articles)

    for field in ("actors", "events", "quotes", "claims", "text"):  # within a fifth of the seeds'
        assert 0.8 <= per_article(corpus, field) / per_article(seeds, field) <= 1.2, field
    yaml_bytes = [p.stat().st_size for p in (first / "annotations").glob("*.yml")]
    seed_bytes = [p.stat().st_size for p in (SEEDS / "annotations").glob("*.yml")]
    assert 0.8 <= sum(yaml_bytes) / len(yaml_bytes) / (sum(seed_bytes) / len(seed_bytes)) <= 1.2
    # Hub events: the busiest is cited by about 5 % of the articles, far more than any other kind.
    reports = Counter(e.id for a in corpus.articles.values() for e in a.events)
    hub, cited = reports.most_common(1)[0]
    assert hub.startswith("background-") and cited >= 0.04 * len(corpus.articles)
