"""Likely new organisations: the words after a head noun such as حزب، وزارة، وكالة، هيئة، مجلس،
قوات، كتائب، قناة، صحيفة («حزب العمال الكردستاني», «وكالة مهر للأنباء», «وكالة «تسنيم»»).

A name runs from the head over the words that complete it and stops at punctuation, a particle,
a conjunction, a date word or a verb-like word; a trailing descriptor (المعارض، التابعة،
الموالية) is dropped. A head with nothing but an adjective after it ("حزب كردي", "الحزب الحاكم")
is a description, not a name. Heuristic: suggestions for the annotator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..arabic import normalize
from .actors import COMMON_WORDS
from .text import FoldedText, Token


def _f(*words: str) -> set[str]:
    return {normalize(w) for w in words}


# Head nouns (folded, without the article) and the actor type they suggest.
HEADS = {
    **dict.fromkeys(_f("حزب", "حركة", "تيار", "ائتلاف", "تحالف", "كتلة", "جبهة", "اتحاد"), "party"),
    normalize("وزارة"): "ministry",
    **dict.fromkeys(
        _f("هيئة", "مجلس", "رئاسة", "حكومة", "مكتب", "مديرية", "دائرة", "محكمة", "برلمان"),
        "government",
    ),
    normalize("مستشارية"): "security-body",
    **dict.fromkeys(_f("كتائب", "سرايا", "عصائب", "فصيل", "جماعة"), "armed-group"),
    **dict.fromkeys(_f("قوات", "جهاز", "فيلق", "قيادة", "شرطة", "جيش", "حرس"), "security-body"),
    **dict.fromkeys(_f("منظمة", "مركز", "مؤسسة", "جمعية", "شركة", "جامعة", "معهد"), "group"),
    **dict.fromkeys(
        _f("وكالة", "قناة", "صحيفة", "جريدة", "مجلة", "موقع", "تلفزيون", "إذاعة", "شبكة", "منصة"),
        "media",
    ),
}
# Heads that also name places or things ("موقع الحادث", "منصة الإطلاق"): only a proper name after
# them (موقع أكسيوس), not a definite word.
_PROPER_ONLY = _f("موقع", "منصة", "شبكة")
# With the article, most heads point back to one named before ("الحزب", "الوزارة"); these make a
# name with words after them. Institutions may take a nationality alone (الجيش العراقي); the
# others need more ("الحزب الكردي" is a description, "الحزب الديمقراطي الكردستاني" a name).
_DEFINITE_INSTITUTIONS = _f("برلمان", "جيش", "حرس")
_DEFINITE_CATEGORIES = _f(
    "حزب", "حركة", "تيار", "ائتلاف", "تحالف", "اتحاد", "جبهة", "مجلس", "منظمة", "جهاز", "هيئة"
)
_NATIONAL = _f(
    "العراقي", "العراقية", "الإيراني", "الإيرانية", "الكردي", "الكردية", "الكوردي", "الكوردية",
    "الأمريكي", "الأمريكية", "الأميركي", "الأميركية", "الإسرائيلي", "الإسرائيلية", "السوري",
    "السورية", "اللبناني", "اللبنانية", "التركي", "التركية", "السعودي", "السعودية", "العربي",
    "العربية", "الروسي", "الروسية", "الصيني", "الصينية", "البريطاني", "البريطانية", "الفرنسي",
    "الفرنسية", "الأوروبي", "الأوروبية", "الإسلامي", "الإسلامية", "الدولي", "الدولية",
)
# Dropped from the end of a name: they describe it.
_DESCRIPTORS = _f(
    "المعارض", "المعارضة", "المسلح", "المسلحة", "التابع", "التابعة", "الموالي", "الموالية",
    "المدعوم", "المدعومة", "المقرب", "المقربة", "الحاكم", "الأخير", "الأخيرة", "السابق",
    "السابقة", "الجديد", "الجديدة", "المذكور", "المذكورة", "المحظور", "المحظورة", "المنحل",
    "المنحلة", "الحالي", "الحالية", "نفسه", "نفسها", "الإخباري", "الإخبارية",
)
# Words that end a name: particles, relative pronouns, date words, verbs of saying.
_STOP = COMMON_WORDS | _f(
    "الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "على", "إلى", "عن", "في", "من",
    "اليوم", "أمس", "الجاري", "الماضي", "المقبل", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء",
    "الخميس", "الجمعة", "السبت", "صباح", "مساء", "بيان", "بيانا", "تصريح", "أيضا", "نحو",
)
_OPEN = "«\"“'‹"
_CLOSE = "»\"”'›"
_TASHKEEL = re.compile("[\u064b-\u065f\u0670\u0640]")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
MAX_WORDS = 7  # after the head


@dataclass(frozen=True)
class OrgName:
    """A likely name of an organisation, as printed, and how it was found."""

    name: str  # for the registry: the head as a word (للحزب -> الحزب), then the rest as printed
    form: str  # as printed in the text (a substring of it)
    start: int  # raw offsets of the form
    end: int
    line: int
    type: str
    head: str  # the head word as printed, for the comment
    rest_start: int  # raw offset of the words after the head


class _Tokens:
    def __init__(self, text: FoldedText) -> None:
        self.raw = text.raw
        self.tokens: list[Token] = text.tokens()

    def printed(self, i: int) -> str:
        t = self.tokens[i]
        return _TASHKEEL.sub("", self.raw[t.start : t.end])

    def gap(self, i: int) -> str:
        """What stands between token i - 1 and token i."""
        return self.raw[self.tokens[i - 1].end : self.tokens[i].start] if i else ""

    def joined(self, i: int) -> bool:
        g = self.gap(i)
        return bool(g) and not g.strip() and "\n" not in g


def _head(word: str) -> tuple[str, int, bool] | None:
    """(head, clitic letters before it, definite) of a folded word, or None."""
    for cut in (0, 1, 2):
        if cut == 1 and word[:1] not in "وفبلك":
            continue
        if cut == 2 and word[:2] not in ("وب", "ول", "فب", "فل", "وك", "لل"):
            continue
        rest = word[cut:]
        if cut == 2 and word[:2] == "لل":  # لل + word: ل + ال
            if rest in HEADS:
                return rest, 1, True
            continue
        if rest in HEADS:
            return rest, cut, False
        if rest.startswith("ال") and rest[2:] in HEADS:
            return rest[2:], cut, True
    return None


def _definite(p: str) -> bool:
    return p.startswith("ال") or (p.startswith("لل") and len(p) > 3)


_ADJECTIVES = _f(
    "معارض", "معارضة", "مسلح", "مسلحة", "موال", "موالية", "تابع", "تابعة", "جديد", "جديدة",
    "كبير", "كبيرة", "صغير", "بارز", "آخر", "أخرى", "واحد", "عدة",
)


def _construct(p: str) -> bool:
    """ل + an indefinite word: لرئيس."""
    return p.startswith("ل") and not _definite(p)


def _is_nisba(p: str) -> bool:
    """A definite adjective of relation as printed: الكردستاني، الإيرانية (not الأعلى)."""
    return p.startswith(("ال", "لل")) and p.endswith(("ي", "ية", "يه", "يين", "يون"))


def _adjective_like(p: str) -> bool:
    """An indefinite word that most likely describes (كردي، إيرانية، مسلحة، معارض)."""
    f = normalize(p)
    return f.endswith(("ي", "يه", "يين", "يون", "ه")) or f in _ADJECTIVES


def _name_words(tk: _Tokens, i: int, head: str, definite: bool) -> tuple[list[int], bool]:
    """Indices of the words after the head at i that complete the name, and whether they were
    quoted (وكالة «تسنيم»)."""
    n = len(tk.tokens)
    if i + 1 < n and tk.gap(i + 1).strip() in tuple(_OPEN) and "\n" not in tk.gap(i + 1):
        for k in range(i + 1, min(n, i + 5)):
            after = tk.raw[tk.tokens[k].end : tk.tokens[k + 1].start] if k + 1 < n else ""
            if k > i + 1 and not tk.joined(k):
                break
            if after.strip()[:1] in _CLOSE and after.strip():
                return list(range(i + 1, k + 1)), True
        return [], False
    words: list[int] = []
    j = i + 1
    nisba = False  # a definite adjective like الكردستاني was taken: only such adjectives follow
    while j < n and len(words) < MAX_WORDS and tk.joined(j):
        p = tk.printed(j)
        w = normalize(p)
        if not (_ARABIC_WORD.fullmatch(p) or (head in HEADS and _LATIN_WORD.fullmatch(p))):
            break
        if (
            w in _STOP
            or w in _ADJECTIVES
            or (len(w) > 3 and w[0] in "وف" and normalize(p[1:]) in _STOP)
        ):
            break
        if p.startswith(("وال", "بال", "فال", "كال")):
            break  # "and the …", "with the …": the name has ended
        if _definite(p):
            if (head in _PROPER_ONLY and not words) or (nisba and not _is_nisba(p)) or len(p) < 4:
                break
            nisba = nisba or _is_nisba(p)
            words.append(j)
        elif definite or p.startswith("و"):
            break  # الحزب استهدف: a definite head takes definite words only; و: "and …"
        elif p.startswith("ل") and len(p) > 3:
            if not words:
                break  # تحالف لقتال: a purpose, not a name
            words.append(j)  # a construct with ل: المكتب الإعلامي لرئيس الوزراء
        elif (words and normalize(tk.printed(words[-1]))[:1] == "ل") or not any(
            _definite(tk.printed(k)) for k in words
        ):
            # A proper name (شفق نيوز، كومله) or a construct (مجلس محافظة البصرة); an adjective
            # only when a definite word follows it (وزارة شؤون البيشمركة).
            if _adjective_like(p) and not (
                j + 1 < n and tk.joined(j + 1) and _definite(tk.printed(j + 1))
            ):
                break
            if sum(not _definite(tk.printed(k)) for k in words) >= 3:
                break
            words.append(j)
        else:
            break
        j += 1
    proper = bool(words) and not _definite(tk.printed(words[0]))
    while words:
        last = tk.printed(words[-1])
        constructs = [k for k in words[:-1] if _construct(tk.printed(k))]
        if (
            normalize(last) in _DESCRIPTORS
            or _construct(last)
            or (constructs and not _definite(last))  # لتمرير قانون: no definite word ends it
            or (proper and normalize(last) in _NATIONAL)  # وكالة مهر الإيرانية: a description
        ):
            words.pop()
        else:
            break
    if definite and words:
        if head not in _DEFINITE_INSTITUTIONS | _DEFINITE_CATEGORIES:
            return [], False
        if head in _DEFINITE_CATEGORIES and all(
            normalize(tk.printed(k)) in _NATIONAL for k in words
        ):
            return [], False
    return words, False


def find_orgs(text: FoldedText) -> list[OrgName]:
    """Every likely organisation name after a head noun, in text order (overlaps resolved: the
    first head wins)."""
    tk = _Tokens(text)
    found: list[OrgName] = []
    end_of_last = -1
    for i, tok in enumerate(tk.tokens):
        if tok.start < end_of_last:
            continue
        h = _head(tok.folded)
        if h is None:
            continue
        head, cut, definite = h
        words, quoted = _name_words(tk, i, head, definite)
        if not words:
            continue
        printed_head = tk.printed(i)
        start = tok.start
        if cut and not (definite and normalize(printed_head).startswith(("لل", "ولل", "فلل"))):
            start = _after_letters(tk.raw, tok.start, cut)
        head_word = tk.raw[start : tok.end]
        if definite and normalize(head_word).startswith("لل"):
            head_word = "ال" + _TASHKEEL.sub("", head_word)[2:]
        last = tk.tokens[words[-1]]
        if quoted:
            inner = tk.raw[tk.tokens[words[0]].start : last.end]
            name, form, fstart = f"{_TASHKEEL.sub('', head_word)} {inner}", inner, tk.tokens[
                words[0]
            ].start
        else:
            rest = tk.raw[tok.end : last.end]
            name, form, fstart = f"{head_word}{rest}", tk.raw[start : last.end], start
        kind = HEADS[head]
        if head == normalize("وكالة") and not (
            quoted
            or not _definite(tk.printed(words[0]))
            or any(normalize(tk.printed(k)) in _f("للأنباء", "الأنباء") for k in words)
        ):
            kind = "group"  # وكالة الطاقة الذرية: not an outlet
        found.append(
            OrgName(
                re.sub(r"\s+", " ", name).strip(),
                form,
                fstart,
                last.end,
                text.line_of(fstart),
                kind,
                printed_head,
                tk.tokens[words[0]].start,
            )
        )
        end_of_last = last.end
    return found


def _after_letters(raw: str, start: int, letters: int) -> int:
    while letters and start < len(raw):
        if normalize(raw[start]):
            letters -= 1
        start += 1
    while start < len(raw) and _TASHKEEL.match(raw[start]):
        start += 1
    return start
