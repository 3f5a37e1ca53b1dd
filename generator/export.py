"""Data out: the briefing as CSV tables (ACLED-style events, actors, themes, articles, ties) and as
one JSON document with a published JSON Schema. Pure functions of Site; no clock."""

from __future__ import annotations

import csv
import hashlib
import json
import operator
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from itertools import chain, islice

from . import paths
from .derive import event_themes
from .edtf import EdtfDate
from .memo import Ids, Memo, differing, differing_keys, replaced
from .model import Actor, Article, Site, Term, Theme, TimelineEntry
from .network import Network, Tie
from .options import BuildOptions
from .output import OutputFile

# The exports are gzipped (their paths end in .gz): 6-7x smaller on the seeds, and the site has
# to fit GitHub Pages' 1 GB. Level 6 is gzip's default; 9 costs three times the CPU for 4 % fewer
# bytes.
GZIP_LEVEL = 6
# A gzip member per block of CSV rows or JSON records (see `blocks`), of BLOCK_BYTES on average:
# each member starts without deflate's history, which costs 1-3 % of the compressed size at 1 MiB,
# 1-6 % at 512 KiB, 5-18 % at 64 KiB (1,000 synthetic articles). At 256 KiB, 1,000 seed-density
# articles' exports are 3.8 % (JSON) and 7 % (events) larger than at 1 MiB, +0.26 KiB an article
# in all, and `make serve` compresses a changed block in 8-10 ms instead of 32-36.
BLOCK_BYTES = 256 * 1024
LIST_SEPARATOR = "; "  # inside one cell, as ACLED's assoc_actor columns; items are ids or names
# A cell starting so (after any spaces) may run as a formula in a spreadsheet; the full-width
# forms too (some spreadsheets take them for the ASCII ones). An apostrophe guards such a cell.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
_BLANKS = " \u00a0\u3000"

