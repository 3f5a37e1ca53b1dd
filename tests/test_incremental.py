"""The edit loop of `mkdocs serve` (generator/incremental.py): after any sequence of edits,
additions and deletions, an incremental build makes the same pages and files, byte for byte, as a
full build of the same input; a bad edit fails both the same way."""

from __future__ import annotations

import os
import random
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator import paginate, paths, pipeline
from generator.incremental import Session
from generator.load import FileCache, load_corpus
from generator.options import BuildOptions
from generator.problems import ValidationFailed
from generator.validate import validate

from .synthetic import NAMES, THEMES, write_corpus

ROLES = ["مصدر الخبر", "ندد بالهجوم", "دور في المقال", "طالب بانسحاب القوات"]
DATES = ["2021", "2022-03", "2023-07-14", "2024-11-02", "2025-01-30", "2021-05~", "2023-12"]


class Editor:
    """Random edits to a seeds folder, as an analyst makes them: each save gets a newer mtime."""

    def __init__(self, seeds: Path, rng: random.Random) -> None:
        self.seeds, self.rng = seeds, rng
        self.clock = 1_700_000_000 * 10**9  # in the past: the file cache trusts what it read
        self.added = 0
        self.broken: tuple[Path, str] | None = None

    def write(self, path: Path, text: str) -> None:
        path.write_text(text, encoding="utf-8")
        self.clock += 10**9
        os.utime(path, ns=(self.clock, self.clock))

    def stems(self) -> list[str]:
        return sorted(p.stem for p in (self.seeds / "annotations").glob("*.yml"))

    def annotation(self, stem: str) -> tuple[Path, dict]:
        path = self.seeds / "annotations" / f"{stem}.yml"
        return path, yaml.safe_load(path.read_text(encoding="utf-8"))

    def save(self, path: Path, data: dict) -> None:
        self.write(path, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))

    def edit(self) -> str:
        if self.broken:  # a broken file is fixed by the next save
            path, text = self.broken
            self.write(path, text)
            self.broken = None
            return "fix"
        kind = self.rng.choice(["role", "published", "event_date", "add_actor", "remove_actor",
                                "add_event", "remove_event", "alias", "summary", "themes",
                                "add_article", "delete_article", "break", "name", "title",
                                "outlet", "description", "name_ar", "affiliation", "label",
                                "rename_id"])
        getattr(self, kind)()
        return kind

    def _pick(self) -> tuple[Path, dict]:
        return self.annotation(self.rng.choice(self.stems()))

    def role(self) -> None:
        path, data = self._pick()
        self.rng.choice(data["actors"])["role"] = self.rng.choice(ROLES)
        self.save(path, data)

    def published(self) -> None:
        path, data = self._pick()
        data["published"] = self.rng.choice(DATES)
        self.save(path, data)

    def event_date(self) -> None:
        path, data = self._pick()
        event = self.rng.choice(data["events"])
        event["date"] = event["date_text"] = self.rng.choice(DATES)
        self.save(path, data)

    def summary(self) -> None:
        path, data = self._pick()
        data["summary"] = f"ملخص معدل {self.rng.randrange(1000)}."
        self.save(path, data)

    # Fields that lists of articles, timeline cards and exports show, each read on its own by the
    # pages (incremental._FIELDS): an edit of one must render again every page that shows it.
    def title(self) -> None:
        path, data = self._pick()
        data["title"] = f"عنوان معدل {self.rng.randrange(1000)}"
        self.save(path, data)

    def outlet(self) -> None:
        path, data = self._pick()
        data["outlet"] = self.rng.choice(["رويترز", "الجزيرة", "وكالة معدلة"])
        self.save(path, data)

    def description(self) -> None:
        path, data = self._pick()
        self.rng.choice(data["events"])["description"] = f"وصف حدث معدل {self.rng.randrange(99)}."
        self.save(path, data)

    def themes(self) -> None:
        path, data = self._pick()
        data["themes"] = sorted(self.rng.sample([t for t, _, _ in THEMES], 2))
        self.save(path, data)

    def add_actor(self) -> None:
        path, data = self._pick()
        present = {a["id"] for a in data["actors"]}
        aid, _, ar, _ = self.rng.choice([n for n in NAMES if n[0] not in present] or NAMES)
        if aid in present:
            return
        text = self.seeds / "articles" / f"{path.stem}.txt"
        self.write(text, text.read_text(encoding="utf-8") + f"وذكر {ar} الأمر.\n")
        data["actors"].append({"id": aid, "role": self.rng.choice(ROLES), "forms": [ar]})
        if self.rng.random() < 0.5:
            self.rng.choice(data["events"])["actors"].append(aid)
        self.save(path, data)

    def remove_actor(self) -> None:  # may leave an event naming it: then both builds refuse it
        path, data = self._pick()
        named = {a for e in data["events"] for a in e["actors"]}
        named |= {q["speaker"] for q in data.get("quotes", [])}
        named |= {x for c in data.get("claims", []) for x in (c["claimant"], *c["about"])}
        unnamed = [i for i, a in enumerate(data["actors"]) if a["id"] not in named]
        if self.rng.random() < 0.9:  # mostly an edit that keeps the corpus valid
            if unnamed:
                data["actors"].pop(self.rng.choice(unnamed))
                self.save(path, data)
        elif len(data["actors"]) > 1:
            data["actors"].pop(self.rng.randrange(len(data["actors"])))
            self.save(path, data)

    def add_event(self) -> None:  # another article's event: a second report of it
        path, data = self._pick()
        _, other = self._pick()
        event = dict(self.rng.choice(other["events"]))
        if event["id"] in {e["id"] for e in data["events"]}:
            return
        event["actors"] = [data["actors"][0]["id"]]
        data["events"].append(event)
        self.save(path, data)

    def remove_event(self) -> None:
        path, data = self._pick()
        if len(data["events"]) > 1:
            data["events"].pop(self.rng.randrange(len(data["events"])))
            self.save(path, data)

    def alias(self) -> None:  # a registry edit: every page that names the actor changes
        path = self.seeds / "actors.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        actor = self.rng.choice(data["actors"])
        actor["aliases"] = {"en": [f"Alias {self.rng.randrange(100)}"]}
        actor["description"]["ar"] = f"وصف معدل {self.rng.randrange(100)}."
        self.save(path, data)

    def name(self) -> None:  # the name shown on every page that links the actor
        path = self.seeds / "actors.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        actor = self.rng.choice(data["actors"])
        actor["name"]["en"] = f"Name {self.rng.randrange(100)}"
        self.save(path, data)

    def name_ar(self) -> None:  # the name every page that links the actor shows
        path = self.seeds / "actors.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        actor = self.rng.choice(data["actors"])
        actor["name"]["ar"] = f"اسم {self.rng.randrange(100)}"
        self.save(path, data)

    def affiliation(self) -> None:  # whom the actor's acts count for (rollup.py)
        path = self.seeds / "actors.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        actor, body = self.rng.sample(data["actors"], 2)
        actor["affiliations"] = [body["id"]]
        self.save(path, data)

    def label(self) -> None:  # a theme's label
        path = self.seeds / "themes.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        theme = self.rng.choice(data["themes"])
        theme["label"][self.rng.choice(["ar", "en"])] = f"محور {self.rng.randrange(100)}"
        self.save(path, data)

    def rename_id(self) -> None:  # articles naming the old id are now wrong; fixed by the next save
        path = self.seeds / "actors.yml"
        self.broken = (path, path.read_text(encoding="utf-8"))
        data = yaml.safe_load(self.broken[1])
        self.rng.choice(data["actors"])["id"] = "renamed-actor"
        self.save(path, data)

    def add_article(self) -> None:
        stem = self.rng.choice(self.stems())
        self.added += 1
        new = f"{90000 + self.added}_added"
        text = (self.seeds / "articles" / f"{stem}.txt").read_text(encoding="utf-8")
        self.write(self.seeds / "articles" / f"{new}.txt", text)
        path, data = self.annotation(stem)
        data["title"] = f"مقال مضاف {self.added}"
        data["published"] = self.rng.choice(DATES)
        self.save(self.seeds / "annotations" / f"{new}.yml", data)

    def delete_article(self) -> None:
        stems = self.stems()
        if len(stems) > 3:
            stem = self.rng.choice(stems)
            (self.seeds / "articles" / f"{stem}.txt").unlink()
            (self.seeds / "annotations" / f"{stem}.yml").unlink()

    def break_(self) -> None:
        path, _ = self._pick()
        self.broken = (path, path.read_text(encoding="utf-8"))
        self.write(path, "title: [unclosed\n")


