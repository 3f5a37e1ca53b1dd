"""A corpus at the seeds' own density, for the benchmark (tests/bench/corpus.py makes the lighter
synthetic one). Deterministic: the same N and seed write the same bytes.

What the five seed annotations hold is read from seeds/ when the corpus is written, so the corpus
follows them if they change:

- per article, the counts of actors, events, quotes, claims and themes and the length of the text
  are one seed article's (drawn at random), each scaled by 0.8-1.2: about 28 actors, 12 events,
  6 quotes, 8 claims, 5 KB of text and 16 KB of YAML per article;
- the free texts (roles, event descriptions, claims, summaries, notes) are the seeds' own, so
  their lengths are too; quotes are spans of the article's text, as long as the seeds' quotes;
- about one event in six is also reported by 1-3 later articles, as in the synthetic corpus;
- hub events: 1 % of the events are background events (a war, an agreement, older than the
  corpus) that articles keep citing, as the seeds cite "2023-10-07-gaza-war-outbreak". The busiest
  is cited by 5 % of all articles, the k-th busiest by 5 %/k: a share of the corpus, so their
  reports grow with it (500 of 10,000 articles cite the first);
- the registry (N/10 actors, at least 100) and the 50 themes are the synthetic corpus's.

    python -m tests.bench.seed_corpus 1000 bench-out/corpus-seeds-1000
"""

from __future__ import annotations

import random
import shutil
import sys
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import yaml

from .corpus import (
    DAYS, MAX_REPORTS, OUTLETS, PLACES, SEED, SEEDS, SHARED_SHARE, START, VERBS, Zipf, _actors,
    _edtf, q, seed_sentences, write_actors, write_themes,
)

HUB_SHARE = 0.01  # of the events: background events many articles cite
HUB_TOP = 0.05  # of the articles cite the busiest hub; the k-th busiest HUB_TOP / k
MIN_ACTORS = 100