# Column: (name, meaning). The data page and README document them from here.
EVENT_COLUMNS = (
    ("event_id", "معرّف الحدث؛ الصفوف التي تشترك فيه تقارير عن حدث واحد"),
    ("event_date", "تاريخ الحدث كما في هذا المصدر، بصيغة EDTF"),
    ("date_lower", "أبكر يوم يحتمله التاريخ (ISO 8601)"),
    ("date_upper", "آخر يوم يحتمله التاريخ (ISO 8601)"),
    ("precision", "دقة التاريخ: day أو month أو year أو range"),
    ("approximate", "true إن كان التاريخ تقريبياً (~)"),
    ("uncertain", "true إن كان التاريخ غير مؤكد (?)"),
    ("date_text", "العبارة التي أُخذ منها التاريخ كما وردت في النص"),
    ("date_basis", "explicit أو relative أو inferred"),
    ("timeline_date", "التاريخ الذي يعرضه الخط الزمني للحدث (أدق تاريخ بين المصادر)"),
    ("lead_report", "true لتقرير المصدر الذي يعتمده الخط الزمني"),
    ("reports", "عدد المصادر التي نقلت الحدث"),
    ("place", "المكان"),
    ("notes", "وصف الحدث في جملة"),
    ("actor_ids", "معرّفات الفاعلين في الحدث، تفصل بينها فاصلة منقوطة"),
    ("acting_for", "الجهات التي مثّلها فاعلو الحدث في تاريخه، بصيغة فاعل>جهة (منصب شغله أو انتماء)، "
     "تفصل بينها فاصلة منقوطة"),
    ("themes", "معرّفات محاور الحدث في المقال المصدر (محاور المقال إن لم تُذكر)، "
     "تفصل بينها فاصلة منقوطة"),
    ("article_id", "معرّف المقال المصدر"),
    ("article_title", "عنوان المقال"),
    ("outlet", "الوسيلة الناشرة"),
    ("article_published", "تاريخ نشر المقال (EDTF)"),
    ("source_url", "رابط المقال الأصلي إن عُرف"),
    ("article_url", "صفحة المقال في الموجز"),
    ("event_url", "الحدث في الخط الزمني"),
)
EVENT_ACTOR_COLUMNS = (
    ("actorN_id", "معرّف الفاعل رقم N في الحدث (N = 1، 2، …)"),
    ("actorN", "اسمه بالعربية"),
    ("actorN_role", "دوره في المقال المصدر"),
)
ACTOR_COLUMNS = (
    ("id", "المعرّف"),
    ("name_ar", "الاسم بالعربية"),
    ("name_en", "الاسم بالإنجليزية"),
    ("type", "النوع (person، state، armed-group، …)"),
    ("aliases_ar", "أسماء أخرى بالعربية، تفصل بينها فاصلة منقوطة"),
    ("aliases_en", "أسماء أخرى بالإنجليزية، تفصل بينها فاصلة منقوطة"),
    ("affiliations", "معرّفات الجهات التي ينتمي إليها، تفصل بينها فاصلة منقوطة"),
    ("description_ar", "الوصف بالعربية"),
    ("description_en", "الوصف بالإنجليزية"),
    ("wikidata", "معرّف ويكي بيانات إن وُجد"),
    ("articles", "عدد المقالات التي يرد فيها"),
    ("events", "عدد الأحداث التي يشارك فيها"),
    ("neighbours", "عدد الفاعلين المرتبطين به بحدث أو قول (لا بمجرد الذكر معاً)"),
    ("first_published", "تاريخ نشر أقدم مقال يرد فيه (EDTF)"),
    ("last_published", "تاريخ نشر أحدث مقال يرد فيه (EDTF)"),
    ("page_url", "صفحته في الموجز"),
    ("feed_url", "خلاصة Atom لمقالاته"),
)
THEME_COLUMNS = (
    ("id", "المعرّف"),
    ("label_ar", "الاسم بالعربية"),
    ("label_en", "الاسم بالإنجليزية"),
    ("parent", "معرّف المحور الأعلى إن وُجد"),
    ("description_ar", "الوصف بالعربية"),
    ("description_en", "الوصف بالإنجليزية"),
    ("articles", "عدد المقالات"),
    ("events", "عدد الأحداث"),
    ("page_url", "صفحته في الموجز"),
    ("feed_url", "خلاصة Atom لمقالاته"),
)
ARTICLE_COLUMNS = (
    ("id", "المعرّف"),
    ("title", "العنوان"),
    ("outlet", "الوسيلة"),
    ("outlet_actor", "معرّف الوسيلة في سجل الفاعلين إن وُجد"),
    ("published", "تاريخ النشر (EDTF)"),
    ("published_lower", "أبكر يوم يحتمله"),
    ("published_upper", "آخر يوم يحتمله"),
    ("published_basis", "printed أو inferred"),
    ("language", "اللغة"),
    ("summary", "الملخص"),
    ("themes", "معرّفات المحاور، تفصل بينها فاصلة منقوطة"),
    ("actor_ids", "معرّفات الفاعلين، تفصل بينها فاصلة منقوطة"),
    ("events", "معرّفات الأحداث، تفصل بينها فاصلة منقوطة"),
    ("source_url", "رابط المقال الأصلي إن عُرف"),
    ("page_url", "صفحته في الموجز"),
)
TIE_COLUMNS = (
    ("source", "معرّف الفاعل الأول"),
    ("target", "معرّف الفاعل الثاني"),
    ("type", "Undirected (بصيغة Gephi)"),
    ("weight", "events + through + words (لا تدخل فيه المقالات)"),
    ("events", "عدد الأحداث التي يسمّيهما معاً"),
    ("through", "عدد الأحداث التي شاركا فيها عبر جهة مثّلها أحدهما أو كلاهما في تاريخها"),
    ("words", "عدد الادعاءات والاقتباسات التي يتحدث فيها أحدهما عن الآخر"),
    ("articles", "عدد المقالات التي تذكرهما معاً (أضعف الروابط)"),
)
TABLES = {  # path under the site root: (title, columns)
    paths.EVENTS_CSV: ("الأحداث: صف لكل حدث ومصدر", EVENT_COLUMNS + EVENT_ACTOR_COLUMNS),
    paths.ARTICLES_CSV: ("المقالات", ARTICLE_COLUMNS),
    paths.ACTORS_CSV: ("الفاعلون", ACTOR_COLUMNS),
    paths.THEMES_CSV: ("المحاور", THEME_COLUMNS),
    paths.TIES_CSV: ("الروابط بين الفاعلين (قائمة حواف لأدوات الشبكات مثل Gephi)", TIE_COLUMNS),
}


def _guarded(text: str) -> bool:
    """Whether a cell needs the apostrophe: it would start a formula, or it starts with an
    apostrophe of its own (guarded too, so that `uncell` gives it back as it was)."""
    return text.lstrip(_BLANKS).startswith(FORMULA_START) or text.startswith("'")


# A cell whose first character is none of these needs no apostrophe: most cells (7 million at
# 10,000 seed-density articles) are decided by that one look.
_PLAIN_UNLESS = frozenset("".join(FORMULA_START) + _BLANKS + "'")


def cell(value: object) -> str:
    """A CSV cell: booleans as true/false; text that a spreadsheet would run as a formula gets a
    leading apostrophe (read it back with `uncell`)."""
    if type(value) is str and value[:1] not in _PLAIN_UNLESS:
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    text = "" if value is None else str(value)
    return "'" + text if _guarded(text) else text


def uncell(text: str) -> str:
    """The inverse of `cell` for text: uncell(cell(x)) == x for every string x."""
    return text[1:] if text.startswith("'") and _guarded(text[1:]) else text


class _Returned:
    """A file for csv.writer whose write returns what it was given: writerow then returns the
    row's line."""

    @staticmethod
    def write(text: str) -> str:
        return text