setattr(Editor, "break", Editor.break_)


def outcome(build) -> object:  # noqa: ANN001
    """What a build made, as comparable values; or the problems that stopped it."""
    try:
        b = build()
    except ValidationFailed as failure:
        return ("failed", failure.report())
    return ([(p.src_uri, p.content, p.toc, p.in_nav, p.edit_path, p.updated) for p in b.pages],
            [(f.path, f.content) for f in b.files])


@pytest.mark.parametrize("seed", range(8))
def test_incremental_builds_equal_full_builds_after_random_edits(tmp_path: Path, seed: int) -> None:
    seeds = write_corpus(tmp_path / "seeds", 24)
    editor = Editor(seeds, random.Random(seed))
    for path in seeds.rglob("*"):  # written long ago: the cache may trust them
        os.utime(path, ns=(editor.clock, editor.clock))
    # 10 items a page: the timeline, the article index and busy terms are split into parts.
    options = BuildOptions(seeds_dir=seeds, page_items=10)
    session = Session(options)
    session.files.RACY_NS = 0  # every save above has its own mtime
    assert outcome(lambda: pipeline.build(options, reuse=session)) == outcome(
        lambda: pipeline.build(options))
    kinds, built = [], 0
    for _ in range(12):
        kinds.append(editor.edit())
        incremental = outcome(lambda: pipeline.build(options, reuse=session))
        full = outcome(lambda: pipeline.build(options))
        assert incremental == full, f"after edits {kinds}"
        built += incremental[0] != "failed"
    # The last build that went through did not render everything again (an edit may leave the
    # corpus invalid for the rest of a sequence: an event naming an actor its article dropped).
    assert session.reused > 0 or not built


def test_an_edit_renders_again_only_the_pages_it_changes(tmp_path: Path) -> None:
    seeds = write_corpus(tmp_path / "seeds", 24)
    options = BuildOptions(seeds_dir=seeds)
    session = Session(options)
    session.files.RACY_NS = 0  # the files were just written; each is saved once below
    first = pipeline.build(options, reuse=session)
    assert session.rendered == len(first.pages) and session.reused == 0
    again = pipeline.build(options, reuse=session)
    assert session.rendered == 0 and [p.content for p in again.pages] == [
        p.content for p in first.pages]
    assert session.search.analysed == session.articles.checked == session.exports.compressed == 0
    path = seeds / "annotations" / "00005_synthetic.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("ملخص المقال 5.", "ملخص جديد."),
                    encoding="utf-8")
    # MkDocs reads its config again before each rebuild: equal options, not the same objects.
    edited = pipeline.build(BuildOptions(seeds_dir=Path(str(seeds))), reuse=session)
    changed = {p.src_uri for p, q in zip(edited.pages, first.pages) if p.content != q.content}
    assert "articles/00005_synthetic.md" in changed
    assert 0 < session.rendered < len(first.pages) / 2
    assert session.search.analysed == 1  # the edited article's search document, no other
    assert session.search.spliced == 1  # its postings replaced in place
    assert session.articles.checked == 1  # validated again: the edited article alone
    assert session.exports.compressed == 2  # the block of articles.csv and of briefing.json
    # Derived again: the article's events, its actors' roles, quotes and claims (what is made of
    # its Article) and its feeds; the terms' lists, dates and pages (made of what lists read of
    # it: derive's `face`), the timeline, parts, network and related articles are kept (a
    # summary is not read there).
    article = validate(load_corpus(seeds)).articles["00005_synthetic"]
    events = {e.id for e in article.events}
    remade = session.memo.remade
    assert sorted(n[0] for n in remade if n[0] not in ("feed", "feed articles")) == sorted(
        ["entry"] * len(events) + ["actor"] * len(article.actors) + ["own"])
    assert {n[1] for n in remade if n[0] == "entry"} == events
    assert {n for n in remade if n[0] == "actor"} == {("actor", "own", m.id)
                                                      for m in article.actors}
    # Its feeds: their newest articles are kept (they are found by the articles' dates, which a
    # summary leaves), and a feed is written again only where the article is among them.
    feeds = {paths.MAIN_FEED} | {paths.actor_feed(m.id) for m in article.actors} | {
        paths.theme_feed(t) for t in article.themes}
    assert {n[1] for n in remade if n[0] == "feed articles"} == set()
    listing = {f.path for f in first.files
               if f.path in feeds and b"00005_synthetic" in f.content}
    assert {n[1] for n in remade if n[0] == "feed"} == listing and paths.MAIN_FEED in listing
    # Pages read an article field by field: the lists that name it (its actors' and theme's
    # pages) read its title, date and outlet, not its summary.
    assert paths.actor(article.actors[0].id) not in session.rendered_pages
    assert paths.theme(article.themes[0]) not in session.rendered_pages
    assert paths.article(article.id) in session.rendered_pages
    assert outcome(lambda: edited) == outcome(lambda: pipeline.build(options))


