"""Derive stage: merge event reports into a timeline, build actor and theme terms, count, order."""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from typing import TypeVar

from . import paths
from .arabic import display_paragraphs
from .edtf import LATIN_DIGITS, EdtfDate
from .memo import Ids, Memo, differing, differing_keys, replaced
from .model import (
    ACTOR_TYPES, ActorTerm, Article, Claim, Corpus, Event, Part, Quote, Site, Term, ThemeTerm,
    TimelineEntry,
)
from .paginate import (LIST_BYTES, PAGE_ITEMS, REPORTS_SHOWN, TERM_LIST_BYTES, links, locate,
                       split)
from .related import related_articles, related_update
from .rollup import RollUp
from .weigh import article_weight, event_weight, report_weight

T = TypeVar("T", bound=Term)

# Figures in a description, in Latin, Arabic-Indic or Persian digits ("3", "١٢", "1,500", "2.5").
_NUMBER = re.compile(r"[0-9٠-٩۰-۹]+(?:[.,٫٬][0-9٠-٩۰-۹]+)*")
# On equal precision, a date printed in the text beats one computed from "Sunday" or inferred.
_BASIS_RANK = {"explicit": 0, "relative": 1, "inferred": 2}


def _newest_first(articles: Iterable[Article]) -> list[str]:
    """Newest publication first (by the latest day it may be, then the earliest); ties by id."""
    ordered = sorted(articles, key=lambda a: a.id)
    newest = sorted(ordered, key=lambda a: (a.published.upper, a.published.lower), reverse=True)
    return [a.id for a in newest]


def _oldest(articles: Collection[Article]) -> EdtfDate | None:
    """The oldest publication date: the earliest first day, then the earliest last day, then
    the article id."""
    found = min(articles, key=lambda a: (a.published.lower, a.published.upper, a.id),
                default=None)
    return found.published if found else None


def _most_first(counts: Counter) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def figures(event: Event) -> tuple[str, ...]:
    """The numbers an event report gives, in ASCII digits, leaving out those of its own date phrase
    and four-digit years, which are dates, not counts."""
    date_figures = {n.translate(LATIN_DIGITS) for n in _NUMBER.findall(event.date_text)}
    found = []
    for raw in _NUMBER.findall(event.description):
        n = raw.translate(LATIN_DIGITS)
        if n in date_figures or (len(n) == 4 and n.isdigit() and 1900 <= int(n) <= 2100):
            continue
        found.append(n)
    return tuple(dict.fromkeys(found))


def _differences(reports: list[Event], numbers: list[tuple[str, ...]]) -> tuple[str, ...]:
    """Fields on which the sources of one event disagree, so the timeline can show both versions."""
    diffs = []
    if len({r.date.text for r in reports}) > 1:
        diffs.append("date")
    if len({frozenset(r.actors) for r in reports}) > 1:
        diffs.append("actors")
    if len({r.place for r in reports if r.place}) > 1:
        diffs.append("place")
    given = {frozenset(n) for n in numbers if n}
    if len(given) > 1:
        diffs.append("numbers")
    return tuple(diffs)


def _timeline_key(entry: TimelineEntry) -> tuple:
    # Year, then month (a year-only date first in its year): year and month groups stay contiguous.
    return (entry.year, entry.month or 0, entry.date.lower, entry.date.upper, entry.id)


def event_themes(event: Event, corpus: Corpus) -> tuple[str, ...]:
    """The themes one report files the event under: its own, or else its article's."""
    return corpus.articles[event.article_id].themes if event.themes is None else event.themes


def merge_events(
    corpus: Corpus, theme_scope: dict[str, tuple[str, ...]], memo: Memo | None = None,
    registries: object = None,
) -> tuple[TimelineEntry, ...]:
    """One entry per event id; the entry takes the narrowest reported date (the most precise source,
    then the most direct: a printed date before a computed or inferred one).

    theme_scope maps a theme to itself and its ancestors, so an event filed under a sub-theme is
    also found under its parent theme. `memo` (memo.py): an entry is made again only when one of
    the articles that report it changed (or the registries, `registries` standing for them).
    """
    return tuple(entry for entry, _ in _entries(corpus, theme_scope, memo or Memo(), registries,
                                                _names(corpus, memo or Memo())[1])[0])


def _names(corpus: Corpus, memo: Memo) -> tuple[dict[str, str], frozenset[str] | None]:
    """The actors' Arabic names, and those that differ from the last build's (None: no last
    build). Only the estimated bytes of cards and report lists (weigh.py) read them: an edited
    name makes again what names that actor, not every entry (the registries' token, which
    stands for the rest of what derive reads of them, then stays the same)."""
    names = {a.id: a.name_ar for a in corpus.actors.values()}
    before = memo.kept("names")
    memo.put("names", names)
    if before is None:
        return names, None
    last: dict[str, str] = before[1]  # type: ignore[assignment]
    if last == names:
        return names, frozenset()
    return names, frozenset(differing_keys(names, last))