@dataclass
class Profile:
    """What the seed annotations hold: counts per article, and their free texts to draw from."""

    counts: list[dict[str, int]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    quote_lengths: list[int] = field(default_factory=list)
    summaries: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    place_share: float = 0.5
    event_themes: list[int] = field(default_factory=list)
    claim_about: list[int] = field(default_factory=list)


def read_profile(seeds: Path = SEEDS) -> Profile:
    """The seeds' counts and texts (seeds/annotations, seeds/articles)."""
    p = Profile()
    events = placed = 0
    for path in sorted((seeds / "annotations").glob("*.yml")):
        a = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        text = (seeds / "articles" / f"{path.stem}.txt").read_text(encoding="utf-8")
        p.counts.append({
            "actors": len(a["actors"]), "events": len(a.get("events") or ()),
            "quotes": len(a.get("quotes") or ()), "claims": len(a.get("claims") or ()),
            "themes": len(a["themes"]), "chars": len(text),
        })
        p.roles += [m["role"] for m in a["actors"]]
        for e in a.get("events") or ():
            events += 1
            placed += bool(e.get("place"))
            p.descriptions.append(e["description"])
            p.places += [e["place"]] if e.get("place") else []
            p.event_themes.append(len(e.get("themes") or ()))
        p.claims += [c["text"] for c in a.get("claims") or ()]
        p.claim_about += [len(c.get("about") or ()) for c in a.get("claims") or ()]
        p.quote_lengths += [len(x["text"]) for x in a.get("quotes") or ()]
        p.summaries.append(a["summary"])
        p.notes += [a["published_note"]] if a.get("published_note") else []
    p.place_share = placed / max(1, events)
    return p


def _span(sentence: str, chars: int) -> str:
    """The first words of a sentence, about `chars` long (a quote is a span of the text)."""
    out: list[str] = []
    for word in sentence.split():
        if out and len(" ".join(out)) >= chars:
            break
        out.append(word)
    return " ".join(out).rstrip(".،")


def _hub_date(rng: random.Random) -> tuple[str, str]:
    """A background event, older than the corpus: a day, a month or a year."""
    day = START - timedelta(days=rng.randint(30, 3650))
    roll = rng.random()
    if roll < 0.5:
        return day.isoformat(), f"في {day.day}/{day.month}/{day.year}"
    if roll < 0.8:
        return day.isoformat()[:7], ""
    return str(day.year), f"منذ {day.year}"


def write_seed_corpus(target: Path, count: int, seeds: Path = SEEDS, seed: int = SEED) -> Path:
    """Write `count` articles at the seeds' density, actors.yml and themes.yml into target."""
    rng = random.Random(seed)
    profile = read_profile(seeds)
    sentences = seed_sentences(seeds)
    if target.exists():
        shutil.rmtree(target)
    (target / "articles").mkdir(parents=True)
    (target / "annotations").mkdir()
    actors = _actors(max(MIN_ACTORS, round(count / 10)), rng)
    write_actors(target / "actors.yml", actors, rng)
    themes = write_themes(target / "themes.yml", seeds)
    by_id = {a["id"]: a for a in actors}
    pick_actor = Zipf(len(actors), 1.0, rng)
    pick_theme = Zipf(len(themes), 0.8, rng)
    mean_events = sum(c["events"] for c in profile.counts) / len(profile.counts)
    hubs = []
    for i in range(max(3, round(HUB_SHARE * mean_events * count))):
        when, phrase = _hub_date(rng)
        place, place_en = rng.choice(PLACES)
        hubs.append({"id": f"background-{place_en}-{i}", "date": when, "date_text": phrase,
                     "actors": [actors[j]["id"] for j in pick_actor.sample(rng.randint(2, 4))],
                     "place": place, "description": rng.choice(profile.descriptions)})
    pick_hub = Zipf(len(hubs), 1.0, rng)
    # Hub citations per article so that the busiest hub has HUB_TOP of the articles.
    per_article = HUB_TOP * sum(1 / (k + 1) for k in range(len(hubs)))
    open_events: list[dict] = []
    serial = 0
    for n in range(count):
        c = rng.choice(profile.counts)

        def scaled(key: str, least: int = 0) -> int:
            return max(least, round(c[key] * rng.uniform(0.8, 1.2)))  # noqa: B023

        published = START + timedelta(days=n * DAYS // count + rng.randint(0, 2))
        stem = f"{n:05d}_{rng.getrandbits(64):016x}"
        chosen = sorted({themes[i] for i in pick_theme.sample(scaled("themes", 1))})
        wanted = scaled("events", 1)
        cited = int(per_article) + (rng.random() < per_article % 1)
        events = [{**hubs[i], "basis": "inferred"} for i in pick_hub.sample(min(cited, wanted))]
        while len(events) < wanted:
            shared = [e for e in open_events if e["reports"] < MAX_REPORTS
                      and all(e["id"] != x["id"] for x in events)]
            if shared and rng.random() < SHARED_SHARE * 1.5:
                event = rng.choice(shared)
                event["reports"] += 1
                when, phrase = _edtf(event["day"], rng)
                events.append({**event, "date": when, "date_text": phrase,
                               "description": rng.choice(profile.descriptions)})
                continue
            serial += 1
            day = published - timedelta(days=rng.randint(0, 20))
            place, place_en = rng.choice(PLACES)
            when, phrase = _edtf(day, rng)
            event = {"id": f"{day.isoformat()}-{place_en}-{serial}", "day": day, "reports": 1,
                     "actors": [actors[i]["id"] for i in pick_actor.sample(rng.randint(2, 4))],
                     "place": place if rng.random() < profile.place_share else "",
                     "date": when, "date_text": phrase,
                     "description": rng.choice(profile.descriptions)}
            if rng.random() < SHARED_SHARE:
                open_events.append(event)
            events.append(event)
        open_events = open_events[-60:]  # later reports follow within days, not years
        named = list(dict.fromkeys([a for e in events for a in e["actors"]]))
        target_actors = scaled("actors", 3)
        for i in pick_actor.sample(target_actors + 10):
            if len(named) >= target_actors:
                break
            named = list(dict.fromkeys([*named, actors[i]["id"]]))

        title = " ".join(rng.choice(sentences).split()[:11]).rstrip(".،")
        body = [f"{rng.choice(VERBS)} {by_id[a]['ar']} إن {_span(rng.choice(sentences), 60)}."
                for a in named]
        quotes = []
        for _ in range(scaled("quotes")):
            speaker = rng.choice(named)
            said = _span(rng.choice(sentences), rng.choice(profile.quote_lengths))
            body.append(f"وقال {by_id[speaker]['ar']} في تصريح: «{said}».")
            quotes.append((speaker, said))
        chars, wanted_chars = sum(len(s) + 1 for s in body), scaled("chars")
        while chars < wanted_chars:
            sentence = rng.choice(sentences)
            body.append(sentence)
            chars += len(sentence) + 1
        rng.shuffle(body)
        paragraphs = [" ".join(body[i : i + 3]) for i in range(0, len(body), 3)]
        (target / "articles" / f"{stem}.txt").write_text(
            title + "\n\n" + "\n".join(paragraphs) + "\n", encoding="utf-8")

        outlet = rng.choice(OUTLETS)
        inferred = rng.random() < 0.1
        lines = [f"title: {q(title)}", f"outlet: {q(outlet)}",
                 f"url: {q(f'https://news.example/{n}') if rng.random() < 0.7 else q('')}",
                 'language: "ar"',
                 f"published: {q(published.isoformat() + ('?' if inferred else ''))}",
                 f"published_basis: {q('inferred' if inferred else 'printed')}"]
        if inferred:
            lines.append(f"published_note: {q(rng.choice(profile.notes))}")
        lines += [f"summary: {q(rng.choice(profile.summaries))}",
                  f"themes: [{', '.join(q(t) for t in chosen)}]", "actors:"]
        for actor_id in named:
            lines += [f"  - id: {q(actor_id)}", f"    role: {q(rng.choice(profile.roles))}",
                      f"    forms: [{q(by_id[actor_id]['ar'])}]"]
        lines.append("events:")
        for e in events:
            picked = sorted(rng.sample(chosen, min(len(chosen), rng.choice(profile.event_themes))))
            lines += [
                f"  - id: {q(e['id'])}",
                f"    date: {q(e['date'])}",
                f"    date_text: {q(e['date_text'])}",
                f"    date_basis: {q(e.get('basis') or rng.choice(('explicit', 'relative')))}",
                f"    actors: [{', '.join(q(a) for a in e['actors'])}]",
                f"    themes: [{', '.join(q(t) for t in picked)}]",
                *([f"    place: {q(e['place'])}"] if e["place"] else []),
                f"    description: {q(e['description'])}",
            ]
        if quotes:
            lines.append("quotes:")
            lines += [f"  - speaker: {q(s)}\n    text: {q(t)}" for s, t in quotes]
        claims = scaled("claims")
        if claims:
            lines.append("claims:")
            for _ in range(claims):
                claimant = rng.choice(named)
                others = [a for a in named if a != claimant]
                about = rng.sample(others, min(len(others), rng.choice(profile.claim_about)))
                lines.append(f"  - claimant: {q(claimant)}\n"
                             f"    text: {q(rng.choice(profile.claims))}\n"
                             f"    about: [{', '.join(q(a) for a in about)}]")
        annotation = target / "annotations" / f"{stem}.yml"
        annotation.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


if __name__ == "__main__":
    write_seed_corpus(Path(sys.argv[2]), int(sys.argv[1]))