def test_file_cache_reads_only_changed_files_and_distrusts_fresh_ones(tmp_path: Path) -> None:
    seeds = write_corpus(tmp_path / "seeds", 5)
    old = 1_700_000_000 * 10**9
    for path in seeds.rglob("*"):
        os.utime(path, ns=(old, old))
    cache = FileCache()
    first = load_corpus(seeds, cache)
    assert cache.reads == 5 * 2 + 2
    second = load_corpus(seeds, cache)
    assert cache.reads == 0 and second.annotations["00001_synthetic"] is first.annotations[
        "00001_synthetic"]
    path = seeds / "annotations" / "00001_synthetic.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("ملخص المقال 1.", "ملخص آخر 1."), encoding="utf-8")
    assert load_corpus(seeds, cache).annotations["00001_synthetic"].doc.data["summary"] == (
        "ملخص آخر 1.")
    assert cache.reads == 1
    # Just saved: another save within the file system's clock tick could keep its stat, so a
    # file this fresh is read again by every load until it is older than FileCache.RACY_NS.
    assert str(path.resolve()) not in cache.files and str(path) not in cache.files
    load_corpus(seeds, cache)
    assert cache.reads == 1
    os.utime(path, ns=(old, old))
    load_corpus(seeds, cache)
    assert cache.reads == 1 and str(path) in cache.files
    load_corpus(seeds, cache)
    assert cache.reads == 0
    (seeds / "annotations" / "00002_synthetic.yml").unlink()
    (seeds / "articles" / "00002_synthetic.txt").unlink()
    raw = load_corpus(seeds, cache)
    assert "00002_synthetic" not in raw.annotations and len(cache.files) == 4 * 2 + 2


def test_dirty_serve_site_equals_a_clean_build_after_edits(corpus_copy: Path,
                                                           tmp_path: Path) -> None:
    """`mkdocs serve --dirty`, in process, as the server runs it: after edits, an added and a
    removed article, the site folder holds the same files with the same bytes as a clean build."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from .conftest import write_config

    served, clean = tmp_path / "served", tmp_path / "clean"
    config = load_config(str(write_config(corpus_copy, tmp_path)), site_dir=str(served),
                         strict=False)
    config.plugins.on_startup(command="serve", dirty=True)
    mkdocs_build(config, serve_url="http://127.0.0.1:8000/", dirty=False)
    a1 = corpus_copy / "annotations" / "a1.yml"
    a1.write_text(a1.read_text(encoding="utf-8").replace(
        "بحث الأعرجي وعراقجي أمن الحدود.", "ملخص جديد."), encoding="utf-8")
    mkdocs_build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
    shutil.copy(corpus_copy / "articles" / "a1.txt", corpus_copy / "articles" / "a9.txt")
    (corpus_copy / "annotations" / "a9.yml").write_text(
        a1.read_text(encoding="utf-8").replace("title: ", "title: نسخة ", 1), encoding="utf-8")
    (corpus_copy / "articles" / "a2.txt").unlink()
    (corpus_copy / "annotations" / "a2.yml").unlink()
    mkdocs_build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
    assert config.plugins["briefing"].session.reused > 0

    fresh = load_config(str(write_config(corpus_copy, tmp_path)), site_dir=str(clean),
                        strict=False)
    fresh.plugins.on_startup(command="serve", dirty=False)
    mkdocs_build(fresh, serve_url="http://127.0.0.1:8000/", dirty=False)

    def files(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
                if p.is_file()}

    got, expected = files(served), files(clean)
    assert sorted(got) == sorted(expected)
    assert [name for name in expected if got[name] != expected[name]] == []
    assert "articles/a2/index.html" not in got and "articles/a9/index.html" in got


def _served(tmp_path: Path, articles: int, **options: object
            ) -> tuple[Path, Editor, BuildOptions, Session]:
    """A synthetic corpus written long ago, built once with a Session, as `mkdocs serve` does."""
    seeds = write_corpus(tmp_path / "seeds", articles)
    editor = Editor(seeds, random.Random(0))
    for path in seeds.rglob("*"):
        os.utime(path, ns=(editor.clock, editor.clock))
    built = BuildOptions(seeds_dir=seeds, **options)  # type: ignore[arg-type]
    session = Session(built)
    session.files.RACY_NS = 0
    pipeline.build(built, reuse=session)
    return seeds, editor, built, session


def test_an_article_added_or_removed_last_splices_only_its_own_postings(tmp_path: Path) -> None:
    """Search numbers each kind of document from a round number (document_numbers), so an
    article added after the others (ids are numbered in the order articles come in), or removed
    again, moves no other document's number: the search stage analyses and splices its document
    alone (the events it reports again keep their postings: an event moved to another timeline
    page indexes the same words)."""
    seeds, editor, options, session = _served(tmp_path, 24)
    editor.add_article()  # 90001_added: after 00023_synthetic
    added = pipeline.build(options, reuse=session)
    assert session.search.analysed == 1 and session.search.spliced == 1
    assert outcome(lambda: added) == outcome(lambda: pipeline.build(options))
    (seeds / "articles" / "90001_added.txt").unlink()
    (seeds / "annotations" / "90001_added.yml").unlink()
    removed = pipeline.build(options, reuse=session)
    assert session.search.analysed == 0 and session.search.spliced == 1
    assert outcome(lambda: removed) == outcome(lambda: pipeline.build(options))


def test_an_arabic_name_edit_scans_again_only_the_texts_that_may_name_the_actor(
        tmp_path: Path) -> None:
    """A new Arabic name or alias changes the alias scanner; the new scanner carries the last
    one's actors for every text (article text, event description) but those that hold a word an
    alias that is new may start with, or, among those that named an actor that lost a name, a
    word one of its names starts with (search/memo.py _Scanner.carry): it scans those again.
    Every article's document is not made again."""
    seeds, editor, options, session = _served(tmp_path, 24)
    path = seeds / "actors.yml"
    scanner = session.search._scanner
    assert scanner is not None
    texts = dict(scanner.found)
    named = {t for t, found in texts.items() if "un" in found}
    assert len(texts) > 24 and 0 < len(named) < len(texts) / 4
    for name, aliases, words in (
        ("اسم جديد", [], ()),  # in no text: the texts that named it drop it unscanned
        ("كتائب", [], ("كتائب",)),  # now names the texts that hold the word
        ("الأمم المتحدة", [], ("الأمم", "المتحدة")),  # and back
        ("الأمم المتحدة", ["المتحدة الأمم"], ("المتحدة", "الأمم")),  # its words reversed
        # That alias lost: the texts that name the actor hold its words, not the alias (the
        # words in a row: _Scanner.carry's phrases), so none is scanned again.
        ("الأمم المتحدة", [], ()),
        ("اسم ثالث", ["الأمم المتحدة"], ()),  # the same name as an alias: nothing to scan
        ("اسم ثالث", ["المتحدة"], ("المتحدة",)),  # a shorter alias: the texts that hold it
        # A common first word: the texts that hold every word of it, none here (the texts
        # that hold «كتائب» alone are not scanned again).
        ("اسم ثالث", ["المتحدة", "كتائب الأمم المنسية"], ("كتائب", "الأمم", "المنسية")),
    ):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        actor = next(a for a in data["actors"] if a["id"] == "un")
        actor["name"]["ar"], actor["aliases"] = name, {"ar": aliases}
        editor.save(path, data)
        edited = pipeline.build(options, reuse=session)
        expected = {t for t in texts
                    if words and all(any(w in p for p in t) for w in words)}
        assert len(expected) <= len(texts) / 4
        assert session.search.scanned == len(expected), name
        assert session.search.analysed <= len(named) + len(expected) + 1, name
        assert outcome(lambda: edited) == outcome(lambda: pipeline.build(options)), name


