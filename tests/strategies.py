"""Hypothesis strategies for whole seeds folders that are valid by construction (seeds/FORMAT.md,
generator/schema/*.schema.json), and the writer that puts one on disk.

A corpus shares one small vocabulary between the registry (names, aliases) and the article texts,
so names are found in texts (search, lint, `briefing new`). Texts mix Arabic words (hamza forms,
diacritics, tatweel, ZWNJ), Latin words, digits of three scripts, punctuation, date phrases,
characters whose NFKC or case folding changes their length, markup-looking tokens and, now and
then, any printable Unicode character. Forms and quotes are copied from the text, as an annotator
copies them. What the format refuses by design is never drawn: control characters, Unicode
noncharacters, lone surrogates, bidi embeddings and isolates.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from generator import paths
from generator.validate import _RESERVED as WINDOWS_NAMES
from generator.validate import MAX_CHAIN, MAX_THEME_DEPTH

# Limits of the schemas (annotation/actors/themes.schema.json).
LINE_MAX = 500  # $defs.line: names, titles, roles, forms, places
TEXT_MAX = 10_000  # $defs.text: summary, descriptions of events, quotes, claims
OUTLET_MAX = 200
ID_MAX = 80
EVENT_ID_MAX = 120
TYPES = ("person", "state", "government", "ministry", "security-body", "armed-group", "party",
         "international-org", "media", "group")
RESERVED = {*paths.RESERVED_IDS, paths.ARTICLE_INDEX_STEM, *WINDOWS_NAMES}

# Every token is text an analyst may meet in a scraped Arabic article.
ARABIC = (
    "العراق", "إيران", "الأعرجي", "الاعرجي", "عراقجي", "الحدود", "الأمن", "القومي", "مستشار",
    "وزير", "الخارجية", "بغداد", "طهران", "الحكومة", "فصائل", "المقاومة", "مؤتمر", "هيئة",
    "رئيس", "إسرائيل", "اسرائيل", "الولايات", "المتحدة", "مصطفى", "موسى", "ترمب", "ترامب",
    "الْعِرَاقُ", "العـــراق", "مسؤول", "شؤون", "رئيسة", "ی", "ک", "گفت", "نمی‌شود",
    "حزب", "الله", "ﷲ", "لا", "ﻻ", "كان", "في", "من", "إلى", "على", "و", "بال", "لل",
)
LATIN = ("Iraq", "Iran", "al-Araji", "Araghchi", "IRGC", "Reuters", "U.S.", "Ali", "Kataib",
         "İstanbul", "Straße", "ﬁnal", "ΣΊΣΥΦΟΣ", "naïve", "Ａｂｃ")
NUMBERS = ("3", "2024", "1,500", "2.5", "١٠", "٢٠٢٤", "۱۴۰۳", "٣٬٥٠٠", "10%", "0", "9999")
DATES = ("10 نوفمبر 2024", "الأحد", "الثلاثاء الماضي", "كانون الأول", "تشرين الثاني",
         "الجاري", "الشهر المقبل", "مطلع العام", "28 ديسمبر/ كانون الأول", "20 آب 2022",
         "أمس", "اليوم", "1446 هـ", "2024-11-10", "11/10/2024")
PUNCT = ("،", "؛", "؟", ".", ",", "!", ":", "«", "»", '"', "'", "(", ")", "[", "]", "-", "—",
         "/", "…", "“", "”", "٪", "ـ")
# Markup-looking text: HTML, entities, Markdown, Jinja, YAML, CSV and spreadsheet triggers.
MARKUP = ("<", ">", "&", "<b>", "</b>", "<i>x</i>", "<script>alert(1)</script>",
          "<img src=x onerror=alert(1)>", "<x-pwn>", "</p>", "</div>", "<!--", "-->", "&amp;",
          "&lt;b&gt;", "&#60;", "*", "**", "_", "#", "##", "`", "```", "{{", "}}", "{%", "%}",
          "{#", "#}", "[", "](javascript:alert(1))", "[x](http://e.example)", "|", "\\", "---",
          "...", "=SUM(A1)", "+1", "@x", "-1", "＝", "'=", "\t=", "%s", "${x}", "</title>",
          ": ", "- ", "? ", "!!python", "&x", "]]>", "<![CDATA[")
# Spaces and invisible characters the format allows (bidi embeddings and isolates it refuses).
SPACES = ("\u00a0", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\u2060",
          "\u00ad", "\u034f", "\u3000", "\u2009", "\ufeff")
# Characters that C0/C1 controls, noncharacters, surrogates, bidi controls and line separators
# aside, any text may hold. Line and paragraph separators (U+2028/9) are allowed in texts but
# would be line breaks in YAML plain style: the writer escapes them in YAML (see yaml_str).
_ANY_CHAR = st.characters(
    codec="utf-8",
    exclude_categories=("Cc", "Cs", "Cn", "Co"),
    exclude_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
)


_WORD = st.one_of(
    st.sampled_from(ARABIC), st.sampled_from(LATIN),
    st.text(_ANY_CHAR, min_size=1, max_size=6).filter(lambda s: s.strip()),
)
_OTHER_TOKEN = st.one_of(
    st.sampled_from(ARABIC), st.sampled_from(PUNCT), st.sampled_from(NUMBERS),
    st.sampled_from(DATES), st.sampled_from(MARKUP), st.sampled_from(SPACES),
    st.text(_ANY_CHAR, min_size=1, max_size=4),
)
_SEPARATOR = st.sampled_from((" ", " ", " ", "", "  ", "\t"))
_LINE_BREAK = st.sampled_from(("\n", "\n\n", "\n \n", "\n\n\n", "\n\t\n"))
_COIN = st.booleans()


class Words:
    """Text drawn from one vocabulary. Its strategies are made once: making a strategy costs
    Hypothesis more than drawing from it."""

    def __init__(self, vocabulary: list[str]) -> None:
        self.vocabulary = vocabulary
        self.word = st.sampled_from(vocabulary)
        # Mostly the corpus's words (names are found in texts), else any other kind of token.
        self.token = st.one_of(self.word, self.word, _OTHER_TOKEN)
        self.tokens = {n: st.lists(self.token, min_size=1, max_size=n) for n in (3, 4, 6, 8, 12)}

    def phrase(self, draw: st.DrawFn, limit: int, max_words: int = 6) -> str:
        """Tokens joined by a space (now and then by nothing, two spaces or a tab); once in a
        while repeated up to `limit` characters, the schema's maximum."""
        text = ""
        for w in draw(self.tokens[max_words]):
            text += draw(_SEPARATOR) + w if text else w
        if draw(_ONE_IN_30):
            text = (text + " ") * (limit // (len(text) + 1) + 1)
        text = text[:limit]
        if not text.strip():  # no blank names or titles
            text = (draw(self.word) + " " + text)[:limit]
        return text

    def line(self, draw: st.DrawFn, limit: int = LINE_MAX, max_words: int = 6) -> str:
        """A one-line field (name, title, role, place): no line break."""
        return self.phrase(draw, limit, max_words)

    def text(self, draw: st.DrawFn, limit: int = TEXT_MAX) -> str:
        """A longer field (summary, description, claim): one to three lines."""
        lines = [self.phrase(draw, limit, 8) for _ in range(draw(_ONE_TO_THREE))]
        return "\n".join(lines)[:limit].strip() or draw(self.word)


_ONE_IN_30 = st.integers(0, 29).map(lambda n: n == 0)
_ONE_TO_THREE = st.integers(1, 3)
LATIN_WORDS = Words(list(LATIN))


# Ids ---------------------------------------------------------------------------------------------

_ID_PART = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=5)
_ID_PARTS = st.lists(_ID_PART, min_size=1, max_size=4)
_LETTER = st.sampled_from("abcdefghijklmnopqrstuvwxyz")
_ONE_IN_20 = st.integers(0, 19).map(lambda n: n == 0)


