"""Search analyzer: the words of a text and the index keys of each word (mirrored by the browser).

The same rules run in Python (index) and in `briefing-search.js` (query); the tables below are
written into the index metadata so the browser reads them instead of keeping a second copy, and a
browser test checks that both sides give the same keys for every word of the seed corpus.

Design (see docs/developers/search.md):
- `fold` unifies spelling variants: hamza/alef forms, ى/ي, ة/ه, Persian letters, diacritics,
  tatweel, Arabic-Indic digits, case and Latin accents.
- A text word is indexed under several keys (generous): with the article and its clitic combinations
  stripped, with a single clitic letter stripped (و ف ب ك ل), with plural and pronoun suffixes
  stripped.
- A query word gets one or two keys (conservative): only the article combinations and plural endings
  are stripped, so a typed word never turns into a shorter, different word.
- Every stripped form keeps at least 3 letters; nothing is ever matched by prefix.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache

# Removed before matching: bidi/zero-width controls, tatweel, apostrophes (marks: by category).
IGNORABLE = "\u0640\u200b\u200c\u200d\u200e\u200f\u061c\u2066\u2067\u2068\u2069\ufeff'’ʼʾʿ"
FOLD = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ئ": "ي",
    "ک": "ك",
    "ی": "ي",
    "ے": "ي",
    "ہ": "ه",
    "ە": "ه",
    "ۀ": "ه",
    "پ": "ب",
    "چ": "ج",
    "ژ": "ز",
    "گ": "ك",
    "ڤ": "ف",
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
}
_FOLD_TABLE = str.maketrans(FOLD)

# The definite article with the conjunctions and prepositions that attach before it (longest first).
ARTICLES = ("وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال")
CLITICS = "وفبكل"  # single attached letters: and, so, with/in, like, for
CLITIC_PAIRS = ("وب", "وك", "ول", "فب", "فك", "فل")
PRONOUNS = ("هما", "ها", "هم")  # attached pronouns stripped from text words: حدودها -> حدود
MIN_STEM = 3

# Function words: indexed per page only (no positions), ignored in multi-word queries.
STOP_WORDS = frozenset(
    """
في من علي الي عن ان او ام ثم قد لا لم لن ما مع هذا هذه ذلك تلك هو هي هم التي الذي الذين كل
بين بعد قبل حتي اذا الا غير بعض اي له لها لهم فيه فيها منه منها عليه عليها كما كان كانت عند منذ
ضد عبر خلال حيث و يا
""".split()
)

_APOSTROPHES = "'’ʼʾʿ"


def _ranges(codepoints: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for c in codepoints:
        if out and out[-1][1] == c - 1:
            out[-1] = (out[-1][0], c)
        else:
            out.append((c, c))
    return out


def _mark_class() -> str:
    """A regex class of every combining mark in the BMP (JavaScript's \\p{M}, as far as needed)."""
    marks = [c for c in range(0x300, 0x10000) if unicodedata.category(chr(c)).startswith("M")]
    return "".join(
        re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b != a else "") for a, b in _ranges(marks)
    )


_W = rf"[\w{_mark_class()}]"
# A word: letters, digits, underscore and marks, with apostrophes allowed inside (Kata'ib).
# The browser: /[\p{L}\p{N}\p{M}_]+(?:['’ʼʾʿ][\p{L}\p{N}\p{M}_]+)*/u (WORD, briefing-search.js).
WORD = re.compile(rf"{_W}+(?:[{_APOSTROPHES}]{_W}+)*")
_ARABIC = re.compile("[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff]")
_STRIP = re.compile(f"[{re.escape(IGNORABLE)}]")


def words(text: str) -> list[str]:
    """The words of a text, in order (punctuation and spaces dropped)."""
    return WORD.findall(text)


# Hamza on a yeh seat before waw is the Egyptian spelling of hamza on waw: مسئول = مسؤول.
SEAT_FOLD = {"ئو": "ؤو"}
TANWEEN = "\u064b"  # fathatan: عسكرياً is also indexed as عسكري


def _clean(word: str) -> str:
    """Lower case, hamza seats unified, marks and invisible characters removed; letters unfolded."""
    text = unicodedata.normalize("NFC", word.lower())
    for seat, common in SEAT_FOLD.items():
        text = text.replace(seat, common)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.category(c).startswith("M"))
    return _STRIP.sub("", text)


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """One spelling for all variants of a word; for matching only, never for display."""
    return _clean(word).translate(_FOLD_TABLE)


def is_arabic(folded: str) -> bool:
    return bool(_ARABIC.match(folded))


def strip_article(folded: str, min_rest: int = MIN_STEM) -> str:
    """Remove ال and its combinations (وال بال لل وبال …), again while one starts the rest."""
    word = folded
    changed = True
    while changed:
        changed = False
        for prefix in ARTICLES:
            if word.startswith(prefix) and len(word) - len(prefix) >= min_rest:
                word = word[len(prefix) :]
                changed = True
                break
    return word


