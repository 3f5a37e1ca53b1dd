"""Registry names the text prints a little differently: a word more («المكتب الإعلامي لرئيس مجلس
الوزراء» for the alias «المكتب الإعلامي لرئيس الوزراء»), a word less, or a word with another
article, clitic or ending (الإيراني/الإيرانية). Each is a suggestion that says what differs; it is
never taken as a mention.

Linear in the text: names of 2 to MAX_WORDS words go into a trie of word keys (the name, and the
name less one word); each text position walks it for at most MAX_WORDS + 1 words, with at most one
extra text word skipped, so a position costs O(MAX_WORDS²) steps however many names there are.
A trie node keeps one name (the first by id) and a count, never a list walked per occurrence.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..arabic import normalize
from .actors import COMMON_WORDS, Mention, _words
from .text import FoldedText

MAX_WORDS = 8
_PRINTED = re.compile(r"(?:[^\W_]|[\u064b-\u065f\u0670\u0640])+")  # as actors._words splits
MAX_LIVE = 8  # partial matches followed at once from one position


@lru_cache(maxsize=65536)
def key(word: str) -> str:
    """A folded word without the article: الحكومة and حكومة -> حكومه, للأمن -> امن. Endings stay:
    "الخارجية الإيراني" (the minister's title) is not "الخارجية الإيرانية" (the ministry)."""
    if word.startswith(("ال", "لل")) and len(word) > 4:
        return word[2:]
    return word


@lru_cache(maxsize=65536)
def text_keys(word: str) -> tuple[str, ...]:
    """The keys a text word may stand for: itself, or without a clitic (وللمكتب، بالمكتب)."""
    out = [key(word)]
    if len(word) > 3 and word[0] in "وفبلك":
        out.append(key(word[1:]))
    if len(word) > 4 and word[:2] in ("وب", "ول", "فب", "فل", "وك"):
        out.append(key(word[2:]))
    return tuple(dict.fromkeys(out))


@dataclass(frozen=True)
class NearMiss:
    term_id: str
    form: str  # as printed
    start: int
    end: int
    line: int
    name: str  # the registry name or alias it nearly is
    differs: str  # what differs, in English, for the comment


class _Node:
    """A trie node; `whole` ends a name, `less` a name less one word (one entry each: the first by
    id, and how many names end here)."""

    __slots__ = ("children", "whole", "less", "count")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.whole: tuple[str, str, int] | None = None  # term id, name, -1
        self.less: tuple[str, str, int] | None = None  # term id, name, the word left out
        self.count = 0

    def entry(self, extra: int) -> tuple[str, str, int] | None:
        """At most one difference: with an extra text word, only a whole name ends here."""
        return self.whole if extra >= 0 else self.whole or self.less


class NearMatcher:
    """Near misses of registry names: built once per registry, run on each text."""

    def __init__(self, names: list[tuple[str, str]]) -> None:
        self._root = _Node()
        for term_id, name in sorted(names):
            words = _words(name)
            if not 2 <= len(words) <= MAX_WORDS:
                continue
            keys = tuple(key(w) for w in words)
            self._add(keys, (term_id, name, -1))
            if len(words) >= 3:
                for k in range(len(words)):
                    rest = keys[:k] + keys[k + 1 :]
                    if any(w not in COMMON_WORDS for w in words[:k] + words[k + 1 :]):
                        self._add(rest, (term_id, name, k))

    def _add(self, keys: tuple[str, ...], entry: tuple[str, str, int]) -> None:
        node = self._root
        for k in keys:
            node = node.children.setdefault(k, _Node())
        node.count += 1
        if entry[2] < 0 and node.whole is None:
            node.whole = entry
        elif entry[2] >= 0 and node.less is None:
            node.less = entry

    def find(self, text: FoldedText, exact: list[Mention]) -> list[NearMiss]:
        """Near misses in text order, none overlapping an exact mention of the same actor or lying
        inside any exact mention."""
        tokens = text.tokens()
        raw = text.raw
        n = len(tokens)
        joined = [
            i > 0
            and not raw[tokens[i - 1].end : tokens[i].start].strip()
            and "\n" not in raw[tokens[i - 1].end : tokens[i].start]
            for i in range(n)
        ]
        root = self._root
        found: list[NearMiss] = []
        i = 0
        while i < n:
            best = None  # (end index, extra word index or -1, node)
            firsts = [root.children[k] for k in text_keys(tokens[i].folded) if k in root.children]
            # (trie node, index of the extra text word or -1, whether that word was the last read)
            live = [(node, -1, False) for node in firsts]
            j = i + 1
            while live and j <= n:
                for node, extra, skipping in live:
                    if node.entry(extra) is not None and not skipping:
                        cand = (j, extra, node)
                        if best is None or j > best[0] or (j == best[0] and extra < 0 <= best[1]):
                            best = cand
                if j == n or not joined[j] or j - i > MAX_WORDS:
                    break
                nxt = []
                keys = text_keys(tokens[j].folded)
                for node, extra, _ in live:
                    for k in keys:
                        child = node.children.get(k)
                        if child is not None:
                            nxt.append((child, extra, False))
                    if extra < 0 and j + 1 < n and joined[j + 1]:
                        nxt.append((node, j, True))  # token j is a word the name does not have
                live = nxt[:MAX_LIVE]
                j += 1
            if best is not None:
                miss = self._judge(text, tokens, i, best, joined)
                if miss is not None:
                    found.append(miss)
                    i = best[0]
                    continue
            i += 1
        return _clean(found, exact)

    def _judge(self, text, tokens, i, best, joined) -> NearMiss | None:  # noqa: ANN001
        end, extra, node = best
        term_id, name, left_out = node.entry(extra)
        raw = text.raw
        words = _words(name)
        span = [t.folded for k, t in enumerate(tokens[i:end], start=i) if k != extra]
        if extra < 0 and left_out < 0 and span == list(words):
            return None  # the name itself: the exact matcher's
        if extra < 0 and left_out < 0:
            differs = "the same words with another article, clitic or ending"
        elif extra >= 0:
            more = raw[tokens[extra].start : tokens[extra].end]
            differs = f'one word more than "{name}": "{more}"'
        else:
            # A word left out at the edge counts only where the name cannot go on in the text:
            # "وزارة الخارجية العراقية" is not "وزارة الخارجية الإيرانية" less a word.
            if left_out == len(words) - 1 and end < len(tokens) and joined[end]:
                if tokens[end].folded.startswith("ال"):
                    return None
            if left_out == 0 and i > 0 and joined[i]:
                return None  # the missing first word may be any word before
            missing = [w for w in _PRINTED.findall(name) if normalize(w)][left_out]
            differs = f'one word less than "{name}": "{missing}" is missing'
        if node.count > 1:
            differs += f" (and {node.count - 1} other registry name(s) alike)"
        start = tokens[i].start
        first = tokens[i].folded
        # Without a clitic the matcher stripped (والمكتب -> المكتب), as forms must occur in the
        # text.
        matched = [w for k, w in enumerate(words) if k != left_out]
        if key(first) != key(matched[0]) and len(first) > 3 and first[0] in "وفبلك":
            start = _skip_one(raw, start)
        return NearMiss(term_id, raw[start : tokens[end - 1].end], start, tokens[end - 1].end,
                        text.line_of(start), name, differs)


def _skip_one(raw: str, start: int) -> int:
    start += 1
    while start < len(raw) and not normalize(raw[start]) and not raw[start].isspace():
        start += 1
    return start


def _clean(found: list[NearMiss], exact: list[Mention]) -> list[NearMiss]:
    """Drop near misses inside an exact mention or overlapping one of the same actor. Mentions do
    not overlap one another, so those overlapping a near miss are a short run found by bisection."""
    spans = sorted((m.start, m.end, m.term_id) for m in exact)
    ends = [b for _, b, _ in spans]
    out = []
    for miss in found:
        k = bisect.bisect_right(ends, miss.start)
        keep = True
        while k < len(spans) and spans[k][0] < miss.end:
            a, b, term = spans[k]
            if (a <= miss.start and miss.end <= b) or term == miss.term_id:
                keep = False
                break
            k += 1
        if keep:
            out.append(miss)
    return out