@st.composite
def ident(draw: st.DrawFn, first_letter: bool = True, limit: int = ID_MAX) -> str:
    """An id of the schema's pattern: ^[a-z][a-z0-9]*(-[a-z0-9]+)*$ (events may start with a
    digit); now and then as long as the schema allows."""
    text = (draw(_LETTER) if first_letter else "") + "-".join(draw(_ID_PARTS))
    if draw(_ONE_IN_20):
        text = (text + "-" + "x" * limit)[:limit]
    return text


def ids(n_max: int, first_letter: bool = True, limit: int = ID_MAX) -> st.SearchStrategy[list[str]]:
    return st.lists(ident(first_letter, limit).filter(lambda i: i not in RESERVED),
                    min_size=1, max_size=n_max, unique=True)


_ACTOR_IDS = ids(6)
_THEME_IDS = ids(5)
_EVENT_IDS = ids(6, first_letter=False, limit=EVENT_ID_MAX)
_STEM_PART = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
                     min_size=1, max_size=8)
# Article file names: letters, digits, single _ . - between them; not `index`, no Windows device
# name; unique whatever the case.
_STEM = st.builds(lambda first, rest: first + "".join(s + p for s, p in rest), _STEM_PART,
                  st.lists(st.tuples(st.sampled_from("_.-"), _STEM_PART), max_size=3)).filter(
    lambda s: s.lower().split(".")[0] not in WINDOWS_NAMES
    and s.lower() != paths.ARTICLE_INDEX_STEM)


