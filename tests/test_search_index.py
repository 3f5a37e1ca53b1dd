"""The search analyzer and index without a browser: which typed words match which text words, the
actor aliases, and the files (deterministic, nothing but the index under search/)."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest

from generator import paths, pipeline
from generator.derive import derive_site
from generator.edtf import arabic_label, parse_edtf
from generator.incremental import Session
from generator.load import load_corpus
from generator.options import BuildOptions
from generator.pipeline import Build
from generator.search import build_search
from generator.search.analyze import alias_key, index_keys, query_keys
from generator.search.documents import search_documents
from generator.search.periods import month_names, year_counts
from generator.validate import validate

from .synthetic import write_corpus


def matches(typed: str, text_word: str) -> bool:
    return bool(set(query_keys(typed)) & index_keys(text_word))


@pytest.mark.parametrize(
    "typed, text_word",
    [
        ("اسرائيل", "إسرائيل"),
        ("اسرائيل", "وإسرائيل"),
        ("اسرائيل", "لإسرائيل"),  # hamza, clitics
        ("الاعرجي", "الأعرجي"),
        ("الأعرجي", "للأعرجي"),
        ("الأعرجى", "الأعرجي"),  # ى/ي
        ("الأولى", "الأولي"),
        ("مسيره", "مسيّرة"),
        ("مُسَيَّرَات", "بالمسيرات"),
        ("النـــووي", "النووي"),
        ("١٩٧٩", "1979"),
        ("حدود", "الحدود"),
        ("حدود", "للحدود"),
        ("حدود", "والحدود"),
        ("حدود", "لحدودها"),
        ("مسؤول", "المسئولين"),
        ("مسؤول", "مسؤولون"),
        ("مسيرة", "المسيرات"),
        ("قوة", "القوات"),
        ("عسكري", "العسكرية"),
        ("عسكري", "عسكرياً"),
        ("اتفاق", "اتفاقًا"),
        ("اتفاق", "اتفاقات"),
        ("أمن", "أمنه"),
        ("حق", "الحق"),
        ("الحق", "والحق"),
        ("التزام", "والالتزام"),
        ("Kataib", "Kata'ib"),
    ],
)
def test_typed_word_finds_its_forms(typed: str, text_word: str) -> None:
    assert matches(typed, text_word)


@pytest.mark.parametrize(
    "typed, text_word",
    [
        ("الله", "اللهيان"),  # no prefix matching
        ("لاريجان", "لاريجاني"),
        ("زار", "وزارة"),  # و + زار + ة is not a reading of وزارة
        ("منطق", "المنطقة"),  # ة is dropped only after ي
        ("أدى", "البادية"),  # no ة-dropping after a stripped clitic letter
        ("الأعلى", "فاعلية"),
        ("مهم", "مهما"),  # an unmarked final alif is not tanween
        ("روسي", "روسيا"),
        ("العراق", "العراقي"),  # nisba adjectives are their own words (actor aliases join them)
        ("إسرائيل", "إسرائيلي"),
        ("ترمب", "ترامب"),  # spelling variants of names come from registry aliases, not from rules
    ],
)
def test_typed_word_does_not_find_other_words(typed: str, text_word: str) -> None:
    assert not matches(typed, text_word)


def test_alias_keys_ignore_spelling_and_latin_article() -> None:
    assert alias_key("al-Sudani") == alias_key("Sudani") == "sudani"
    assert alias_key("Kata'ib Hizballah") == "kataib hizballah"
    assert alias_key("الأعرجي") == alias_key("الاعرجي")


@pytest.fixture(scope="module")
def site():
    return derive_site(validate(load_corpus(Path(__file__).parent / "cases" / "corpus")))


def test_articles_carry_the_actors_they_name(site) -> None:
    docs = {d.url: d for d in search_documents(site)}
    assert "@abbas-araghchi" in docs["articles/a1/"].entities
    assert docs["actors/qasim-al-araji/"].entities == ("@qasim-al-araji",)


def test_index_files_are_deterministic_and_complete(site) -> None:
    one, two = build_search(site), build_search(site)
    assert [(f.path, f.content) for f in one] == [(f.path, f.content) for f in two]
    paths = {f.path for f in one}
    assert "search/meta.gz" in paths and all(p.startswith("search/") for p in paths)
    meta = json.loads(gzip.decompress(next(f.content for f in one if f.path == "search/meta.gz")))
    assert meta["aliases"]["araji"] == [
        meta["entities"].index(next(e for e in meta["entities"] if e["id"] == "@qasim-al-araji"))
    ]
    fragments = [p for p in paths if p.startswith("search/f/")]
    # One fragment file per page, and the events' fragments grouped (the seeds have one event).
    assert meta["count"] == len(fragments) == len(search_documents(site))
    assert "search/f/e0.gz" in paths and meta["events"]["group"] == 32
    assert len(meta["docs"]["len"]) == meta["events"]["first"]  # nothing per event in meta
    assert meta["size"] == meta["events"]["first"] + 1
    # Each kind from a round number (document_numbers): the articles from 0, actors and themes
    # from 16, the event after them; the numbers between are holes of length 0, no fragment.
    kinds, articles = meta["docs"]["kind"], len(site.corpus.articles)
    assert kinds[:articles] == [0] * articles and kinds[16] == 1
    assert meta["docs"]["len"][articles:16] == [0] * (16 - articles)
    assert {f"search/f/{n}.gz" for n in (*range(articles), 16)} <= paths
    assert f"search/f/{articles}.gz" not in paths and meta["events"]["first"] % 16 == 0


def test_events_are_documents_that_open_their_timeline_permalink(site) -> None:
    docs = search_documents(site)
    events = [d for d in docs if d.kind == "event"]
    assert [d.kind for d in docs[-len(events) :]] == ["event"] * len(events)  # numbered last
    (event,) = events
    entry = site.events["2024-11-10-araji-araghchi"]
    anchor = paths.event_anchor(entry.id)
    assert event.url == f"{paths.page_url(site.event_page(entry.id))}#{anchor}"
    assert event.title == entry.reports[0].description  # the lead report: the most precise
    assert event.subtitle == f"{arabic_label(entry.date)} · طهران"  # the honest date, the place
    assert "طهران" in event.fields and arabic_label(entry.date) in event.fields
    # Its actors, and the bodies they acted for on the day, find it as they find articles.
    assert {"@qasim-al-araji", "@abbas-araghchi"} <= set(event.entities)
    assert set(event.entities) >= {f"@{a}" for a in entry.participants}
    assert (event.day, event.last_day) == (date(2024, 11, 10).toordinal(),) * 2


def test_year_tokens_carry_the_days_a_date_covers() -> None:
    # 1 + within + 2 * first day + 732 * (last - first), days of the year counted from 0
    assert year_counts(date(2024, 11, 10), date(2024, 11, 10)) == [("%2024", 1 + 1 + 2 * 314)]
    november = parse_edtf("2024-11")
    assert year_counts(november.lower, november.upper) == [("%2024", 2 + 2 * 305 + 732 * 29)]
    # A range over two years: in part in each, from its first day and to its last.
    span = parse_edtf("2023-12-30/2024-01-02")
    assert year_counts(span.lower, span.upper) == [
        ("%2023", 1 + 2 * 363 + 732 * 1),
        ("%2024", 1 + 2 * 0 + 732 * 1),
    ]
    whole = parse_edtf("2024")  # a leap year: its last day is day 365
    assert year_counts(whole.lower, whole.upper) == [("%2024", 2 + 732 * 365)]


def test_month_names_cover_both_traditions() -> None:
    names = month_names()
    assert names[alias_key("نوفمبر")] == names[alias_key("تشرين الثاني")] == 11
    assert names[alias_key("كانون الثاني")] == names[alias_key("كانون ثاني")] == 1
    assert names[alias_key("آب")] == names[alias_key("أغسطس")] == 8
    assert names[alias_key("يونيه")] == names[alias_key("حزيران")] == 6
    assert names["november"] == 11 and len(set(names.values())) == 12


def test_meta_gives_each_event_the_days_of_its_date(site) -> None:
    """Events are numbered by id; meta.gz gives each one's first day (days since 1970, as
    differences) and how many days more its date runs, for the browser's years and recency."""
    files = build_search(site)
    meta = json.loads(gzip.decompress(next(f.content for f in files if f.path == "search/meta.gz")))
    first = meta["size"] - 1
    day = date(2024, 11, 10).toordinal() - date(1970, 1, 1).toordinal()
    assert meta["events"] == {"first": first, "group": 32, "day": [day], "span": [0]}
    assert meta["months"][alias_key("تشرين الثاني")] == 11
    assert meta["monthLabels"][10] == "تشرين الثاني/نوفمبر" and meta["dateDigits"] == "latin"