def test_a_registry_rewrite_scans_every_text_again(tmp_path: Path) -> None:
    """When more actors lose a name than the alias scanner carries (search/memo.py
    CARRY_AT_MOST), every text is scanned again: an event whose description holds a new alias
    of another actor is found to name it, as a full build finds it."""
    from generator.derive import derive_site
    from generator.search.memo import CARRY_AT_MOST

    from .conftest import SEEDS

    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    options = BuildOptions(seeds_dir=seeds)
    session = Session(options)
    session.files.RACY_NS = 0
    pipeline.build(options, reuse=session)
    site = derive_site(pipeline.check(seeds).corpus)
    path = seeds / "actors.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    renamed = data["actors"][-CARRY_AT_MOST - 8:]
    for actor in renamed:
        actor["name"]["ar"] = "اسم جديد " + actor["name"]["ar"]
    # Another actor, now also called by two words of an event's description it is not in.
    gone = {a["id"] for a in renamed}
    entry = next(e for e in site.timeline if gone.isdisjoint(e.participants)
                 and len(e.reports[0].description.split()) > 3)
    other = next(a for a in data["actors"]
                 if a["id"] not in gone and a["id"] not in entry.participants)
    alias = " ".join(entry.reports[0].description.split()[1:3])
    other.setdefault("aliases", {}).setdefault("ar", []).append(alias)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    edited = pipeline.build(options, reuse=session)
    assert len(session.search._scanner.lost()) > CARRY_AT_MOST  # type: ignore[union-attr]
    assert outcome(lambda: edited) == outcome(lambda: pipeline.build(options))


def test_a_new_name_makes_the_timeline_filter_files_again_not_their_layout(
        tmp_path: Path) -> None:
    """The timeline filter's files hold the terms' names and where the pages, months and each
    term's events sit (filterdata._layout): a new Arabic name makes the files again, not where
    things sit (a walk of every entry and every term's events)."""
    seeds, editor, options, session = _served(tmp_path, 60, page_items=10)
    layout = session.memo.kept("filter layout")
    assert layout is not None
    path = seeds / "actors.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    actor = next(a for a in data["actors"] if a["id"] == "un")
    actor["name"]["ar"] = "اسم جديد"
    editor.save(path, data)
    edited = pipeline.build(options, reuse=session)
    assert "filter files" in session.memo.remade
    assert session.memo.kept("filter layout")[1] is layout[1]  # type: ignore[index]
    assert outcome(lambda: edited) == outcome(lambda: pipeline.build(options))
    assert any(f.path.startswith("timeline/filter/") for f in edited.files)


def test_a_registry_edit_does_again_only_what_reads_the_edited_fields(tmp_path: Path) -> None:
    """An actor's English name and description are read by its own page and the actors' index
    (and the search index and exports), not by validation, derive or the pages that link it; its
    Arabic name is read by every page that links it; an id that goes makes articles wrong."""
    seeds, editor, options, session = _served(tmp_path, 24)
    path = seeds / "actors.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    iraq = next(a for a in data["actors"] if a["id"] == "iraq")
    iraq["name"]["en"], iraq["description"]["ar"] = "Mesopotamia", "وصف آخر."
    editor.save(path, data)
    edited = pipeline.build(options, reuse=session)
    assert session.articles.checked == 0
    assert not any(n[0] in ("entry", "actor", "theme") for n in session.memo.remade)
    assert paths.actor("iraq") in session.rendered_pages
    assert not [p for p in session.rendered_pages if p.startswith("articles/")]
    assert outcome(lambda: edited) == outcome(lambda: pipeline.build(options))

    iraq["name"]["ar"] = "بلاد الرافدين"
    editor.save(path, data)
    edited = pipeline.build(options, reuse=session)
    assert session.articles.checked == 0
    linking = [p for p in session.rendered_pages if p.startswith("articles/")]
    assert linking and outcome(lambda: edited) == outcome(lambda: pipeline.build(options))

    iraq["id"] = "mesopotamia"
    editor.save(path, data)
    failed = outcome(lambda: pipeline.build(options, reuse=session))
    assert failed[0] == "failed" and '"iraq"' in failed[1]
    assert failed == outcome(lambda: pipeline.build(options))


