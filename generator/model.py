"""The typed model every stage shares: validated input (Corpus) and derived output (Site)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .edtf import EdtfDate


@dataclass(frozen=True)
class Source:
    """Where a record came from, for messages and "edit this page" links."""

    path: str  # as shown to the annotator, e.g. "seeds/annotations/003_x.yml"
    line: int = 1


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
    """One article's report of an event; reports sharing an id are one real event (see TimelineEntry)."""

    id: str
    date: EdtfDate
    date_text: str
    date_basis: str
    actors: tuple[str, ...]
    place: str
    description: str
    article_id: str


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
    text_path: str
    annotation_path: str


@dataclass(frozen=True)
class Corpus:
    """Everything validated; keyed by id, iterated in id order."""

    articles: dict[str, Article]
    actors: dict[str, Actor]
    themes: dict[str, Theme]


@dataclass(frozen=True)
class TimelineEntry:
    """One real event with every report of it (the most precise first); `differences` names the fields
    the sources disagree on."""

    id: str
    reports: tuple[Event, ...]
    date: EdtfDate
    actors: tuple[str, ...]
    themes: tuple[str, ...]
    differences: tuple[str, ...]


@dataclass(frozen=True)
class Term:
    """An actor or a theme seen as a taxonomy term: the articles and events that carry it."""

    kind: str  # "actor" | "theme"
    id: str
    label: str
    articles: tuple[str, ...]  # article ids, newest first
    events: tuple[str, ...]  # timeline entry ids, in date order
    related: tuple[tuple[str, int], ...] = field(default=())  # (actor id, shared articles), most first


@dataclass(frozen=True)
class Site:
    """The derived briefing: all render needs, nothing more."""

    corpus: Corpus
    timeline: tuple[TimelineEntry, ...]
    actors: dict[str, Term]
    themes: dict[str, Term]
    articles_newest: tuple[str, ...]
