"""Arabic text: normalisation for matching, and scrape-noise removal for display (raw files
untouched)."""

from __future__ import annotations

import re
import unicodedata

# Marks and invisible characters dropped for matching: tashkeel, tatweel, joiners and direction
# marks, and what copy-paste brings into a name unseen (soft hyphen, combining grapheme joiner,
# zero-width space, word joiner, byte-order mark): "قاسم" with one inside is still "قاسم".
_TASHKEEL = re.compile(
    "[\u064b-\u065f\u0670\u0640\u200b-\u200f\u061c\u00ad\u034f\u2060\ufeff]")
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
    """Fold spelling variants for matching only (never for display): hamza/alef, ى/ي, ة/ه,
    tashkeel, digits."""
    text = unicodedata.normalize("NFKC", text)
    text = _TASHKEEL.sub("", text).translate(_FOLD)
    return _SPACE.sub(" ", text).strip().lower()


def fold_space(text: str) -> str:
    """Collapse whitespace and unify quotation marks, for checking that a quote occurs verbatim."""
    text = text.replace("“", '"').replace("”", '"').replace("«", '"').replace("»", '"')
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


# Lines a scraper left behind: navigation links, photo captions, comment widgets, bylines in
# English.
_NOISE_LINE = re.compile(
    r"^(skip to (main )?content|nocomment|no comments?|posted on.*|.*\bcaption|share( this)?:?|"
    r"advertisement|إعلان|شارك(ها)?|print)$",
    re.IGNORECASE,
)
# A related-links block: a heading like "اقرأ المزيد", then the list lines under it.
_RELATED_HEAD = re.compile(
    r"^(اقرأ|إقرأ|اقرا) (المزيد|أيضا|أيضاً|ايضا)[:：]?$"
    r"|^(مواضيع|أخبار) ذات صلة[:：]?$"
)
_LIST_LINE = re.compile(r"^[-–•*]\s")


# Chromium lays out one paragraph in time that grows faster than its length (measured: 50,000
# characters of Arabic in 0.4 s, 400,000 in over 30 s; the same 200,000 in pieces of 2,000-5,000
# in 0.6 s): a longer paragraph is shown in pieces, cut after a sentence where one ends.
PARAGRAPH_CHARS = 3000
_SENTENCE_END = re.compile(r"[.!?؟۔]\s")
# Unicode noncharacters are no text: dropped from what is shown (the raw file is left as it is).
_NONCHARACTER = re.compile("[\ufdd0-\ufdef\ufffe\uffff" + "".join(
    chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(1, 17)) + "]")
# A quick test for them first: a class of ranges is scanned six times faster than the exact set.
_MAYBE_NONCHARACTER = re.compile("[\ufdd0-\ufdef\ufffe\uffff\U0001fffe-\U0010ffff]")


def pieces(paragraph: str, limit: int = PARAGRAPH_CHARS) -> list[str]:
    """A paragraph cut into pieces of at most `limit` characters: after the last sentence end
    before the limit, else the last space, else at the limit."""
    out = []
    while len(paragraph) > limit:
        head = paragraph[:limit]
        ends = [m.end() for m in _SENTENCE_END.finditer(head)]
        cut = ends[-1] if ends and ends[-1] > limit // 2 else head.rfind(" ") + 1 or limit
        out.append(paragraph[:cut].strip())
        paragraph = paragraph[cut:].lstrip()
    return out + [paragraph] if paragraph else out


def display_paragraphs(text: str, title: str = "") -> list[str]:
    """Paragraphs to show: scrape noise removed, the repeated title line dropped, long paragraphs
    in pieces, noncharacters dropped; the raw text is never changed."""
    if _MAYBE_NONCHARACTER.search(text):
        text = _NONCHARACTER.sub("", text)
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
    if any(len(line) > PARAGRAPH_CHARS for line in out):
        out = [piece for line in out for piece in pieces(line)]
    return out