def test_an_event_moved_within_the_timeline_renders_again_only_its_pages(tmp_path: Path) -> None:
    """A new date for an event changes the items of its timeline page, not the pages that link to
    that page (terms' lists of timeline pages, the other pages' pagers): they read the parts as
    links (Site.timeline_links)."""
    from generator.derive import derive_site

    seeds, editor, options, session = _served(tmp_path, 24, page_items=10)
    path, data = editor.annotation("00005_synthetic")
    event = data["events"][0]
    assert event["date"] == "2021-12-28"
    event["date"] = event["date_text"] = "2021-10-01"  # before two events of its page
    editor.save(path, data)
    edited = pipeline.build(options, reuse=session)
    corpus = pipeline.check(seeds).corpus
    assert corpus is not None
    site = derive_site(corpus, options.page_items)
    assert len(site.timeline_parts) > 2
    rendered = set(session.rendered_pages)
    assert {p.src for p in site.timeline_parts} & rendered == {site.event_pages[event["id"]]}
    named = set(site.events[event["id"]].actors)
    assert {paths.actor(a) for a in corpus.actors if a not in named} & rendered == set()
    assert outcome(lambda: edited) == outcome(lambda: pipeline.build(options))


def test_a_moved_article_renders_again_only_the_pages_of_lists_it_leaves_or_enters(
        tmp_path: Path) -> None:
    """A page of an actor's articles gets the list's other pages as links and the actor as its
    kind and id: a new publication date renders again the pages the article leaves and enters,
    not the actor's other pages."""
    from generator.derive import derive_site

    seeds, editor, options, session = _served(tmp_path, 300, page_items=10)
    before = derive_site(pipeline.check(seeds).corpus, options.page_items)
    term = max(before.actors.values(), key=lambda t: len(t.article_parts))
    assert len(term.article_parts) >= 4, [len(t.article_parts) for t in before.actors.values()]
    stem = term.article_parts[0].items[0]
    # Into an older page with room for one more: the date of its newest article.
    into = next(p for p in reversed(term.article_parts) if len(p.items) < options.page_items - 1)
    assert into != term.article_parts[0]
    path, data = editor.annotation(stem)
    data["published"] = editor.annotation(into.items[0])[1]["published"]
    editor.save(path, data)
    edited = pipeline.build(options, reuse=session)
    after = derive_site(pipeline.check(seeds).corpus, options.page_items)
    parts = {p.src for p in after.actors[term.id].article_parts}
    rendered = parts & set(session.rendered_pages)
    assert {p.src for p in after.actors[term.id].article_parts} == {
        p.src for p in term.article_parts}
    assert rendered == {term.article_parts[0].src, into.src}
    assert outcome(lambda: edited) == outcome(lambda: pipeline.build(options))


def test_an_article_moved_inside_an_older_page_renders_again_no_page_of_the_actor(
        tmp_path: Path) -> None:
    """An actor's page shows its newest articles, the sizes of its other pages and its newest
    words (render.term_page), and the lists' lengths: an article that moves inside one of the
    older pages (a corrected day) renders again that page, not the actor's own page, nor the
    actors' index (it counts: Term.article_count)."""
    from generator.derive import derive_site

    seeds, editor, options, session = _served(tmp_path, 300, page_items=10)
    before = derive_site(pipeline.check(seeds).corpus, options.page_items)

    def newest_words(term: object) -> set[str]:  # the articles of its newest words, and one
        return {w.article_id for name in ("quotes", "claims_by", "claims_about")
                for w in getattr(term, name)[:paginate.WORDS_SHOWN + 1]}

    def day(stem: str) -> str:
        return editor.annotation(stem)[1]["published"]

    # An article of an older page, moved before the one listed before it (its day; ties go
    # by id).
    term, older, at = next(
        (t, p, k) for t in sorted(before.actors.values(), key=lambda t: -len(t.article_parts))
        for p in t.article_parts[1:] for k in range(2, len(p.items))
        if newest_words(t).isdisjoint(p.items[k - 1:k + 1])
        and day(p.items[k]) != day(p.items[k - 1]) and p.items[k] < p.items[k - 1])
    stem, into = older.items[at], older.items[at - 1]
    path, data = editor.annotation(stem)
    data["published"] = day(into)
    editor.save(path, data)
    edited = pipeline.build(options, reuse=session)
    after = derive_site(pipeline.check(seeds).corpus, options.page_items)
    moved = after.actors[term.id]
    assert moved.articles != term.articles and stem in dict.fromkeys(
        next(p for p in moved.article_parts if p.src == older.src).items)
    assert older.src in session.rendered_pages
    assert paths.actor(term.id) not in session.rendered_pages
    assert paths.ACTORS not in session.rendered_pages
    assert outcome(lambda: edited) == outcome(lambda: pipeline.build(options))