def stems(n_max: int) -> st.SearchStrategy[list[str]]:
    return st.lists(_STEM, min_size=1, max_size=n_max, unique_by=str.lower)


# Dates -----------------------------------------------------------------------------------------

_YEARS = st.one_of(st.integers(1990, 2030), st.integers(1, 9999),
                   st.sampled_from((1, 1582, 1900, 2000, 2024, 9999)))
_PRECISION = st.sampled_from(("day", "month", "year"))
_MONTH = st.integers(1, 12)
_DAYS = {n: st.integers(1, n) for n in (28, 29, 30, 31)}
_QUALIFIER = st.sampled_from(("", "", "", "~", "?", "%"))


def _edtf_point(draw: st.DrawFn) -> tuple[str, tuple[int, int, int]]:
    """(text, its first day as a sort key): a day, a month or a year, maybe ~ ? %."""
    year, precision, month = draw(_YEARS), draw(_PRECISION), draw(_MONTH)
    day = draw(_DAYS[calendar.monthrange(year, month)[1]])
    text = f"{year:04d}" + (f"-{month:02d}" if precision != "year" else "") + (
        f"-{day:02d}" if precision == "day" else "")
    first = (year, month if precision != "year" else 1, day if precision == "day" else 1)
    return text + draw(_QUALIFIER), first


@st.composite
def edtf(draw: st.DrawFn) -> str:
    """Any EDTF date of the format: a point, or a range whose start comes first."""
    a = _edtf_point(draw)
    if draw(_COIN):
        return a[0]
    start, end = sorted((a, _edtf_point(draw)), key=lambda p: p[1])
    return f"{start[0]}/{end[0]}"


EDTF = edtf()
_HOST = st.sampled_from(("example.org", "e.example", "127.0.0.1", "[::1]", "xn--mgbh0fb.xn--wgbh1c",
                         "مثال.مصر", "a.b.c.example", "host:8080", "host:99999",
                         "user:pw@example.org"))
_URL_PATH = st.sampled_from(("", "/", "/a/b.html", "/?q=1&r=2", "/#x", "/مقال?id=٣", "/a%20b",
                             '/"><script>alert(1)</script>', "/'onmouseover='x", "?x=<b>"))