class ExportMemo:
    """What the exports keep between builds under `mkdocs serve` (incremental.Session holds one):
    each CSV row's encoded line, by the row's values and table, and each gzip member, by a digest
    of its bytes. The same bytes as encoding and compressing again; `start` and `done` frame a
    build (what the build did not use is dropped)."""

    def __init__(self) -> None:
        self._lines: dict[tuple, bytes] = {}
        self._next_lines: dict[tuple, bytes] = {}
        self._members: dict[bytes, bytes] = {}
        self._next_members: dict[bytes, bytes] = {}
        # A block's member by its lines: the lines kept above are the same bytes objects from
        # build to build, so an unchanged block is found without joining or hashing its bytes.
        self._blocks: dict[tuple[bytes, ...], bytes] = {}
        self._next_blocks: dict[tuple[bytes, ...], bytes] = {}
        # A whole file by its lines (compared as a list: the same objects first), with its blocks.
        Kept = tuple[list[bytes], bytes, list[tuple[tuple[bytes, ...], bytes]]]
        self._files: dict[str, Kept] = {}
        self._next_files: dict[str, Kept] = {}
        self.compressed = 0  # members compressed by the last build
        # An event's CSV lines, an article's line, a JSON record's bytes, by the model objects
        # they are made of (memo.py): unchanged ones are not even made into rows again.
        self.records = Memo()

    def start(self) -> None:
        self._next_lines, self._next_members, self._next_blocks, self.compressed = {}, {}, {}, 0
        self._next_files = {}
        self.records.start()

    def done(self) -> None:
        self._lines, self._next_lines = self._next_lines, {}
        self._members, self._next_members = self._next_members, {}
        self._blocks, self._next_blocks = self._next_blocks, {}
        self._files, self._next_files = self._next_files, {}
        self.records.done()

    def lines(self, table: str, rows: Iterable[list[object]],
              encode: Callable[[list[object]], bytes]) -> Iterator[bytes]:
        """The rows' lines; a row's values have the same type in every row of a table (a column
        is text, a number or a boolean), so equal values mean an equal line."""
        kept, keeping = self._lines, self._next_lines
        for row in rows:
            key = (table, *row)
            line = keeping.get(key) or kept.get(key)
            if line is None:
                line = encode(row)
            keeping[key] = line
            yield line

    def lines_member(self, lines: list[bytes]) -> bytes:
        """The member of a block of lines (`blocks`)."""
        return self._block(tuple(lines))

    def _block(self, key: tuple[bytes, ...]) -> bytes:
        packed = self._next_blocks.get(key) or self._blocks.get(key)
        if packed is None:
            packed = self.member(b"".join(key))
        self._next_blocks[key] = packed
        return packed

    def file(self, name: str, lines: list[bytes]) -> bytes:
        """A gzipped file of these lines (`gzipped`): the last build's when its lines are the
        same (the kept lines are the same objects: a list comparison checks identity first), so
        an edit that leaves a table as it was does not walk its lines into blocks again."""
        kept = self._files.get(name)
        if kept is not None and kept[0] == lines:
            for key, packed in kept[2]:
                self._next_blocks[key] = packed
            self._next_files[name] = kept
            return kept[1]
        keys = (_reblocked(kept[0], [key for key, _ in kept[2]], lines) if kept is not None
                else list(map(tuple, line_blocks(lines))))
        blocks = [(key, self._block(key)) for key in keys]
        data = b"".join(packed for _, packed in blocks)
        self._next_files[name] = (lines, data, blocks)
        return data

    def member(self, block: bytes) -> bytes:
        key = hashlib.blake2b(block, digest_size=20).digest()
        packed = self._next_members.get(key) or self._members.get(key)
        if packed is None:
            packed = gzip_member(block)
            self.compressed += 1
        self._next_members[key] = packed
        return packed


def csv_lines(header: list[str], rows: Iterable[list[object]], memo: ExportMemo | None = None,
              table: str = "") -> Iterator[bytes]:
    """UTF-8 with a byte-order mark (spreadsheet programs then read Arabic right), CRLF rows; one
    line at a time (the whole table is never a str)."""
    writer = csv.writer(_Returned(), lineterminator="\r\n")
    encode = _encoder()
    yield "\ufeff".encode("utf-8") + writer.writerow(header).encode("utf-8")
    if memo is None:
        yield from map(encode, rows)
    else:
        yield from memo.lines(table, rows, encode)


def _encoder() -> Callable[[list[object]], bytes]:
    """A row's CSV line, UTF-8, CRLF."""
    writer = csv.writer(_Returned(), lineterminator="\r\n")

    def encode(row: list[object]) -> bytes:
        return writer.writerow([cell(v) for v in row]).encode("utf-8")

    return encode


def csv_bytes(header: list[str], rows: Iterable[list[object]]) -> bytes:
    return b"".join(csv_lines(header, rows))


def gzip_member(data: bytes) -> bytes:
    """One gzip member with no file name and no time in its header: the same input gives the
    same bytes."""
    return zlib.compress(data, GZIP_LEVEL, wbits=31)  # wbits 31: a gzip header and trailer


def blocks(lines: Iterable[bytes]) -> Iterator[bytes]:
    return map(b"".join, line_blocks(lines))


def _ends_block(line: bytes) -> bool:
    """Whether a block ends after this line: its CRC-32 modulo BLOCK_BYTES is less than its
    length (so a block holds BLOCK_BYTES on average, whatever the lines' lengths)."""
    return zlib.crc32(line) % BLOCK_BYTES < len(line)