def test_a_corrected_publication_date_makes_again_only_the_rows_of_its_events(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new publication date makes the entries of the article's events again (their reports
    in another order), most often with the same shape: the timeline filter's files, made of the
    timeline's shape (ids, dates, themes, participants), are not made again, and the events
    table and the JSON's list of events make again the rows and records of those entries
    without a walk of the timeline (export._swapped: each entry in its place, reported by the
    same articles)."""
    from generator import export
    from generator.derive import derive_site

    from .bench.seed_corpus import write_seed_corpus

    seeds = write_seed_corpus(tmp_path / "seeds", 60)
    options = BuildOptions(seeds_dir=seeds, page_items=10)
    session = Session(options)
    session.files.RACY_NS = 0
    pipeline.build(options, reuse=session)
    before = derive_site(pipeline.check(seeds).corpus, options.page_items)
    by_article = session.exports.records.kept("event lines")[1][1]  # type: ignore[index]
    swapped: list[object] = []
    swap = export._swapped
    monkeypatch.setattr(export, "_swapped", lambda *a: swapped.append(swap(*a)) or swapped[-1])
    entry = next(e for e in before.timeline if len({r.article_id for r in e.reports}) > 2)
    path = seeds / "annotations" / f"{entry.reports[1].article_id}.yml"
    text = path.read_text(encoding="utf-8")
    # Its report now the last (after the most precise one, oldest publication first).
    path.write_text(re.sub(r'^published: ".*"$', 'published: "2029-12-31"', text, count=1,
                           flags=re.MULTILINE), encoding="utf-8")
    edited = pipeline.build(options, reuse=session)
    after = derive_site(pipeline.check(seeds).corpus, options.page_items)
    assert after.events[entry.id].reports != entry.reports, "its reports in another order"
    assert after.timeline != before.timeline
    assert [e.shape for e in after.timeline] == [e.shape for e in before.timeline]
    assert "filter files" not in session.memo.remade
    assert session.exports.records.kept("event lines")[1][1] is by_article  # type: ignore
    assert len(swapped) == 2 and all(found and len(found) < 20 for found in swapped)
    assert outcome(lambda: edited) == outcome(lambda: pipeline.build(options))
    assert any(f.path.startswith("timeline/filter/") for f in edited.files)


def test_an_added_article_moves_no_event_of_another_period_to_another_page(
        tmp_path: Path) -> None:
    """An added article (a new event, and one more report of another) changes the timeline's
    parts of its events' months only (paginate.split follows the calendar): every other event
    keeps its page, so the articles reporting them and the pages linking the parts are not
    rendered again. A greedy split moved the boundaries of every later page of the year."""
    from generator.derive import derive_site
    from tests.test_paginate import _covers

    seeds, editor, options, session = _served(tmp_path, 300, page_items=10)
    before = derive_site(pipeline.check(seeds).corpus, options.page_items)
    stem = editor.stems()[150]
    path, data = editor.annotation(stem)
    data["title"], data["events"][0]["id"] = "مقال مضاف", "event-added"
    shutil.copy(seeds / "articles" / f"{stem}.txt", seeds / "articles" / "zz_added.txt")
    editor.save(seeds / "annotations" / "zz_added.yml", data)
    edited = pipeline.build(options, reuse=session)
    after = derive_site(pipeline.check(seeds).corpus, options.page_items)
    periods = {(e.year, e.month) for e in after.timeline
               if e.id in {event["id"] for event in data["events"]}}
    assert len(after.timeline_parts) > 20 and len(periods) == 2
    elsewhere = [p for p in before.timeline_parts if not any(_covers(p, *d) for d in periods)]
    assert len(elsewhere) > 20 and set(elsewhere) <= set(after.timeline_parts)
    moved = {e for e, src in before.event_pages.items() if after.event_pages[e] != src}
    assert {(e.year, e.month) for e in after.timeline if e.id in moved} <= periods
    # The timeline pages rendered again are those of its events' months.
    # (The first part's page also records a read of the whole list of parts: render.py's loop
    # over them is read while that page is tracked.)
    rendered = set(session.rendered_pages)
    timeline_pages = {p.src for p in after.timeline_parts}
    assert rendered & timeline_pages - {after.timeline_parts[0].src} == {
        p.src for p in after.timeline_parts if any(_covers(p, *d) for d in periods)}
    assert outcome(lambda: edited) == outcome(lambda: pipeline.build(options))


def _reordered(d: dict) -> dict:
    return dict(reversed(list(d.items())))


def test_a_change_of_the_network_order_renders_again_only_the_actors_whose_ties_change(
        tmp_path: Path) -> None:
    """An actor's page asks whether it is among the network page's listed actors (Network.ego),
    not the whole order of actors by strength, which any tie moves: a removed event renders again
    the pages of its article's actors, not those of every actor with a tie."""
    from generator.derive import derive_site
    from generator.network import derive_network

    seeds, editor, options, session = _served(tmp_path, 24)

    def network() -> tuple:
        corpus = pipeline.check(seeds).corpus
        assert corpus is not None
        return corpus, derive_network(derive_site(corpus, options.page_items))

    corpus, before = network()
    stem = "00005_synthetic"
    path, data = editor.annotation(stem)
    assert data["events"]
    data["events"] = data["events"][1:]
    editor.save(path, data)
    edited = pipeline.build(options, reuse=session)
    corpus, after = network()
    assert after.order != before.order and after.ego == before.ego
    named = {m.id for m in corpus.articles[stem].actors}
    tied = {a for a in before.order if a not in named}
    assert tied, "some actor with ties outside the edited article"
    assert {paths.actor(a) for a in tied} & set(session.rendered_pages) == set()
    assert outcome(lambda: edited) == outcome(lambda: pipeline.build(options))


def test_tracked_reads_see_every_kind_of_change(tmp_path: Path) -> None:
    """The renderer's reads are recorded at every level: a changed attribute of the Site, one item
    of a dictionary, a dictionary's order, the network. Each variant of the Site, rendered after
    the original, gives the pages a full render of the variant gives."""
    from dataclasses import replace

    from generator.derive import derive_site
    from generator.network import derive_network
    from generator.render import render_site

    seeds = write_corpus(tmp_path / "seeds", 24)
    options = BuildOptions(seeds_dir=seeds, page_items=10)
    corpus = pipeline.check(seeds).corpus
    assert corpus is not None
    site = derive_site(corpus, options.page_items)
    network = derive_network(site)
    iraq = replace(corpus.actors["iraq"], name_ar="بلاد الرافدين")
    zz = replace(corpus.actors["iraq"], id="zz", name_ar="فاعل آخر")
    variants = {
        "an attribute": (replace(site, outlets=(("منفذ آخر", 99), *site.outlets[1:])), network),
        "another attribute": (replace(site, span=(site.span[0], site.span[0])), network),
        "an item": (replace(site, corpus=replace(corpus, actors={**corpus.actors, "iraq": iraq})),
                    network),
        "an order": (replace(site, actors=_reordered(site.actors),
                             themes=_reordered(site.themes)), network),
        "a count": (replace(site, corpus=replace(corpus, actors={**corpus.actors, "zz": zz}),
                            actors={**site.actors, "zz": replace(site.actors["iraq"], id="zz")}),
                    network),
        "the network": (site, replace(network, strength={k: v + 1 for k, v in
                                                          network.strength.items()})),
    }
    for name, (variant, variant_network) in variants.items():
        session = Session(options)
        for built, built_network in ((site, network), (variant, variant_network)):
            seen, seen_network, renderer = session.renderer(built, built_network)
            pages = render_site(seen, options, seen_network, None, renderer)
            session.done(pages)
        full = render_site(variant, options, variant_network)
        assert session.reused > 0, name
        assert [(p.src_uri, p.content) for p in pages] == [(p.src_uri, p.content) for p in full], \
            name


