"""Search documents: what each page contributes to the index, from the model (not from HTML)."""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat

from .. import paths
from ..edtf import arabic_label
from ..matching import Automaton
from ..model import Actor, Article, Site, Theme, TimelineEntry
from ..memo import Ids, Memo, differing, differing_keys
from ..options import BuildOptions
from .analyze import alias_key, base_keys, primary_key, words

KINDS = ("article", "actor", "theme", "event")


@dataclass(frozen=True)
class SearchDoc:
    """One page as search sees it: `title` and `fields` are indexed, results show `snippet`."""

    url: str  # relative to the site root, e.g. "articles/003_x/"
    kind: str  # one of KINDS
    title: str
    subtitle: str  # outlet and date, or the English name
    fields: tuple[str, ...]  # indexed texts after the title, in page order
    snippet: tuple[str, ...]  # paragraphs a result snippet is cut from
    entities: tuple[str, ...] = field(default=())  # "@actor-id" and "#theme-id" tokens
    # Indexed after `fields`, each from a multiple of index.NOTE_ALIGN: an article's subtitle and
    # annotations, which an analyst edits one at a time; an edit of one then moves neither the
    # words of the text nor (mostly) those of the other notes, so under `mkdocs serve` only the
    # shards of its own words' keys change (search/memo.py).
    notes: tuple[str, ...] = field(default=())
    year: int = 0
    day: int = 0  # proleptic ordinal of the first day of its date (publication, event); 0: undated
    last_day: int = 0  # and of its last day (year tokens, periods.py)

    def __hash__(self) -> int:
        """The fields' hash, once: under `mkdocs serve` every document is looked up by itself in
        search/memo.py's tables each build (its texts would be hashed again each time)."""
        found = self.__dict__.get("_hash")
        if found is None:
            found = hash((self.url, self.kind, self.title, self.subtitle, self.fields,
                          self.snippet, self.entities, self.notes, self.year, self.day,
                          self.last_day))
            object.__setattr__(self, "_hash", found)
        return found

    def indexed(self) -> tuple:
        """What its postings are made of (index.Analyser): not its url, subtitle or snippet, so
        that a document moved to another page, or whose snippet names a renamed actor, keeps its
        postings under `mkdocs serve` (search/memo.py)."""
        return (self.title, self.fields, self.notes, self.entities, self.day, self.last_day)

    def indexed_hash(self) -> int:
        """hash(self.indexed()), once."""
        found = self.__dict__.get("_indexed_hash")
        if found is None:
            found = hash(self.indexed())
            object.__setattr__(self, "_indexed_hash", found)
        return found


@dataclass(frozen=True)
class Alias:
    """A name or alias of an actor, in the form queries are compared with (analyze.alias_key)."""

    key: str
    actor_id: str
    arabic: bool


def actor_aliases(actor: Actor) -> list[Alias]:
    """Every name and alias of an actor, Arabic and Latin, deduplicated by key."""
    seen: dict[str, Alias] = {}
    for text in (actor.name_ar, *actor.aliases_ar):
        key = alias_key(text)
        if key:
            seen.setdefault(key, Alias(key, actor.id, True))
    for text in (actor.name_en, *actor.aliases_en):
        key = alias_key(text)
        if key:
            seen.setdefault(key, Alias(key, actor.id, False))
    return list(seen.values())


class AliasScanner:
    """Finds the Arabic names and aliases of registry actors in a text: the words of an alias in a
    row, each compared as `analyze.base_keys` folds it (article stripped); the first word may carry
    a one-letter clitic (وبغداد, وقاسم الأعرجي). One automaton serves a build
    (generator/matching.py: linear in the text however many aliases share their first words). It
    remembers which words may start an alias (few do), so a text without one costs a few set
    operations."""

    def __init__(self, actors: dict[str, Actor],
                 aliases: tuple[tuple[tuple[str, ...], ...], tuple[str, ...]] | None = None
                 ) -> None:
        # `aliases`: these (patterns, owners) rather than the actors' (_Scanner.carry asks
        # whether a text holds an alias an actor lost).
        self.aliases = alias_patterns(actors) if aliases is None else aliases
        patterns, self._owners = self.aliases
        self._automaton = Automaton(patterns)
        self._starts = {keys[0] for keys in patterns}
        self._keys = {key for keys in patterns for key in keys}
        self._seen: set[str] = set()  # words already looked at
        self._hot_words: set[str] = set()  # words that may start an alias
        # Per word: its key if some alias has it, else None (the automaton starts afresh there);
        # its key without a clitic if an alias starts with that, else None.
        self._key: dict[str, str | None] = {}
        self._bare: dict[str, str | None] = {}

    def actors_in(self, texts: tuple[str, ...]) -> set[str]:
        runs: list[list[str | None]] = []
        alternatives: list[list[str | None]] = []
        for text in texts:
            ws = words(text)
            vocabulary = set(ws)
            new = vocabulary - self._seen
            if new:
                self._learn(new)
            if vocabulary.isdisjoint(self._hot_words):
                continue
            runs.append(list(map(self._key.__getitem__, ws)))  # in C
            alternatives.append(list(map(self._bare.__getitem__, ws)))
        if not runs:
            return set()
        return {self._owners[i] for i in self._automaton.present(runs, alternatives)}

    def _learn(self, new: set[str]) -> None:
        for w in new:
            key, bare = _word_keys(w)
            self._key[w] = key if key in self._keys else None
            self._bare[w] = bare if bare in self._starts else None
            if key in self._starts or self._bare[w]:
                self._hot_words.add(w)
        self._seen |= new