def line_blocks(lines: Iterable[bytes]) -> Iterator[list[bytes]]:
    """Lines in blocks (`_ends_block`). Where blocks end depends on each line alone, not on the
    lines before it: an edited, added or removed line changes its own block (or joins it to the
    next), and every other block stays as it was (each block is a gzip member that `mkdocs serve`
    compresses again only when its bytes change)."""
    block: list[bytes] = []
    for line in lines:
        block.append(line)
        if _ends_block(line):
            yield block
            block = []
    if block:
        yield block


def _same_run(old: list[bytes], new: list[bytes], i: int, j: int, step: int, limit: int,
              chunk: int = 1024) -> int:
    """How many lines are equal from old[i] and new[j] on, walking by `step` (1 or -1), at most
    `limit`: chunk by chunk (list slices compare in C, identity first), then line by line in the
    first chunk that differs. Linear: 470,000 lines of JSON at 10,000 articles."""
    same = 0
    while same < limit:
        size = min(chunk, limit - same)
        a, b = i + step * same, j + step * same
        if step > 0:
            equal = old[a:a + size] == new[b:b + size]
        else:
            equal = old[a - size + 1:a + 1] == new[b - size + 1:b + 1]
        if not equal:
            while old[i + step * same] == new[j + step * same]:
                same += 1
            return same
        same += size
    return same


def _reblocked(old: list[bytes], old_blocks: list[tuple[bytes, ...]], lines: list[bytes]
               ) -> list[tuple[bytes, ...]]:
    """`line_blocks(lines)` from the blocks of `old` lines: where blocks end depends on each line
    alone, so the blocks before the first changed line and those after the first block end among
    the unchanged last lines are the old ones, and so is an old block found whole where a block
    starts (a record moved from one place to another shifts the lines between, not their
    blocks); only the other lines are walked."""
    n, m = len(old), len(lines)
    first = _same_run(old, lines, 0, 0, 1, min(n, m))
    same_tail = _same_run(old, lines, n - 1, m - 1, -1, min(n, m) - first)
    out: list[tuple[bytes, ...]] = []
    k = start = 0
    # Not the last block: it may end where the lines did, not on a block end.
    while k < len(old_blocks) - 1 and start + len(old_blocks[k]) <= first:
        out.append(old_blocks[k])
        start += len(old_blocks[k])
        k += 1
    block: list[bytes] = []
    at = start
    starts = {id(b[0]): j for j, b in enumerate(old_blocks) if b}
    while at < m:
        found = None if block else starts.get(id(lines[at]))
        if found is not None and (
                at + len(old_blocks[found]) == m or _ends_block(old_blocks[found][-1])) and (
                tuple(lines[at:at + len(old_blocks[found])]) == old_blocks[found]):
            out.append(old_blocks[found])
            at += len(old_blocks[found])
        else:
            line = lines[at]
            block.append(line)
            at += 1
            if not _ends_block(line):
                continue
            out.append(tuple(block))
            block = []
        if at > m - same_tail:  # a block ended on an unchanged line: the old ones follow
            resume = at + n - m  # where that line ends in the old lines
            while k < len(old_blocks) and start < resume:
                start += len(old_blocks[k])
                k += 1
            if start == resume:
                return out + old_blocks[k:]
    if block:
        out.append(tuple(block))
    return out


def gzipped(lines: Iterable[bytes], memo: ExportMemo | None = None, name: str = "") -> bytes:
    """The lines as a gzip file of several members, one a block (`blocks`), each with no file name
    and no time in its header: the same input gives the same bytes. A file of several members is
    plain gzip (RFC 1952): `gzip -d`, Python's gzip module and pandas read it as one stream.
    `memo` and `name`: what an earlier build made of the file (ExportMemo.file)."""
    if memo is None:
        return b"".join(map(gzip_member, blocks(lines)))
    if name:
        return memo.file(name, list(lines))
    return b"".join(map(memo.lines_member, line_blocks(lines)))


def _join(items: object) -> str:
    return LIST_SEPARATOR.join(items)  # type: ignore[arg-type]


def event_rows(site: Site, urls: paths.Urls) -> tuple[list[str], Iterator[list[object]]]:
    """One row per (event, source), in timeline order, the timeline's lead report first; the rows
    are made as they are read (120,000 of them at 10,000 articles)."""
    width = max(map(operator.attrgetter("widest"), site.timeline), default=0)
    header = [name for name, _ in EVENT_COLUMNS]
    for n in range(1, width + 1):
        header += [f"actor{n}_id", f"actor{n}", f"actor{n}_role"]
    return header, _event_rows(site, urls, len(header))


def _event_rows(site: Site, urls: paths.Urls, width: int) -> Iterator[list[object]]:
    for entry in site.timeline:
        yield from _entry_rows(site, urls, width, entry)