# The source URL: "" or an http(s) address with a host (anything else is refused by design).
URL = st.one_of(st.just(""), st.builds(lambda scheme, host, path: f"{scheme}://{host}{path}",
                                       st.sampled_from(("http", "https")), _HOST, _URL_PATH))


# The corpus --------------------------------------------------------------------------------------


@dataclass
class Article:
    stem: str
    text: str  # as the reader of articles/ gives it back (no BOM, \n line ends)
    annotation: dict
    extension: str = ".yml"


@dataclass
class Corpus:
    actors: list[dict]
    themes: list[dict]
    articles: list[Article]
    crlf: bool = False  # files written with CRLF line ends (accepted and dropped)
    bom: bool = False  # files written with a UTF-8 BOM (accepted and dropped)
    json_style: bool = False  # YAML files written as JSON documents (JSON is YAML)


_TYPE = st.sampled_from(TYPES)
_ONE_IN_4 = st.integers(0, 3).map(lambda n: n == 0)
_ONE_IN_5 = st.integers(0, 4).map(lambda n: n == 0)
_ONE_IN_6 = st.integers(0, 5).map(lambda n: n == 0)
_ONE_IN_10 = st.integers(0, 9).map(lambda n: n == 0)
_UP_TO = {n: st.integers(0, n) for n in (2, 3)}
_WIKIDATA = st.integers(1, 10**12 - 1).map(lambda n: f"Q{n}")


def _some(draw: st.DrawFn, items: list[str], most: int, unique: bool = False) -> list[str]:
    """A few of `items` (the schema lets most lists name an id twice)."""
    if not items:
        return []
    return draw(st.lists(st.sampled_from(items), max_size=most, unique=unique))


@st.composite
def actor_registry(draw: st.DrawFn, words: Words) -> list[dict]:
    """Actors in an order where each may point (affiliations, posts' `of`) only to earlier ones:
    no loops; chains kept within MAX_CHAIN. Now and then one chain is exactly MAX_CHAIN long."""
    actor_ids = draw(_ACTOR_IDS)
    if draw(_ONE_IN_10):  # a chain at the limit
        actor_ids = list(dict.fromkeys(actor_ids + [f"chain-{i}" for i in range(MAX_CHAIN)]))
    height: dict[str, int] = {}
    actors = []
    for i, actor_id in enumerate(actor_ids):
        # The bodies above may not make a chain longer than MAX_CHAIN (the actor included).
        allowed = [b for b in actor_ids[:i] if height[b] < MAX_CHAIN]
        if actor_id == "chain-0":
            affiliations = []  # the top of the chain: MAX_CHAIN long exactly
        elif actor_id.startswith("chain-") and actor_ids[i - 1].startswith("chain-"):
            affiliations = [actor_ids[i - 1]]
        else:
            affiliations = _some(draw, allowed, 3, unique=True)
        a: dict[str, Any] = {
            "id": actor_id,
            "type": draw(_TYPE),
            "name": {"ar": words.line(draw, max_words=3),
                     "en": LATIN_WORDS.line(draw, max_words=3)},
            "description": {"ar": words.text(draw, 5000)},
        }
        if draw(_COIN):
            a["description"]["en"] = "" if draw(_COIN) else LATIN_WORDS.text(draw, 5000)
        if draw(_COIN):
            a["aliases"] = {}
            for lang, spelling in (("ar", words), ("en", LATIN_WORDS)):
                if draw(_COIN):
                    a["aliases"][lang] = [spelling.line(draw, max_words=3)
                                          for _ in range(draw(_UP_TO[3]))]
        posts = []
        for _ in range(draw(_UP_TO[2])):
            post: dict[str, Any] = {"title": words.line(draw, max_words=4)}
            if allowed and not actor_id.startswith("chain-") and draw(_COIN):
                post["of"] = draw(st.sampled_from(allowed))
            for end in ("from", "to"):  # independent: a post may end before it starts
                if draw(_COIN):
                    post[end] = draw(EDTF)
            posts.append(post)
        if posts:
            a["positions"] = posts
        if affiliations or draw(_COIN):
            a["affiliations"] = affiliations
        if draw(_ONE_IN_4):
            a["wikidata"] = draw(_WIKIDATA)
        above = affiliations + [p["of"] for p in posts if "of" in p]
        height[actor_id] = 1 + max((height[b] for b in above), default=0)
        actors.append(a)
    return actors


