"""What the search stage keeps between builds under `mkdocs serve` (incremental.Session holds one):
each document's analysed postings, keyed by the document itself (its every indexed text, token and
date), and the alias scanner with what it found in each text while the registry's aliases stay the
same. A kept result is exactly what analysing again would give (both are pure functions of the
key), so the index has the bytes of a full build. The postings themselves are kept too: when the
documents keep their numbers and only a few of them changed, their entries are replaced in place
(index.TrackedPostings.splice) instead of appending every document again."""

from __future__ import annotations

from collections.abc import Callable

from ..memo import Memo
from ..model import Actor
from .documents import AliasScanner, SearchDoc, alias_patterns
from .index import Analysed, Analyser, TrackedPostings

SPLICE_AT_MOST = 64  # changed documents spliced in place; more: the postings are made again


class _Scanner(AliasScanner):
    """An AliasScanner that remembers which actors each text names."""

    def __init__(self, actors: dict[str, Actor]) -> None:
        super().__init__(actors)
        self.found: dict[tuple[str, ...], frozenset[str]] = {}
        self.finding: dict[tuple[str, ...], frozenset[str]] = {}

    def actors_in(self, texts: tuple[str, ...]) -> set[str]:
        found = self.finding.get(texts)
        if found is None:
            found = self.found.get(texts)
            if found is None:
                found = frozenset(super().actors_in(texts))
            self.finding[texts] = found
        return set(found)


class SearchMemo:
    """Kept from the last build: only what it used (so memory follows the site, not the session's
    history). `start` and `done` frame a build of the index."""

    def __init__(self) -> None:
        self.analyser = Analyser()
        self._scanner: _Scanner | None = None
        self.docs = Memo()  # each article's and event's search document
        self._docs: dict[SearchDoc, Analysed] = {}
        self._next: dict[SearchDoc, Analysed] = {}
        self.analysed = 0  # documents analysed again by the last build
        self._files: dict[tuple[tuple[SearchDoc, ...], bool], bytes] = {}  # result fragments
        self._next_files: dict[tuple[tuple[SearchDoc, ...], bool], bytes] = {}
        self._order: list[Analysed] = []  # the last build's documents, by number
        self._postings: TrackedPostings | None = None
        self.spliced: int | None = None  # documents spliced by the last build (None: made again)

    def start(self) -> None:
        self._next, self._next_files, self.analysed = {}, {}, 0
        self.docs.start()
        if self._scanner:
            self._scanner.finding = {}

    def scanner(self, actors: dict[str, Actor]) -> AliasScanner:
        """The last build's scanner while the actors' Arabic aliases are the same."""
        if self._scanner is None or self._scanner.aliases != alias_patterns(actors):
            self._scanner = _Scanner(actors)
        return self._scanner

    def analyse(self, doc: SearchDoc) -> Analysed:
        analysed = self._next.get(doc) or self._docs.get(doc)
        if analysed is None:
            analysed = self.analyser.analyse(doc)
            self.analysed += 1
        self._next[doc] = analysed
        return analysed

    def postings(self, analysed: list[Analysed]) -> TrackedPostings:
        """The postings of these documents, numbered in order: the last build's with the changed
        documents spliced in, or made again."""
        old, postings = self._order, self._postings
        self._postings, self.spliced = None, None  # until this is done (an error leaves none)
        changed = [n for n, (a, b) in enumerate(zip(old, analysed)) if a is not b]
        if postings is None or len(old) != len(analysed) or len(changed) > SPLICE_AT_MOST:
            postings = TrackedPostings()
            for n, one in enumerate(analysed):
                postings.add(n, one)
        else:
            for n in changed:
                entries: dict[str, list[tuple[bytes, bool]]] = {
                    key: [] for key, _ in (*old[n].positional, *old[n].counted)}
                for key, encoded in analysed[n].positional:
                    entries.setdefault(key, []).append((encoded, True))
                for key, encoded in analysed[n].counted:
                    entries.setdefault(key, []).append((encoded, False))
                for key, pieces in entries.items():
                    postings.splice(key, n, pieces)
            self.spliced = len(changed)
        self._order, self._postings = analysed, postings
        return postings

    def fragments(self, batch: tuple[SearchDoc, ...], one: bool,
                  make: Callable[[], bytes]) -> bytes:
        """The packed file of these documents' result fragments (`one` document's, or a group of
        events'), made again only when one of them changed."""
        key = (batch, one)
        found = self._next_files.get(key) or self._files.get(key)
        if found is None:
            found = make()
        self._next_files[key] = found
        return found

    def done(self) -> None:
        self._docs, self._next = self._next, {}
        self._files, self._next_files = self._next_files, {}
        self.docs.done()
        if self._scanner:
            self._scanner.found, self._scanner.finding = self._scanner.finding, {}