def _entries(
    corpus: Corpus, theme_scope: dict[str, tuple[str, ...]], memo: Memo, registries: object,
    renamed: frozenset[str] | None = None,
) -> tuple[list[tuple[TimelineEntry, int]], dict[str, str]]:
    """The timeline's entries in timeline order, each with its card's estimated bytes (weigh.py):
    both are functions of the articles that report it, the registries (`registries` standing
    for them but for the Arabic names) and the Arabic names of its actors (`renamed`: those
    that changed since the last build); and each event's newest source (`_newest_source`)."""
    made: list[Callable] = []  # the RollUp and card weigher, made once, when first needed

    def tools() -> Callable:
        if not made:
            made.append(_entry_maker(corpus, theme_scope))
        return made[0]

    articles = corpus.articles
    before = memo.kept("reporting")
    last = before[1] if before is not None else None
    changed: set[str] = set()
    if last is not None and last[0] is registries:
        changed = set(replaced(articles, last[1]))
    if last is None or last[0] is not registries or len(changed) > len(articles) // 4:
        reporting: dict[str, list[Article]] = defaultdict(list)
        for article_id in sorted(articles):
            article = articles[article_id]
            for event in article.events:
                found = reporting[event.id]
                if not found or found[-1] is not article:
                    found.append(article)
        reporting = dict(reporting)
        made_again = set(reporting)
    else:  # the last build's, with the events of the articles that changed, came or went
        reporting = dict(last[2])
        made_again: set[str] = set()
        for article_id in changed:
            for article in (last[1].get(article_id), articles.get(article_id)):
                if article is not None:
                    made_again.update(e.id for e in article.events)
        for event_id in made_again:
            found = {a.id: a for a in reporting.get(event_id, ()) if a.id not in changed}
            for article_id in changed:
                article = articles.get(article_id)
                if article is not None and any(e.id == event_id for e in article.events):
                    found[article_id] = article
            if found:
                reporting[event_id] = [found[a] for a in sorted(found)]
            else:
                reporting.pop(event_id, None)
    kept = last[3] if last is not None and last[0] is registries else {}
    was_newest = last[4] if last is not None else {}
    newest = {e: (was_newest[e] if e in was_newest and e not in made_again
                  else _newest_source(found)) for e, found in reporting.items()}
    entries = {}
    standing: list[str] = []  # the entries kept as they were
    for event_id, reported in reporting.items():
        name = ("entry", event_id)
        old = kept.get(event_id)
        if renamed and old is None and (was := memo.kept(name)) is not None:
            old = was[1]  # type: ignore[assignment]
        # An actor of it renamed: its card weighs another number of bytes, the entry is the same.
        again = bool(renamed) and old is not None and not renamed.isdisjoint(old[0].actors)
        if event_id in made_again or event_id not in kept or again:
            entries[event_id] = memo.get(
                name, (Ids(reported), registries),
                lambda event_id=event_id, reported=reported, old=old: _same_entry(
                    tools()(event_id, reported), old), again)
        else:  # none of its articles or actors' names changed: its entry stands
            entries[event_id] = old
            standing.append(event_id)
    memo.keep_all(("entry", event_id) for event_id in standing)
    # What the next build starts from: the registries' token, the Articles, each event's
    # reporting Articles (in id order) and entry (no walk of every article's events, no
    # comparison of 60,000 entries' articles, for one edit).
    memo.put("reporting", (registries, dict(articles), reporting, entries, newest))
    values = list(entries.values())
    last_timeline = memo.kept("timeline")
    return memo.get("timeline", tuple(values), lambda: _timeline_again(last_timeline, values)
                    or sorted(values, key=_pair_key)), newest


def _pair_key(pair: tuple[TimelineEntry, int]) -> tuple:
    return _timeline_key(pair[0])


def _timeline_again(last: tuple | None, values: list[tuple[TimelineEntry, int]]
                    ) -> list[tuple[TimelineEntry, int]] | None:
    """The timeline in order, from the last build's when the same events are reported, a few
    of them made again (a corrected date): each of those taken out of its place and put in at
    its own (the keys are unique: they end with the id), not 89,000 entries sorted again at
    10,000 seed-density articles. None when events came or went, or many changed."""
    if last is None or len(last[0]) != len(values):
        return None
    old, ordered = last[0], list(last[1])  # type: ignore[arg-type]
    at = differing(old, values)
    if len(at) > 200 or any(values[i][0].id != old[i][0].id for i in at):
        return None
    for i in at:
        j = bisect_left(ordered, _pair_key(old[i]), key=_pair_key)
        if j == len(ordered) or ordered[j] is not old[i]:
            return None
        del ordered[j]
    for i in at:
        insort(ordered, values[i], key=_pair_key)
    return ordered


def newest_key(article: Article) -> tuple[int, int, str]:
    """Newest first, as `_newest_first` orders articles: the latest last day of publication,
    then the latest first day, then the lowest id."""
    return -article.published.upper.toordinal(), -article.published.lower.toordinal(), article.id


