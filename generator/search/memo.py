"""What the search stage keeps between builds under `mkdocs serve` (incremental.Session holds one):
each document's analysed postings, found by its number (the same SearchDoc object there, or one
that indexes the same texts, tokens and dates: SearchDoc.indexed) or else by what it indexes
elsewhere, and the alias scanner with what it found in each text; when the registry's Arabic
names change, a new scanner carries those findings for the texts the change cannot touch
(`_Scanner.carry`). A kept result is exactly what analysing again would give (both are pure
functions of the document), so the index has the bytes of a full build. The postings themselves
are kept too: when only a few documents changed, came or went (documents.document_numbers keeps
the others' numbers), their entries are replaced in place under the keys whose bytes changed
(index.TrackedPostings.splice) instead of appending every document again; and so are the shard
files (`Shards`: each shard's keys and packed bytes), so that only the shards holding a changed
key are laid out and compressed again."""

from __future__ import annotations

import hashlib
import operator
import re
from bisect import bisect_right
from itertools import accumulate
from collections.abc import Callable

from ..memo import Memo, differing
from ..model import Actor
from .documents import AliasScanner, SearchDoc, _word_keys, alias_patterns
from .index import (Analysed, Analyser, TrackedPostings, event_days, fnv1a, shard_bytes,
                    shard_count)

SPLICE_AT_MOST = 64  # changed documents spliced in place; more: the postings are made again
CARRY_AT_MOST = 16  # actors that lost an alias, for the scanner to carry its findings


def _pieces(analysed: Analysed) -> dict[str, list[tuple[bytes, bool]]]:
    """A document's encoded postings by key, in the order TrackedPostings.add appends them."""
    pieces: dict[str, list[tuple[bytes, bool]]] = {}
    for key, encoded in analysed.positional:
        pieces.setdefault(key, []).append((encoded, True))
    for key, encoded in analysed.counted:
        pieces.setdefault(key, []).append((encoded, False))
    return pieces


class _ByIndex:
    """A document as a key by what its postings are made of (SearchDoc.indexed)."""

    __slots__ = ("doc", "hash")

    def __init__(self, doc: SearchDoc) -> None:
        self.doc, self.hash = doc, doc.indexed_hash()

    def __hash__(self) -> int:
        return self.hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _ByIndex) and self.doc.indexed() == other.doc.indexed()


