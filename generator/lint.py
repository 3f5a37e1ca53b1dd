"""`briefing lint`: warnings a reviewer wants on a valid corpus. None of them fails the build.

- a registry actor named in an article's text but not in its annotation;
- an event whose date phrase names a weekday the annotated date does not fall on;
- an event that names no themes in an article with several (it is filed under all of them);
- registry actors and themes no article uses;
- one name or alias shared by two actors (a mention cannot tell them apart), and aliases that are
  also common Arabic words (every "كان" would look like a mention).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from .arabic import normalize
from .load import RawCorpus, RawYaml
from .model import Article, Corpus
from .problems import Problem
from .suggest.actors import COMMON_WORDS, NameMatcher, group_mentions
from .suggest.dates import WEEKDAY_NAMES, weekday_in
from .validate import field_name


def _warn(raw: RawYaml, pointer: tuple, message: str, key: bool = False) -> Problem:
    positions = raw.doc.key_positions if key else raw.doc.positions
    line, col = positions.get(pointer) or raw.doc.where(pointer)
    return Problem(raw.shown, line, col, message, "warning")


def unannotated_actors(article: Article, raw: RawYaml, matcher: NameMatcher) -> Iterator[Problem]:
    listed = {a.id for a in article.actors} | (
        {article.outlet_actor} if article.outlet_actor else set()
    )
    for actor_id, mentions in group_mentions(matcher.find(article.text)).items():
        if actor_id in listed:
            continue
        first = mentions[0]
        yield _warn(
            raw,
            ("actors",),
            f'actors: "{actor_id}" is named in the text ("{first.form}", line {first.line} of '
            f"{article.id}.txt) but not annotated; "
            "add it, or ignore this if the text means something else",
            key=True,
        )


def weekday_mismatches(article: Article, raw: RawYaml) -> Iterator[Problem]:
    for i, event in enumerate(article.events):
        named = weekday_in(event.date_text)
        d = event.date
        if named is None or d.is_range or d.precision != "day":
            continue
        actual = d.lower.weekday()
        if actual != named:
            yield _warn(
                raw,
                ("events", i, "date"),
                f'events[{i}].date: "{d.text}" is a {WEEKDAY_NAMES[actual]}, but date_text '
                f'"{event.date_text}" says {WEEKDAY_NAMES[named]}; check the date',
            )


def events_without_themes(article: Article, raw: RawYaml) -> Iterator[Problem]:
    n = len(article.themes)
    if n < 2:
        return
    every = "both" if n == 2 else f"all {n}"
    for i, event in enumerate(article.events):
        if event.themes is None:
            yield _warn(
                raw,
                ("events", i, "id"),
                f"events[{i}]: no `themes`, so the event is listed under {every} of the article's "
                "themes; add `themes:` with the ones it is about",
            )


def unused_entries(corpus: Corpus, raw: RawCorpus) -> Iterator[Problem]:
    used_actors = {a.id for art in corpus.articles.values() for a in art.actors}
    used_actors |= {art.outlet_actor for art in corpus.articles.values() if art.outlet_actor}
    referenced = {
        r
        for a in corpus.actors.values()
        for r in (*a.affiliations, *(p.of for p in a.positions))
        if r
    }
    if raw.actors and raw.actors.doc:
        for i, actor_id in enumerate(corpus.actors):
            if actor_id not in used_actors:
                also = " (other actors refer to it)" if actor_id in referenced else ""
                yield _warn(
                    raw.actors,
                    ("actors", i, "id"),
                    f'actors[{i}]: "{actor_id}" is used by no article{also}; '
                    f"remove it, or annotate an article that names it",
                )
    used_themes = {t for art in corpus.articles.values() for t in art.themes}
    for theme_id in list(used_themes):  # a parent of a used theme is used
        parent = corpus.themes[theme_id].parent if theme_id in corpus.themes else None
        while parent and parent not in used_themes:
            used_themes.add(parent)
            parent = corpus.themes[parent].parent if parent in corpus.themes else None
    if raw.themes and raw.themes.doc:
        for i, theme_id in enumerate(corpus.themes):
            if theme_id not in used_themes:
                yield _warn(
                    raw.themes,
                    ("themes", i, "id"),
                    f'themes[{i}]: "{theme_id}" is used by no article; remove it, or use it',
                )


def alias_problems(raw: RawYaml | None) -> Iterator[Problem]:
    """Names and aliases shared by two actors, and aliases that are common words."""
    if raw is None or raw.doc is None:
        return
    owner: dict[str, tuple[str, tuple]] = {}
    for i, actor in enumerate(raw.doc.data["actors"]):
        names = [(("actors", i, "name", lang), actor["name"][lang]) for lang in ("ar", "en")]
        for lang in ("ar", "en"):
            names += [
                (("actors", i, "aliases", lang, j), alias)
                for j, alias in enumerate(actor.get("aliases", {}).get(lang, []))
            ]
        seen_here: set[str] = set()
        for pointer, name in names:
            key = normalize(name)
            if key in COMMON_WORDS:
                yield _warn(
                    raw,
                    pointer,
                    f'{field_name(pointer)}: "{name}" is also a common Arabic word, '
                    "so mentions of it are not counted; use a longer alias",
                )
            if key in seen_here:
                continue
            seen_here.add(key)
            if key in owner and owner[key][0] != actor["id"]:
                other, at = owner[key]
                line = raw.doc.where(at)[0]
                yield _warn(
                    raw,
                    pointer,
                    f'{field_name(pointer)}: "{name}" is also a name of "{other}" (line {line}); '
                    "a mention cannot tell the two apart: keep it for one actor only",
                )
            else:
                owner.setdefault(key, (actor["id"], pointer))


def lint(
    corpus: Corpus, raw: RawCorpus, progress: Callable[[int, int], None] | None = None
) -> list[Problem]:
    """Every warning for a validated corpus (raw gives the positions)."""
    matcher = NameMatcher.for_actors(corpus.actors.values())
    problems: list[Problem] = []
    articles = list(corpus.articles.values())
    for n, article in enumerate(articles, start=1):
        ann = raw.annotations[article.id]
        problems += unannotated_actors(article, ann, matcher)
        problems += weekday_mismatches(article, ann)
        problems += events_without_themes(article, ann)
        if progress:
            progress(n, len(articles))
    problems += unused_entries(corpus, raw)
    problems += alias_problems(raw.actors)
    return sorted(set(problems))
