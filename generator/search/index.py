"""Search index: documents -> compressed files the browser fetches piece by piece.

Layout under search/ (every file gzip-compressed, so the bytes on the wire are small on any host):
  meta.gz      version, shard count, analyzer and alias tables, actor/theme pages, month names, and
               per document but events: kind, length, title length (ranking); per article the
               days of its date (`day`, `span`: its year for filters, recency for ties in
               ranking); for events where they start and the days of each one's date
               (`events.day`, `events.span`: the same use) (fetched first)
  t/XXX.gz     postings of the keys whose hash falls in shard XXX, year tokens included (periods.py)
                                                                                (per query word)
  f/N.gz       title, subtitle, url and snippet text of document N (pages; an   (per result shown)
               article's text paragraphs are read from its page)
  f/eG.gz      the same for events, EVENT_GROUP to a file: event N is item
               (N - first event) % EVENT_GROUP of file G = (N - first event) // EVENT_GROUP
A query fetches meta, one shard per key and one fragment per result shown; never the whole index.
Documents are numbered articles by id, actors, themes, events by id, each kind from a round number
past the last (documents.document_numbers; meta.gz `size` is the highest number + 1, `count` the
documents): no number follows a date an analyst edits, and an article added last moves no other
number, so under `mkdocs serve` such an edit splices one document.
Events are numerous (several per article) and short, so meta.gz holds only their days: the browser
ranks them at the average length, without a title boost.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from .. import paths
from ..edtf import DateStyle, month_name
from ..model import Corpus
from ..output import OutputFile
from .analyze import STOP_WORDS, alias_key, index_keys, tables, words
from .documents import KINDS, SearchDoc, actor_aliases, document_numbers
from .periods import month_names, year_counts

if TYPE_CHECKING:
    from .memo import SearchMemo

GAP = 3  # positions left between fields and paragraphs, so no phrase spans two of them
NOTE_ALIGN = 32  # a document's notes each start at a multiple of this (documents.SearchDoc)
EVENT_GROUP = 32  # events' result fragments per file
SHARD_TARGET = 16_000  # raw bytes of postings per shard, before compression


def fnv1a(text: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes; the browser computes the same to find a key's shard."""
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def _varint(n: int, out: bytearray) -> None:
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


def _varint_bytes(n: int) -> bytes:
    out = bytearray()
    _varint(n, out)
    return bytes(out)


_SMALL = [_varint_bytes(n) for n in range(1 << 14)]  # varints of 1 and 2 bytes, precomputed


def _varints(numbers: list[int]) -> bytes:
    small = _SMALL
    return b"".join(small[n] if n < 16384 else _varint_bytes(n) for n in numbers)


# gzip levels. Level 6 for meta.gz and the fragments: at 10,000 seed-density articles level 9
# took 15.9 CPU s for all the index's files and level 6 7.0, for 0.2 % more bytes (56.46 against
# 56.33 MB). Level 1 for the shards: postings compress little at any level (69.1 MB of them at
# that size gave 42.45 MB at level 6, 44.06 at level 1, +3.8 %) and level 1 takes a third of the
# time (1.95 against 5.57 CPU s); an edit under `mkdocs serve` packs again the shards of every
# word it touches, the largest ones (common words) included.
LEVEL = 6
SHARD_LEVEL = 1


def _gzip(data: bytes, level: int = LEVEL) -> bytes:
    return gzip.compress(data, compresslevel=level, mtime=0)


def _json(value: object, pack: Callable[[bytes, int], bytes] = _gzip) -> bytes:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return pack(text.encode("utf-8"), LEVEL)


class Analysed:
    """One document's postings, encoded independently of its number (so a build may keep them
    for the next one): per key, varint count then position deltas (words) or varint count (stop
    words and entity tokens, which keep no positions); and its lengths in positions (`length`
    without the positions skipped to align its notes: ranking weighs the words, not the
    layout)."""

    __slots__ = ("positional", "counted", "length", "title_length")

    def __init__(self, positional: list[tuple[str, bytes]], counted: list[tuple[str, bytes]],
                 length: int, title_length: int) -> None:
        self.positional, self.counted = positional, counted
        self.length, self.title_length = length, title_length