def test_export_blocks_change_only_where_their_lines_do() -> None:
    """The exports are gzip files of several members, one a block of lines (export.blocks): an
    edited, added or removed line changes its own block (or joins it to the next), never the
    others, so `mkdocs serve` compresses again only those; gzip reads the members as one file."""
    import gzip

    from generator.export import (BLOCK_BYTES, _reblocked, _same_run, blocks, gzipped,
                                  line_blocks)

    rng = random.Random(7)
    lines = [f"{i},{'ب' * rng.randrange(20, 400)}\r\n".encode() for i in range(40_000)]
    before = list(blocks(lines))
    assert len(before) > 4 and b"".join(before) == b"".join(lines)
    assert max(map(len, before)) > BLOCK_BYTES / 4
    for n in range(20):
        at = rng.randrange(len(lines))
        variants = (lines[:at] + [b"edited\r\n"] + lines[at + 1:],  # edited
                    lines[:at] + [b"added\r\n"] + lines[at:],  # added
                    lines[:at] + lines[at + 1:])  # removed
        for variant in variants:
            after = list(blocks(variant))
            assert len(set(after) - set(before)) <= 2, n
    # Under `mkdocs serve` the blocks are found again from the last build's (export._reblocked):
    # the same blocks as walking every line, after any edits, additions and removals.
    old, old_blocks = lines, [tuple(b) for b in line_blocks(lines)]
    for n in range(30):
        new = list(old)
        for _ in range(rng.randrange(1, 4) if n % 3 else 0):
            at = rng.randrange(len(new) + 1)
            kind = rng.randrange(4)
            if kind == 3:  # a run of lines moved elsewhere (a record with a new date)
                run = new[at:at + rng.randrange(1, 5)]
                del new[at:at + len(run)]
                to = rng.randrange(len(new) + 1)
                new[to:to] = run
            elif kind == 0 and at < len(new):
                new[at] = f"{n},{'ج' * rng.randrange(1, 300)}\r\n".encode()
            elif kind == 1:
                new[at:at] = [f"+{n},{'د' * rng.randrange(1, 300)}\r\n".encode()
                              for _ in range(rng.randrange(1, 40))]
            else:
                del new[at:at + rng.randrange(1, 40)]
        if n % 3 == 0:  # only lines added at the end, the last one again too: they join its block
            new += [new[-1], f"+{n}\r\n".encode()][:rng.randrange(1, 3)]
        found = _reblocked(old, old_blocks, new)
        assert found == [tuple(b) for b in line_blocks(new)], n
        old, old_blocks = new, found
    # The equal head and tail are found chunk by chunk, then line by line.
    for n in range(200):
        a = [bytes([rng.randrange(3)]) for _ in range(rng.randrange(0, 12))]
        b = a[:rng.randrange(len(a) + 1)] + [bytes([rng.randrange(3)])
                                             for _ in range(rng.randrange(0, 4))] + a[-2:]
        limit = min(len(a), len(b))
        head = next((k for k in range(limit) if a[k] != b[k]), limit)
        tail = next((k for k in range(limit - head) if a[-1 - k] != b[-1 - k]), limit - head)
        assert _same_run(a, b, 0, 0, 1, limit, chunk=3) == head, n
        assert _same_run(a, b, len(a) - 1, len(b) - 1, -1, limit - head, chunk=3) == tail, n
    packed = gzipped(lines)
    assert packed.count(b"\x1f\x8b\x08\x00\x00\x00\x00\x00") >= len(before)  # a member a block
    assert gzip.decompress(packed) == b"".join(lines)


def test_postings_spliced_in_place_equal_postings_made_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """search/memo.py replaces the postings of changed documents in place, and splices in or out
    those that came or went at numbers of their own (documents.document_numbers: an article
    added last moves no other number): after random replacements, additions and removals of
    documents (so removals of keys and new keys), every shard entry has the bytes of postings
    made from scratch, and so has every shard, though only those holding a changed key are laid
    out again."""
    from generator.derive import derive_site
    from generator.search import index
    from generator.search.documents import search_documents
    from generator.search.index import Analyser, _Postings
    from generator.search.memo import SearchMemo

    corpus = pipeline.check(write_corpus(tmp_path / "seeds", 40)).corpus
    assert corpus is not None
    analyser = Analyser()
    pool = [analyser.analyse(d) for d in search_documents(derive_site(corpus))]
    rng = random.Random(3)
    monkeypatch.setattr(index, "SHARD_TARGET", 500)  # many shards of a small corpus
    memo = SearchMemo()
    docs = {n * 2: one for n, one in enumerate(pool)}  # with holes, as between kinds
    memo.postings(list(docs.values()), list(docs))
    assert len(memo.shards(bytes)) >= 16
    relaid = came = went = 0
    for step in range(60):
        docs = dict(docs)
        for _ in range(rng.randrange(1, 4)):
            what = rng.randrange(3)
            if what == 0:  # edited
                docs[rng.choice(list(docs))] = rng.choice(pool)
            elif what == 1:  # came, in a hole or past the end
                docs[rng.choice([n for n in range(2 * len(pool) + 4) if n not in docs])] = \
                    rng.choice(pool)
                came += 1
            elif len(docs) > 2:  # went
                del docs[rng.choice(list(docs))]
                went += 1
        docs = dict(sorted(docs.items()))
        spliced = memo.postings(list(docs.values()), list(docs))
        assert memo.spliced is not None
        full = _Postings()
        for n, one in docs.items():
            full.add(n, one)
        assert sorted(spliced.data) == full.keys(), step
        assert [spliced.encode(k) for k in full.keys()] == [full.encode(k) for k in full.keys()]
        packed: list[bytes] = []
        shards = memo.shards(lambda data: packed.append(data) or data)
        assert shards == list(index._shards(full)), step
        relaid += len(packed) == len(shards)
        assert packed and set(packed) <= set(shards)
    assert relaid < 60 and came > 10 and went > 10  # mostly a few shards


def test_an_added_article_renders_again_no_page_that_comes_out_the_same(tmp_path: Path) -> None:
    """At the seeds' density an added article moves every actor's rarity, and with it the order
    of the less rare actors two related articles share. An article page shows the rarest of them
    and how many there are (related.Related holds just that), so its related list is equal, and
    the page not rendered again, unless what it shows changed: every page rendered again differs
    from its last bytes. (With the shared actors in order, 59 of the 143 pages rendered again at
    1,000 articles came out the same.)"""
    from .bench.seed_corpus import write_seed_corpus

    seeds = write_seed_corpus(tmp_path / "seeds", 200)
    options = BuildOptions(seeds_dir=seeds)
    session = Session(options)
    session.files.RACY_NS = 0
    first = {p.src_uri: p.content for p in pipeline.build(options, reuse=session).pages}
    stem = sorted(p.stem for p in (seeds / "annotations").glob("*.yml"))[100]
    shutil.copy(seeds / "articles" / f"{stem}.txt", seeds / "articles" / "zz_added.txt")
    shutil.copy(seeds / "annotations" / f"{stem}.yml", seeds / "annotations" / "zz_added.yml")
    added = pipeline.build(options, reuse=session)
    again = {p.src_uri: p.content for p in added.pages if p.src_uri in session.rendered_pages}
    articles = [src for src in again if src.startswith("articles/") and src in first]
    assert len(articles) > 3, "the copy is related to the articles it copies"
    assert [src for src in again if again[src] == first.get(src)] == []
    assert outcome(lambda: added) == outcome(lambda: pipeline.build(options))


