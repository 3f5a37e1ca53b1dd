"""Derive: merged events, counts, first/last seen, co-occurrence, theme tree and every ordering."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.derive import derive_site, figures
from generator.edtf import parse_edtf
from generator.load import load_corpus
from generator.model import ACTOR_TYPES, Event, Site
from generator.validate import schema, validate
from generator.wording import counted

from .conftest import CASES
from .synthetic import write_corpus


def site_of(seeds: Path) -> Site:
    return derive_site(validate(load_corpus(seeds)))


@pytest.fixture(scope="module")
def small() -> Site:
    return site_of(CASES / "corpus")


def test_actor_facts(small: Site) -> None:
    araji = small.actors["qasim-al-araji"]
    assert araji.articles == ("a2", "a1")  # a2 ("2024-11") may be as late as 30 November
    assert araji.roles == ("الزائر", "مستشار الأمن القومي العراقي")
    assert (araji.first_seen.text, araji.last_seen.text) == ("2024-11", "2024-11")
    assert araji.events == ("2024-11-10-araji-araghchi",)
    assert araji.related == (("abbas-araghchi", 2),)
    assert [q.text for q in araji.quotes] == ["أمن العراق من أمن إيران"]
    assert [c.text for c in araji.claims_by] == ["أمن البلدين واحد."]
    assert araji.claims_about == ()
    assert [c.claimant for c in small.actors["abbas-araghchi"].claims_about] == ["qasim-al-araji"]
    # Affiliated (and holding a post in it) once, listed once.
    assert small.actors["iraq"].members == ("qasim-al-araji",)
    assert small.actors["iraq"].articles == () and small.actors["iraq"].first_seen is None


def test_merged_event_shows_what_sources_disagree_on(small: Site) -> None:
    (entry,) = small.timeline
    assert [r.article_id for r in entry.reports] == ["a1", "a2"]  # the day-precise report leads
    assert entry.date.text == "2024-11-10"
    assert entry.differences == ("date", "actors")  # a2 gives no place: not a disagreement
    assert entry.disputed_actors == ("abbas-araghchi",)
    assert entry.themes == ("border-security", "security-cooperation")  # with the parent theme
    assert small.events[entry.id] is entry


def test_theme_tree_and_inclusive_counts(small: Site) -> None:
    parent, child = small.themes["security-cooperation"], small.themes["border-security"]
    assert parent.children == ("border-security",) and child.parent == "security-cooperation"
    assert child.ancestors == ("security-cooperation",)
    assert parent.articles == ("a2", "a1")  # its own article and its sub-theme's
    assert child.articles == ("a1",)
    assert parent.events == child.events == ("2024-11-10-araji-araghchi",)
    assert parent.related == (("abbas-araghchi", 2), ("qasim-al-araji", 2))
    assert small.theme_roots == ("security-cooperation",)
    assert small.theme_order == ("security-cooperation", "border-security")


def test_orderings_end_on_ids(small: Site) -> None:
    assert small.actor_order == ("abbas-araghchi", "qasim-al-araji", "iraq")  # 2, 2 (by id), 0
    assert small.actors_by_type == (
        ("person", ("abbas-araghchi", "qasim-al-araji")), ("state", ("iraq",)),
    )
    assert small.articles_newest == ("a2", "a1")
    assert small.timeline_years == (2024,)
    # Iraq takes part through al-Araji's post (rollup.py): the filter offers it too.
    assert small.timeline_actors == (("abbas-araghchi", 1), ("iraq", 1), ("qasim-al-araji", 1))
    assert small.outlets == (("وكالة مثال", 1),)
    assert [d.text for d in small.span] == ["2024-11", "2024-11"]


def test_orderings_at_scale(tmp_path: Path) -> None:
    site = site_of(write_corpus(tmp_path / "seeds", 60))
    counts = [len(site.actors[i].articles) for i in site.actor_order]
    assert counts == sorted(counts, reverse=True)
    for kind, members in site.actors_by_type:
        assert [site.corpus.actors[i].type for i in members] == [kind] * len(members)
        assert list(members) == [i for i in site.actor_order if i in members]
    kinds = [k for k, _ in site.actors_by_type]
    assert kinds == [k for k in ACTOR_TYPES if k in kinds]
    keys = [(e.year, e.month or 0) for e in site.timeline]
    assert keys == sorted(keys)
    recent = [site.events[i].date.upper for i in site.recent_events]
    assert recent == sorted(recent, reverse=True)
    # Each event i is reported by article i (a day, "5 صواريخ") and i+1 (its month, "7 صواريخ").
    entry = site.events["event-00007"]
    assert [r.article_id for r in entry.reports] == ["00007_synthetic", "00008_synthetic"]
    assert entry.differences == ("date", "actors", "numbers")
    for term in site.actors.values():
        dates = [site.corpus.articles[a].published.upper for a in term.articles]
        assert dates == sorted(dates, reverse=True)


def test_timeline_keeps_each_month_together(tmp_path: Path) -> None:
    seeds = write_corpus(tmp_path / "seeds", 3)
    ann = seeds / "annotations" / "00001_synthetic.yml"
    extra = "".join(
        f'  - id: "{eid}"\n    date: "{date}"\n    date_text: "{date}"\n'
        f'    date_basis: "explicit"\n    actors: ["abbas-araghchi"]\n    description: "حدث."\n'
        for eid, date in [
            ("jan-month", "2022-01"), ("year-only", "2022"), ("jan-day", "2022-01-05")
        ]
    )
    text = ann.read_text(encoding="utf-8").replace("quotes:\n", extra + "quotes:\n")
    ann.write_text(text, encoding="utf-8")
    site = site_of(seeds)
    # By date bounds alone "2022" (1 Jan-31 Dec) would fall between "2022-01" and "2022-01-05",
    # splitting January in two; a year-only date comes first in its year instead.
    assert [e.id for e in site.timeline] == [
        "event-00000", "year-only", "jan-month", "jan-day", "event-00001", "event-00002",
    ]
    assert [(e.year, e.month) for e in site.timeline][1:4] == [(2022, None), (2022, 1), (2022, 1)]


def test_actor_types_follow_the_schema() -> None:
    actor = schema("actors")["properties"]["actors"]["items"]
    assert ACTOR_TYPES == tuple(actor["properties"]["type"]["enum"])


def test_figures_leave_out_dates() -> None:
    event = Event("e", parse_edtf("2024-11-10"), "الأحد 10 نوفمبر", "explicit", (), "",
                  "قتل ١٢ شخصاً و3 جنود في 10 نوفمبر 2024 بعد 1,500 غارة", "a")
    assert figures(event) == ("12", "3", "1,500")


@pytest.mark.parametrize(
    ("n", "noun", "case", "text"),
    [
        (1, "article", "subject", "مقال واحد"),
        (2, "article", "subject", "مقالان"),
        (2, "article", "object", "مقالين"),
        (3, "event", "subject", "3 أحداث"),
        (10, "actor", "subject", "10 فاعلين"),
        (11, "theme", "subject", "11 محوراً"),
        (99, "source", "subject", "99 مصدراً"),
        (100, "article", "subject", "100 مقال"),
        (103, "article", "subject", "103 مقالات"),
        (2, "outlet", "object", "وسيلتي إعلام"),
    ],
)
def test_counted_nouns_agree(n: int, noun: str, case: str, text: str) -> None:
    assert counted(n, noun, case) == text


def test_an_event_files_itself_under_its_own_themes(corpus_copy: Path) -> None:
    """Without `themes` an event has its article's; with it, only those (and their parents)."""
    a1 = corpus_copy / "annotations" / "a1.yml"
    a1.write_text(a1.read_text(encoding="utf-8").replace(
        '    actors: ["qasim-al-araji", "abbas-araghchi"]\n',
        '    actors: ["qasim-al-araji", "abbas-araghchi"]\n    themes: []\n'), encoding="utf-8")
    site = site_of(corpus_copy)
    (entry,) = site.timeline
    assert [r.themes for r in entry.reports] == [(), None]  # a1 files it nowhere, a2 says nothing
    assert entry.themes == ("security-cooperation",)  # a2's theme only
    assert site.themes["border-security"].articles == ("a1",)  # the article keeps its theme
    assert site.themes["border-security"].events == ()
    assert site.themes["security-cooperation"].events == (entry.id,)