@st.composite
def theme_registry(draw: st.DrawFn, words: Words) -> list[dict]:
    """A tree of themes (each parent earlier in the list) no deeper than MAX_THEME_DEPTH; now and
    then one branch exactly that deep."""
    theme_ids = draw(_THEME_IDS)
    if draw(_ONE_IN_10):
        theme_ids = list(dict.fromkeys(theme_ids + [f"level-{i}" for i in range(MAX_THEME_DEPTH)]))
    depth: dict[str, int] = {}
    themes = []
    for i, theme_id in enumerate(theme_ids):
        t: dict[str, Any] = {"id": theme_id, "label": {"ar": words.line(draw, max_words=3),
                                                       "en": LATIN_WORDS.line(draw, max_words=3)}}
        if theme_id == "level-0":
            pass  # the top of the branch: MAX_THEME_DEPTH deep exactly
        elif theme_id.startswith("level-") and theme_ids[i - 1].startswith("level-"):
            t["parent"] = theme_ids[i - 1]
        else:
            parents = [p for p in theme_ids[:i] if depth[p] < MAX_THEME_DEPTH]
            if parents and draw(_COIN):
                t["parent"] = draw(st.sampled_from(parents))
        depth[theme_id] = depth[t["parent"]] + 1 if "parent" in t else 1
        if draw(_COIN):
            t["description"] = {"ar": words.text(draw, 5000)}
            if draw(_COIN):
                t["description"]["en"] = LATIN_WORDS.text(draw, 5000)
        themes.append(t)
    return themes


Spans = list[list[tuple[int, int]]]  # per paragraph, (start, end) of each token in the text