def alias_patterns(actors: dict[str, Actor]) -> tuple[tuple[tuple[str, ...], ...],
                                                     tuple[str, ...]]:
    """What an AliasScanner looks for: the words of each Arabic alias, and its actor."""
    patterns: list[tuple[str, ...]] = []
    owners: list[str] = []
    for actor_id in sorted(actors):
        for alias in actor_aliases(actors[actor_id]):
            if alias.arabic:
                patterns.append(tuple(alias.key.split(" ")))
                owners.append(actor_id)
    return tuple(patterns), tuple(owners)


@lru_cache(maxsize=200_000)
def _word_keys(word: str) -> tuple[str, str | None]:
    """The two `base_keys` of a word: its key, and its key without a one-letter clitic when that
    differs (None otherwise). Only an alias's first word is compared with the second."""
    key = primary_key(word)
    return key, next(iter(base_keys(word) - {key}), None)


def _article_doc(
    article: Article, site: Site, scanner: AliasScanner, options: BuildOptions
) -> SearchDoc:
    corpus = site.corpus
    text = site.paragraphs[article.id]
    annotations = (  # the summary last: the longest, so an edit of it moves no other note
        *(a.role for a in article.actors),
        *(f"{e.description} {e.place}" for e in article.events),
        *(c.text for c in article.claims),
        article.summary,
    )
    actors = {a.id for a in article.actors} | scanner.actors_in((article.title, *text))
    if article.outlet_actor:
        actors.add(article.outlet_actor)
    entities = tuple(sorted(f"@{a}" for a in actors if a in corpus.actors))
    entities += tuple(sorted(f"#{t}" for t in article.themes))
    date = arabic_label(article.published, options.date_style)
    subtitle = " · ".join(x for x in (article.outlet, date) if x)
    return SearchDoc(
        url=options.urls.page_path(paths.article(article.id)),
        kind="article",
        title=article.title,
        subtitle=subtitle,
        fields=text,
        # The text's paragraphs are on the article's page: the search script cuts a result's
        # snippet from the page itself (fetched when the result is shown), so the index does not
        # carry every text a second time (3 KiB an article at the seeds' density, issue #15).
        snippet=(article.summary,),
        entities=entities,
        notes=(subtitle, *annotations),
        year=article.published.start.year,
        day=article.published.start.lower.toordinal(),
        last_day=article.published.upper.toordinal(),
    )


def _actor_doc(actor: Actor, options: BuildOptions) -> SearchDoc:
    positions = tuple(p.title for p in actor.positions)
    names = "، ".join((*actor.aliases_ar, *actor.aliases_en))
    return SearchDoc(
        url=options.urls.page_path(paths.actor(actor.id)),
        kind="actor",
        title=actor.name_ar,
        subtitle=actor.name_en,
        fields=(
            actor.name_en,
            *actor.aliases_ar,
            *actor.aliases_en,
            *positions,
            actor.description_ar,
            actor.description_en,
        ),
        snippet=(actor.description_ar, *positions, f"أسماء أخرى: {names}" if names else ""),
        entities=(f"@{actor.id}",),
    )


def _theme_doc(theme: Theme, options: BuildOptions) -> SearchDoc:
    return SearchDoc(
        url=options.urls.page_path(paths.theme(theme.id)),
        kind="theme",
        title=theme.label_ar,
        subtitle=theme.label_en,
        fields=(theme.label_en, theme.description_ar, theme.description_en),
        snippet=(theme.description_ar,),
        entities=(f"#{theme.id}",),
    )


