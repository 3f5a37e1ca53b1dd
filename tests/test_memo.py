"""memo.Memo: values made again only when their inputs differ, the same objects otherwise."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from generator.derive import derive_site
from generator.load import load_corpus
from generator.memo import Ids, Memo
from generator.network import derive_network
from generator.validate import validate

from .synthetic import write_corpus


def test_a_value_is_made_again_only_when_its_inputs_differ() -> None:
    memo, calls = Memo(), []

    def make(n: int) -> list[int]:
        calls.append(n)
        return [n]

    memo.start()
    first = memo.get("a", (1, "x"), lambda: make(1))
    memo.done()
    memo.start()
    assert memo.get("a", (1, "x"), lambda: make(2)) is first and calls == [1]
    assert memo.found == 1 and memo.made == 0 and memo.remade == []
    memo.done()
    memo.start()
    assert memo.get("a", (2, "x"), lambda: make(3)) == [3] and calls == [1, 3]
    assert memo.remade == ["a"]
    memo.done()


def test_an_equal_value_made_again_is_the_kept_object() -> None:
    memo = Memo()
    memo.start()
    first = memo.get("a", (1,), lambda: (1, 2))
    memo.done()
    memo.start()
    again = memo.get("a", (2,), lambda: tuple([1, 2]))  # equal, another object
    assert again is first
    assert memo.same("b", (3, 4)) == (3, 4)
    memo.done()


def test_a_failed_build_leaves_the_last_kept_values() -> None:
    memo = Memo()
    memo.start()
    first = memo.get("a", (1,), lambda: [1])
    memo.done()
    memo.start()
    memo.get("a", (2,), lambda: [2])  # this build fails: no done()
    memo.start()
    assert memo.get("a", (1,), lambda: [3]) is first


def test_ids_compare_items_by_identity() -> None:
    a, b = [1], [1]
    assert Ids([a, "x"]) == Ids([a, "x"])
    assert Ids([a]) != Ids([b]) and (a,) == (b,)
    assert Ids([a]) != Ids([a, a])
    memo = Memo()
    memo.start()
    memo.get("k", (Ids([a]),), lambda: 1)
    memo.done()
    memo.start()
    assert memo.get("k", (Ids([b]),), lambda: 2) == 2  # an equal, other object: made again
    memo.done()


def test_keep_carries_an_unused_value_into_the_next_build() -> None:
    memo = Memo()
    memo.start()
    first = memo.get("inner", (1,), lambda: [1])
    memo.done()
    memo.start()
    memo.keep("inner")  # not asked for by this build
    memo.done()
    memo.start()
    assert memo.get("inner", (1,), lambda: [2]) is first
    memo.done()
    memo.start()  # neither asked for nor kept: dropped
    memo.done()
    memo.start()
    assert memo.get("inner", (1,), lambda: [3]) == [3]


@pytest.mark.parametrize("seed", range(2))
def test_network_updated_from_the_last_counts_equals_the_network_counted_again(
        tmp_path: Path, seed: int) -> None:
    """derive_network with a memo (the last build's counts, the pairs of changed articles and
    entries taken out and added) after random edits, additions and removals: equal to the
    network counted from scratch, and the last build's Network object when no tie changed."""
    corpus = validate(load_corpus(write_corpus(tmp_path / "seeds", 80)))
    rng, memo = random.Random(seed), Memo()
    memo.start()
    derive_network(derive_site(corpus, memo=memo), memo)
    memo.done()
    same = 0
    for step in range(25):
        articles = dict(corpus.articles)
        article_id = rng.choice(sorted(articles))
        kind = rng.choice(["actors", "claims", "add", "remove", "summary"])
        article = articles[article_id]
        if kind == "actors":  # fewer actors: its events, quotes and claims lose theirs too
            articles[article_id] = replace(article, actors=article.actors[:1], events=(),
                                           quotes=(), claims=())
        elif kind == "claims":
            articles[article_id] = replace(article, claims=article.claims[:1], quotes=())
        elif kind == "add":
            new_id = f"zz{step}"
            articles[new_id] = replace(article, id=new_id, events=tuple(
                replace(e, article_id=new_id) for e in article.events))
        elif kind == "remove" and len(articles) > 2:
            del articles[article_id]
        else:
            articles[article_id] = replace(article, summary="ملخص آخر")
        corpus = replace(corpus, articles=articles)
        memo.start()
        before = memo.kept("network counts")
        site = derive_site(corpus, memo=memo)
        network = derive_network(site, memo)
        memo.done()
        assert network == derive_network(site), (step, kind)
        assert list(network.neighbours) == list(derive_network(site).neighbours)
        same += network is before[1].network  # type: ignore[index]
    assert same  # a summary edit, at least, left the network as it was