class Analyser:
    """Documents -> Analysed. Remembers each word's keys (a word recurs across documents)."""

    def __init__(self) -> None:
        self._split: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def _keys(self, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        keys = sorted(index_keys(word))
        split = (
            tuple(k for k in keys if k not in STOP_WORDS),
            tuple(k for k in keys if k in STOP_WORDS),
        )
        self._split[word] = split
        return split

    def _add_text(self, text: str, pos: int, positions: dict[str, list[int]],
                  counts: dict[str, int]) -> int:
        """Index the words of one text of a document from `pos`; returns the next position."""
        split = self._split
        for word in words(text):
            positional, counted = split.get(word) or self._keys(word)
            for key in positional:
                found = positions.get(key)
                if found is None:
                    positions[key] = [pos]
                else:
                    found.append(pos)
            for key in counted:
                counts[key] = counts.get(key, 0) + 1
            pos += 1
        return pos

    def analyse(self, doc: SearchDoc) -> Analysed:
        positions: dict[str, list[int]] = {}
        counts: dict[str, int] = {}
        pos = self._add_text(doc.title, 0, positions, counts)
        title_length = pos
        pos += GAP
        for text in doc.fields:
            pos = self._add_text(text, pos, positions, counts) + GAP
        skipped = 0
        for text in doc.notes:
            aligned = -(-pos // NOTE_ALIGN) * NOTE_ALIGN
            skipped += aligned - pos
            pos = self._add_text(text, aligned, positions, counts) + GAP
        for token in doc.entities:
            counts[token] = 1
        if doc.day:
            lower = date.fromordinal(doc.day)
            for token, count in year_counts(lower, date.fromordinal(doc.last_day or doc.day)):
                counts[token] = count  # a year token: its payload
        small = _SMALL
        positional = []
        for key, found in positions.items():
            out = [small[len(found)] if len(found) < 16384 else _varint_bytes(len(found))]
            previous = 0
            for p in found:
                n = p - previous
                previous = p
                out.append(small[n] if n < 16384 else _varint_bytes(n))
            positional.append((key, b"".join(out)))
        counted = [(key, small[n] if n < 16384 else _varint_bytes(n)) for key, n in counts.items()]
        return Analysed(positional, counted, pos - skipped, title_length)


class _Postings:
    """Postings encoded as documents are added (in increasing order), so memory stays near the size
    of the index: key -> varint doc delta, then the document's Analysed bytes of that key."""

    def __init__(self) -> None:
        self.data: dict[str, bytearray] = {}
        self.last: dict[str, int] = {}
        self.ndocs: dict[str, int] = defaultdict(int)
        self.positional: set[str] = set()

    def add(self, doc: int, analysed: Analysed) -> None:
        """Append a document to the postings of its keys (the hot loop of the build)."""
        data, last, ndocs, small = self.data, self.last, self.ndocs, _SMALL
        for key, encoded in analysed.positional:
            buf = data.get(key)
            if buf is None:
                buf = data[key] = bytearray()
                self.positional.add(key)
            n = doc - last.get(key, 0)
            buf += small[n] if n < 16384 else _varint_bytes(n)
            buf += encoded
            last[key] = doc
            ndocs[key] += 1
        for key, encoded in analysed.counted:
            buf = data.get(key)
            if buf is None:
                buf = data[key] = bytearray()
            n = doc - last.get(key, 0)
            buf += small[n] if n < 16384 else _varint_bytes(n)
            buf += encoded
            last[key] = doc
            ndocs[key] += 1

    def count(self, key: str) -> int:
        """How many documents hold the key."""
        return self.ndocs[key]

    def encode(self, key: str) -> bytes:
        """One shard entry: key, flag (1: positions), payload length, payload (ndocs + data)."""
        payload = _varint_bytes(self.count(key)) + self.data[key]
        raw = key.encode("utf-8")
        return (
            _varints([len(raw)])
            + raw
            + _varints([1 if key in self.positional else 0, len(payload)])
            + payload
        )

    def keys(self) -> list[str]:
        return sorted(self.data)


class TrackedPostings(_Postings):
    """The same postings, with each key's documents and where each one's bytes end, so that a
    later build replaces a few documents' postings in place (`splice`) instead of appending every
    document again (search/memo.py). A key's entry for a document is: varint delta from the
    key's previous document, then the document's encoded bytes of that key (twice, the second
    with delta 0, if a key were both positional and counted in one document)."""

    def __init__(self) -> None:
        super().__init__()
        self.docs: dict[str, array] = {}  # per key, its documents in order (`ndocs` is unused)
        self.ends: dict[str, array] = {}  # and where each entry's bytes end in data[key]

    def add(self, doc: int, analysed: Analysed) -> None:
        for entries, positional in ((analysed.positional, True), (analysed.counted, False)):
            for key, encoded in entries:
                buf = self.data.get(key)
                if buf is None:
                    buf = self.data[key] = bytearray()
                    self.docs[key], self.ends[key] = array("I"), array("I")
                    if positional:
                        self.positional.add(key)
                docs = self.docs[key]
                n = doc - (docs[-1] if docs else 0)
                buf += _SMALL[n] if n < 16384 else _varint_bytes(n)
                buf += encoded
                docs.append(doc)
                self.ends[key].append(len(buf))

    def splice(self, key: str, doc: int, encoded: list[tuple[bytes, bool]]) -> None:
        """Replace the entries of `doc` in `key` (none or some) by `encoded`: (bytes, positional)
        in the order `add` appends them."""
        docs, ends = self.docs.get(key), self.ends.get(key)
        if docs is None or ends is None:
            if not encoded:
                return
            self.data[key], docs, ends = bytearray(), array("I"), array("I")
            self.docs[key], self.ends[key] = docs, ends
            if encoded[0][1]:
                self.positional.add(key)
        buf = self.data[key]
        i, j = bisect_left(docs, doc), bisect_right(docs, doc)
        start = ends[i - 1] if i else 0
        end = ends[j - 1] if j > i else start
        before = docs[i - 1] if i else 0
        new = bytearray()
        new_ends = []
        for k, (piece, _) in enumerate(encoded):
            n = doc - before if k == 0 else 0
            new += _SMALL[n] if n < 16384 else _varint_bytes(n)
            new += piece
            new_ends.append(start + len(new))
        if j < len(docs):  # the next entry's delta counts from another document now
            old_len = 1
            while buf[end + old_len - 1] & 0x80:
                old_len += 1
            n = docs[j] - (doc if encoded else before)
            new += _SMALL[n] if n < 16384 else _varint_bytes(n)
            end += old_len
            shift = start + len(new) - end
            rest = array("I", [e + shift for e in ends[j:]])
        else:
            rest = array("I")
        buf[start:end] = new
        docs[i:j] = array("I", [doc] * len(encoded))
        ends[i:] = array("I", new_ends) + rest
        if not docs:
            del self.data[key], self.docs[key], self.ends[key]
            self.positional.discard(key)

    def count(self, key: str) -> int:
        return len(self.docs[key])


def shard_count(total: int) -> int:
    n = 1
    while n * SHARD_TARGET < total and n < 4096:
        n *= 2
    return n


def shard_bytes(entries: list[bytes]) -> bytes:
    """A shard file before compression: varint count of keys, then their entries in key order."""
    head = bytearray()
    _varint(len(entries), head)
    head += b"".join(entries)
    return bytes(head)


def _shards(postings: _Postings) -> Iterator[bytes]:
    """Each shard's bytes, in order, from postings made from scratch (a full build). Each key's
    postings are dropped once its entry is made, and each shard's entries once it is handed out:
    memory stays near one copy of the index (a few hundred MB at 10,000 seed-density articles,
    the build's peak)."""
    entries: dict[str, bytes] = {}
    for key in postings.keys():
        entries[key] = postings.encode(key)
        del postings.data[key]
    shards_n = shard_count(sum(len(e) for e in entries.values()))
    members: list[list[bytes]] = [[] for _ in range(shards_n)]
    for key in list(entries):  # in key order
        members[fnv1a(key) % shards_n].append(entries.pop(key))
    for shard in range(shards_n):
        yield shard_bytes(members[shard])
        members[shard] = []


def build_search_index(
    docs: list[SearchDoc], corpus: Corpus, style: DateStyle = DateStyle(),
    pack: Callable[[bytes, int], bytes] = _gzip, memo: SearchMemo | None = None,
) -> list[OutputFile]:
    """Every file of the search index in a fixed order with fixed bytes: same input, same files.
    `pack` gzips a file at a level (incremental.py's remembers what it packed last time); `memo`
    keeps each document's postings from one build to the next (the same bytes as analysing it
    again)."""
    numbers, first_event = document_numbers(docs)
    if memo:
        analysed = memo.analyse(docs, numbers)
        postings: _Postings = memo.postings(analysed, numbers)
        lengths = [a.length for a in analysed]
        title_lengths = [a.title_length for a in analysed]
    else:  # each document's postings are dropped once appended
        analyser, postings = Analyser(), _Postings()
        lengths, title_lengths = [], []
        for n, doc in zip(numbers, docs):
            one = analyser.analyse(doc)
            postings.add(n, one)
            lengths.append(one.length)
            title_lengths.append(one.title_length)

    def pack_shard(data: bytes) -> bytes:
        return pack(data, SHARD_LEVEL)

    if memo:  # only the shards whose keys changed are encoded, laid out and packed again
        packed_shards = memo.shards(pack_shard)
    else:
        packed_shards = [pack_shard(shard) for shard in _shards(postings)]
    width = len(f"{len(packed_shards) - 1:x}")
    files = [OutputFile(paths.search_file(f"t/{shard:0{width}x}.gz"), packed)
             for shard, packed in enumerate(packed_shards)]

    events = next((i for i, d in enumerate(docs) if d.kind == "event"), len(docs))

    def fragments(batch: tuple[SearchDoc, ...], one: bool) -> bytes:
        def make() -> bytes:
            return _json(_fragment(batch[0]) if one else [_fragment(d) for d in batch], pack)
        return memo.fragments(batch, one, make) if memo else make()

    for n, doc in zip(numbers, docs[:events]):
        files.append(OutputFile(paths.search_file(f"f/{n}.gz"), fragments((doc,), True)))
    # Events' fragments are small (a sentence): one file per EVENT_GROUP of them, where one file
    # each weighed more in gzip's frame than in text (2.5 KiB an article at the seeds' density,
    # and 9 files an article for the deployment to carry).
    for group, start in enumerate(range(events, len(docs), EVENT_GROUP)):
        batch = tuple(docs[start:start + EVENT_GROUP])
        files.append(OutputFile(paths.search_file(f"f/e{group}.gz"), fragments(batch, False)))
    table: dict[str, object] = {"kind": [0] * first_event, "len": [0] * first_event,
                                "title": [0] * first_event}  # holes: 0 (document_numbers)
    for n, doc, length, title in zip(numbers, docs[:events], lengths, title_lengths):
        table["kind"][n] = KINDS.index(doc.kind)  # type: ignore[index]
        table["len"][n], table["title"][n] = length, title  # type: ignore[index]
    table.update(article_days(docs[:events]))
    meta = _meta(docs[:events], numbers[:events], len(docs), corpus, len(packed_shards),
                 lengths[:events], files, memo.digest if memo else _digest)
    meta["size"] = first_event + len(docs) - events  # the highest number + 1 (count: documents)
    days = memo.event_days(docs[events:]) if memo else event_days(docs[events:])
    meta["events"] = {"first": first_event, "group": EVENT_GROUP, **days}
    # How the status line names a period the query asked for, as the site writes dates.
    meta["monthLabels"] = [month_name(m, style) for m in range(1, 13)]
    meta["dateDigits"] = style.digits
    files.append(OutputFile(paths.search_file("meta.gz"), _json({**meta, "docs": table}, pack)))
    return files


EPOCH = date(1970, 1, 1).toordinal()  # the browser counts days as JavaScript's Date does


def article_days(docs: list[SearchDoc]) -> dict[str, object]:
    """What the browser reads the articles' years and recency from: the last day each one's
    publication date may be (days since 1970-01-01) as differences from the previous article's,
    and, where the first day differs (a month, a year), how many days earlier it is. Articles are
    numbered by id, which a date edit leaves alone; the browser sorts them newest first from
    these days (latest last day, then latest first day, then lower number: derive's
    `articles_newest`) to break ties in ranking, and takes a year from the first day. Articles
    come first; actors and themes follow (year 0). Ids that follow the dates make small
    differences; ids that do not cost a day each, less than a permutation of the numbers."""
    days, spans = [], {}
    previous = 0
    for n, doc in enumerate(docs):
        if doc.kind != "article":
            break
        last = (doc.last_day or doc.day) - EPOCH
        days.append(last - previous)
        previous = last
        if doc.last_day and doc.last_day != doc.day:
            spans[str(n)] = doc.last_day - doc.day
    return {"day": days, "span": spans}


def event_days(events: list[SearchDoc]) -> dict[str, object]:
    """What the browser reads the events' years and recency from (they are numbered by id, which a
    date edit leaves alone): the first day of each one's date (days since 1970-01-01) as
    differences from the previous event's, the first from 0, and how many days more each one's
    date runs (0 for a day; a full list gzips smaller than pairs for the few that run longer).
    The browser sorts them newest first (latest first day, then latest last day, then higher
    number: the id order reversed) and takes a year from the first day. Ids that start with the
    date (the seeds' do: `2024-11-10-araji-araghchi-tehran`) make small differences."""
    firsts = [doc.day - EPOCH for doc in events]
    days = [first - previous for first, previous in zip(firsts, [0, *firsts])]
    return {"day": days, "span": [(doc.last_day or doc.day) - doc.day for doc in events]}


def _digest(content: bytes) -> bytes:
    return hashlib.sha256(content).digest()


def _fragment(doc: SearchDoc) -> dict:
    """What a result shows: url, kind, title, subtitle and the paragraphs a snippet is cut from."""
    return {"u": doc.url, "k": doc.kind, "t": doc.title, "s": doc.subtitle, "p": list(doc.snippet)}


def _meta(
    docs: list[SearchDoc],
    numbers: list[int],
    count: int,
    corpus: Corpus,
    shards_n: int,
    lengths: list[int],
    files: list[OutputFile],
    digest_of: Callable[[bytes], bytes],
) -> dict:
    """The small file a first query starts with; `version` changes with any byte of the index.
    `docs` and `numbers`: the documents but events (the pages of actors and themes are among
    them); `count`: every document."""
    pages = ("actor", "theme")  # the page of an actor or theme carries its token, and only it
    entity_doc = {tok: n for n, d in zip(numbers, docs) if d.kind in pages for tok in d.entities}
    entities, aliases = [], defaultdict(list)
    for actor_id in sorted(corpus.actors):
        actor = corpus.actors[actor_id]
        index = len(entities)
        entities.append(
            {
                "id": f"@{actor_id}",
                "doc": entity_doc.get(f"@{actor_id}", -1),
                "name": actor.name_ar,
                "ar": [a.key for a in actor_aliases(actor) if a.arabic],
            }
        )
        for alias in actor_aliases(actor):
            aliases[alias.key].append(index)
    for theme_id in sorted(corpus.themes):
        theme = corpus.themes[theme_id]
        index = len(entities)
        labels = {alias_key(theme.label_ar): True, alias_key(theme.label_en): False}
        entities.append(
            {
                "id": f"#{theme_id}",
                "doc": entity_doc.get(f"#{theme_id}", -1),
                "name": theme.label_ar,
                "ar": [k for k, arabic in labels.items() if arabic and k],
            }
        )
        for key in labels:
            if key and index not in aliases[key]:
                aliases[key].append(index)
    digest = hashlib.sha256()  # of each file's digest (kept by the memo under `mkdocs serve`)
    for f in files:
        digest.update(f.path.encode() + b"\0" + digest_of(f.content))
    return {
        "version": digest.hexdigest()[:12],
        "shards": shards_n,
        "count": count,
        "avgLen": round(sum(lengths) / max(1, len(lengths)), 1),
        "analyzer": tables(),
        "aliases": dict(sorted(aliases.items())),
        "entities": entities,
        "months": month_names(),
    }