def test_an_event_of_a_split_timeline_opens_the_page_that_holds_it() -> None:
    seeds = Path(__file__).parents[1] / "seeds"
    site = derive_site(validate(load_corpus(seeds)), page_items=12)
    urls = {d.url for d in search_documents(site) if d.kind == "event"}
    anchor = paths.event_anchor("2024-11-10-araji-araghchi-tehran")
    page = site.event_page("2024-11-10-araji-araghchi-tehran")
    assert page != paths.TIMELINE and f"{paths.page_url(page)}#{anchor}" in urls
    assert len(urls) == len(site.timeline)


def test_an_article_fragment_leaves_its_text_to_the_page(site) -> None:
    """An article's result fragment holds its summary only (the script cuts the snippet from the
    page's paragraphs): the index does not carry every text twice. Its text is still indexed."""
    files = {f.path: f.content for f in build_search(site)}
    docs = search_documents(site)
    n = next(i for i, d in enumerate(docs) if d.url == "articles/a1/")
    fragment = json.loads(gzip.decompress(files[f"search/f/{n}.gz"]))
    article = site.corpus.articles["a1"]
    assert fragment["k"] == "article" and fragment["p"] == [article.summary]
    assert all(p in docs[n].fields for p in site.paragraphs["a1"])


def _meta(files) -> dict:  # noqa: ANN001
    return json.loads(gzip.decompress(next(f.content for f in files if f.path == "search/meta.gz")))