def _entry_rows(site: Site, urls: paths.Urls, width: int, entry: TimelineEntry
                ) -> Iterator[list[object]]:
    """An event's rows: a function of the entry, its reports' articles, its page, the actors'
    names, `urls` and `width` (_event_lines keeps them by these)."""
    corpus = site.corpus
    for i, report in enumerate(entry.reports):
        article = corpus.articles[report.article_id]
        roles = {a.id: a.role for a in article.actors}
        row: list[object] = [
            entry.id,
            report.date.text,
            report.date.lower.isoformat(),
            report.date.upper.isoformat(),
            report.date.precision,
            report.date.approximate,
            report.date.uncertain,
            report.date_text,
            report.date_basis,
            entry.date.text,
            i == 0,
            len(entry.reports),
            report.place,
            report.description,
            _join(report.actors),
            _join(f"{a.via}>{a.body}" for a in entry.acting),
            _join(event_themes(report, site.corpus)),
            article.id,
            article.title,
            article.outlet,
            article.published.text,
            article.url,
            urls.page(paths.article(article.id)),
            urls.page(site.event_page(entry.id), paths.event_anchor(entry.id)),
        ]
        for actor_id in report.actors:
            row += [actor_id, corpus.actors[actor_id].name_ar, roles[actor_id]]
        yield row + [""] * (width - len(row))


def _event_lines(site: Site, urls: paths.Urls, width: int, records: Memo) -> list[bytes]:
    """The events table's lines after its header. Each event's lines are kept with what makes
    them (the entry, its reports' Articles, its page; the Article objects of unchanged articles
    are the same objects: validate.py), and the whole table with the timeline: while the
    timeline, its pages, the names, `urls` and `width` are the same objects, only the events of
    the articles that changed are made again (no walk of 60,000 entries for one edit); when the
    timeline or its pages changed, those and the entries that are not the last build's objects
    or moved to another page (no comparison of every entry's reports)."""
    encode = _encoder()
    names = records.same("actor names", {k: a.name_ar for k, a in site.corpus.actors.items()})
    articles = site.corpus.articles
    context = (site.timeline, site.event_pages, names, urls, width)
    before = records.kept("event lines")

    def rows(entry: TimelineEntry, kept: tuple | None) -> tuple:
        lines = [encode(row) for row in _entry_rows(site, urls, width, entry)]
        if kept is not None and kept[3] == lines:
            lines = kept[3]  # the same objects: the file's blocks are found by identity
        return (entry, Ids(articles[r.article_id] for r in entry.reports),
                site.event_page(entry.id), lines)

    def make() -> tuple:
        old = before[1] if before is not None else None
        same = old is not None and before[0][0][3:] == context[3:]  # urls, width
        redo: set[str] = set()
        if same:  # the events of the articles that changed or went (by the last reports)
            last = old[2]
            redo = {e for a in replaced(articles, last) for e in old[1].get(a, ())}
            was = before[0][0][2]
            if was is not names:  # and those that name an actor renamed
                renamed = differing_keys(names, was)
                redo |= {e for e, found in old[0].items() if not renamed.isdisjoint(
                    found[0].actors)}
        swapped = _swapped(before[0][0][0], site.timeline) if (
            same and before[0][0][1] is context[1]) else None
        if swapped is not None:  # the same events in the same places, some made again
            entries, by_article = dict(old[0]), old[1]
            for entry_id in redo | {site.timeline[i].id for i in swapped}:
                entries[entry_id] = rows(site.events[entry_id], entries[entry_id])
        else:  # and those whose entry or page is not the last one (an article that came
            # reports an entry made again)
            kept = old[0] if old is not None else {}
            pages = before is not None and before[0][0][1] is context[1]
            entries, by_article = {}, defaultdict(list)
            for entry in site.timeline:
                found = kept.get(entry.id)
                if (not same or found is None or found[0] is not entry or entry.id in redo
                        or (not pages and found[2] != site.event_page(entry.id))):
                    found = rows(entry, found)
                entries[entry.id] = found
                for report in entry.reports:
                    by_article[report.article_id].append(entry.id)
        lines = [line for entry in site.timeline for line in entries[entry.id][3]]
        return entries, by_article, dict(articles), lines

    return records.get("event lines", (context, Ids(articles.values())), make)[3]


def _swapped(last: tuple[TimelineEntry, ...], timeline: tuple[TimelineEntry, ...]
             ) -> list[int] | None:
    """The places of the entries that are not the last build's objects, when every entry is in
    its last place and reported by the same articles (a corrected publication date reorders its
    events' reports: their rows and records change, no other moves); else None. One walk in C
    when the timeline is not the last one."""
    if last is timeline:
        return []
    if len(last) != len(timeline):
        return None
    at = differing(last, timeline)
    if len(at) > len(timeline) // 20 + 50 or not all(
            timeline[i].id == last[i].id and {r.article_id for r in timeline[i].reports}
            == {r.article_id for r in last[i].reports} for i in at):
        return None
    return at


def actor_rows(site: Site, network: Network, urls: paths.Urls) -> list[list[object]]:
    return [actor_row(site, network, urls, actor_id) for actor_id in sorted(site.corpus.actors)]