def test_term_events_updated_from_the_last_build_equal_term_events_counted_again() -> None:
    """Under `mkdocs serve` the terms' events are updated for the timeline entries whose shape
    changed, came or went (derive._events_update); the result must be what counting every entry
    again gives, in timeline order, for any such change."""
    import random

    from generator.derive import _events_update

    def counted(shape: tuple) -> dict[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {}
        for s in shape:
            for term in s[1]:
                found.setdefault(term, []).append(s[0])
        return {k: tuple(v) for k, v in found.items()}

    rng = random.Random(5)
    terms = [f"t{n}" for n in range(12)]

    def entry(n: int) -> tuple:
        return (f"e{n}", frozenset(rng.sample(terms, rng.randrange(0, 4))))

    updated = 0
    for case in range(300):
        shape = [entry(n) for n in range(rng.randrange(1, 80))]
        new = list(shape)
        for _ in range(rng.randrange(0, 4)):
            kind, at = rng.randrange(4), rng.randrange(len(new))
            if kind == 0:  # an entry changed in place (new terms)
                new[at] = (new[at][0], entry(0)[1])
            elif kind == 1:  # moved elsewhere in the timeline
                moved = new.pop(at)
                new.insert(rng.randrange(len(new) + 1), (moved[0], moved[1] | {"t0"}))
            elif kind == 2 and len(new) > 1:  # went
                del new[at]
            else:  # came
                new.insert(at, entry(1000 + case * 10 + at))
        old = counted(tuple(shape))
        found = _events_update(tuple(shape), tuple(new), old, lambda s: s[1])
        if found is not None:
            updated += 1
            assert found == counted(tuple(new)), case
    assert updated > 200


def test_terms_lists_updated_from_the_last_build_equal_lists_walked_again() -> None:
    """Under `mkdocs serve` each term's articles and faces are the last build's with the edited,
    added, removed or redated articles taken out and put in again (derive._carried_again); the
    result must be what walking every article in the new date order gives, for any such edit
    (an article that names a term twice too, a term's first article or its last)."""
    import random
    from types import SimpleNamespace

    from generator.derive import _carried, _carried_again
    from generator.memo import Memo

    rng = random.Random(7)
    terms = [f"t{n}" for n in range(15)]

    def article(aid: str) -> SimpleNamespace:
        named = rng.sample(terms, rng.randrange(0, 5))
        if named and rng.random() < 0.1:
            named.append(named[0])  # named twice: in its list twice, as a walk puts it
        return SimpleNamespace(id=aid, terms=tuple(named))

    def carry(a: SimpleNamespace) -> tuple[str, ...]:
        return a.terms

    def face(a: SimpleNamespace) -> tuple:
        return ("face", a.id, a.terms)

    updated = 0
    for case in range(300):
        newest = [f"a{n}" for n in range(rng.randrange(1, 60))]
        articles = {aid: article(aid) for aid in newest}
        memo = Memo()
        _carried("actor", SimpleNamespace(articles=articles), tuple(newest), carry, face, memo)
        memo.done()
        edited, order = dict(articles), list(newest)
        for _ in range(rng.randrange(1, 4)):
            kind, aid = rng.randrange(4), rng.choice(order)
            if kind == 0:  # its terms edited
                edited[aid] = article(aid)
            elif kind == 1:  # redated: another place in the order (a new Article)
                order.remove(aid)
                order.insert(rng.randrange(len(order) + 1), aid)
                edited[aid] = SimpleNamespace(id=aid, terms=edited[aid].terms)
            elif kind == 2 and len(order) > 1:  # removed
                order.remove(aid)
                del edited[aid]
            else:  # added
                new = f"b{case}-{len(order)}"
                order.insert(rng.randrange(len(order) + 1), new)
                edited[new] = article(new)
        memo.start()
        corpus = SimpleNamespace(articles=edited)
        found = _carried("actor", corpus, tuple(order), carry, face, memo)
        walked = _carried("actor", corpus, tuple(order), carry, face, Memo())
        assert found == walked, case
        memo.done()
        before = memo.kept(("carried", "actor"))  # what the next build starts from
        assert before is not None and before[1][1] is found[0]
        last = _carried("actor", SimpleNamespace(articles=articles), tuple(newest), carry, face,
                        Memo())
        if _carried_again((articles, *last), edited, order, carry, face) is not None:
            updated += 1
    assert updated > 150


def test_timeline_again_equals_a_sort_after_entries_made_again() -> None:
    """derive._timeline_again: the last order with the entries made again taken out and put
    in at their places equals sorting them all again; events that came or went sort again."""
    import random
    from datetime import date
    from types import SimpleNamespace

    from generator.derive import _pair_key, _timeline_again

    rng = random.Random(3)

    def entry(i: int) -> SimpleNamespace:
        day = date(2020 + rng.randint(0, 3), rng.randint(1, 12), rng.randint(1, 28))
        month = None if rng.random() < 0.1 else day.month
        date_ = SimpleNamespace(lower=day, upper=day if month else date(day.year, 12, 31))
        return SimpleNamespace(id=f"e{i:04d}", year=day.year, month=month, date=date_)

    for _ in range(40):
        old = [(entry(i), rng.randint(1, 9)) for i in range(rng.randint(1, 300))]
        ordered = sorted(old, key=_pair_key)
        new = list(old)
        for i in rng.sample(range(len(old)), min(len(old), rng.randint(1, 12))):
            new[i] = (entry(i), old[i][1]) if rng.random() < 0.7 else (old[i][0], 5)
        assert _timeline_again((tuple(old), ordered), new) == sorted(new, key=_pair_key)
    assert _timeline_again((tuple(old), ordered), new + [(entry(9999), 1)]) is None
    assert _timeline_again(None, new) is None
