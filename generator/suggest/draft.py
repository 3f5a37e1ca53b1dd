"""`briefing new`: a starting annotation for a new article, every suggestion marked for checking.

The draft is valid YAML but deliberately not a valid annotation: each value a person must supply is
left empty (""), so `briefing validate` lists what is still to do. Suggestions carry a comment
saying where they came from (the phrase and its line), for the annotator to check in the text.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..arabic import normalize
from ..edtf import parse_edtf
from ..model import Actor, Theme
from .actors import Mention, NameMatcher, group_mentions
from .dates import Anchor, DateSuggestion, find_dates, inferred_publication, printed_publication
from .header import Found, Header, read_header
from .nearmiss import NearMatcher, NearMiss
from .proposals import NewActor, propose
from .text import FoldedText

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema" / "annotation.schema.json"
MAX_FORMS = 50  # the schema's maxItems for forms


@dataclass(frozen=True)
class ExistingEvent:
    """An event id already used in the corpus, so the same real event gets the same id."""

    id: str
    date: str
    article: str


@dataclass
class Draft:
    """What `briefing new` found, and the YAML it writes."""

    stem: str
    title: str
    published: DateSuggestion | None  # the phrase the publication date comes from
    published_given: str | None
    published_printed: bool  # printed in the header (else inferred from "نوفمبر الجاري 2024")
    actors: dict[str, list[Mention]]
    new_actors: list[NewActor]
    dates: list[DateSuggestion]
    themes: dict[str, list[Mention]]
    header: Header | None = None
    near_misses: dict[str, list[NearMiss]] = field(default_factory=dict)  # registry id -> misses
    outlet: Found | None = None  # the outlet as the text names it
    outlet_actor: str | None = None  # its registry id, when the registry has it
    header_outlet: tuple[str, Mention] | None = None
    registry: dict[str, Actor] = field(default_factory=dict)
    theme_registry: dict[str, Theme] = field(default_factory=dict)
    same_day: dict[str, list[ExistingEvent]] = field(default_factory=dict)
    event_actors: dict[int, list[str]] = field(default_factory=dict)  # date index -> actor ids

    def is_publication(self, d: DateSuggestion) -> bool:
        """The publication date printed in the header is not an event."""
        p = self.published
        return self.published_printed and p is not None and d.start == p.start


def _q(value: str) -> str:
    """A double-quoted YAML scalar: a JSON string, U+2028/9 escaped (YAML breaks lines there)."""
    return (
        json.dumps(value, ensure_ascii=False)
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _c(text: str) -> str:
    """Comment text on one line."""
    return re.sub(r"\s+", " ", text).strip()


def make_draft(
    stem: str,
    text: str,
    actors: dict[str, Actor],
    themes: dict[str, Theme],
    existing: Iterable[ExistingEvent] = (),
    published: str | None = None,
) -> Draft:
    """Everything to suggest for one article. `published` is an EDTF date the annotator gives."""
    folded = FoldedText(text)
    printed = printed_publication(folded)
    anchor = None
    if published:
        anchor = Anchor.of(parse_edtf(published))
    elif printed:
        anchor = Anchor.of(parse_edtf(printed.edtf))
    dates = find_dates(folded, anchor)
    pub = printed
    if anchor is None and not published:
        # "نوفمبر الجاري 2024" gives the month of publication; relative phrases resolve against it.
        pub = inferred_publication(dates)
        if pub:
            y, m = map(int, pub.edtf.split("-")[:2])
            dates = find_dates(folded, Anchor(y, m))
    matcher = NameMatcher.for_actors(actors.values())
    mentions = matcher.find(folded)
    header = read_header(folded)
    near = NearMatcher(
        [(a.id, name) for a in actors.values() for name in (a.name_ar, *a.aliases_ar)]
    ).find(folded, mentions)
    draft = Draft(
        stem=stem,
        title=header.title.value if header.title else "",
        published=pub,
        published_given=published,
        published_printed=printed is not None and pub is printed and not published,
        actors=group_mentions(mentions),
        new_actors=propose(
            folded, matcher, mentions, near, header.outlet, {a.id: a.type for a in actors.values()}
        ),
        dates=dates,
        themes=group_mentions(NameMatcher.for_themes(themes.values()).find(folded)),
        header=header,
        registry=actors,
        theme_registry=themes,
    )
    for miss in near:
        draft.near_misses.setdefault(miss.term_id, []).append(miss)
    if header.outlet:
        draft.outlet = header.outlet
        known = [m for m in matcher.find(header.outlet.value) if actors[m.term_id].type == "media"]
        if known:
            draft.outlet_actor = known[0].term_id
    elif printed:
        line_start = text.rfind("\n", 0, printed.start) + 1
        for m in mentions:
            if line_start <= m.start < printed.start and actors[m.term_id].type == "media":
                draft.header_outlet = (m.form, m)
                break
    by_date: dict[str, list[ExistingEvent]] = {}
    for e in existing:
        by_date.setdefault(e.date, []).append(e)
    for d in dates:
        if d.edtf and d.edtf in by_date:
            draft.same_day[d.edtf] = sorted(by_date[d.edtf], key=lambda e: (e.article, e.id))
    named = sorted([(m.start, m.term_id) for m in mentions] + [(n.start, n.term_id) for n in near])
    starts = [start for start, _ in named]
    for i, d in enumerate(dates):
        a, b = folded.sentence_around(d.start, d.end)
        ids = [t for _, t in named[bisect.bisect_left(starts, a) : bisect.bisect_left(starts, b)]]
        draft.event_actors[i] = list(dict.fromkeys(ids))
    return draft


def render_draft(draft: Draft, annotation_path: Path, article_shown: str) -> str:
    """The draft annotation as YAML text (deterministic: same article and registry, same bytes)."""
    schema = Path(os.path.relpath(SCHEMA_FILE, annotation_path.resolve().parent)).as_posix()
    out: list[str] = [
        f"# yaml-language-server: $schema={schema}",
        f"# مسودة كتبها `briefing new` من {article_shown}.",
        '# كل ما عليه SUGGESTED اقتراح آلي: تحقق منه في النص. املأ كل "" فارغ (TODO)',
        "# أو احذف الاقتراح الخاطئ، ثم شغّل `briefing validate` فهو يسرد كل ما بقي.",
        f"# Draft written by `briefing new` from {article_shown}.",
        '# SUGGESTED = found by a program: check it against the text. Fill every empty ""',
        "# (TODO) or delete a wrong suggestion, then run `briefing validate`: it lists the rest.",
    ]
    out += _title_lines(draft)
    out += _outlet_lines(draft)
    out += [
        'url: ""  # the source address (http:// or https://) when known, else leave ""',
        'language: "ar"',
    ]
    out += _published_lines(draft)
    out.append('summary: ""  # TODO: 1-3 sentences in Arabic')
    out += _theme_lines(draft)
    out += _actor_lines(draft)
    out += _event_lines(draft)
    out.append(
        'quotes: []  # copy each quote exactly from the text: - {speaker: "actor-id", text: "…"}'
    )
    out.append(
        'claims: []  # - {claimant: "actor-id", text: "paraphrase in Arabic", about: ["actor-id"]}'
    )
    out += _registry_blocks(draft)
    return stamp("\n".join(out) + "\n")


# The last line of a draft: while it matches the rest of the file, the file is as `briefing new`
# wrote it, and `briefing new` may replace it (to resolve dates with --published, or after new
# actors went into the registry); once edited, it is the annotator's work and is kept.
_STAMP = re.compile(r"\n# draft ([0-9a-f]{16}): [^\n]*\n\Z")


def stamp(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return (
        f"{text}# draft {digest}: `briefing new` may replace this file until you edit it;"
        " edited, it is kept\n"
    )


def untouched(text: str) -> bool:
    """Whether a file is a draft exactly as `briefing new` wrote it."""
    m = _STAMP.search(text)
    if not m:
        return False
    body = text[: m.start() + 1]
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16] == m[1]


def _title_lines(draft: Draft) -> list[str]:
    h = draft.header
    if h and h.title:
        return [f"title: {_q(h.title.value)}  # SUGGESTED: the headline (line {h.title.line})"]
    where = ""
    if h and h.dateline:
        where = f'; line {h.dateline.line} "{_c(h.dateline.value)}" is a dateline, not a title'
    return [
        'title: ""  # TODO: the headline as published (none found before the first paragraph'
        f"{where})"
    ]


def _outlet_lines(draft: Draft) -> list[str]:
    if draft.outlet:
        o = draft.outlet
        lines = [f"outlet: {_q(o.value)}  # SUGGESTED: {_c(o.how)} (line {o.line})"]
        if draft.outlet_actor:
            lines.append(
                f"outlet_actor: {_q(draft.outlet_actor)}  # SUGGESTED: the registry's "
                f"{_c(draft.registry[draft.outlet_actor].name_ar)}"
            )
        return lines
    if draft.header_outlet:
        form, m = draft.header_outlet
        return [
            f"outlet: {_q(form)}  # SUGGESTED: printed before the date (line {m.line})",
            f"outlet_actor: {_q(m.term_id)}  # SUGGESTED: the registry's "
            f"{_c(draft.registry[m.term_id].name_ar)}",
        ]
    return ['outlet: ""  # TODO: the outlet\'s name as far as the text tells, or leave ""']


def _published_lines(draft: Draft) -> list[str]:
    p = draft.published
    if draft.published_given:
        return [
            f"published: {_q(draft.published_given)}  # given with --published",
            'published_basis: "inferred"',
            'published_note: ""  # TODO: how you established the publication date',
        ]
    if p and draft.published_printed:
        return [
            f'published: {_q(p.edtf)}  # SUGGESTED: printed as "{_c(p.phrase)}" (line {p.line})',
            'published_basis: "printed"',
        ]
    if p:
        month = p.edtf[:7]
        return [
            f'published: {_q(month)}  # SUGGESTED: the text says "{_c(p.phrase)}" (line {p.line});'
            " narrow it to a day if you can",
            'published_basis: "inferred"',
            'published_note: ""  # TODO: how you established the publication date',
        ]
    return [
        'published: ""  # TODO: not printed in the text; EDTF like "2024-11-10" or "2024-11?";'
        " `briefing new --published DATE` then writes this draft again with the dates resolved",
        'published_basis: "inferred"',
        'published_note: ""  # TODO: how you established the publication date',
    ]


def _theme_lines(draft: Draft) -> list[str]:
    lines = ["themes: []  # TODO: theme ids from seeds/themes.yml"]
    if draft.themes:
        found = ", ".join(
            f'"{tid}" ({_c(ms[0].form)}, line {ms[0].line})' for tid, ms in draft.themes.items()
        )
        lines.append(f"# SUGGESTED themes whose label occurs in the text: {found}")
    return lines


def _actor_lines(draft: Draft) -> list[str]:
    if not draft.actors and not draft.near_misses:
        lines = ["actors: []  # TODO: every actor the article names (ids from seeds/actors.yml)"]
    else:
        lines = [
            "actors:  # SUGGESTED: registry actors named in the text; delete wrong ones, add roles"
        ]
        for actor_id, ms in draft.actors.items():
            forms = list(dict.fromkeys(m.form for m in ms))[:MAX_FORMS]
            name = _c(draft.registry[actor_id].name_ar)
            lines += [
                f"  - id: {_q(actor_id)}  # {name}: {len(ms)} mention(s), first line {ms[0].line}",
                '    role: ""  # TODO: its role in this article, in Arabic',
                f"    forms: [{', '.join(_q(f) for f in forms)}]",
            ]
        for actor_id, misses in draft.near_misses.items():
            first = misses[0]
            forms = list(dict.fromkeys(m.form for m in misses))[:MAX_FORMS]
            lines += [
                f"  - id: {_q(actor_id)}  # CHECK, a near miss: "
                f'"{_c(first.form)}" (line {first.line}) is {_c(first.differs)}; '
                "delete this entry if it is another actor",
                '    role: ""  # TODO: its role in this article, in Arabic',
                f"    forms: [{', '.join(_q(f) for f in forms)}]",
            ]
    if draft.new_actors:
        lines += [
            "  # NEW: actors seeds/actors.yml does not have. To keep one, add it there (the block",
            "  # at the end of this file), then remove the \"# \" before its lines here.",
        ]
        for new in draft.new_actors:
            more = f", also line(s) {', '.join(map(str, sorted(set(new.lines[1:]))))}" if len(
                set(new.lines)
            ) > 1 else ""
            lines += [
                f"  # - id: {_q(new.id)}  # NEW {new.type}, {_c(new.why)}: "
                f"{_c(new.name)} (line {new.line}{more})" + ("" if new.id else "; TODO: an id"),
                '  #   role: ""',
                f"  #   forms: [{', '.join(_q(f) for f in new.forms[:MAX_FORMS])}]",
            ]
    return lines


def _aliases(new: NewActor) -> list[str]:
    """Other spellings of a new actor's name: its forms, but not those with a clitic (للحزب)."""
    name = normalize(new.name)
    return [
        f for f in new.forms if normalize(f) != name and not normalize(f).startswith(("لل", "ولل"))
    ][:MAX_FORMS]