def actor_row(site: Site, network: Network, urls: paths.Urls, actor_id: str) -> list[object]:
    """An actor's row: a function of the actor, its term's counts and first and last seen
    dates (the actor's page shows the same), its neighbours' count and `urls` (csv_files keeps
    it by these)."""
    actor, term = site.corpus.actors[actor_id], site.actors[actor_id]
    return [
        actor.id,
        actor.name_ar,
        actor.name_en,
        actor.type,
        _join(actor.aliases_ar),
        _join(actor.aliases_en),
        _join(actor.affiliations),
        actor.description_ar,
        actor.description_en,
        actor.wikidata or "",
        len(term.articles),
        len(term.events),
        len(network.neighbours.get(actor_id, ())),
        term.first_seen.text if term.first_seen else "",
        term.last_seen.text if term.last_seen else "",
        urls.page(paths.actor(actor_id)),
        urls.link_from("", paths.actor_feed(actor_id)),
    ]


def theme_rows(site: Site, urls: paths.Urls) -> list[list[object]]:
    rows = []
    for theme_id in sorted(site.corpus.themes):
        theme, term = site.corpus.themes[theme_id], site.themes[theme_id]
        rows.append(
            [
                theme.id,
                theme.label_ar,
                theme.label_en,
                theme.parent or "",
                theme.description_ar,
                theme.description_en,
                len(term.articles),
                len(term.events),
                urls.page(paths.theme(theme_id)),
                urls.link_from("", paths.theme_feed(theme_id)),
            ]
        )
    return rows


def article_rows(site: Site, urls: paths.Urls) -> list[list[object]]:
    return [article_row(site.corpus.articles[a], urls) for a in site.articles_newest]


def article_row(a: Article, urls: paths.Urls) -> list[object]:
    return [
        a.id,
        a.title,
        a.outlet,
        a.outlet_actor or "",
        a.published.text,
        a.published.lower.isoformat(),
        a.published.upper.isoformat(),
        a.published_basis,
        a.language,
        a.summary,
        _join(a.themes),
        _join(x.id for x in a.actors),
        _join(dict.fromkeys(e.id for e in a.events)),
        a.url,
        urls.page(paths.article(a.id)),
    ]


def tie_rows(network: Network) -> list[list[object]]:
    return [tie_row(t) for t in network.ties]


def tie_row(t: Tie) -> list[object]:
    return [t.a, t.b, "Undirected", t.weight, t.events, t.through, t.words, t.articles]


def _tie_lines(network: Network, records: Memo, encode: Callable[[list[object]], bytes]
               ) -> list[bytes]:
    """The ties table's lines, kept with the ties: when the ties changed (an added article
    changes the counts of some), each tie equal to the last build's keeps its line (not every
    line encoded again)."""
    before = records.kept("tie rows")
    kept: dict[tuple[str, str], tuple] = before[1][1] if before is not None else {}

    def make() -> tuple[list[bytes], dict[tuple[str, str], tuple]]:
        lines, made = [], {}
        for tie in network.ties:
            found = kept.get((tie.a, tie.b))
            if found is None or (found[0] is not tie and found[0] != tie):
                found = (tie, encode(tie_row(tie)))
            made[(tie.a, tie.b)] = found
            lines.append(found[1])
        return lines, made

    return records.get("tie rows", (network.ties,), make)[0]


def csv_files(site: Site, network: Network, options: BuildOptions,
              memo: ExportMemo | None = None) -> list[OutputFile]:
    """The five tables, at their paths under the site root (paths.EVENTS_CSV, …). `memo`: what
    an earlier build encoded and compressed (ExportMemo)."""
    urls = options.urls
    header, rows = event_rows(site, urls)
    articles_header = [n for n, _ in ARTICLE_COLUMNS]
    if memo is None:
        events: Iterable[list[object]] = rows
        articles: Iterable[list[object]] = article_rows(site, urls)
    else:  # the two largest tables by the model objects their rows are made of
        records, encode = memo.records, _encoder()
        urls = records.same("urls", urls)
        events = articles = ()
        event_lines = _event_lines(site, urls, len(header), records)
        article_lines = (records.get(("article row", a), (site.corpus.articles[a], urls),
                                     lambda a=a: encode(article_row(site.corpus.articles[a], urls)))
                         for a in site.articles_newest)
        terms = site.actors
        actor_lines = (records.get(
            ("actor row", a), (site.corpus.actors[a], len(terms[a].articles),
                               len(terms[a].events), terms[a].first_seen, terms[a].last_seen,
                               len(network.neighbours.get(a, ())), urls),
            lambda a=a: encode(actor_row(site, network, urls, a)))
            for a in sorted(site.corpus.actors))
        tie_lines = _tie_lines(network, records, encode)
    tables = {
        paths.EVENTS_CSV: (header, events),
        paths.ARTICLES_CSV: (articles_header, articles),
        paths.ACTORS_CSV: ([n for n, _ in ACTOR_COLUMNS],
                           actor_rows(site, network, urls) if memo is None else ()),
        paths.THEMES_CSV: ([n for n, _ in THEME_COLUMNS], theme_rows(site, urls)),
        paths.TIES_CSV: ([n for n, _ in TIE_COLUMNS], tie_rows(network) if memo is None else ()),
    }
    lines = {path: csv_lines(h, r, memo, path) for path, (h, r) in tables.items()}
    if memo is not None:
        lines[paths.EVENTS_CSV] = chain(lines[paths.EVENTS_CSV], event_lines)
        lines[paths.ARTICLES_CSV] = chain(lines[paths.ARTICLES_CSV], article_lines)
        lines[paths.ACTORS_CSV] = chain(lines[paths.ACTORS_CSV], actor_lines)
        lines[paths.TIES_CSV] = chain(lines[paths.TIES_CSV], tie_lines)
    return [OutputFile(path, gzipped(lines[path], memo, path) if path.endswith(".gz")
                       else b"".join(lines[path]))
            for path in tables]