def _newest_source(articles: list[Article]) -> str:
    """The newest of an event's sources (`newest_key`). An article page says the newest date
    among its own and its events' newest sources (render.article_updated): it reads these, not
    every source's date (a background event is reported by 2,000 articles at 10,000)."""
    return min(articles, key=newest_key).id


def _same_entry(made: tuple[TimelineEntry, int], old: tuple[TimelineEntry, int] | None
                ) -> tuple[TimelineEntry, int]:
    """The entry made again, or the last build's when equal (its card's weight may differ)."""
    if old is not None and made[0] == old[0]:
        return old[0], made[1]
    return made


def _entry_maker(corpus: Corpus, theme_scope: dict[str, tuple[str, ...]]
                 ) -> Callable[[str, list[Article]], tuple[TimelineEntry, int]]:
    rollup = RollUp(corpus.actors)
    card = event_weight(corpus, REPORTS_SHOWN)

    def make(event_id: str, articles: list[Article]) -> tuple[TimelineEntry, int]:
        entry = _merge(corpus, theme_scope, rollup, event_id,
                       [e for a in articles for e in a.events if e.id == event_id])
        return entry, card(entry)

    return make


def _merge(corpus: Corpus, theme_scope: dict[str, tuple[str, ...]], rollup: RollUp,
           event_id: str, group: list[Event]) -> TimelineEntry:
    group.sort(key=lambda e: (corpus.articles[e.article_id].published.lower, e.article_id))
    best = min(group, key=lambda e: (e.date.upper - e.date.lower, e.date.approximate,
                                      e.date.uncertain, _BASIS_RANK.get(e.date_basis, 3),
                                      e.article_id))
    group.remove(best)
    group.insert(0, best)  # the most precise report leads: its date, text and place are shown
    actors = tuple(dict.fromkeys(a for e in group for a in e.actors))
    disputed = tuple(a for a in actors if any(a not in e.actors for e in group))
    themes = tuple(sorted({s for e in group for t in event_themes(e, corpus)
                           for s in theme_scope[t]}))
    numbers = [figures(e) for e in group]
    return TimelineEntry(event_id, tuple(group), best.date, actors, themes,
                         _differences(group, numbers), disputed, tuple(numbers),
                         acting=rollup.event(actors, best.date))


def _theme_tree(corpus: Corpus) -> tuple[dict[str, tuple[str, ...]], dict[str, list[str]]]:
    """Ancestors of each theme (root first) and the children of each theme (unordered yet)."""
    ancestors: dict[str, tuple[str, ...]] = {}
    children: dict[str, list[str]] = defaultdict(list)
    for theme in corpus.themes.values():
        chain, parent = [], theme.parent
        while parent is not None:  # validate guarantees a tree: no loops, no unknown parents
            chain.append(parent)
            parent = corpus.themes[parent].parent
        ancestors[theme.id] = tuple(reversed(chain))
        if theme.parent is not None:
            children[theme.parent].append(theme.id)
    return ancestors, children


def _terms(
    cls: type[T], corpus: Corpus, newest: list[str], timeline: tuple[TimelineEntry, ...],
    ids: Iterable[str], carry: Callable[[Article], Iterable[str]],
    involved: Callable[[Article, str], Iterable[str]],
    in_entry: Callable[[TimelineEntry], Iterable[str]],
    pages: Callable[[str, list[str]], dict],
    extra: Callable[[dict[str, int]], Callable[[str], dict]],
    own: Callable[[str, list[Article]], dict] | None = None,
    memo: Memo | None = None, registries: object = None,
    face: Callable[[Article], Article] = lambda article: article,
    shape: tuple | None = None,
    in_shape: Callable[[tuple], Collection[str]] | None = None,
) -> dict[str, T]:
    """Terms of one kind, the same way for actors and themes: the articles that `carry` a term
    (newest first), the actors `involved` with it in each (counted by article), the timeline entries
    it is `in_entry` of, when it was first and last seen, its pages, and what only the kind has:
    from its articles (`own`), or from the count of each term's articles (`extra`).
    `memo` (memo.py): what comes of a term's articles is made again only when one of them changed
    (or the registries, `registries` standing for them); its list, dates and pages only when
    one of their `face`s did (an article as lists read it: an edited summary leaves them); the
    terms' events only when the timeline's `shape` did (_timeline_shape), and then from the last
    build's, for the entries that changed (`in_shape`: the terms of an entry's shape)."""
    memo = memo or Memo()
    carried, faced = _carried(cls.kind, corpus, newest, carry, face, memo)

    def of_articles(term_id: str, found: list[Article]) -> tuple:
        ids = [a.id for a in found]
        related = _involved(term_id, found, involved, memo.kept((cls.kind, term_id)))
        return (tuple(ids), _most_first(related), _oldest(found),
                found[0].published if found else None,  # newest first
                pages(term_id, ids), related)

    def in_timeline() -> dict[str, tuple[str, ...]]:
        events: dict[str, list[str]] = defaultdict(list)
        for entry in timeline:
            for term_id in in_entry(entry):
                events[term_id].append(entry.id)
        return {term_id: tuple(found) for term_id, found in events.items()}

    name = ("term events", cls.kind)
    before = memo.kept(name)

    def in_timeline_again() -> dict[str, tuple[str, ...]]:
        if before is not None and in_shape is not None and shape is not None:
            found = _events_update(before[0][0], shape, before[1], in_shape)  # type: ignore
            if found is not None:
                return found
        return in_timeline()

    events = memo.get(name, (timeline if shape is None else shape,), in_timeline_again)
    rest = extra({term_id: len(found) for term_id, found in carried.items()})
    terms = {}
    for term_id in ids:
        found, listed = carried.get(term_id, []), faced.get(term_id, [])
        articles, related, first, last, parts, _ = memo.get(
            (cls.kind, term_id), (Ids(listed), registries),
            lambda term_id=term_id, listed=listed: of_articles(term_id, listed))
        if own:
            parts = {**parts, **memo.get(
                (cls.kind, "own", term_id), (Ids(found), registries),
                lambda term_id=term_id, found=found: own(term_id, found))}
        terms[term_id] = cls(
            id=term_id, articles=articles, events=events.get(term_id, ()), related=related,
            first_seen=first, last_seen=last, **parts, **rest(term_id),
        )
    return terms