def article_text(draw: st.DrawFn, words: Words, title: str) -> tuple[str, Spans]:
    """Paragraphs of tokens, long and short, between one or more line breaks (blank lines, a
    line of spaces); the text and where each token is in it."""
    paragraphs = draw(st.lists(words.tokens[12], min_size=1, max_size=4))
    if draw(_COIN):
        paragraphs.insert(0, [title])  # scraped texts often repeat the title on their first line
    if draw(_ONE_IN_6):  # one paragraph over the display limit (shown in pieces)
        i = draw(st.integers(0, len(paragraphs) - 1))
        paragraphs[i] = paragraphs[i] * (3100 // sum(map(len, paragraphs[i])) + 1)
        if draw(_ONE_IN_4):  # with no space to cut at
            paragraphs[i] = ["".join(paragraphs[i])]
    text, spans = "", []
    for k, tokens in enumerate(paragraphs):
        if k:
            text += draw(_LINE_BREAK)
        mine = []
        for j, tok in enumerate(tokens):
            if j:
                text += draw(_SEPARATOR)
            mine.append((len(text), len(text) + len(tok)))
            text += tok
        spans.append(mine)
    if not text.strip() or text.startswith("\ufeff"):
        # an empty text is refused; a leading U+FEFF is read as a BOM and dropped
        text = "نص " + text
        spans = [[(s + 3, e + 3) for s, e in p] for p in spans]
    return text, spans


def excerpt(draw: st.DrawFn, text: str, spans: Spans, limit: int,
            multiline: bool = False) -> str | None:
    """A run of whole tokens copied from the text (a form or a quote); a quote may run across a
    line break, written with a space (quotes match after whitespace folding)."""
    candidates = [p for p in spans if any(text[s:e].strip() for s, e in p)]
    if not candidates:
        return None
    para = draw(st.sampled_from(candidates))
    i = draw(st.integers(0, len(para) - 1))
    j = draw(st.integers(i, min(len(para) - 1, i + 5)))
    out = text[para[i][0]:para[j][1]][:limit]
    k = spans.index(para)
    if multiline and k + 1 < len(spans) and j == len(para) - 1 and draw(_COIN):
        nxt = spans[k + 1]
        out = (out + " " + text[nxt[0][0]:nxt[0][1]])[:limit]
    return out if out.strip() else None


_LANGUAGE = st.sampled_from(("ar", "en", "fa", "ku"))
_PUBLISHED_BASIS = st.sampled_from(("printed", "inferred"))
_DATE_BASIS = st.sampled_from(("explicit", "relative", "inferred"))
_DATE_PHRASE = st.sampled_from(DATES)
_EXTENSION = st.sampled_from((".yml", ".yml", ".yaml"))


def article(draw: st.DrawFn, stem: str, words: Words, actors: list[dict],
            themes: list[dict], event_pool: list[str]) -> Article:
    title = words.line(draw, max_words=8)
    text, spans = article_text(draw, words, title)
    ann: dict[str, Any] = {
        "title": title,
        "outlet": "" if draw(_COIN) else words.line(draw, OUTLET_MAX, max_words=3),
        "url": draw(URL),
        "language": draw(_LANGUAGE),
        "published": draw(EDTF),
        "published_basis": draw(_PUBLISHED_BASIS),
    }
    if draw(_COIN):
        ann["outlet_actor"] = draw(st.sampled_from([a["id"] for a in actors]))
    if ann["published_basis"] == "inferred" or draw(_COIN):
        ann["published_note"] = words.text(draw)
    ann["summary"] = words.text(draw)
    ann["themes"] = _some(draw, [t["id"] for t in themes], 4)
    ann["actors"] = []
    for actor_id in _some(draw, [a["id"] for a in actors], 5, unique=True):
        forms = [f for f in (excerpt(draw, text, spans, LINE_MAX)
                             for _ in range(draw(_UP_TO[2]) + 1)) if f is not None]
        if forms:
            ann["actors"].append({"id": actor_id, "role": words.line(draw, max_words=4),
                                  "forms": forms})
    listed = [a["id"] for a in ann["actors"]]
    events = []
    for event_id in _some(draw, event_pool, 4, unique=True):
        e: dict[str, Any] = {
            "id": event_id,
            "date": draw(EDTF),
            "date_text": ("" if draw(_ONE_IN_5) else draw(_DATE_PHRASE) if draw(_COIN)
                          else words.line(draw, max_words=4)),
            "date_basis": draw(_DATE_BASIS),
            "actors": _some(draw, listed, 4),
        }
        if ann["themes"] and draw(_COIN):
            e["themes"] = _some(draw, ann["themes"], 3)
        elif draw(_ONE_IN_6):
            e["themes"] = []
        if draw(_COIN):
            e["place"] = words.line(draw, max_words=3)
        e["description"] = words.text(draw)
        events.append(e)
    if events or draw(_COIN):
        ann["events"] = events
    if listed:
        quotes = []
        for _ in range(draw(_UP_TO[3])):
            quote = excerpt(draw, text, spans, TEXT_MAX, multiline=True)
            if quote is not None:
                quotes.append({"speaker": draw(st.sampled_from(listed)), "text": quote})
        if quotes or draw(_COIN):
            ann["quotes"] = quotes
        claims = []
        for _ in range(draw(_UP_TO[2])):
            c: dict[str, Any] = {"claimant": draw(st.sampled_from(listed)),
                                 "text": words.text(draw)}
            if draw(_COIN):
                c["about"] = _some(draw, listed, 3)
            claims.append(c)
        if claims:
            ann["claims"] = claims
    return Article(stem, text, ann, draw(_EXTENSION))


_VOCABULARY = st.lists(_WORD, min_size=2, max_size=10, unique=True)


@st.composite
def corpora(draw: st.DrawFn, max_articles: int = 3, busy: bool = True) -> Corpus:
    """A whole valid seeds folder: registries and one to `max_articles` annotated articles (now
    and then, when `busy`, each of them copied under other names: see _copies)."""
    words = Words(draw(_VOCABULARY))
    actors = draw(actor_registry(words))
    themes = draw(theme_registry(words))
    event_pool = draw(_EVENT_IDS)  # small: event ids are shared across articles now and then
    articles = [article(draw, stem, words, actors, themes, event_pool)
                for stem in draw(stems(max_articles))]
    if busy and draw(_ONE_IN_4):
        articles = _copies(articles)
    return Corpus(actors, themes, articles, crlf=draw(_ONE_IN_5), bom=draw(_ONE_IN_5),
                  json_style=draw(_ONE_IN_5))


COPIES = 11


def _copies(articles: list[Article]) -> list[Article]:
    """A busier corpus, cheaply: each article COPIES times under other names, half of the copies
    reporting the same events, half events of their own. With the shortest pages (page_items 10)
    the timeline and the lists of articles of an actor or a theme are split into pages."""
    out = list(articles)
    for k in range(1, COPIES):
        for a in articles:
            annotation = json.loads(json.dumps(a.annotation))
            if k % 2:
                for e in annotation.get("events", []):
                    e["id"] = f"{e['id']}-{k}"[:EVENT_ID_MAX]
            out.append(Article(f"{a.stem}-c{k}", a.text, annotation, a.extension))
    return out


def small_corpus(published: str = "2024-11-10", **fields: Any) -> Corpus:
    """One actor, one theme, one article (its annotation's `fields` given): the smallest corpus,
    for explicit examples."""
    text = "قال الأعرجي إن الحدود آمنة.\n\nوأضاف: «لا تهديد»."
    return Corpus(
        actors=[{"id": "qasim-al-araji", "type": "person",
                 "name": {"ar": "قاسم الأعرجي", "en": "Qasim al-Araji"},
                 "description": {"ar": "مستشار الأمن القومي العراقي."}}],
        themes=[{"id": "border-security", "label": {"ar": "أمن الحدود", "en": "Border security"}}],
        articles=[Article("a1", text, {
            "title": "الأعرجي: الحدود آمنة", "outlet": "", "url": "", "language": "ar",
            "published": published, "published_basis": "printed", "summary": "تصريح.",
            "themes": ["border-security"],
            "actors": [{"id": "qasim-al-araji", "role": "متحدث", "forms": ["الأعرجي"]}],
            "events": [{"id": "e1", "date": published, "date_text": "", "date_basis": "inferred",
                        "actors": ["qasim-al-araji"], "description": "تصريح."}],
            "quotes": [{"speaker": "qasim-al-araji", "text": "«لا تهديد»"}],
        } | fields)],
    )


# Any value where a valid one stood: text of every kind (controls, surrogates, markup, URLs
# with broken hosts), numbers, yes/no, null, lists and mappings.
_ANY_TEXT = st.text(st.characters(), max_size=30)
_ANY_VALUE = st.recursive(
    st.one_of(_ANY_TEXT, _ANY_TEXT.map(lambda t: "http://" + t), st.integers(), st.booleans(),
              st.none(), st.floats(), st.sampled_from(("", " ", "index", "sitemap", "con",
                                                       "2024-02-30", "0000", "10:30", "no"))),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(_ANY_TEXT, inner, max_size=2)),
    max_leaves=4,
)