def _registry_blocks(draft: Draft) -> list[str]:
    """The new actors as entries for seeds/actors.yml, commented out, to copy there."""
    if not draft.new_actors:
        return []
    lines = [
        "# For seeds/actors.yml, under actors: (copy a block without the \"# \", fill its TODOs):",
    ]
    for new in draft.new_actors:
        lines += [
            f"#   - id: {_q(new.id)}  # CHECK: a machine transliteration; use the usual English "
            "spelling" if new.id else '#   - id: ""  # TODO: an id like "kurdistan-workers-party"',
            f"#     type: {_q(new.type)}  # SUGGESTED: {_c(new.why)}",
            f'#     name: {{ar: {_q(new.name)}, en: ""}}  # TODO: the English name',
            f"#     aliases: {{ar: [{', '.join(_q(f) for f in _aliases(new))}]}}",
            '#     description: {ar: "", en: ""}  # TODO',
        ]
    return lines


def _event_lines(draft: Draft) -> list[str]:
    groups: dict[str, list[int]] = {}
    for i, d in enumerate(draft.dates):
        if draft.is_publication(d):
            continue
        key = (
            f"{d.edtf}|{normalize(d.phrase)}"  # "الأحد" three times: one entry; other phrases apart
        )
        groups.setdefault(key, []).append(i)
    if not groups:
        return ["events: []  # events the article reports, background events included"]
    lines = [
        "events:  # SUGGESTED: one entry per date found in the text; keep events, delete the rest"
    ]
    listed = set(draft.actors) | set(draft.near_misses)
    for indices in groups.values():
        d = draft.dates[indices[0]]
        others = sorted({draft.dates[i].line for i in indices[1:]} - {d.line})
        lines.append('  - id: ""  # TODO: a kebab-case id like "2024-11-10-who-what-where"')
        lines += _same_day_lines(draft.same_day.get(d.edtf or "", []))
        where = f"line {d.line}" + (
            f"; also on line(s) {', '.join(map(str, others))}" if others else ""
        )
        note = f"; {_c(d.note)}" if d.note else ""
        mark = "CHECK" if d.conflict else "SUGGESTED"
        if d.edtf:
            lines.append(f'    date: {_q(d.edtf)}  # {mark}: from "{_c(d.phrase)}" ({where}){note}')
        else:
            lines.append(f'    date: ""  # TODO: "{_c(d.phrase)}" ({where}){note}')
        lines.append(f"    date_text: {_q(_c(d.phrase))}")
        lines.append(f"    date_basis: {_q(d.basis)}")
        ids = [a for i in indices for a in draft.event_actors.get(i, []) if a in listed]
        ids = list(dict.fromkeys(ids))
        if ids:
            lines.append(
                f"    actors: [{', '.join(_q(a) for a in ids)}]  # SUGGESTED: in the same sentence"
            )
        else:
            lines.append("    actors: []  # ids from this annotation's actors")
        lines.append(
            "    # themes: []  # optional: the article's themes this event is about (else all)"
        )
        lines.append('    description: ""  # TODO: one sentence in Arabic')
    return lines