def _carried(kind: str, corpus: Corpus, newest: Sequence[str],
             carry: Callable[[Article], Iterable[str]], face: Callable[[Article], Article],
             memo: Memo) -> tuple[dict[str, list[Article]], dict[str, list[Article]]]:
    """Each term's articles, newest first, and their faces (`_terms`). Under `mkdocs serve`, the
    last build's lists with each edited, added, removed or redated article taken out and put in
    again where it belongs (an edit at 10,000 seed-density articles does not walk their 280,000
    mentions)."""
    name = ("carried", kind)
    before = memo.kept(name)
    articles = corpus.articles
    found = _carried_again(before[1], articles, newest, carry, face) if (  # type: ignore[index]
        before is not None) else None
    if found is None:
        carried: dict[str, list[Article]] = defaultdict(list)
        faced: dict[str, list[Article]] = defaultdict(list)
        for aid in newest:
            article = articles[aid]
            listed = face(article)
            for term_id in carry(article):
                carried[term_id].append(article)
                faced[term_id].append(listed)
        found = dict(carried), dict(faced)
    else:
        # Their faces stand for the next build (asked for only if edited).
        memo.keep_all(("face", aid) for aid in newest)
    memo.put(name, (dict(articles), *found))
    return found


def _carried_again(before: tuple, articles: dict[str, Article], newest: Sequence[str],
                   carry: Callable[[Article], Iterable[str]], face: Callable[[Article], Article]
                   ) -> tuple[dict[str, list[Article]], dict[str, list[Article]]] | None:
    """The last build's lists with the articles that changed, came or went taken out, and put
    in again at their place in `newest` (the others keep their order: a list in which only they
    moved stays in date order without them). A term that gains its first article comes last:
    the terms' order is not read, their counts are read by id. None when many changed."""
    last, old_carried, old_faced = before
    changed = replaced(articles, last)
    if len(changed) > len(newest) // 8:
        return None
    carried, faced = dict(old_carried), dict(old_faced)
    if not changed:
        return carried, faced
    place = {a: i for i, a in enumerate(newest)}
    gone = set(changed)
    touched: dict[str, list[Article]] = {}  # each term of a changed article: what comes in
    for aid in changed:
        old, new = last.get(aid), articles.get(aid)
        for term_id in (carry(old) if old is not None else ()):
            touched.setdefault(term_id, [])
        for term_id in (carry(new) if new is not None else ()):
            touched.setdefault(term_id, []).append(new)
    for term_id, coming in touched.items():
        pairs = [(a, f) for a, f in zip(carried.get(term_id, ()), faced.get(term_id, ()))
                 if a.id not in gone]
        for new in coming:
            at = bisect_left(pairs, place[new.id], key=lambda pair: place[pair[0].id])
            pairs.insert(at, (new, face(new)))
        if pairs:
            carried[term_id] = [a for a, _ in pairs]
            faced[term_id] = [f for _, f in pairs]
        else:
            del carried[term_id], faced[term_id]
    return carried, faced


class _Face:
    """An article as a term's list, dates and pages read it (memo.py inputs): equal while its
    date, title, outlet, actor ids and themes are, the same object or not."""

    __slots__ = ("article",)

    def __init__(self, article: Article) -> None:
        self.article = article

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Face):
            return NotImplemented
        a, b = self.article, other.article
        return a is b or (a.published == b.published and a.title == b.title
                          and a.outlet == b.outlet and a.themes == b.themes
                          and [m.id for m in a.actors] == [m.id for m in b.actors])

    __hash__ = None  # type: ignore[assignment]