def _plural(base: str) -> set[str]:
    """Sound plural endings: -ات gives the stem and the singular in ة (مسيرات -> مسير, مسيره)."""
    if base.endswith("ات"):
        stem = base[:-2]
        return {s for s in (stem, stem + "ه") if len(s) >= MIN_STEM}
    if base.endswith(("ون", "ين")) and len(base) - 2 >= MIN_STEM:
        return {base[:-2]}
    return set()


def _suffix_keys(base: str, ending: str, tanween: bool) -> set[str]:
    """A base and its forms without plural and pronoun endings. `ending` is the last letter as
    written: a final ه is "his/its" (أمنه -> امن), a final ة only loses its ه after ي (عسكرية ->
    عسكري), so منطقة never turns into منطق. `tanween` drops the alif of an accusative ending marked
    in the text (اتفاقاً -> اتفاق), never an unmarked one (مهما stays)."""
    keys = {base} | _plural(base)
    for pronoun in PRONOUNS:
        if base.endswith(pronoun) and len(base) - len(pronoun) >= MIN_STEM:
            bare = base[: -len(pronoun)]
            keys |= {bare} | _plural(bare)
            break
    if tanween and base.endswith("ا") and len(base) - 1 >= MIN_STEM:
        keys.add(base[:-1])
    if (
        base.endswith("ه")
        and len(base) - 1 >= MIN_STEM
        and (ending == "ه" or (ending == "ة" and base.endswith("يه")))
    ):
        keys.add(base[:-1])
    return keys


@lru_cache(maxsize=200_000)
def index_keys(word: str) -> frozenset[str]:
    """Every key a text word is indexed under."""
    clean = _clean(word)
    folded = clean.translate(_FOLD_TABLE)
    if not is_arabic(folded):
        return frozenset((folded,)) if folded else frozenset()
    ending, tanween = clean[-1], TANWEEN in word
    main = strip_article(folded)
    keys = _suffix_keys(main, ending, tanween)
    short = strip_article(
        folded, 2
    )  # الحق -> حق: two-letter words after the article, index side only
    if short != main:
        keys.add(short)
    # After a stripped clitic letter no final ه or ة is dropped: وزارة is not و + زار, and بادية is
    # not ب + أدى.
    ending = ""
    if folded[0] in CLITICS and len(folded) - 1 >= MIN_STEM:
        keys |= _suffix_keys(strip_article(folded[1:]), ending, tanween)
    if folded[:2] in CLITIC_PAIRS and len(folded) - 2 >= MIN_STEM:
        keys |= _suffix_keys(strip_article(folded[2:]), ending, tanween)
    return frozenset(keys)


@lru_cache(maxsize=200_000)
def base_keys(word: str) -> frozenset[str]:
    """The keys of a text word without suffix handling: used to find actor aliases in texts."""
    folded = fold(word)
    if not is_arabic(folded):
        return frozenset((folded,))
    keys = {strip_article(folded)}
    if folded[0] in CLITICS and len(folded) - 1 >= MIN_STEM:
        keys.add(strip_article(folded[1:]))
    return frozenset(keys)


def primary_key(word: str) -> str:
    """The one key of a typed word used to recognise aliases: folded, article stripped."""
    folded = fold(word)
    return strip_article(folded) if is_arabic(folded) else folded


def query_keys(word: str) -> tuple[str, ...]:
    """The keys of a typed word (any of them matches): the primary key, or its plural stems."""
    key = primary_key(word)
    if not is_arabic(key):
        return (key,)
    plural = _plural(key)
    return tuple(sorted(plural)) if plural else (key,)


@lru_cache(maxsize=100_000)  # every name and alias, each build (index._meta, alias_patterns)
def alias_key(text: str) -> str:
    """The form of a name or alias used to recognise it in a query: primary keys joined by spaces.
    A Latin "al"/"el" article (al-Sudani) is dropped so "Sudani" and "al-Sudani" are one alias."""
    keys = [primary_key(w) for w in words(text)]
    return " ".join(k for k in keys if k and k not in ("al", "el"))


def tables() -> dict:
    """The rule tables the browser analyzer reads (one source of truth)."""
    return {
        "fold": FOLD,
        "seatFold": SEAT_FOLD,
        "tanween": TANWEEN,
        "ignorable": IGNORABLE,
        "articles": list(ARTICLES),
        "clitics": CLITICS,
        "pairs": list(CLITIC_PAIRS),
        "pronouns": list(PRONOUNS),
        "minStem": MIN_STEM,
        "stop": sorted(STOP_WORDS),
    }


if __name__ == "__main__":  # python -m generator.search.analyze WORD...: show the keys of words
    for w in sys.argv[1:]:
        print(w, fold(w), sorted(index_keys(w)), query_keys(w))