def _pointers(value: Any, at: tuple = ()) -> list[tuple]:
    """Every place in a document: the path to each mapping value and list item."""
    out = [at] if at else []
    if isinstance(value, dict):
        for k, v in value.items():
            out += _pointers(v, at + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _pointers(v, at + (i,))
    return out


@st.composite
def broken_corpora(draw: st.DrawFn) -> Corpus:
    """The smallest corpus with one thing wrong, maybe: a value replaced by any other value, a
    field or list item deleted, or an unknown field added, in the annotation or a registry."""
    corpus = small_corpus()
    docs = [corpus.articles[0].annotation, {"actors": corpus.actors}, {"themes": corpus.themes}]
    doc = draw(st.sampled_from(docs))
    *path, last = draw(st.sampled_from(_pointers(doc)))
    parent = doc
    for step in path:
        parent = parent[step]
    action = draw(st.sampled_from(("replace", "replace", "delete", "add")))
    if action == "replace":
        parent[last] = draw(_ANY_VALUE)
    elif action == "delete":
        del parent[last]
    elif isinstance(parent, dict):
        parent[draw(_ANY_TEXT)] = draw(_ANY_VALUE)
    else:
        parent.append(draw(_ANY_VALUE))
    corpus.json_style = draw(_COIN)
    return corpus


# Writing -----------------------------------------------------------------------------------------


# What YAML cannot hold as it is, though JSON leaves it unescaped: DEL and the C1 controls (U+0085
# is a line break to YAML), the line and paragraph separators, U+FEFF (libyaml refuses it inside a
# stream), the BMP noncharacters U+FFFE/U+FFFF and lone surrogates (no UTF-8 for them).
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def _escape(json_text: str) -> str:
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)