def _involved(term_id: str, found: list[Article],
              involved: Callable[[Article, str], Iterable[str]],
              before: tuple[tuple, object] | None) -> Counter:
    """The actors involved with a term in its articles, counted by article: the last build's
    count (`before`: its inputs and value under memo.py) with the articles that left or came
    taken out and added (an actor named in 9,000 articles is not counted again for one edit)."""
    related: Counter = Counter()
    if before is not None:
        old: tuple[Article, ...] = before[0][0]
        old_ids, new_ids = set(map(id, old)), set(map(id, found))
        gone = [a for a in old if id(a) not in new_ids]
        came = [a for a in found if id(a) not in old_ids]
        if len(gone) + len(came) < len(found) // 2:
            related.update(before[1][-1])  # type: ignore[index]
            for article in gone:
                related.subtract(involved(article, term_id))
            for article in came:
                related.update(involved(article, term_id))
            return +related  # the counts above zero, as counting again would give
    for article in found:
        related.update(involved(article, term_id))
    return related


Own = tuple[list[str], list[Quote], list[Claim], list[Claim]]


def _own_in(article: Article) -> dict[str, Own]:
    """Each actor of an article: its roles, quotes, claims by and about it there (validate makes
    every speaker, claimant and actor a claim is about one of the article's actors)."""
    found: dict[str, Own] = {m.id: ([], [], [], []) for m in article.actors}
    for mention in article.actors:
        found[mention.id][0].append(mention.role)
    for quote in article.quotes:
        found[quote.speaker][1].append(quote)
    for claim in article.claims:
        found[claim.claimant][2].append(claim)
        for about in dict.fromkeys(claim.about):
            found[about][3].append(claim)
    return found


def _actor_own(actor_id: str, found: list[Article], own: Callable[[Article], dict[str, Own]]
               ) -> dict:
    """What only actors have, from the articles that name it (newest first, an article once a
    mention): its role in each, its quotes, claims by and about it."""
    parts = [own(a)[actor_id] for i, a in enumerate(found) if not i or found[i - 1] is not a]
    def joined(n: int) -> tuple:  # the n-th list of every part, one after the other
        return tuple(chain.from_iterable(map(itemgetter(n), parts)))

    return {"roles": joined(0), "quotes": joined(1), "claims_by": joined(2),
            "claims_about": joined(3)}


def _actor_extras(
    corpus: Corpus, timeline: tuple[TimelineEntry, ...], memo: Memo, shape: object = None
) -> Callable[[dict[str, int]], Callable[[str], dict]]:
    """What only actors have beyond their articles: members (most mentioned first: `mentions`,
    an actor's articles counted once a mention), and the events they take part in through someone
    else (rollup.py)."""
    def through() -> dict[str, dict[str, str]]:
        via: dict[str, dict[str, str]] = defaultdict(dict)
        for entry in timeline:
            for acting in entry.acting:
                via[acting.body].setdefault(entry.id, acting.via)
        return via

    via = memo.get("via", (timeline if shape is None else shape,), through)

    def extra(mentions: dict[str, int]) -> Callable[[str], dict]:
        members: dict[str, list[str]] = defaultdict(list)
        for actor_id in sorted(corpus.actors, key=lambda i: (-mentions.get(i, 0), i)):
            actor = corpus.actors[actor_id]
            linked = [*actor.affiliations, *(p.of for p in actor.positions if p.of)]
            for other in dict.fromkeys(linked):
                if other != actor_id:
                    members[other].append(actor_id)
        return lambda actor_id: {"members": tuple(members[actor_id]),
                                 "via": via.get(actor_id, {})}

    return extra


def _theme_extras(
    corpus: Corpus, ancestors: dict[str, tuple[str, ...]], children: dict[str, list[str]],
) -> Callable[[dict[str, int]], Callable[[str], dict]]:
    """What only themes have: their place in the tree, sub-themes most articles first (`count`:
    a theme's articles, its sub-themes' included)."""
    def extra(count: dict[str, int]) -> Callable[[str], dict]:
        return lambda theme_id: {
            "parent": corpus.themes[theme_id].parent, "ancestors": ancestors[theme_id],
            "children": tuple(sorted(children[theme_id], key=lambda t: (-count.get(t, 0), t))),
        }
    return extra


def _depth_first(roots: Iterable[str], terms: dict[str, ThemeTerm]) -> tuple[str, ...]:
    out: list[str] = []
    stack = list(reversed(list(roots)))
    while stack:
        theme_id = stack.pop()
        out.append(theme_id)
        stack.extend(reversed(terms[theme_id].children))
    return tuple(out)


def _as_derived(corpus: Corpus) -> tuple:
    """What derive reads of the registries but the actors' Arabic names (`_names`): ids, types,
    posts and affiliations (rollup.py), themes' parents. An edited English name, alias,
    description or theme label, or lines moved in the file, derive nothing again."""
    return (tuple((a.id, a.type, a.positions, a.affiliations) for a in corpus.actors.values()),
            tuple((t.id, t.parent) for t in corpus.themes.values()))


def derive_site(corpus: Corpus, page_items: int = PAGE_ITEMS, memo: Memo | None = None) -> Site:
    """Everything render needs, computed once, before any page is rendered. Lists longer than
    page_items are split into pages (paginate.py). `memo` (memo.py, under `mkdocs serve`): what an
    earlier build derived, made again only where its inputs changed."""
    serving = memo is not None  # a next build will update from this one
    memo = memo or Memo()
    # Stands for the registries (and page_items) in the inputs of what depends on them: the same
    # object while they are equal, so comparing it is an identity check.
    registries = memo.token("registries", (_as_derived(corpus), page_items))
    names, renamed = _names(corpus, memo)
    ancestors, children = _theme_tree(corpus)
    scope = {t: (*ancestors[t], t) for t in corpus.themes}
    weighed, event_newest = _entries(corpus, scope, memo, registries, renamed)
    timeline = memo.same("timeline entries", tuple(entry for entry, _ in weighed))
    newest = memo.same("newest", tuple(_newest_first(corpus.articles.values())))

    # Lists too long for one page are split (paginate.py); most briefings never reach that.
    whens: dict[str, tuple[str, int, int | None]] = {}  # an article is in 28 lists (seeds)

    def when(article_id: str) -> tuple[str, int, int | None]:
        found = whens.get(article_id)
        if found is None:
            published = corpus.articles[article_id].published
            found = whens[article_id] = article_id, published.lower.year, published.start.month
        return found

    by_id = memo.get("events", (timeline,), lambda: {entry.id: entry for entry in timeline})
    shape = memo.get("timeline shape", (timeline,), lambda: _timeline_shape(timeline))
    timeline_parts = memo.get(
        "timeline parts", (shape, tuple(weight for _, weight in weighed), page_items),
        lambda: split(((e.id, e.year, e.month) for e, _ in weighed), paths.TIMELINE_PARTS,
                      page_items, dict((e.id, w) for e, w in weighed).__getitem__, LIST_BYTES))
    event_pages = memo.get("event pages", (timeline_parts,), lambda: locate(timeline_parts))
    timeline_links = memo.same("timeline links", links(timeline_parts))
    item = article_weight(corpus)

    owned: dict[str, dict[str, Own]] = {}

    def own(article: Article) -> dict[str, Own]:  # an article's part in its actors' terms
        found = owned.get(article.id)
        if found is None:
            found = owned[article.id] = memo.get(("own", article.id), (Ids((article,)),),
                                                 lambda: _own_in(article))
        return found

    faces: dict[str, Article] = {}

    def face(article: Article) -> Article:  # what a term's list, dates and pages read of it
        found = faces.get(article.id)
        if found is None:
            found = faces[article.id] = memo.get(("face", article.id), (_Face(article),),
                                                 lambda: article)
        return found

    def pager(kind: str) -> Callable[[str, list[str]], dict]:
        def pages(term_id: str, articles: list[str]) -> dict:
            return {"article_parts": split(map(when, articles), paths.term_parts(kind, term_id),
                                           page_items, item, TERM_LIST_BYTES)}
        return pages

    actors = _terms(
        ActorTerm, corpus, newest, timeline, sorted(corpus.actors),
        carry=lambda article: [m.id for m in article.actors],
        involved=lambda article, actor_id: [m.id for m in article.actors if m.id != actor_id],
        in_entry=lambda entry: entry.participants, pages=pager("actor"),
        extra=_actor_extras(corpus, timeline, memo, shape),
        own=lambda actor_id, found: _actor_own(actor_id, found, own), memo=memo,
        registries=registries, face=face, shape=shape, in_shape=lambda s: s[3],
    )
    # Asked for only when one of its actors' terms changed.
    memo.keep_all(("own", article_id) for article_id in corpus.articles)
    themes = _terms(
        ThemeTerm, corpus, newest, timeline, sorted(corpus.themes),
        carry=lambda article: list(dict.fromkeys(s for t in article.themes for s in scope[t])),
        involved=lambda article, _: list(dict.fromkeys(m.id for m in article.actors)),
        in_entry=lambda entry: entry.themes, pages=pager("theme"),
        extra=_theme_extras(corpus, ancestors, children), memo=memo,
        registries=registries, face=face, shape=shape, in_shape=lambda s: s[2],
    )
    if event_pages:
        actors = _on_pages("actor", actors, timeline_links, event_pages, memo)
        themes = _on_pages("theme", themes, timeline_links, event_pages, memo)
    # A term equal to the last build's is that term: pages and exports then compare by identity.
    actors = {k: memo.same(("actor term", k), term) for k, term in actors.items()}
    themes = {k: memo.same(("theme term", k), term) for k, term in themes.items()}

    actor_order = tuple(sorted(actors, key=lambda i: (-len(actors[i].articles), i)))
    by_type = tuple(
        (kind, members)
        for kind in ACTOR_TYPES
        if (members := tuple(i for i in actor_order if corpus.actors[i].type == kind))
    )
    roots = sorted((t for t in themes if themes[t].parent is None),
                   key=lambda t: (-len(themes[t].articles), t))
    theme_order = _depth_first(roots, themes)
    # Counted by the timeline's shape; the themes' line in the theme tree's order, which an
    # added or removed article may change (themes ordered by their articles).
    counts = memo.get("timeline counts", (shape,),
                      lambda: _timeline_counts(timeline, actors, themes))
    theme_events = counts["theme_events"]  # the kept dict is read, never changed
    in_timeline = {k: v for k, v in counts.items() if k != "theme_events"}
    in_timeline["timeline_themes"] = memo.get(
        "timeline themes", (theme_events, theme_order),
        lambda: tuple((t, theme_events[t]) for t in theme_order if theme_events[t]))
    outlets = Counter(a.outlet for a in corpus.articles.values() if a.outlet)
    oldest = _oldest(corpus.articles.values())
    latest = corpus.articles[newest[0]].published if newest else None
    weights = tuple(item(a) for a in newest)
    return Site(
        corpus, timeline, actors, themes, newest,
        events=by_id,
        actor_order=actor_order,
        actors_by_type=by_type,
        theme_roots=tuple(roots),
        theme_order=theme_order,
        **in_timeline,
        outlets=_most_first(outlets),
        span=(oldest, latest) if oldest and latest else None,
        timeline_parts=timeline_parts,
        timeline_links=timeline_links,
        event_pages=event_pages,
        article_parts=memo.get(
            "article parts", (tuple(map(when, newest)), weights, page_items),
            lambda: split(map(when, newest), paths.ARTICLE_PARTS, page_items, item, LIST_BYTES)),
        event_reports=_event_reports(corpus, timeline, page_items, memo, registries, names),
        event_newest=memo.same("event newest", event_newest),
        # The article text as shown, scrape noise removed: the article page and search both use it.
        paragraphs={a.id: _paragraphs(a.text, a.title) for a in corpus.articles.values()},
        related=_related(corpus, newest, memo) if serving else related_articles(
            corpus, list(newest)),
    )


def _timeline_shape(timeline: tuple[TimelineEntry, ...]) -> tuple:
    """The timeline as its pages' split, the terms' events, the counts and the actors' bodies
    read it: each entry's id, date, themes, participants (a set: their order follows the
    reports') and bodies, in timeline order. A moved publication date makes the entries of the
    article's events again (their reports reordered), most often with the same shape."""
    return tuple(e.shape for e in timeline)


def _events_update(old_shape: tuple, shape: tuple, old: dict[str, tuple[str, ...]],
                   in_shape: Callable[[tuple], Collection[str]]
                   ) -> dict[str, tuple[str, ...]] | None:
    """Each term's events (ids in timeline order) from the last build's, when the timeline's shape
    changed (an entry's shape is the same object while the entry is kept): only the terms of the
    entries that changed, came or went are made again, since the others' events keep their order.
    None when too much changed (counting again is then as fast)."""
    last = {s[0]: s for s in old_shape}
    changed = [s for s in shape if last.get(s[0]) is not s]
    if len(changed) > len(shape) // 20 + 50:
        return None
    came = sum(1 for s in changed if s[0] not in last)
    gone = (last.keys() - {s[0] for s in shape}) if len(last) + came != len(shape) else set()
    terms: set[str] = set()
    for s in changed:
        terms.update(in_shape(s))
        if s[0] in last:
            terms.update(in_shape(last[s[0]]))
    for event_id in gone:
        terms.update(in_shape(last[event_id]))
    if not terms:
        return old
    moved = {s[0] for s in changed} | gone
    place = {s[0]: at for at, s in enumerate(shape)}
    events = dict(old)
    for term_id in terms:
        found = [e for e in old.get(term_id, ()) if e not in moved]
        found += [s[0] for s in changed if term_id in in_shape(s)]
        if found:
            events[term_id] = tuple(sorted(found, key=place.__getitem__))
        else:
            events.pop(term_id, None)
    return events


def _timeline_counts(timeline: tuple[TimelineEntry, ...], actors: dict[str, ActorTerm],
                     themes: dict[str, ThemeTerm]) -> dict[str, object]:
    """The events of each actor and theme (their terms' events are the entries they take part in
    or are filed under: counted once, in derive), the events newest first and the years."""
    actor_events = Counter({k: len(t.events) for k, t in actors.items() if t.events})
    theme_events = Counter({k: len(t.events) for k, t in themes.items() if t.events})
    recent = sorted(timeline, key=lambda e: (e.date.upper, e.date.lower, e.id), reverse=True)
    return {
        "recent_events": tuple(e.id for e in recent),
        "timeline_years": tuple(sorted({entry.year for entry in timeline})),
        "timeline_actors": _most_first(actor_events),
        "theme_events": theme_events,
    }


def _related(corpus: Corpus, newest: tuple[str, ...], memo: Memo) -> dict[str, tuple]:
    """related_articles, made again only when the articles' order, events or actors changed (what
    it reads of them: an edited summary or role leaves every list as it was), and then from the
    last build's (related.related_update: only the lists the change may reach are weighed
    again)."""
    # Each article's events and actors, kept with the Article (the same object while unchanged).
    last = memo.kept("related reads")
    kept: dict[str, tuple] = last[1] if last is not None else {}  # type: ignore[assignment]
    reads: dict[str, tuple] = {}
    for article_id in newest:
        article, found = corpus.articles[article_id], kept.get(article_id)
        if found is None or found[0] is not article:
            found = (article, (tuple(e.id for e in article.events),
                               tuple(m.id for m in article.actors)))
        reads[article_id] = found
    memo.put("related reads", reads)
    shape = tuple(found[1] for found in reads.values())
    before = memo.kept("related")
    return memo.get("related", (newest, shape), lambda: _Kept(*related_update(
        corpus, list(newest), before[1].kept if before is not None else None))).related


class _Kept:
    """The related lists and what they were made of (related.Kept). Equal only to itself: the
    lists may be the last build's while what they were made of (the date order) moved on;
    related_update gives back the last build's lists object when no list changed."""

    __slots__ = ("related", "kept")

    def __init__(self, related: dict[str, tuple], kept: object) -> None:
        self.related, self.kept = related, kept


@lru_cache(maxsize=1 << 16)
def _paragraphs(text: str, title: str) -> tuple[str, ...]:
    """display_paragraphs, remembered: under `mkdocs serve` an unchanged article's text is the
    same string from build to build (its hash is kept in it), so only an edited one is split
    again."""
    return tuple(display_paragraphs(text, title))


def report_order(corpus: Corpus, entry: TimelineEntry) -> list[str]:
    """The articles that report an event, oldest publication first (the page of its reports)."""
    dates = {r.article_id: corpus.articles[r.article_id].published for r in entry.reports}
    return sorted(dates, key=lambda a: (dates[a].lower, dates[a].upper, a))


def _event_reports(
    corpus: Corpus, timeline: tuple[TimelineEntry, ...], page_items: int,
    memo: Memo | None = None, registries: object = None, names: dict[str, str] | None = None,
) -> dict[str, tuple[Part, ...]]:
    """The events with more reports than a timeline card tells, each with the pages of all its
    reports (oldest publication first; () when they fit on one page). `names`: the actors'
    Arabic names (report_weight reads those of the entry's actors)."""
    memo = memo or Memo()
    names = names if names is not None else {a.id: a.name_ar for a in corpus.actors.values()}

    def parts(entry: TimelineEntry) -> tuple[Part, ...]:
        dates = {r.article_id: corpus.articles[r.article_id].published for r in entry.reports}
        return split(((a, dates[a].lower.year, dates[a].start.month)
                      for a in report_order(corpus, entry)),
                     paths.event_report_parts(entry.id), page_items,
                     report_weight(corpus, entry), LIST_BYTES)

    found = {}
    for entry in timeline:
        if len(entry.reports) <= REPORTS_SHOWN:
            continue
        articles = Ids(corpus.articles[r.article_id] for r in entry.reports)
        named = tuple(map(names.get, entry.actors))
        found[entry.id] = memo.get(("reports", entry.id), (entry, articles, registries, named),
                                   lambda entry=entry: parts(entry))
    return found


def _on_pages(kind: str, terms: dict[str, T], parts: tuple[Part, ...],
              event_pages: dict[str, str], memo: Memo) -> dict[str, T]:
    """The terms with the timeline pages that hold their events (`parts`: as links, without their
    items), and how many on each. Under `mkdocs serve`, a term whose events are the same and on
    the same pages keeps the last build's: when the pages are not the last build's, the events
    that moved are found once (not the 90,000 events' pages compared once a term)."""
    name = ("on pages", kind)
    before = memo.kept(name)
    moved: set[str] | None = None  # the events on another page than last time (None: unknown)
    kept: dict[str, tuple] = {}
    if before is not None and before[1][0] is parts:  # parts: the same object while equal
        old_pages, kept = before[1][1], before[1][2]
        moved = set() if old_pages is event_pages else {
            e for e, src in event_pages.items() if old_pages.get(e) != src}
    made: dict[str, tuple] = {}
    out: dict[str, T] = {}
    for k, term in terms.items():
        found = kept.get(k)
        if (found is None or moved is None or found[0] != term.events
                or not moved.isdisjoint(term.events)):
            on_pages = Counter(event_pages[e] for e in term.events)
            found = (term.events, tuple(p for p in parts if on_pages[p.src]), dict(on_pages))
        made[k] = found
        out[k] = replace(term, event_parts=found[1], events_on=found[2])
    memo.put(name, (parts, event_pages, made))
    return out