class _Scanner(AliasScanner):
    """An AliasScanner that remembers which actors each text names. Made again when the actors'
    Arabic aliases change, it takes over the last one's results for the texts the change cannot
    touch (`carry`): a text keeps its actors unless it names an actor that lost an alias, or holds
    a word that may start an alias that is new (its first word's keys, compared over every word
    the texts have: a substring test then finds the texts that hold one). So a renamed actor's
    Arabic name scans again the few texts that name it, not every article."""

    def __init__(self, actors: dict[str, Actor]) -> None:
        super().__init__(actors)
        self.found: dict[tuple[str, ...], frozenset[str]] = {}
        self.finding: dict[tuple[str, ...], frozenset[str]] = {}
        self.vocabulary: set[str] = set()  # the words of the texts carried from earlier scanners
        self._lost: frozenset[str] = frozenset()  # actors with an alias the last scanner had
        self._new_words: re.Pattern[str] | None = None  # words that may start a new alias
        self._new: list[list[re.Pattern[str] | None]] = []  # each new alias's words (_pattern)
        self._last_found: dict[tuple[str, ...], frozenset[str]] = {}  # until `done`
        self.scanned = 0  # texts scanned by this scanner (not found, not carried)
        self.token = object()  # stands for this scanner (`follows`)
        self._after: object = None  # the token of the scanner it carried from

    def actors_in(self, texts: tuple[str, ...]) -> set[str]:
        found = self.finding.get(texts)
        if found is None:
            found = self.found.get(texts)
            if found is None:
                found = frozenset(super().actors_in(texts))
                self.scanned += 1
            self.finding[texts] = found
        return set(found)

    def carry(self, last: _Scanner, texts: set[tuple[str, ...]]) -> None:
        """Take over `last`'s results where the aliases' change cannot alter them: a text that
        holds no word a new alias may start with keeps its actors; of those that lost an alias,
        an actor it named stays if for each lost alias it lacks a word of it (a kept alias named
        it), goes if it holds no word a kept alias starts with, and else the text is scanned
        again."""
        before, after = set(zip(*last.aliases)), set(zip(*self.aliases))
        lost = self._lost = frozenset(owner for _, owner in before - after)
        self.vocabulary = last.vocabulary | last._seen
        if len(lost) > CARRY_AT_MOST:  # a registry rewritten: every text is scanned again
            return  # (and does not follow the last scanner: nothing of it is carried)
        self._after = last.token
        new = after - before
        self._new_words = self._words({pattern[0] for pattern, _ in new})
        self._new = [self._pattern(p) for p, _ in new]
        lost_aliases = {a: [p for p, owner in before - after if owner == a] for a in lost}
        gone = {a: [self._pattern(p) for p in found] for a, found in lost_aliases.items()}
        # Whether a text holds one of them, as the scanner reads it (words in a row, keys, a
        # clitic on the first): a text that holds each word of a lost name but not the name
        # was named by an alias the actor keeps.
        phrases = {a: AliasScanner({}, (tuple(found), (a,) * len(found)))
                   for a, found in lost_aliases.items()}
        kept = {a: self._words({p[0] for p, owner in after if owner == a}) for a in lost}
        found = {}
        for one, actors in last.found.items():
            if one not in texts or (self._holds_word(self._new_words, one)
                                    and self._may_hold_new(one)):
                continue
            for actor in lost & actors:
                if not any(self._holds_all(p, one) for p in gone[actor]) or (
                        not phrases[actor].actors_in(one)):
                    continue  # named by an alias it keeps
                if self._holds_word(kept[actor], one):
                    break  # either: scanned again
                actors = actors - {actor}  # a new object: not `unchanged`
            else:
                found[one] = actors
        self.found, self._last_found = found, last.found

    def _may_hold_new(self, texts: tuple[str, ...]) -> bool:
        """Whether the texts hold a word of each word of a new alias (a rename that puts a
        common word first, «معدل», scans again the texts that also hold the rest of it, not
        every text that holds the common word)."""
        return any(self._holds_all(p, texts) for p in self._new)

    def _words(self, starts: set[str]) -> re.Pattern[str] | None:
        """A search for the words of the texts that may start an alias starting with `starts`."""
        hot = sorted(w for w in self.vocabulary
                     if _word_keys(w)[0] in starts or _word_keys(w)[1] in starts)
        return re.compile("|".join(map(re.escape, hot))) if hot else None

    def _pattern(self, pattern: tuple[str, ...]) -> list[re.Pattern[str] | None]:
        """A search for each word of an alias: a text may hold the alias only if it holds a word
        of each (a lost alias whose first word is a common first name, its last a family name)."""
        out = [self._words({pattern[0]})]
        for key in pattern[1:]:
            hot = sorted(w for w in self.vocabulary if _word_keys(w)[0] == key)
            out.append(re.compile("|".join(map(re.escape, hot))) if hot else None)
        return out

    @staticmethod
    def _holds_all(words: list[re.Pattern[str] | None], texts: tuple[str, ...]) -> bool:
        """Whether one of the texts holds a word of each of an alias's words (`_pattern`): an
        alias is found within one text, never across two (a title and a paragraph)."""
        return any(all(w is not None and w.search(text) for w in words) for text in texts)

    @staticmethod
    def _holds_word(search: re.Pattern[str] | None, texts: tuple[str, ...]) -> bool:
        return search is not None and any(map(search.search, texts))

    def follows(self, scanner: object) -> bool:
        """Whether this scanner carried `scanner`'s results (so `may_change` may be asked about
        what it found)."""
        return self._after is not None and self._after is getattr(scanner, "token", None)

    def unchanged(self, texts: tuple[str, ...]) -> bool:
        """Whether this scanner carried, unchanged, what the one it follows found in `texts`."""
        found = self.found.get(texts)
        return found is not None and found is self._last_found.get(texts)

    def lost(self) -> frozenset[str]:
        """The actors that lost a name or alias since the scanner this one follows."""
        return self._lost

    def may_change(self, texts: list[str]) -> set[int]:
        """Which of these texts hold a word that may start a new alias (one search of them all:
        an event's description each, 90,000 of them at 10,000 seed-density articles)."""
        search = self._new_words
        if search is None or not texts:
            return set()
        starts = list(accumulate(len(t) + 1 for t in texts))
        hits = {bisect_right(starts, m.start()) for m in search.finditer("\n".join(texts))}
        return {i for i in hits if self._may_hold_new((texts[i],))}


