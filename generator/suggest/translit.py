"""A suggested ASCII id for a new actor: a plain letter-by-letter transliteration of its Arabic
name (حزب العمال الكردستاني -> hizb-al-ummal-al-kurdistani is what a person would write; this gives
hzb-al-ammal-al-krdstani). Arabic script leaves short vowels out, so the id is always marked for
the annotator to check; one that does not come out as a valid id is left empty (TODO)."""

from __future__ import annotations

import re

_LETTERS = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ؤ": "u", "ئ": "i",
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "ع": "a", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "ة": "a", "ى": "a", "گ": "g", "چ": "ch", "پ": "p", "ژ": "zh", "ڤ": "v",
    "ک": "k", "ی": "i",
}
_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")


def _word(word: str) -> str:
    if word.startswith("ال") and len(word) > 3:
        return "al-" + _word(word[2:])
    out = []
    for k, ch in enumerate(word):
        if ch == "و":
            out.append("w" if k == 0 or word[k - 1] in "اأإآ" else "u")
        elif ch == "ي":
            nxt = word[k + 1] if k + 1 < len(word) else ""
            out.append("y" if k == 0 or (nxt and nxt in "اوى") else "i")
        elif ch in _LETTERS:
            out.append(_LETTERS[ch])
        elif ch.isascii() and ch.isalnum():
            out.append(ch.lower())
        else:
            out.append("-")
    return re.sub("(.)\\1+", r"\1", "".join(out))  # no doubled letters: ii, aa


def suggest_id(name: str, taken: set[str] = frozenset()) -> str:
    """A kebab-case id for an Arabic name, or "" when none comes out; never one in `taken`."""
    words = re.findall(r"[^\W_]+", _DIACRITICS.sub("", name))
    ident = re.sub(r"-+", "-", "-".join(_word(w) for w in words)).strip("-")[:60].strip("-")
    if not _ID.match(ident):
        return ""
    base, n = ident, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident
