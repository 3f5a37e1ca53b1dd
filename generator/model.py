"""The typed model every stage shares: validated input (Corpus) and derived output (Site)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from . import paths
from .edtf import EdtfDate
from .problems import Source

__all__ = ["Source"]  # every record's place (problems.py): model users need not know where it lives


@dataclass(frozen=True)
class Position:
    title: str
    of: str | None = None
    start: EdtfDate | None = None
    end: EdtfDate | None = None


@dataclass(frozen=True)
class Actor:
    """A registry actor. Aliases feed search and `briefing new`; ids are ASCII and become URLs."""

    id: str
    type: str
    name_ar: str
    name_en: str
    aliases_ar: tuple[str, ...]
    aliases_en: tuple[str, ...]
    positions: tuple[Position, ...]
    affiliations: tuple[str, ...]
    description_ar: str
    description_en: str
    wikidata: str | None
    source: Source


@dataclass(frozen=True)
class Theme:
    id: str
    label_ar: str
    label_en: str
    description_ar: str
    description_en: str
    parent: str | None
    source: Source


@dataclass(frozen=True)
class ArticleActor:
    id: str
    role: str
    forms: tuple[str, ...]


@dataclass(frozen=True)
class Event:
    """One article's report of an event; reports sharing an id are one real event (see
    TimelineEntry)."""

    id: str
    date: EdtfDate
    date_text: str
    date_basis: str
    actors: tuple[str, ...]
    place: str
    description: str
    article_id: str
    themes: tuple[str, ...] | None = None  # None: not given, the article's themes stand


@dataclass(frozen=True)
class Quote:
    speaker: str
    text: str
    article_id: str


@dataclass(frozen=True)
class Claim:
    claimant: str
    text: str
    about: tuple[str, ...]
    article_id: str


@dataclass(frozen=True)
class Article:
    """An article: its raw text (never changed) and its annotation."""

    id: str  # the file stem, e.g. "003_babe8bcfe08ac5d2"
    title: str
    outlet: str
    outlet_actor: str | None
    url: str
    language: str
    published: EdtfDate
    published_basis: str
    published_note: str
    summary: str
    themes: tuple[str, ...]
    actors: tuple[ArticleActor, ...]
    events: tuple[Event, ...]
    quotes: tuple[Quote, ...]
    claims: tuple[Claim, ...]
    text: str
    source: Source  # the annotation file (line 1)
    text_source: Source  # the article's text file


@dataclass(frozen=True)
class Corpus:
    """Everything validated; keyed by id, iterated in id order."""

    articles: dict[str, Article]
    actors: dict[str, Actor]
    themes: dict[str, Theme]


ACTOR_TYPES = (
    "person", "state", "government", "ministry", "security-body", "armed-group", "party",
    "international-org", "media", "group",
)  # the order of the registry schema's `type` enum; the actor index groups in this order


POSITION, AFFILIATION = "position", "affiliation"


@dataclass(frozen=True, order=True)
class Acting:
    """`via`, an actor an event names, acted for `body` on the event's date: it held a post there
    (`how` "position") or belongs to it (`how` "affiliation"), directly or up the chain
    (rollup.py)."""

    body: str
    via: str
    how: str


@dataclass(frozen=True)
class TimelineEntry:
    """One real event with every report of it (the most precise first).

    `differences` names what the sources disagree on ("date", "actors", "place", "numbers");
    `numbers` holds the figures each report's description gives, in report order.
    """

    id: str
    reports: tuple[Event, ...]
    date: EdtfDate
    actors: tuple[str, ...]  # every actor any report names, in first-mention order
    themes: tuple[str, ...]  # themes of the reporting articles and their parent themes, sorted
    differences: tuple[str, ...]
    disputed_actors: tuple[str, ...] = ()  # actors some reports name and others do not
    numbers: tuple[tuple[str, ...], ...] = ()
    acting: tuple[Acting, ...] = ()  # the bodies its actors acted for on its date (rollup.py)

    # Made once, when the entry is (the timeline's pages, filters, counts and terms read them for
    # each of 90,000 entries at 10,000 articles, and `mkdocs serve` keeps the entries):
    # whom the event involves, the actors it names then the bodies they acted for;
    participants: tuple[str, ...] = field(init=False, repr=False, compare=False)
    # the year the timeline files it under; the month, None for a year-precision start.
    year: int = field(init=False, repr=False, compare=False)
    month: int | None = field(init=False, repr=False, compare=False)
    # What the timeline's split, the terms' events and the counts read of it (derive's
    # _timeline_shape): its id, date, themes, participants (a set) and the bodies they acted for.
    shape: tuple = field(init=False, repr=False, compare=False)
    # The most actors one of its reports names (the events table has that many actor columns).
    widest: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        made = object.__setattr__  # frozen
        made(self, "participants",
             tuple(dict.fromkeys((*self.actors, *(a.body for a in self.acting)))))
        made(self, "year", self.date.lower.year)
        made(self, "month", self.date.start.month)
        made(self, "shape", (self.id, self.date, self.themes, frozenset(self.participants),
                             self.acting))
        made(self, "widest", max((len(r.actors) for r in self.reports), default=0))

    def sides(self) -> list[set[str]]:
        """Each actor it names with the bodies that actor acted for: two participants on one side
        are one party to the event (al-Araji and Iraq), not two."""
        sides = {actor_id: {actor_id} for actor_id in self.actors}
        for acting in self.acting:
            sides[acting.via].add(acting.body)
        return list(sides.values())

    @property
    def years(self) -> tuple[int, ...]:
        """Every year the event's date may fall in (the year filter matches any of them)."""
        return tuple(range(self.date.lower.year, self.date.upper.year + 1))