class Shards:
    """The shard files of the last build: each shard's keys and packed bytes, and each key's
    hash and entry size (the shard count follows the entries' total). `update` lays out and packs
    again only the shards holding a key it is told changed; when the shard count changes (the
    index grew or shrank past a power of two) or no key is named, every shard. It keeps no entry:
    a shard laid out again encodes its keys from the postings (a few hundred), so the memo does
    not hold a second copy of the index."""

    def __init__(self) -> None:
        self.sizes: dict[str, int] = {}  # bytes of each key's entry
        self.hashes: dict[str, int] = {}  # fnv1a of each key
        self.total = 0
        self.keys: list[set[str]] = []  # per shard
        self.packed: list[bytes] = []  # per shard

    def update(self, postings: TrackedPostings, changed: set[str] | None,
               pack: Callable[[bytes], bytes]) -> list[bytes]:
        """The packed shards of `postings`, whose entries differ from the last call's only under
        the `changed` keys (None: any may)."""
        if changed is None or not self.packed:
            return self._lay_out(postings, pack)
        sizes, hashes = self.sizes, self.hashes
        shards = set()
        for key in changed:
            hashed = hashes.get(key)
            if hashed is None:
                hashed = hashes[key] = fnv1a(key)
            shards.add(hashed)
            size = len(postings.encode(key)) if key in postings.data else 0
            self.total += size - sizes.pop(key, 0)
            if size:
                sizes[key] = size
            else:
                del hashes[key]
        shards_n = len(self.packed)
        if shard_count(self.total) != shards_n:
            return self._lay_out(postings, pack)
        again = sorted({hashed % shards_n for hashed in shards})
        for key in changed:
            members = self.keys[(hashes.get(key) or fnv1a(key)) % shards_n]
            if key in sizes:
                members.add(key)
            else:
                members.discard(key)
        for shard in again:
            entries = [postings.encode(k) for k in sorted(self.keys[shard])]
            self.packed[shard] = pack(shard_bytes(entries))
        return self.packed

    def _lay_out(self, postings: TrackedPostings, pack: Callable[[bytes], bytes]
                 ) -> list[bytes]:
        entries = {key: postings.encode(key) for key in postings.keys()}  # in key order
        old = self.hashes
        self.hashes = {key: old.get(key) or fnv1a(key) for key in entries}
        self.sizes = {key: len(entry) for key, entry in entries.items()}
        self.total = sum(self.sizes.values())
        shards_n = shard_count(self.total)
        members: list[list[bytes]] = [[] for _ in range(shards_n)]
        self.keys = [set() for _ in range(shards_n)]
        for key, entry in entries.items():
            shard = self.hashes[key] % shards_n
            members[shard].append(entry)
            self.keys[shard].add(key)
        del entries
        self.packed = [pack(shard_bytes(m)) for m in members]
        return self.packed


