"""Arabic text: normalisation for matching, and scrape-noise removal for display (raw files untouched)."""

from __future__ import annotations

import re
import unicodedata

_TASHKEEL = re.compile("[\u064b-\u065f\u0670\u0640\u200c\u200d\u200e\u200f\u061c]")
_FOLD = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
        "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
        "ک": "ك", "ی": "ي", "ے": "ي", "ہ": "ه",
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Fold spelling variants for matching only (never for display): hamza/alef, ى/ي, ة/ه, tashkeel, digits."""
    text = unicodedata.normalize("NFKC", text)
    text = _TASHKEEL.sub("", text).translate(_FOLD)
    return _SPACE.sub(" ", text).strip().lower()


def fold_space(text: str) -> str:
    """Collapse whitespace and unify quotation marks, for checking that a quote occurs verbatim."""
    text = text.replace("“", '"').replace("”", '"').replace("«", '"').replace("»", '"')
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


# Lines a scraper left behind: navigation links, photo captions, comment widgets, bylines in English.
_NOISE_LINE = re.compile(
    r"^(skip to (main )?content|nocomment|no comments?|posted on.*|.*\bcaption|share( this)?:?|"
    r"advertisement|إعلان|شارك(ها)?|print)$",
    re.IGNORECASE,
)
# A related-links block: a heading like "اقرأ المزيد", then the list lines under it.
_RELATED_HEAD = re.compile(r"^(اقرأ|إقرأ|اقرا) (المزيد|أيضا|أيضاً|ايضا)[:：]?$|^(مواضيع|أخبار) ذات صلة[:：]?$")
_LIST_LINE = re.compile(r"^[-–•*]\s")


def display_paragraphs(text: str, title: str = "") -> list[str]:
    """Paragraphs to show: scrape noise removed, the repeated title line dropped, raw text unchanged."""
    lines = [line.strip() for line in text.split("\n")]
    out: list[str] = []
    in_related = False
    for line in lines:
        if in_related:
            if _LIST_LINE.match(line) or not line:
                continue
            in_related = False
        if not line:
            continue
        if _RELATED_HEAD.match(line):
            in_related = True
            continue
        if _NOISE_LINE.match(line):
            continue
        out.append(line)
    if out and title and normalize(out[0]) == normalize(title):
        out = out[1:]
    return out
