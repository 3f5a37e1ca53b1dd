"""memo.Memo: values made again only when their inputs differ, the same objects otherwise."""

from __future__ import annotations

from generator.memo import Ids, Memo


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
