"""Related articles (generator/related.py): shared events first, then shared actors, the rarer the
stronger; nothing when nothing is shared; bounded candidates."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path

import pytest

from generator import related as related_module
from generator.derive import _newest_first, derive_site
from generator.edtf import parse_edtf
from generator.load import load_corpus
from generator.validate import validate

from .conftest import SEEDS
from .synthetic import write_corpus


def test_the_two_reports_of_the_tehran_visit_are_each_others_first_related() -> None:
    site = derive_site(validate(load_corpus(SEEDS)))
    first = site.related["001_a0a0517b3fa354ea"][0]
    assert first.article_id == "002_e6e950931b988b2a"
    assert "2024-11-10-araji-araghchi-tehran" in first.events
    back = site.related["002_e6e950931b988b2a"][0]
    assert back.article_id == "001_a0a0517b3fa354ea"
    for items in site.related.values():  # events before actors, each list at most SHOWN long
        keys = [len(r.events) for r in items]
        assert keys == sorted(keys, reverse=True) and len(items) <= related_module.SHOWN


def test_an_article_sharing_nothing_lists_nothing(corpus_copy: Path) -> None:
    a2 = corpus_copy / "annotations" / "a2.yml"
    text = a2.read_text(encoding="utf-8")
    corpus = validate(load_corpus(corpus_copy))
    site = derive_site(corpus)
    named = {a: {m.id for m in corpus.articles[a].actors} for a in ("a1", "a2")}
    shared = named["a1"] & named["a2"]
    assert shared and site.related["a2"]  # the test corpus' two articles share actors
    assert text  # and an article alone in the corpus has nothing related
    (corpus_copy / "annotations" / "a1.yml").unlink()
    (corpus_copy / "articles" / "a1.txt").unlink()
    alone = derive_site(validate(load_corpus(corpus_copy)))
    assert alone.related["a2"] == ()


def test_a_hub_event_does_not_make_every_article_a_candidate(tmp_path: Path, monkeypatch) -> None:
    """300 articles, one background event cited by all: each article looks at a bounded number of
    others, not at the 299."""
    seeds = write_corpus(tmp_path / "seeds", 300)
    for path in (seeds / "annotations").glob("*.yml"):  # every article reports one hub event
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r'id: "event-\d+"', 'id: "hub-event"', text, count=1),
                        encoding="utf-8")
    corpus = validate(load_corpus(seeds))
    site = derive_site(corpus)
    assert len(site.events["hub-event"].reports) == 300
    looked: list[int] = []
    related_module.related_articles(corpus, list(site.articles_newest), looked)
    bound = (related_module.CANDIDATES_PER_KEY + 1) * (related_module.RARE_ACTORS + 10)
    assert len(looked) == 300 and max(looked) < bound, max(looked)
    assert max(looked) < 299  # not every other article


@pytest.mark.parametrize("seed", range(3))
def test_related_lists_updated_from_the_last_build_equal_lists_made_again(
        tmp_path: Path, seed: int) -> None:
    """related_update (what `mkdocs serve` runs) after random moved dates, changed events and
    actors, articles added, removed and swapped for others: equal to related_articles from
    scratch (each step from the last one's state, so moved weights' bounds add up)."""
    corpus = validate(load_corpus(write_corpus(tmp_path / "seeds", 160)))
    rng = random.Random(seed)
    newest = _newest_first(corpus.articles.values())
    related, kept = related_module.related_update(corpus, newest, None)
    reweighed = 0
    for step in range(40):
        articles = dict(corpus.articles)
        kind = rng.choice(["date", "date", "actors", "events", "swap", "summary", "add",
                           "remove"])
        for _ in range(rng.choice([1, 1, 2])):
            article_id = rng.choice(sorted(articles))
            article = articles[article_id]
            if kind == "date":
                y, m, d = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
                day = rng.choice([f"{y}-{m:02d}-{d:02d}", f"{y}-{m:02d}", f"{y}"])
                articles[article_id] = replace(article, published=parse_edtf(day))
            elif kind == "actors":
                actors = list(article.actors)
                rng.shuffle(actors)
                articles[article_id] = replace(article,
                                               actors=tuple(actors[:rng.randint(0, len(actors))]))
            elif kind == "events":
                other = articles[rng.choice(sorted(articles))]
                articles[article_id] = replace(article, events=(*other.events[:2],
                                                                *article.events[1:]))
            elif kind == "swap":  # one article gone, another come: the count stays
                del articles[article_id]
                new_id = f"zz{step}"
                articles[new_id] = replace(articles[rng.choice(sorted(articles))], id=new_id)
            elif kind == "add":  # a copy of another: the article count and rarities change
                new_id = f"zy{step}{len(articles)}"
                articles[new_id] = replace(article, id=new_id)
            elif kind == "remove":
                del articles[article_id]
            else:
                articles[article_id] = replace(article, summary="ملخص آخر")
        corpus = replace(corpus, articles=articles)
        newest = _newest_first(corpus.articles.values())
        last = kept
        related, kept = related_module.related_update(corpus, newest, last)
        whole = related_module.related_articles(corpus, newest)
        assert related == whole and list(related) == list(whole), (step, kind)
        if related is last.related:
            assert whole == last.related
        reweighed += len(corpus.articles) - sum(
            kept.candidates[a] is last.candidates.get(a) for a in corpus.articles)
    assert reweighed < 40 * len(corpus.articles) / 2  # most lists were not weighed again