def _newest_docs(meta: dict) -> list[int]:
    """The article documents newest first, from meta.gz's days as the browser sorts them."""
    last, day = [], 0
    for delta in meta["docs"]["day"]:
        day += delta
        last.append(day)
    first = [d - meta["docs"]["span"].get(str(n), 0) for n, d in enumerate(last)]
    return sorted(range(len(last)), key=lambda n: (-last[n], -first[n], n))


def test_articles_are_numbered_by_id_and_meta_gives_them_newest_first(tmp_path: Path) -> None:
    seeds = write_corpus(tmp_path / "seeds", 12)
    site = derive_site(validate(load_corpus(seeds)))
    docs = search_documents(site)
    articles = [d.url for d in docs if d.kind == "article"]
    assert articles == [paths.page_url(paths.article(a)) for a in sorted(site.corpus.articles)]
    assert [d.kind for d in docs[:len(articles)]] == ["article"] * len(articles)
    newest = [articles[n] for n in _newest_docs(_meta(build_search(site)))]
    assert newest == [paths.page_url(paths.article(a)) for a in site.articles_newest]
    assert newest != articles  # the synthetic ids do not follow the dates: the test can fail


def test_meta_gives_each_article_the_days_of_its_date(site) -> None:
    """The browser takes an article's year from the first day its date may be (a2: «2024-11»,
    from 1 to 30 November) and sorts by the last day, then the first."""
    meta = _meta(build_search(site))
    docs = [d for d in search_documents(site) if d.kind == "article"]
    assert [d.url for d in docs] == ["articles/a1/", "articles/a2/"]
    assert meta["docs"]["span"] == {"1": 29}
    epoch = date(1970, 1, 1).toordinal()
    assert meta["docs"]["day"] == [date(2024, 11, 10).toordinal() - epoch, 30 - 10]
    assert _newest_docs(meta) == [1, 0] and list(site.articles_newest) == ["a2", "a1"]


def _served(tmp_path: Path) -> tuple[Path, BuildOptions, Session, Build]:
    """24 synthetic articles built once with a Session, as `mkdocs serve` does."""
    seeds = write_corpus(tmp_path / "seeds", 24)
    options = BuildOptions(seeds_dir=seeds)
    session = Session(options)
    session.files.RACY_NS = 0  # the files were just written; each is saved once below
    return seeds, options, session, pipeline.build(options, reuse=session)


