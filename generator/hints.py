"""Validate stage, helpers: what the annotator meant, for a wrong id, field, value or quote.

Everything here runs only when a problem is reported, is deterministic (ties go to the first in
sorted order), and does bounded work: a registry of 10,000 actors or an article of 5 MB costs a
linear pass, never a comparison with everything.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache

from .arabic import normalize

CUTOFF = 0.75  # difflib ratio: "abbas-araqchi"/"abbas-araghchi" 0.89; "iran"/"iraq" 0.75
_TIE = 0.02  # suggestions this close to the best are all shown: "irak" is as near "iran" as "iraq"
_SHORTLIST = 40  # keys compared in full, out of those sharing the most 3-grams with the query
_SEPARATORS = re.compile(r"[\s_.\-]+")


def fold(text: str) -> str:
    """How a name is compared: Arabic spelling folded, lowercase, `-` `_` `.` as spaces."""
    return _SEPARATORS.sub(" ", normalize(text)).strip()


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _best(query: str, keys: Iterable[tuple[str, str]], cutoff: float) -> list[str]:
    """Values of the (key, value) pairs whose key is nearest the query: the best, and any within
    _TIE of it, at most three."""
    scored: dict[str, float] = {}
    for key, value in keys:
        score = _ratio(query, key)
        if score >= cutoff and score > scored.get(value, 0.0):
            scored[value] = score
    ranked = sorted(scored.items(), key=lambda kv: (-kv[1], kv[0]))
    return [v for v, s in ranked[:3] if s >= ranked[0][1] - _TIE]


def did_you_mean(options: list[str], quote: str = '"') -> str:
    """'did you mean "x"?', 'did you mean "x" or "y"?'."""
    return "did you mean " + " or ".join(f"{quote}{o}{quote}" for o in options) + "?"


def nearest(value: str, options: Iterable[str], cutoff: float = 0.6) -> list[str]:
    """Options nearest in spelling to a mistyped field name or value ("sumary" -> "summary").

    Case, `-` and `_` do not count; an option the value starts with, or that starts with the value,
    counts as near ("arabic" -> "ar", "publish" -> "published")."""
    query = fold(value)
    if not query:
        return []
    pairs = [(fold(o), o) for o in sorted(set(options))]
    exact = [o for key, o in pairs if key == query]
    if exact:
        return exact[:1]
    near = _best(query, pairs, cutoff)
    if near:
        return near
    prefixed = [
        (key, o) for key, o in pairs
        if min(len(key), len(query)) >= 2 and (key.startswith(query) or query.startswith(key))
    ]
    return _best(query, prefixed, 0.0)[:1]


class IdHints:
    """The ids of a registry with the names people type for them (names and aliases, Arabic and
    Latin), to find the id meant by a misspelt one, or by a name typed where an id goes."""

    def __init__(self, entries: Iterable[tuple[str, Iterable[str]]]) -> None:
        self.names: dict[str, tuple[str, ...]] = {}
        for ident, names in entries:
            self.names.setdefault(ident, tuple(n for n in names if isinstance(n, str)))
        self._keys: dict[str, list[str]] | None = None  # folded name -> ids, built on first use
        self._grams: dict[str, list[str]] = {}

    @classmethod
    def of_items(cls, items: list[dict]) -> IdHints:
        """From registry entries as read: `name` or `label` {ar, en}, `aliases`
        {ar: […], en: […]}."""
        entries = []
        for item in items:
            names: list[str] = []
            for field in ("name", "label"):
                if isinstance(item.get(field), dict):
                    names += [v for v in item[field].values() if isinstance(v, str)]
            aliases = item.get("aliases")
            if isinstance(aliases, dict):
                for values in aliases.values():
                    names += values if isinstance(values, list) else []
            entries.append((item.get("id"), names))
        return cls((i, n) for i, n in entries if isinstance(i, str))

    def _index(self) -> dict[str, list[str]]:
        if self._keys is None:
            self._keys = {}
            for ident, names in self.names.items():
                for name in (ident, *names):
                    key = fold(name)
                    if key and ident not in self._keys.setdefault(key, []):
                        self._keys[key].append(ident)
            for key in self._keys:
                for gram in _grams(key):
                    self._grams.setdefault(gram, []).append(key)
        return self._keys

    def suggest(self, value: str, among: Collection[str] | None = None) -> list[str]:
        """Ids meant by value, nearest first (at most three); only ids in `among` when given."""
        query = fold(value)
        if not query:
            return []
        if among is not None:  # a few ids: an article's list. Compare with all their names.
            pairs = [(fold(n), i) for i in sorted(among) for n in (i, *self.names.get(i, ()))]
            exact = sorted({i for key, i in pairs if key == query})
            return exact[:3] or _best(query, pairs, CUTOFF)
        keys = self._index()
        if query in keys:  # a name or alias as written; two actors may share it
            return sorted(keys[query])[:3]
        counts = Counter(key for gram in set(_grams(query)) for key in self._grams.get(gram, ()))
        shortlist = sorted(counts, key=lambda k: (-counts[k], k))[:_SHORTLIST]
        return _best(query, ((k, i) for k in shortlist for i in keys[k]), CUTOFF)


def _grams(text: str) -> list[str]:
    padded = f" {text} "
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


@dataclass(frozen=True)
class Passage:
    """The part of an article text nearest to a quote that is not in it."""

    start: int  # character offsets into the text
    end: int
    quote_word: str  # the first words that differ: the quote has quote_word where the text has
    text_word: str  # text_word (either is "" where the quote adds or drops words)


_fold_word = lru_cache(maxsize=1 << 16)(fold)  # words repeat: most of a long text is cached
# Stripped from both ends of a word before comparing: quotes, brackets, punctuation, Arabic too.
_PUNCT = "\"'«»“”‘’„‹›()[]{}<>.,:;!?،؛؟…–—-_/\\|*#@&%+=~`^"


def closest_passage(quote: str, text: str) -> Passage | None:
    """The run of words of text that shares the most words with quote (spelling folded), or None
    when none shares half of them. Linear: one pass over the words, one over those of the quote."""
    quote_words = [w for w in (t.strip(_PUNCT) for t in quote.split()) if _fold_word(w)]
    need = Counter(_fold_word(w) for w in quote_words)
    size = len(quote_words)
    if not size:
        return None
    tokens = text.split()
    hits = [i for i, t in enumerate(tokens) if _fold_word(t.strip(_PUNCT)) in need]
    best, best_at = 0, -1
    have: Counter[str] = Counter()
    matched, end = 0, 0  # hits[j:end] lie in the window that starts at hits[j]
    for j, start in enumerate(hits):
        while end < len(hits) and hits[end] < start + size:
            word = _fold_word(tokens[hits[end]].strip(_PUNCT))
            matched += have[word] < need[word]
            have[word] += 1
            end += 1
        if matched > best:
            best, best_at = matched, start
        word = _fold_word(tokens[start].strip(_PUNCT))
        have[word] -= 1
        matched -= have[word] < need[word]
    if best * 2 < size:
        return None
    # Character offsets of the run: skip best_at words from the start, in one regex match.
    skip = r"\s*(?:\S+\s+){%d}" % best_at if best_at else r"\s*"
    begin = re.match(skip, text).end()
    run = tokens[best_at : best_at + size]
    stop = re.match(r"(?:\s*\S+){%d}" % len(run), text[begin:]).end() + begin
    begin += len(run[0]) - len(run[0].lstrip(_PUNCT))  # «"أمن … إيران".» shows as «أمن … إيران»
    stop -= len(run[-1]) - len(run[-1].rstrip(_PUNCT))
    text_words = [t.strip(_PUNCT) for t in run]
    ops = difflib.SequenceMatcher(None, quote_words, text_words, autojunk=False).get_opcodes()
    differ = next((op for op in ops if op[0] != "equal"), None)
    q_word = t_word = ""
    if differ:
        _, q1, q2, t1, t2 = differ
        q_word, t_word = " ".join(quote_words[q1:q2]), " ".join(text_words[t1:t2])
    return Passage(begin, stop, q_word, t_word)


def passage_note(quote: str, text: str, what: str = "the quote") -> str:
    """' (nearest, line 5: "…"; it has "إيران" where the quote has "سوريا")', or "" when no
    passage of the text is near the quote."""
    found = closest_passage(quote, text)
    if found is None:
        return ""
    shown = " ".join(text[found.start : found.end].split())
    if len(shown) > 120:
        shown = f"{shown[:60]} … {shown[-50:]}"
    line = text.count("\n", 0, found.start) + 1
    q, t = found.quote_word, found.text_word
    if q and t:
        differs = f'it has "{t}" where {what} has "{q}"'
    elif t:
        differs = f'it has "{t}", which {what} leaves out'
    elif q:
        differs = f'{what} adds "{q}"'
    else:
        differs = "they differ in punctuation or spacing"
    return f' (nearest, line {line}: "{shown}"; {differs})'