class SearchMemo:
    """Kept from the last build: only what it used (so memory follows the site, not the session's
    history; the scanner's findings also for texts since edited, until the next change of names,
    which carries only the site's texts). `start` and `done` frame a build of the index."""

    def __init__(self) -> None:
        self.analyser = Analyser()
        self._scanner: _Scanner | None = None
        self.docs = Memo()  # each article's and event's search document
        self._last_docs: list[SearchDoc] = []  # the last build's documents, in order
        self._docs_next: list[SearchDoc] = []
        self._numbers: list[int] = []  # and their numbers (documents.document_numbers)
        self.analysed = 0  # documents analysed again by the last build
        self._files: dict[tuple[tuple[SearchDoc, ...], bool], bytes] = {}  # result fragments
        self._next_files: dict[tuple[tuple[SearchDoc, ...], bool], bytes] = {}
        # events' fragment files by their documents' ids: (documents, packed bytes)
        self._groups: dict[tuple[int, ...], tuple[tuple[SearchDoc, ...], bytes]] = {}
        self._next_groups: dict[tuple[int, ...], tuple[tuple[SearchDoc, ...], bytes]] = {}
        self._order: list[Analysed] = []  # the last build's documents' postings, in order
        self._postings: TrackedPostings | None = None
        self.spliced: int | None = None  # documents spliced by the last build (None: made again)
        self._touched: set[str] | None = None  # the keys spliced by this build (None: all)
        self._shards: Shards | None = None  # None until `shards` follows `postings`
        self._pending: Shards | None = None
        self.shards_packed = 0  # shards packed again by the last build
        # the last build's event documents and their index.event_days lists
        self._event_days: tuple[list[SearchDoc], list[int], list[int]] | None = None
        self._digests: dict[bytes, bytes] = {}  # each file's sha256 (index._meta), last build
        self._next_digests: dict[bytes, bytes] = {}

    def start(self) -> None:
        self._next_files, self._next_digests, self.analysed = {}, {}, 0
        self._next_groups = {}
        self.docs.start()
        if self._scanner:
            self._scanner.finding, self._scanner.scanned = {}, 0

    @property
    def scanned(self) -> int:
        """Texts the alias scanner scanned in this or the last build (not found, not carried)."""
        return self._scanner.scanned if self._scanner else 0

    def scanner(self, actors: dict[str, Actor],
                texts: Callable[[], set[tuple[str, ...]]]) -> _Scanner:
        """The last build's scanner while the actors' Arabic aliases are the same, else a new one
        that carries the last one's results, for the `texts` the site has now, where the change
        cannot alter them."""
        last = self._scanner
        if last is None or last.aliases != alias_patterns(actors):
            self._scanner = _Scanner(actors)
            if last is not None:
                self._scanner.carry(last, texts())
        return self._scanner

    def analyse(self, docs: list[SearchDoc], numbers: list[int]) -> list[Analysed]:
        """Each document's postings (the same Analysed object as the last build's where they are
        the same, so `postings` splices nothing for it): the last build's for the document at the
        same number when it is the same object (search_documents keeps them) or indexes the same
        texts, tokens and dates (SearchDoc.indexed: a moved url or a renamed actor in a snippet
        leaves the postings), else for an equal document elsewhere (looked up by value once a
        second document of its kind changed, or the numbers moved), else analysed."""
        last_docs, last, last_numbers = self._last_docs, self._order, self._numbers
        if not len(last_docs) == len(last) == len(last_numbers):
            last_docs, last, last_numbers = [], [], []
        at = None if numbers == last_numbers else {n: i for i, n in enumerate(last_numbers)}
        found: dict[str, dict[_ByIndex, Analysed]] = {}  # per kind, made when first needed
        missed: set[str] = set()  # kinds with a document changed or moved
        if at is None:  # the same numbers: only the documents that are new objects are looked at
            out = list(last)
            walk = differing(last_docs, docs)
        else:
            out, walk = [], range(len(docs))
        for i in walk:
            doc = docs[i]
            j = i if at is None else at.get(numbers[i], -1)
            if 0 <= j < len(last_docs):
                old = last_docs[j]
                if old is doc or (old.kind == doc.kind and old.indexed() == doc.indexed()):
                    if at is not None:
                        out.append(last[j])
                    continue
            same = found.get(doc.kind)
            if same is None and doc.kind not in missed and at is None:
                # The first change of its kind with the numbers unchanged: an edit of this
                # document, most likely; analysed without a table of the kind (90,000 events
                # at 10,000 seed-density articles for an event's date edit).
                missed.add(doc.kind)
                out[i] = self.analyser.analyse(doc)
                self.analysed += 1
                continue
            if same is None:  # documents moved or changed: look the others up by value
                same = found[doc.kind] = {_ByIndex(d): a for d, a in zip(last_docs, last)
                                          if d.kind == doc.kind}
            key = _ByIndex(doc)
            one = same.get(key)
            if one is None:
                one = same[key] = self.analyser.analyse(doc)
                self.analysed += 1
            if at is None:
                out[i] = one
            else:
                out.append(one)
        self._docs_next = docs
        return out

    def postings(self, analysed: list[Analysed], numbers: list[int]) -> TrackedPostings:
        """The postings of these documents under these numbers: the last build's with the
        documents that changed, came or went spliced in (only under the keys whose bytes
        differ), or made again."""
        old, postings, old_numbers = self._order, self._postings, self._numbers
        self._postings, self.spliced = None, None  # until this is done (an error leaves none)
        shards, self._shards = self._shards, None  # laid out again unless `shards` follows
        if numbers == old_numbers:
            was = now = None
            differ = differing(old, analysed)
            changed = [numbers[i] for i in differ]
        else:  # documents came or went: compared by number (a shifted number is a change)
            was, now = dict(zip(old_numbers, old)), dict(zip(numbers, analysed))
            changed = sorted(n for n in was.keys() | now.keys() if was.get(n) is not now.get(n))
        touched: set[str] | None = set()
        if postings is None or len(changed) > SPLICE_AT_MOST:
            postings = TrackedPostings()
            for n, one in zip(numbers, analysed):
                postings.add(n, one)
            touched = None
        else:
            if was is None or now is None:
                was = {numbers[i]: old[i] for i in differ}
                now = {numbers[i]: analysed[i] for i in differ}
            for n in changed:
                before = _pieces(was[n]) if n in was else {}
                after = _pieces(now[n]) if n in now else {}
                for key in before.keys() | after.keys():
                    pieces = after.get(key, [])
                    if before.get(key) != pieces:
                        postings.splice(key, n, pieces)
                        touched.add(key)
            self.spliced = len(changed)
        self._order, self._postings = analysed, postings
        self._last_docs, self._numbers = self._docs_next, numbers
        self._touched, self._pending = touched, shards
        return postings

    def shards(self, pack: Callable[[bytes], bytes]) -> list[bytes]:
        """The packed shard files of the postings `postings` just made: the last build's, with
        those holding a key it spliced laid out and packed again."""
        assert self._postings is not None
        shards, self._pending = self._pending, None
        touched = self._touched if shards is not None else None
        shards = shards or Shards()
        counted = 0

        def counting(data: bytes) -> bytes:
            nonlocal counted
            counted += 1
            return pack(data)

        packed = shards.update(self._postings, touched, counting)
        self._shards, self.shards_packed = shards, counted
        return list(packed)

    def event_days(self, events: list[SearchDoc]) -> dict[str, object]:
        """index.event_days, with the last build's lists changed only where an event document
        is a new object (an edit's; 90,000 events at 10,000 seed-density articles)."""
        last = self._event_days
        if last is None or len(last[0]) != len(events):
            made = event_days(events)
            days, spans = made["day"], made["span"]
        else:
            before, days, spans = last
            days, spans = list(days), list(spans)
            for i in differing(before, events):  # its first day moves, the next difference back
                doc = events[i]
                moved = doc.day - before[i].day
                days[i] += moved
                if i + 1 < len(events):
                    days[i + 1] -= moved
                spans[i] = (doc.last_day or doc.day) - doc.day
        self._event_days = (events, days, spans)
        return {"day": list(days), "span": list(spans)}

    def digest(self, content: bytes) -> bytes:
        """sha256 of a file's bytes, kept while the file is the same."""
        found = self._next_digests.get(content) or self._digests.get(content)
        if found is None:
            found = hashlib.sha256(content).digest()
        self._next_digests[content] = found
        return found

    def fragments(self, batch: tuple[SearchDoc, ...], one: bool,
                  make: Callable[[], bytes]) -> bytes:
        """The packed file of these documents' result fragments (`one` document's, or a group of
        events'), made again only when one of them changed."""
        if not one:  # a group of events, kept by identity (search_documents keeps them): a
            # lookup by value hashed 90,000 documents every build at 10,000 seed-density articles
            ids = tuple(map(id, batch))
            hit = self._next_groups.get(ids) or self._groups.get(ids)
            found = hit[1] if hit and all(map(operator.is_, hit[0], batch)) else make()
            self._next_groups[ids] = (batch, found)  # the batch held: its ids are not reused
            return found
        key = (batch, one)  # a page, by value (actors' and themes' are made every build)
        found = self._next_files.get(key) or self._files.get(key)
        if found is None:
            found = make()
        self._next_files[key] = found
        return found

    def done(self) -> None:
        self._files, self._next_files = self._next_files, {}
        self._groups, self._next_groups = self._next_groups, {}
        self._digests, self._next_digests = self._next_digests, {}
        self.docs.done()
        if self._scanner:  # what it found before stands (an unchanged article is not asked)
            self._scanner.found.update(self._scanner.finding)
            self._scanner.finding, self._scanner._last_found = {}, {}