def _event_doc(
    entry: TimelineEntry, site: Site, scanner: AliasScanner, options: BuildOptions
) -> SearchDoc:
    """One merged timeline entry: the lead report's description is its title; its date label and
    places are indexed; its actors, the bodies they acted for on its date, the registry actors its
    description names and its themes are tokens (so an actor's names, Latin ones too, find it as
    they find articles). It opens at its permalink on the timeline."""
    corpus = site.corpus
    lead = entry.reports[0]
    date = arabic_label(entry.date, options.date_style)
    places = tuple(dict.fromkeys(r.place for r in entry.reports if r.place))
    names = "، ".join(corpus.actors[a].name_ar for a in entry.actors if a in corpus.actors)
    actors = set(entry.participants) | scanner.actors_in((lead.description,))
    entities = tuple(sorted(f"@{a}" for a in actors if a in corpus.actors))
    entities += tuple(f"#{t}" for t in entry.themes if t in corpus.themes)
    page = options.urls.page_path(site.event_page(entry.id))
    return SearchDoc(
        url=f"{page}#{paths.event_anchor(entry.id)}",
        kind="event",
        title=lead.description,
        subtitle=" · ".join((date, *places[:1])),
        fields=(date, *places),
        snippet=(names,) if names else (),
        entities=entities,
        year=entry.date.lower.year,
        day=entry.date.lower.toordinal(),
        last_day=entry.date.upper.toordinal(),
    )


def event_order(site: Site) -> list[TimelineEntry]:
    """The order events are numbered in: by id, so that a date edit, which moves an event in date
    order, changes no document's number (under `mkdocs serve` only the edited event's postings
    are spliced, search/memo.py). Their days are sent apart (index.event_days): the browser
    orders them newest first from these."""
    return sorted(site.timeline, key=operator.attrgetter("id"))