@dataclass(frozen=True)
class Part:
    """One page of a list too long for one page (see paginate.py): a year (or a run of quiet
    years), a month of a busy year (or a run of months), or a piece of a busy month. `month` is
    None for a whole year, and for the items of a busy year dated to the year only; `piece` counts
    from 1 when a month needs several pages, else 0."""

    src: str  # the page's Markdown source, e.g. "timeline/2024-11.md"
    year: int
    month: int | None
    piece: int
    items: tuple[str, ...]
    whole_year: bool = False
    last_year: int | None = None  # a page of consecutive quiet years: the last of them
    last_month: int | None = None  # a page of consecutive months of a busy year: the last


@dataclass(frozen=True, kw_only=True)
class Term:
    """An actor or a theme seen as a taxonomy term: the articles and events that carry it, who is
    most involved, when it was seen, and the pages its long lists are split into. The two kinds
    add what only they have (ActorTerm, ThemeTerm); derive.py makes both in one derivation."""

    kind: ClassVar[str]
    id: str
    articles: tuple[str, ...]  # article ids, newest first
    events: tuple[str, ...]  # timeline entry ids, in timeline order
    # Actors: (actor id, articles shared); themes: (actor id, articles of the theme); most first.
    related: tuple[tuple[str, int], ...] = ()
    first_seen: EdtfDate | None = None  # publication date of the oldest article
    last_seen: EdtfDate | None = None  # publication date of the newest article
    article_parts: tuple[Part, ...] = ()  # `articles` by page, when too many for the term's page
    event_parts: tuple[Part, ...] = ()  # the timeline's pages that hold events of the term
    events_on: dict[str, int] = field(default_factory=dict)  # timeline page src -> its events

    @property
    def article_count(self) -> int:
        """How many articles carry it: what a page that counts them reads (under `mkdocs
        serve`, a page that reads the count is not rendered again when the list only moved)."""
        return len(self.articles)


@dataclass(frozen=True, kw_only=True)
class ActorTerm(Term):
    """An actor's term: also its role in each article, its words, and who belongs to it."""

    kind: ClassVar[str] = "actor"
    roles: tuple[str, ...] = ()  # the role in each of `articles`, same order
    quotes: tuple[Quote, ...] = ()  # what it said, newest article first
    claims_by: tuple[Claim, ...] = ()  # claims it made
    claims_about: tuple[Claim, ...] = ()  # claims made about it
    members: tuple[str, ...] = ()  # actors affiliated with it or holding a post in it
    # Events of `events` it takes part in through someone else: event id -> the actor named.
    via: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class ThemeTerm(Term):
    """A theme's term: also its place in the theme tree. It covers its sub-themes: its articles
    and events include theirs."""

    kind: ClassVar[str] = "theme"
    parent: str | None = None
    ancestors: tuple[str, ...] = ()  # from the root down to the parent
    children: tuple[str, ...] = ()  # sub-themes, most articles first


@dataclass(frozen=True)
class Site:
    """The derived briefing: all render needs, nothing more. Orderings are computed here, once."""

    corpus: Corpus
    timeline: tuple[TimelineEntry, ...]
    actors: dict[str, ActorTerm]
    themes: dict[str, ThemeTerm]
    articles_newest: tuple[str, ...]
    events: dict[str, TimelineEntry] = field(default_factory=dict)  # timeline entries by id
    actor_order: tuple[str, ...] = ()  # most articles first, then id
    actors_by_type: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (type, actor ids in actor_order)
    theme_roots: tuple[str, ...] = ()  # top-level themes, most articles first
    theme_order: tuple[str, ...] = ()  # the theme tree, depth first, each level most articles first
    recent_events: tuple[str, ...] = ()  # timeline entry ids, newest first
    timeline_years: tuple[int, ...] = ()  # years events start in (timeline sections), oldest first
    timeline_actors: tuple[tuple[str, int], ...] = ()  # (actor id, events), most events first
    timeline_themes: tuple[tuple[str, int], ...] = ()  # (theme id, events), in theme_order
    outlets: tuple[tuple[str, int], ...] = ()  # (outlet name, articles), most first
    span: tuple[EdtfDate, EdtfDate] | None = None  # oldest and newest publication dates
    timeline_parts: tuple[Part, ...] = ()  # the timeline's pages, when it is too long for one
    # The same pages without their items: what a link or a pager reads (an event that moves
    # within the timeline changes a part's items, not the pages that link to the part).
    timeline_links: tuple[Part, ...] = ()
    event_pages: dict[str, str] = field(default_factory=dict)  # event id -> its timeline page
    article_parts: tuple[Part, ...] = ()  # the article index's pages (newest first), likewise
    # Events with more reports than a timeline card tells -> the parts of the page of all of them
    # (() when one page holds them); their article ids, oldest publication first.
    event_reports: dict[str, tuple[Part, ...]] = field(default_factory=dict)
    # event id -> the id of its newest source (derive._newest_source)
    event_newest: dict[str, str] = field(default_factory=dict)
    paragraphs: dict[str, tuple[str, ...]] = field(default_factory=dict)  # article id -> text shown
    # article id -> related.Related, best first
    related: dict[str, tuple] = field(default_factory=dict)

    def event_page(self, event_id: str) -> str:
        """The page that holds an event: its page of a split timeline, else the timeline."""
        return self.event_pages.get(event_id, paths.TIMELINE)