def test_a_date_edit_splices_only_the_edited_document(tmp_path: Path) -> None:
    """A `published:` edit moves the article in date order but renumbers no document: under
    `mkdocs serve` only its own postings (its date's words and year token) are spliced, and the
    index has the bytes of a full build."""
    seeds, options, session, first = _served(tmp_path)
    path = seeds / "annotations" / "00005_synthetic.yml"
    text = path.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("published:"))
    path.write_text(text.replace(old, 'published: "2019-06-01"'), encoding="utf-8")
    edited = pipeline.build(BuildOptions(seeds_dir=Path(str(seeds))), reuse=session)
    assert session.search.analysed == 1  # the edited article's search document, no other
    assert session.search.spliced == 1  # its postings replaced in place, no other document's
    full = pipeline.build(options)
    assert [(f.path, f.content) for f in edited.files if f.path.startswith("search/")] == [
        (f.path, f.content) for f in full.files if f.path.startswith("search/")]
    before, after = _newest_docs(_meta(first.files)), _newest_docs(_meta(edited.files))
    assert before != after and after[-1] == 5  # now the oldest, still document 5


def _newest_events(meta: dict) -> list[int]:
    """The event documents (their places after `events.first`) newest first, from meta.gz's days
    as the browser sorts them: latest first day, then latest last day, then higher number."""
    first, day = [], 0
    for delta in meta["events"]["day"]:
        day += delta
        first.append(day)
    last = [d + span for d, span in zip(first, meta["events"]["span"])]
    return sorted(range(len(first)), key=lambda n: (-first[n], -last[n], -n))


def test_events_are_numbered_by_id_and_meta_gives_them_newest_first(tmp_path: Path) -> None:
    """The order the events were numbered in before (newest first by first day, last day, then
    id; the browser's ranks), now from meta.gz's days; the numbers follow the ids."""
    seeds = write_corpus(tmp_path / "seeds", 24)
    site = derive_site(validate(load_corpus(seeds)))
    events = [d.url.split("#")[1] for d in search_documents(site) if d.kind == "event"]
    assert events == sorted(paths.event_anchor(e.id) for e in site.timeline)
    order = sorted(site.timeline, key=lambda e: (e.date.lower, e.date.upper, e.id), reverse=True)
    newest = [events[n] for n in _newest_events(_meta(build_search(site)))]
    assert newest == [paths.event_anchor(e.id) for e in order]
    assert newest != events[::-1]  # the synthetic ids do not follow the dates: the test can fail


def test_an_event_date_edit_splices_only_that_event(tmp_path: Path) -> None:
    """An event's new date moves it past others in date order but renumbers no document (events
    are numbered by id, their days are in meta.gz): under `mkdocs serve` only its own postings
    (its date label's words, its year tokens) are spliced, only the shards of those keys are
    packed again, and the index has the bytes of a full build."""
    seeds, options, session, first = _served(tmp_path)
    path = seeds / "annotations" / "00005_synthetic.yml"
    text = path.read_text(encoding="utf-8")
    old = '    date: "2021-12-28"'
    assert text.count(old) == 1
    path.write_text(text.replace(old, '    date: "2019-03"'), encoding="utf-8")  # a month
    edited = pipeline.build(BuildOptions(seeds_dir=Path(str(seeds))), reuse=session)
    assert session.search.analysed == 1  # the edited event's search document, no other
    assert session.search.spliced == 1  # its postings replaced in place, no other document's
    assert 0 < session.search.shards_packed <= 16
    full = pipeline.build(options)
    assert [(f.path, f.content) for f in edited.files if f.path.startswith("search/")] == [
        (f.path, f.content) for f in full.files if f.path.startswith("search/")]
    before, after = _newest_events(_meta(first.files)), _newest_events(_meta(edited.files))
    assert before != after and sorted(before) == sorted(after)


def test_event_days_kept_between_builds_equal_event_days_made_again() -> None:
    """Under `mkdocs serve` the memo changes the last build's lists only where an event document
    is a new object (neighbours, the first and the last included); the lists equal a full
    build's."""
    from generator.search.documents import SearchDoc
    from generator.search.index import event_days
    from generator.search.memo import SearchMemo

    def event(n: int, first: int, span: int) -> SearchDoc:
        return SearchDoc(f"timeline/#e{n}", "event", f"e{n}", "", (), (),
                         day=first, last_day=first + span)

    memo = SearchMemo()
    docs = [event(n, 738000 + 3 * n, n % 3) for n in range(12)]
    assert memo.event_days(docs) == event_days(docs)
    for changed in ({0}, {4, 5}, {3, 5, 6}, {11}, {0, 1, 10, 11}, set(range(12))):
        docs = [event(n, d.day - 40 * n + 7, 31) if n in changed else d
                for n, d in enumerate(docs)]
        assert memo.event_days(docs) == event_days(docs), changed
    assert memo.event_days(docs[:5]) == event_days(docs[:5])  # fewer: made again
