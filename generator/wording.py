"""Arabic UI wording the templates share: actor types, counted nouns, labels for derived fields."""

from __future__ import annotations

# Plural (index headings) and singular (an actor page) for each registry type.
ACTOR_TYPES = {
    "person": "أشخاص", "state": "دول", "government": "حكومات", "ministry": "وزارات",
    "security-body": "أجهزة أمنية", "armed-group": "جماعات مسلحة", "party": "أحزاب",
    "international-org": "منظمات دولية", "media": "وسائل إعلام", "group": "جماعات وفئات",
}
ACTOR_TYPE = {
    "person": "شخص", "state": "دولة", "government": "حكومة", "ministry": "وزارة",
    "security-body": "جهاز أمني", "armed-group": "جماعة مسلحة", "party": "حزب",
    "international-org": "منظمة دولية", "media": "وسيلة إعلام", "group": "جماعة أو فئة",
}

# What the sources of one event may disagree on (derive.TimelineEntry.differences).
DIFFERENCES = {"date": "التاريخ", "actors": "الفاعلين", "place": "المكان", "numbers": "الأرقام"}

# What ties two actors (network.Tie), strongest sign first; co-mention is the weakest.
TIE_KINDS = {
    "events": "أحداث مشتركة",
    "through": "أحداث عبر من يمثّلانه",
    "words": "أقوال أحدهما عن الآخر",
    "articles": "ذُكرا معاً في مقالات",
}

TIE_KINDS_SHORT = {
    "events": "أحداث",
    "through": "عبر جهاتهما",
    "words": "أقوال",
    "articles": "ذِكر معاً",
}

# Counted nouns: (one, two as subject, two as object, three to ten, eleven to ninety-nine,
# hundreds). Arabic number agreement: 1 and 2 are said by the noun alone (the dual changes with its
# place in the sentence), 3-10 take the plural, 11-99 the singular accusative, and round hundreds
# and thousands the plain singular.
NOUNS = {
    "article": ("مقال واحد", "مقالان", "مقالين", "مقالات", "مقالاً", "مقال"),
    "event": ("حدث واحد", "حدثان", "حدثين", "أحداث", "حدثاً", "حدث"),
    "actor": ("فاعل واحد", "فاعلان", "فاعلين", "فاعلين", "فاعلاً", "فاعل"),
    "theme": ("محور واحد", "محوران", "محورين", "محاور", "محوراً", "محور"),
    "page": ("صفحة واحدة", "صفحتان", "صفحتين", "صفحات", "صفحةً", "صفحة"),
    "source": ("مصدر واحد", "مصدران", "مصدرين", "مصادر", "مصدراً", "مصدر"),
    "outlet": ("وسيلة إعلام واحدة", "وسيلتا إعلام", "وسيلتي إعلام", "وسائل إعلام", "وسيلة إعلام",
               "وسيلة إعلام"),
}


def counted(n: int, noun: str, case: str = "subject") -> str:
    """"3 مقالات", "مقالان", "15 مقالاً": a number with its noun in the right Arabic form.

    case is "subject" or "object" (also after a preposition); only the dual differs.
    """
    one, two, two_object, few, many, hundreds = NOUNS[noun]
    if n == 0:
        return f"0 {few}"
    if n == 1:
        return one
    if n == 2:
        return two_object if case == "object" else two
    rest = n % 100
    if 3 <= rest <= 10:
        return f"{n} {few}"
    if 11 <= rest <= 99:
        return f"{n} {many}"
    return f"{n} {hundreds}"  # 100, 101, 102, 1000 …


def cut_at_word(text: str, limit: int) -> str:
    """Whitespace collapsed and, past `limit` characters, the text cut at a word with "…"."""
    words = " ".join(str(text).split())
    if len(words) <= limit:
        return words
    cut = words[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"