# JSON --------------------------------------------------------------------------------------------


def date_json(d: EdtfDate) -> dict[str, object]:
    return {
        "edtf": d.text,
        "lower": d.lower.isoformat(),
        "upper": d.upper.isoformat(),
        "precision": d.precision,
        "approximate": d.approximate,
        "uncertain": d.uncertain,
    }


# A JSON record by its kind, a key, its inputs and how to make it (see `document`).
Record = Callable[[str, object, tuple, Callable[[], dict[str, object]]], object]


def _made(kind: str, key: object, inputs: tuple, make: Callable[[], dict[str, object]]) -> object:
    return make()


def _whole(kind: str, inputs: tuple, make: Callable[[], list],
           item: Callable[[object], object] | None = None) -> list:
    return make()


def document(site: Site, network: Network, options: BuildOptions,
             record: Record = _made,
             whole: Callable[..., list] = _whole
             ) -> dict[str, object]:
    """The whole model as plain data, in the order the site shows it. Each record (article,
    event, actor, theme, tie) is what `record` gives for it: by default the record; json_files
    passes one that keeps each record's bytes by the inputs named here (all it is made of)."""
    corpus, urls = site.corpus, options.urls
    articles = [record("article", a, (corpus.articles[a], urls),
                       lambda a=a: _article_record(corpus.articles[a], urls))
                for a in site.articles_newest]
    def event(e: TimelineEntry) -> object:
        return record("event", e.id, (e, urls, site.event_page(e.id)),
                      lambda: _event_record(e, urls, site.event_page(e.id)))

    events = whole("events", (site.timeline, urls, site.event_pages),
                   lambda: list(map(event, site.timeline)), event)
    actors = []
    for k in sorted(corpus.actors):
        x, term = corpus.actors[k], site.actors[k]
        actors.append(record("actor", k, (x, term.articles, term.events, urls),
                             lambda x=x, term=term: _actor_record(x, term, urls)))
    themes = []
    for k in sorted(corpus.themes):
        t, theme_term = corpus.themes[k], site.themes[k]
        themes.append(record("theme", k, (t, theme_term.articles, theme_term.events, urls),
                             lambda t=t, term=theme_term: _theme_record(t, term, urls)))
    ties = whole("ties", (network.ties,), lambda: [
        record("tie", (t.a, t.b), (t,), lambda t=t: _tie_record(t)) for t in network.ties])
    return {
        "format": "briefing-export",
        "version": 1,
        "site": {"name": options.site_name, "description": options.site_description,
                 "url": options.site_url},
        "articles": articles,
        "events": events,
        "actors": actors,
        "themes": themes,
        "ties": ties,
    }


def _article_record(a: Article, urls: paths.Urls) -> dict[str, object]:
    return {
        "id": a.id,
        "title": a.title,
        "outlet": a.outlet,
        "outlet_actor": a.outlet_actor,
        "url": a.url,
        "page_url": urls.page(paths.article(a.id)),
        "language": a.language,
        "published": date_json(a.published),
        "published_basis": a.published_basis,
        "published_note": a.published_note,
        "summary": a.summary,
        "themes": list(a.themes),
        "actors": [{"id": x.id, "role": x.role, "forms": list(x.forms)} for x in a.actors],
        "events": list(dict.fromkeys(e.id for e in a.events)),
        "quotes": [{"speaker": q.speaker, "text": q.text} for q in a.quotes],
        "claims": [
            {"claimant": c.claimant, "text": c.text, "about": list(c.about)}
            for c in a.claims
        ],
    }


def _event_record(e: TimelineEntry, urls: paths.Urls, page: str) -> dict[str, object]:
    return {
        "id": e.id,
        "date": date_json(e.date),
        "actors": list(e.actors),
        "acting": [{"body": a.body, "via": a.via, "how": a.how} for a in e.acting],
        "themes": list(e.themes),
        "differences": list(e.differences),
        "url": urls.page(page, paths.event_anchor(e.id)),
        "reports": [
            {
                "article_id": r.article_id,
                "date": date_json(r.date),
                "date_text": r.date_text,
                "date_basis": r.date_basis,
                "actors": list(r.actors),
                "place": r.place,
                "description": r.description,
            }
            for r in e.reports
        ],
    }


def _actor_record(x: Actor, term: Term, urls: paths.Urls) -> dict[str, object]:
    return {
        "id": x.id,
        "type": x.type,
        "name": {"ar": x.name_ar, "en": x.name_en},
        "aliases": {"ar": list(x.aliases_ar), "en": list(x.aliases_en)},
        "positions": [
            {
                "title": p.title,
                "of": p.of,
                "from": p.start.text if p.start else None,
                "to": p.end.text if p.end else None,
            }
            for p in x.positions
        ],
        "affiliations": list(x.affiliations),
        "description": {"ar": x.description_ar, "en": x.description_en},
        "wikidata": x.wikidata,
        "articles": list(term.articles),
        "events": list(term.events),
        "page_url": urls.page(paths.actor(x.id)),
    }