MAX_SAME_DAY = 5


def _same_day_lines(events: list[ExistingEvent]) -> list[str]:
    """Event ids already used on this date (each once, with its first article), at most five."""
    by_id: dict[str, list[str]] = {}
    for e in events:
        by_id.setdefault(e.id, []).append(e.article)
    lines = []
    for event_id, articles in sorted(by_id.items())[:MAX_SAME_DAY]:
        more = f" and {len(articles) - 1} more" if len(articles) > 1 else ""
        lines.append(
            f'    # the same date in the corpus: "{event_id}" ({articles[0]}{more}); '
            "same event? reuse its id"
        )
    if len(by_id) > MAX_SAME_DAY:
        lines.append(f"    # … and {len(by_id) - MAX_SAME_DAY} more event ids on this date")
    return lines


def existing_events(annotations: Iterable[tuple[str, Any]]) -> list[ExistingEvent]:
    """Event ids and dates from loaded annotations (stem, data), tolerant of broken files."""
    found = []
    for stem, data in annotations:
        events = data.get("events") if isinstance(data, dict) else None
        for e in events if isinstance(events, list) else []:
            if (
                isinstance(e, dict)
                and isinstance(e.get("id"), str)
                and isinstance(e.get("date"), str)
            ):
                found.append(ExistingEvent(e["id"], e["date"], stem))
    return found