def yaml_str(text: str) -> str:
    """A YAML double-quoted scalar: a JSON string, with what YAML would not keep as it is
    escaped too."""
    return _escape(json.dumps(text, ensure_ascii=False))


_PLAIN_KEY = re.compile(r"[a-z_]+")


def _key(key: str) -> str:
    return key if _PLAIN_KEY.fullmatch(key) else yaml_str(key)


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, str):
        return yaml_str(value)
    return _escape(json.dumps(value))  # a number, true/false or null


def to_yaml(value: dict, indent: int = 0) -> str:
    """Block style for mappings and lists of mappings, flow style for the rest."""
    pad = " " * indent
    out = []
    for key, item in value.items():
        if isinstance(item, dict) and item:
            out.append(f"{pad}{_key(key)}:\n{to_yaml(item, indent + 2)}")
        elif isinstance(item, list) and item and all(isinstance(x, dict) for x in item):
            out.append(f"{pad}{_key(key)}:")
            for x in item:
                body = to_yaml(x, indent + 4)
                out.append(f"{pad}  - {body[indent + 4:]}")
        else:
            out.append(f"{pad}{_key(key)}: {_flow(item)}")
    return "\n".join(out) + "\n" if indent == 0 else "\n".join(out)


def _document(corpus: Corpus, data: dict) -> str:
    if corpus.json_style:
        return yaml_str_json(data) + "\n"
    return to_yaml(data)


def yaml_str_json(data: Any) -> str:
    """A JSON document with the same escapes as yaml_str (JSON is YAML)."""
    return _escape(json.dumps(data, ensure_ascii=False, indent=1))


def _write(path: Path, text: str, corpus: Corpus) -> None:
    data = text.replace("\n", "\r\n") if corpus.crlf else text
    path.write_bytes((b"\xef\xbb\xbf" if corpus.bom else b"") + data.encode("utf-8"))


def write_corpus(corpus: Corpus, target: Path) -> Path:
    """The seeds folder of `corpus` under `target` (created)."""
    (target / "articles").mkdir(parents=True)
    (target / "annotations").mkdir()
    _write(target / "actors.yml", _document(corpus, {"actors": corpus.actors}), corpus)
    _write(target / "themes.yml", _document(corpus, {"themes": corpus.themes}), corpus)
    for a in corpus.articles:
        _write(target / "articles" / f"{a.stem}.txt", a.text, corpus)
        _write(target / "annotations" / f"{a.stem}{a.extension}", _document(corpus, a.annotation),
               corpus)
    return target