def _theme_record(t: Theme, term: Term, urls: paths.Urls) -> dict[str, object]:
    return {
        "id": t.id,
        "label": {"ar": t.label_ar, "en": t.label_en},
        "description": {"ar": t.description_ar, "en": t.description_en},
        "parent": t.parent,
        "articles": list(term.articles),
        "events": list(term.events),
        "page_url": urls.page(paths.theme(t.id)),
    }


def _tie_record(t: Tie) -> dict[str, object]:
    return {
        "source": t.a,
        "target": t.b,
        "events": t.events,
        "through": t.through,
        "words": t.words,
        "articles": t.articles,
        "weight": t.weight,
    }


def schema_bytes() -> bytes:
    return resources.files("generator").joinpath("schema", "export.schema.json").read_bytes()


def json_chunks(doc: dict[str, object]) -> Iterator[bytes]:
    """The document with one record (article, event, actor, theme, tie) per line: readable, and a
    diff shows which records changed. Written by json's C encoder (an indented dump runs the pure
    Python one, ten times slower: seconds at 10,000 articles), record by record into UTF-8, and
    compressed as it goes (the whole document would be 300 MB at 10,000 articles)."""

    yield b"{\n"
    for n, (key, value) in enumerate(doc.items()):
        yield b",\n" if n else b""
        if isinstance(value, list) and value:
            yield dump(key) + b": [\n"
            if isinstance(value[0], Dumped):  # kept by json_files (all of them then), with
                # their separators: no call a record (470,000 records at 10,000 articles)
                yield value[0].first
                yield from [item.later for item in islice(value, 1, None)]
            else:
                for i, item in enumerate(value):
                    yield (b",\n" if i else b"") + dump(item)
            yield b"\n]"
        else:
            yield dump(key) + b": " + dump(value)
    yield b"\n}\n"


class Dumped:
    """A record as json_chunks writes it: first in its list, or after another (the same bytes
    objects from build to build while the record is kept: export blocks compare lines by
    identity)."""

    __slots__ = ("first", "later")

    def __init__(self, value: object) -> None:
        self.first = dump(value)
        self.later = b",\n" + self.first

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Dumped) and self.first == other.first

    __hash__ = None  # type: ignore[assignment]


# json.dumps(value, ensure_ascii=False) makes an encoder on each call; one does for all the records
# (470,000 at 10,000 seed-density articles).
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def dump(value: object) -> bytes:
    return _ENCODE(value).encode("utf-8")


def json_bytes(doc: dict[str, object]) -> bytes:
    return b"".join(json_chunks(doc))


def json_files(site: Site, network: Network, options: BuildOptions,
               memo: ExportMemo | None = None) -> list[OutputFile]:
    """The model (paths.BRIEFING_JSON) and its JSON Schema (paths.BRIEFING_SCHEMA)."""
    record: Record = _made
    whole = _whole
    if memo is not None:  # each record's bytes, kept by what it is made of
        records = memo.records
        # A list kept whole (events, ties) keeps its records with it: a build that keeps the
        # list asks for none of them, and the next change to the list finds them there (by kind:
        # key -> (inputs, record)), not made again (60,000 events at 10,000 articles).
        before: dict[str, dict[object, tuple]] = {}
        making: dict[str, dict[object, tuple]] = {}

        def record(kind: str, key: object, inputs: tuple,
                   make: Callable[[], dict[str, object]]) -> object:
            if kind in making:  # a list made again: its records are kept with it
                found = before[kind].get(key)
                value = (found[1] if found is not None and found[0] == inputs
                         else Dumped(make()))
                making[kind][key] = (inputs, value)
                return value
            return records.get(("json", kind, key), inputs, lambda: Dumped(make()))

        def whole(kind: str, inputs: tuple, make: Callable[[], list],
                  one: Callable[[object], object] | None = None) -> list:
            name = ("json list", kind)
            kept = records.kept(name)
            item = kind[:-1]  # "events" -> "event"

            def again() -> tuple[list, dict]:
                before[item] = kept[1][1] if kept is not None else {}
                making[item] = {}
                try:
                    # The same items in their places, some made again (a corrected publication
                    # date reorders its events' reports): the last list with theirs made again.
                    at = (_swapped(kept[0][0], inputs[0]) if one is not None and kept is not None
                          and kept[0][1:] == inputs[1:] else None)
                    if at is None:
                        return make(), making[item]
                    values = list(kept[1][0])
                    for i in at:
                        values[i] = one(inputs[0][i])
                    found = dict(kept[1][1])
                    found.update(making[item])
                    return values, found
                finally:
                    del before[item], making[item]

            return records.get(name, inputs, again)[0]

    return [
        OutputFile(paths.BRIEFING_JSON,
                   gzipped(json_chunks(document(site, network, options, record, whole)), memo,
                           paths.BRIEFING_JSON)),
        OutputFile(paths.BRIEFING_SCHEMA, schema_bytes()),
    ]