def _room(count: int) -> int:
    """The numbers a kind of document is given: its count rounded up past the next multiple of a
    step of about a 32nd of it (at least 16), so that a few documents more or fewer leave the
    numbers of the kinds after it alone."""
    step = 1 << max(4, count.bit_length() - 5)
    return (count // step + 1) * step


def document_numbers(docs: list[SearchDoc]) -> tuple[list[int], int]:
    """Each document's number (postings, fragments and meta.gz share them), and the first
    event's (also when there is none): the articles from 0, the actors and themes from
    `_room(articles)`, the events from that plus `_room(actors and themes)`. A pure function of
    how many there are of each, so a full build numbers as an incremental one does; and an
    article added or removed at the end of the articles' order (ids are numbered in the order
    articles come in) moves no other document's number, so under `mkdocs serve` only its own
    postings are spliced (search/memo.py). The numbers between are holes: meta.gz lists them
    as length 0, and no posting or fragment names them."""
    kinds = Counter(map(operator.attrgetter("kind"), docs))  # in C: 100,000 documents a build
    articles, events = kinds["article"], kinds["event"]
    pages = len(docs) - articles - events
    pages_start = _room(articles)
    events_start = pages_start + _room(pages)
    return [*range(articles), *range(pages_start, pages_start + pages),
            *range(events_start, events_start + events)], events_start


def scanned_texts(site: Site) -> set[tuple[str, ...]]:
    """Every text the alias scanner reads: each article's title and text, each event's lead
    description."""
    texts = {(site.corpus.articles[a].title, *site.paragraphs[a]) for a in site.corpus.articles}
    return texts | {(entry.reports[0].description,) for entry in site.timeline}


def article_order(site: Site) -> list[str]:
    """The order articles are numbered in: by id, so that a date edit, which moves an article in
    date order, changes no document's number (under `mkdocs serve` only the edited document's
    postings are spliced, search/memo.py). Recency is sent apart (index.article_days)."""
    return sorted(site.corpus.articles)


def search_documents(site: Site, options: BuildOptions = BuildOptions(),
                     scanner: AliasScanner | None = None, memo: Memo | None = None
                     ) -> list[SearchDoc]:
    """Articles by id (`article_order`), then actors, then themes, then events by id
    (`event_order`). `scanner`: the alias scanner of an earlier
    build; `memo`: article and event documents kept by what they are made of (memo.py), under
    `mkdocs serve`."""
    corpus = site.corpus
    scanner = scanner or AliasScanner(corpus.actors)

    def make(article: Article) -> SearchDoc:
        return _article_doc(article, site, scanner, options)

    if memo is None:
        docs = [make(corpus.articles[a]) for a in article_order(site)]
    else:
        # An article's document reads the Article, its display paragraphs (both the same objects
        # while it is unchanged: validate.ArticleMemo, derive), the actors the scanner finds in
        # them (the last build's scanner, or one that carried its results: a registry edit scans
        # again only the texts it may touch, search/memo.py) and the registry's actor ids (the
        # options are one set a session).
        actor_ids = memo.same("actor ids", frozenset(corpus.actors))
        follows = getattr(scanner, "follows", lambda _: False)

        def carried(a: str) -> SearchDoc:
            """The last build's document if the scanner carried what the last one found in it
            (one that follows the last one's), else made again."""
            article, text = corpus.articles[a], site.paragraphs[a]
            old = memo.kept(("article", a))
            if (old is not None and all(map(operator.is_, old[0][:3], (article, text, actor_ids)))
                    and follows(old[0][3])
                    and scanner.unchanged((article.title, *text))):  # type: ignore[attr-defined]
                return old[1]  # type: ignore[return-value]
            return make(article)

        docs = [memo.get(("article", a), Ids((corpus.articles[a], site.paragraphs[a], actor_ids,
                                              scanner)), lambda a=a: carried(a))
                for a in article_order(site)]
    docs += [_actor_doc(corpus.actors[a], options) for a in sorted(corpus.actors)]
    docs += [_theme_doc(corpus.themes[t], options) for t in sorted(corpus.themes)]
    if memo is None:
        docs += [_event_doc(entry, site, scanner, options) for entry in event_order(site)]
        return docs
    # What _event_doc reads beyond the entry and its page: names, ids, the scanner, the options.
    names = {k: a.name_ar for k, a in corpus.actors.items()}
    context = memo.same("event context", (names, frozenset(corpus.themes), options))
    order = memo.get("event order", (site.timeline,), lambda: event_order(site))
    before = memo.kept("event docs")

    def make_events() -> tuple[dict[str, tuple], list[SearchDoc], list[str]]:
        """Each event's document, the last build's while its entry and page are equal, and the
        names and ids of its actors and what the scanner finds in its description are the same;
        the whole list is kept while the order, the pages, the scanner and the context are the
        same objects (no walk of every event for one edit)."""
        kept: dict[str, tuple] = {}
        changed: set[str] = set()  # actors renamed, come or gone, or that lost an alias
        touched: set[int] = set()  # events whose description may name an actor by a new alias
        if before is not None:
            last_scanner, last_context = before[0][2], before[0][3]
            rescan = last_scanner is not scanner
            follows = getattr(scanner, "follows", lambda _: False)
            if (not rescan or follows(last_scanner)) and last_context[1:] == context[1:]:
                kept = before[1][0]  # type: ignore[index]
                if last_context is not context:
                    old = last_context[0]
                    changed = differing_keys(names, old)
                if rescan:
                    changed |= scanner.lost()  # type: ignore[attr-defined]
                    touched = scanner.may_change(  # type: ignore[attr-defined]
                        [entry.reports[0].description for entry in order])
        # Each event's page (site.event_page), in C: 90,000 events at 10,000 seed-density
        # articles, of which an edit changes a few.
        ids = list(map(operator.attrgetter("id"), order))
        pages = list(map(site.event_pages.get, ids, repeat(paths.TIMELINE)))
        last = before[0][0] if before is not None else ()
        if kept and not changed and not touched and len(last) == len(order):
            # Only the entries that are new objects or on another page are looked at.
            made, docs = dict(kept), list(before[1][1])  # type: ignore[index]
            walk: Iterable[int] = sorted({*differing(last, order),
                                          *differing(before[1][2], pages, operator.eq)})
        else:
            made, docs, walk = {}, [None] * len(order), range(len(order))  # type: ignore[list-item]
        for i in walk:
            entry, page = order[i], pages[i]
            found = kept.get(entry.id)
            if (found is None or (found[0] is not entry and found[0] != entry)
                    or found[1] != page or i in touched
                    or (changed and not changed.isdisjoint(found[3]))):
                scanned = scanner.actors_in((entry.reports[0].description,))
                found = (entry, page, _event_doc(entry, site, scanner, options),
                         frozenset((*entry.actors, *entry.participants, *scanned)))
            made[entry.id] = found
            docs[i] = found[2]
        if len(made) > len(order):  # events gone (the others are at the places walked)
            for gone in {last[i].id for i in walk} - {order[i].id for i in walk}:
                del made[gone]
        return made, docs, pages

    docs += memo.get("event docs", (order, site.event_pages, scanner, context), make_events)[1]
    return docs
