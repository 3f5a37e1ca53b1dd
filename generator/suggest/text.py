"""A folded copy of an article text that remembers where each folded character came from.

Matching runs on the folded text (generator.arabic.normalize, per character); what is shown to the
annotator is always the raw text as printed, so every match maps back to a raw span and a line.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..arabic import normalize

# A word: letters and digits, with the diacritics and tatweel that may sit inside it.
_WORD = re.compile(r"(?:[^\W_]|[\u064b-\u065f\u0670\u0640])+")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    return " " if ch.isspace() else normalize(ch)


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return normalize(word)  # a long text repeats its words: each is folded once


@dataclass(frozen=True)
class Token:
    folded: str
    start: int  # raw offsets
    end: int


class FoldedText:
    """`folded` is the normalised text; `raw_start[i]`, `raw_end[i]` locate its char i in `raw`."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        parts: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for i, ch in enumerate(raw):
            out = _fold_char(ch)
            for piece in out:
                parts.append(piece)
                starts.append(i)
                ends.append(i + 1)
        self.folded = "".join(parts)
        self.raw_start = starts
        self.raw_end = ends
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        self._tokens: list[Token] | None = None

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw offsets of the folded slice [start, end)."""
        return self.raw_start[start], self.raw_end[end - 1]

    def phrase(self, start: int, end: int) -> str:
        """The raw text of a folded slice, as printed (trimmed)."""
        a, b = self.raw_span(start, end)
        return self.raw[a:b].strip()

    def line_of(self, raw_offset: int) -> int:
        return bisect.bisect_right(self._line_starts, raw_offset)

    def tokens(self) -> list[Token]:
        """Words of the raw text with their folded form (for multi-word matching); made once."""
        if self._tokens is None:
            self._tokens = []
            for m in _WORD.finditer(self.raw):
                folded = _fold_word(m.group())
                if folded:
                    self._tokens.append(Token(folded, m.start(), m.end()))
        return self._tokens

    def sentence_around(self, raw_start: int, raw_end: int) -> tuple[int, int]:
        """Raw bounds of the sentence (or line) holding a span: between . ! ? ؟ or line ends."""
        left = max(self.raw.rfind(c, 0, raw_start) for c in ".!?؟\n")
        rights = [i for i in (self.raw.find(c, raw_end) for c in ".!?؟\n") if i != -1]
        return left + 1, min(rights) if rights else len(self.raw)