def test_an_arabic_name_edit_derives_again_only_the_entries_that_name_the_actor(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Derive reads an actor's Arabic name only to weigh the cards and report lists that name it
    (weigh.py); the registries' token stands for the rest. An Arabic name edit makes again the
    entries that name the actor, not all of them; a much longer name weighs their cards more, and
    the timeline, split by bytes here, is split as a full build splits it."""
    from collections import Counter

    from generator import derive, export
    from generator.model import TimelineEntry
    from generator.weigh import event_weight

    # Pages of the timeline as heavy as its heaviest year: a heavier card splits its year.
    probe = pipeline.check(write_corpus(tmp_path / "probe", 60)).corpus
    card = event_weight(probe, derive.REPORTS_SHOWN)
    years = Counter[int]()
    for entry in derive.derive_site(probe).timeline:
        years[entry.year] += card(entry)
    monkeypatch.setattr(derive, "LIST_BYTES", max(years.values()) + 1)
    seeds, editor, options, session = _served(tmp_path, 60)
    site = derive.derive_site(pipeline.check(seeds).corpus, options.page_items)
    naming = {e.id for e in site.timeline if "un" in e.actors}
    rows = export._entry_rows
    rowed: set[str] = set()  # the entries whose events-table rows are made again

    def spy(site: object, urls: object, width: int, entry: TimelineEntry) -> object:
        rowed.add(entry.id)
        return rows(site, urls, width, entry)  # type: ignore[arg-type]

    monkeypatch.setattr(export, "_entry_rows", spy)
    assert 0 < len(naming) < len(site.timeline) / 3
    path = seeds / "actors.yml"
    for name in ("الأمم المتحدة!", "منظمة الأمم المتحدة " * 20):  # 400 characters (500 at most)
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        next(a for a in data["actors"] if a["id"] == "un")["name"]["ar"] = name
        editor.save(path, data)
        rowed.clear()
        edited = pipeline.build(options, reuse=session)
        remade = {n[1] for n in session.memo.remade if isinstance(n, tuple) and n[0] == "entry"}
        assert remade == naming, name
        after = derive.derive_site(pipeline.check(seeds).corpus, options.page_items)
        # The events table: the rows of the events that name it, and of those moved to another
        # page of the timeline, which the long name splits otherwise.
        moved = {e for e, src in after.event_pages.items() if site.event_pages[e] != src}
        assert rowed == naming | moved, name
        assert outcome(lambda: edited) == outcome(lambda: pipeline.build(options))
        parts, site = site.timeline_parts, after
    assert moved and after.timeline_parts != parts  # the weights moved the split


def test_feeds_look_again_only_at_the_dates_of_feeds_with_a_redated_article(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A feed whose list of articles is the last build's, none of them with another date, keeps
    its newest articles without a walk of their dates (feed._redated): after a summary edit no
    feed's dates are looked at; after a date edit, those of the feeds that list the article. An
    edit a feed does not show (a role, an event) writes no feed again (feed._same_feed)."""
    from generator.feed import FeedWriter
    from generator.memo import Memo

    seeds, editor, options, session = _served(tmp_path, 24)
    asked: list[object] = []
    get = Memo.get

    def spy(self: Memo, name: object, *args: object, **kwargs: object) -> object:
        if isinstance(name, tuple) and name[0] == "feed articles":
            asked.append(name[1])
        return get(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Memo, "get", spy)
    written: list[str] = []
    feed = FeedWriter.feed

    def writes(self: FeedWriter, path: str, *args: object, **kwargs: object) -> object:
        written.append(path)
        return feed(self, path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(FeedWriter, "feed", writes)
    path, data = editor.annotation("00005_synthetic")
    data["summary"] = "ملخص جديد."
    editor.save(path, data)
    pipeline.build(options, reuse=session)
    assert asked == [] and paths.MAIN_FEED in written
    # A role or an event's description: not in a feed, which is not written again.
    data["actors"][0]["role"] = "دور جديد"
    data["events"][0]["description"] = "وصف جديد للحدث."
    editor.save(path, data)
    written.clear()
    edited = pipeline.build(options, reuse=session)
    assert asked == [] and written == []
    assert outcome(lambda: edited) == outcome(lambda: pipeline.build(options))
    written.clear()
    data["published"] = "2019-01-01"
    editor.save(path, data)
    edited = pipeline.build(options, reuse=session)
    article = validate(load_corpus(seeds)).articles["00005_synthetic"]
    listing = {paths.MAIN_FEED} | {paths.actor_feed(m.id) for m in article.actors} | {
        paths.theme_feed(s) for t in article.themes for s in (t, *_ancestors(seeds, t))}
    assert set(asked) == listing
    assert outcome(lambda: edited) == outcome(lambda: pipeline.build(options))


def _ancestors(seeds: Path, theme_id: str) -> tuple[str, ...]:
    themes = validate(load_corpus(seeds)).themes
    out: list[str] = []
    parent = themes[theme_id].parent
    while parent is not None:
        out.append(parent)
        parent = themes[parent].parent
    return tuple(out)


def test_an_article_page_reads_the_date_of_its_events_newest_sources_not_of_every_source(
        tmp_path: Path) -> None:
    """An article page says the newest date among its own and its events' newest sources
    (render.article_updated reads `Site.event_newest`, derived), not every source's date: a page
    that cites a background event reported by hundreds of articles would otherwise be rendered
    again when any of them is redated (2,000 of them at 10,000 seed-density articles)."""
    from .bench.seed_corpus import write_seed_corpus

    seeds = write_seed_corpus(tmp_path / "seeds", 600)
    options = BuildOptions(seeds_dir=seeds)
    session = Session(options)
    built = pipeline.build(options, reuse=session)
    site = session._last[0]  # type: ignore[index]
    hub = max(site.timeline, key=lambda e: len(e.reports))
    assert len(hub.reports) > 20
    citing = sorted({r.article_id for r in hub.reports})
    for article_id in citing[:5]:
        deps = session._records[paths.article(article_id)].deps
        dated = {d[3] for d in deps if d[0] == "f" and d[2] == "articles" and d[4] == "published"}
        assert site.event_newest[hub.id] in dated
        assert len(dated) < len(hub.reports) / 2, article_id
    assert built.pages
