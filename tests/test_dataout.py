"""Data out through real builds: CSV and JSON exports, Atom feeds, actor network, `briefing export`.

Expected values are computed here straight from the seed YAML, not through the generator's model.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from itertools import combinations
from pathlib import Path

import feedparser
import pytest
import jsonschema
import yaml

from generator.derive import derive_site
from generator.export import LIST_SEPARATOR, uncell
from generator.feed import feed_files
from generator.load import load_corpus
from generator.network import NEIGHBOURS_SHOWN
from generator.options import BuildOptions
from generator.validate import validate

from .conftest import ROOT, SEEDS, mkdocs_build, write_config

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
ACTOR = "qasim-al-araji"  # an actor of the seeds with ties in several articles


def annotations(seeds: Path = SEEDS) -> dict[str, dict]:
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((seeds / "annotations").glob("*.yml"))
    }


def registry(name: str, seeds: Path = SEEDS) -> dict[str, dict]:
    data = yaml.safe_load((seeds / f"{name}.yml").read_text(encoding="utf-8"))[name]
    return {item["id"]: item for item in data}


def unzipped(path: Path) -> bytes:
    """A gzipped export's bytes: gzip members with no file name and no time in their header."""
    packed = path.read_bytes()
    # No file name, mtime 0.
    assert packed[:4] == b"\x1f\x8b\x08\x00" and packed[4:8] == b"\0\0\0\0", path
    return gzip.decompress(packed)


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = unzipped(path) if path.suffix == ".gz" else path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte-order mark"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    return [{k: uncell(v) for k, v in row.items()} for row in rows]


def split(cell: str) -> list[str]:
    return cell.split(LIST_SEPARATOR) if cell else []


# CSV ---------------------------------------------------------------------------------------------


def export(fmt: str, out: Path, seeds: Path | None = None) -> subprocess.CompletedProcess:
    """`briefing export` in a fresh process, as an annotator runs it."""
    args = [sys.executable, "-m", "generator.cli", "export", "--format", fmt]
    args += ["--seeds", str(seeds)] if seeds else []
    return subprocess.run(args + ["--out", str(out)], capture_output=True, text=True, cwd=ROOT)


def test_events_csv_parses_back_into_the_annotated_events(seed_site: Path) -> None:
    rows = read_csv(seed_site / "data" / "events.csv.gz")
    actors = registry("actors")
    expected = set()
    for stem, ann in annotations().items():
        roles = {a["id"]: a["role"] for a in ann["actors"]}
        for e in ann.get("events", []):
            expected.add(
                (
                    e["id"],
                    e["date"],
                    e["date_text"],
                    e["date_basis"],
                    e.get("place", ""),
                    e["description"],
                    stem,
                    ann["title"],
                    ann["outlet"],
                    ann["published"],
                    ann["url"],
                    "; ".join(e.get("themes", ann["themes"])),  # the event's, else the article's
                    tuple((a, actors[a]["name"]["ar"], roles[a]) for a in e["actors"]),
                )
            )
    found = set()
    for row in rows:
        n = len(split(row["actor_ids"]))
        people = tuple(
            (row[f"actor{i}_id"], row[f"actor{i}"], row[f"actor{i}_role"]) for i in range(1, n + 1)
        )
        assert [p[0] for p in people] == split(row["actor_ids"])
        found.add(
            (
                row["event_id"],
                row["event_date"],
                row["date_text"],
                row["date_basis"],
                row["place"],
                row["notes"],
                row["article_id"],
                row["article_title"],
                row["outlet"],
                row["article_published"],
                row["source_url"],
                row["themes"],
                people,
            )
        )
    assert len(rows) == len(expected) == len(found)
    assert found == expected
    # Bounds and precision agree with the EDTF text; exactly one lead report per event.
    row = next(r for r in rows if r["event_date"] == "2024-11~")  # an approximate month
    assert (row["date_lower"], row["date_upper"], row["precision"]) == (
        "2024-11-01",
        "2024-11-30",
        "month",
    )
    assert (row["approximate"], row["uncertain"]) == ("true", "false")
    row = next(r for r in rows if r["event_date"] == "2022-09/2022-11")
    assert (row["date_lower"], row["date_upper"], row["precision"]) == (
        "2022-09-01",
        "2022-11-30",
        "range",
    )
    leads = Counter(r["event_id"] for r in rows if r["lead_report"] == "true")
    assert set(leads.values()) == {1} and set(leads) == {r["event_id"] for r in rows}


def test_actor_and_theme_csv_match_the_registries(seed_site: Path) -> None:
    actors = {r["id"]: r for r in read_csv(seed_site / "data" / "actors.csv.gz")}
    assert actors.keys() == registry("actors").keys()
    for actor_id, a in registry("actors").items():
        row = actors[actor_id]
        assert (row["name_ar"], row["name_en"], row["type"]) == (
            a["name"]["ar"],
            a["name"]["en"],
            a["type"],
        )
        assert split(row["aliases_ar"]) == a.get("aliases", {}).get("ar", [])
        assert split(row["affiliations"]) == a.get("affiliations", [])
        assert row["description_ar"] == a["description"]["ar"]
        assert row["page_url"] == f"actors/{actor_id}/"
        assert (seed_site / row["feed_url"]).is_file()
    seen = Counter(a["id"] for ann in annotations().values() for a in ann["actors"])
    assert {k: int(r["articles"]) for k, r in actors.items() if int(r["articles"])} == dict(seen)
    # First and last publication: the dates the actor's page shows (the newest article is the
    # first in the site's order, by the latest day it may be: "2024-11" before "2024-11-11?").
    site = derive_site(validate(load_corpus(SEEDS)))
    for actor_id, term in site.actors.items():
        shown = [d.text if d else "" for d in (term.first_seen, term.last_seen)]
        assert [actors[actor_id]["first_published"], actors[actor_id]["last_published"]] == shown
    assert actors["axios"]["last_published"] == "2024-11"
    themes = {r["id"]: r for r in read_csv(seed_site / "data" / "themes.csv.gz")}
    assert themes.keys() == registry("themes").keys()
    for theme_id, t in registry("themes").items():
        assert (themes[theme_id]["label_ar"], themes[theme_id]["parent"]) == (
            t["label"]["ar"],
            t.get("parent", ""),
        )


def test_formula_cells_are_guarded_and_text_survives(tmp_path: Path, corpus_copy: Path) -> None:
    path = corpus_copy / "annotations" / "a1.yml"
    text = path.read_text(encoding="utf-8")
    tricky = '=HYPERLINK("http://x", "انقر")، وفاصلة, و"اقتباس"'
    path.write_text(
        text.replace(
            'description: "اجتماع الأعرجي وعراقجي."',
            f"description: {json.dumps(tricky, ensure_ascii=False)}",
        ),
        encoding="utf-8",
    )
    result = export("csv", tmp_path / "out", corpus_copy)
    assert result.returncode == 0, result.stderr
    raw = unzipped(tmp_path / "out" / "events.csv.gz").decode("utf-8-sig")
    assert "'=HYPERLINK" in raw  # a spreadsheet shows it as text instead of running it
    rows = read_csv(tmp_path / "out" / "events.csv.gz")
    assert [r["notes"] for r in rows if r["article_id"] == "a1"] == [tricky]


@pytest.mark.parametrize("text", [
    "=1+1", "+1", "-1", "@SUM(A1)", "\t=1", " =1+1", "\u00a0=1", "\u3000=1", "＝1+1", "＋1", "＠x",
    "'=1+1", "''=x", "'plain", "plain", "", "إيران", "1-2", "a=b",
])
def test_every_cell_round_trips_and_no_formula_starts_one(text: str) -> None:
    from generator.export import FORMULA_START, cell

    written = cell(text)
    assert uncell(written) == text
    assert not written.lstrip(" \u00a0\u3000").startswith(FORMULA_START)


# JSON --------------------------------------------------------------------------------------------


def test_json_export_follows_its_published_schema(seed_site: Path) -> None:
    schema = json.loads((seed_site / "data" / "briefing.schema.json").read_text(encoding="utf-8"))
    data = json.loads(unzipped(seed_site / "data" / "briefing.json.gz").decode("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(
        data
    )
    anns = annotations()
    assert {a["id"] for a in data["articles"]} == anns.keys()
    assert {e["id"] for e in data["events"]} == {
        e["id"] for a in anns.values() for e in a.get("events", [])
    }
    article = next(a for a in data["articles"] if a["id"] == "002_e6e950931b988b2a")
    assert article["published"] == {
        "edtf": "2024-11",
        "lower": "2024-11-01",
        "upper": "2024-11-30",
        "precision": "month",
        "approximate": False,
        "uncertain": False,
    }
    # The text is told once, on the article's page (and in the repository's seeds/articles/):
    # at 10,000 seed-density articles it was 4 KiB an article of briefing.json.gz (issue 15).
    assert "text" not in article
    broken = dict(data, version=2)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(broken))
    assert errors  # the schema does constrain the document


def test_cli_export_matches_the_site_files(seed_site: Path, tmp_path: Path) -> None:
    for fmt in ("csv", "json"):
        result = export(fmt, tmp_path)
        assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == [
        "actors.csv.gz",
        "articles.csv.gz",
        "briefing.json.gz",
        "briefing.schema.json",
        "events.csv.gz",
        "themes.csv.gz",
        "ties.csv.gz",
    ]
    for name in written:  # the options (site name, …) come from the same mkdocs.yml
        assert (tmp_path / name).read_bytes() == (seed_site / "data" / name).read_bytes(), name


def test_cli_export_reads_the_options_of_the_site(tmp_path: Path) -> None:
    """With page_items: 20 the timeline is split by year: the events' URLs point at those pages,
    in the site's events.csv and in `briefing export -f` alike."""
    config = write_config(SEEDS, tmp_path)
    config.write_text(config.read_text(encoding="utf-8").replace(
        "search_enabled: true", "page_items: 20\n      search_enabled: true"), encoding="utf-8")
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d",
         str(tmp_path / "site")], capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert build.returncode == 0, build.stderr
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "export", "-f", str(config), "--format", "csv",
         "--out", str(tmp_path / "out")], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site" / "data" / "events.csv.gz"
    assert re.search(rb"timeline/2024(-11)?/#event-", unzipped(site))
    assert (tmp_path / "out" / "events.csv.gz").read_bytes() == site.read_bytes()


def test_cli_export_reports_bad_input_without_traceback(corpus_copy: Path, tmp_path: Path) -> None:
    path = corpus_copy / "annotations" / "a1.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            'published: "2024-11-10"', "published: 2024-11-10"
        ),
        encoding="utf-8",
    )
    result = export("csv", tmp_path / "out", corpus_copy)
    assert result.returncode == 1
    assert "a1.yml:5:12: date 2024-11-10 is not in quotes" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


# Atom --------------------------------------------------------------------------------------------


def check_atom(xml: bytes) -> ET.Element:
    """RFC 4287's required elements and their cardinality, checked directly."""
    root = ET.fromstring(xml)
    assert root.tag == f"{ATOM}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
    for tag in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{tag}")) == 1, tag
    assert RFC3339.match(root.findtext(f"{ATOM}updated"))
    assert re.match(r"^[a-z][a-z0-9+.-]*:", root.findtext(f"{ATOM}id"))  # an absolute IRI
    feed_author = root.find(f"{ATOM}author/{ATOM}name") is not None
    ids = []
    for entry in root.findall(f"{ATOM}entry"):
        for tag in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{tag}")) == 1, tag
        assert RFC3339.match(entry.findtext(f"{ATOM}updated"))
        assert feed_author or entry.find(f"{ATOM}author/{ATOM}name") is not None
        assert [
            link
            for link in entry.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        ids.append(entry.findtext(f"{ATOM}id"))
    assert len(ids) == len(set(ids))
    return root


def test_main_feed_is_valid_atom_newest_first(seed_site: Path) -> None:
    xml = (seed_site / "feeds" / "articles.xml").read_bytes()
    root = check_atom(xml)
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.language == "ar" and parsed.feed.title and parsed.feed.id
    anns = annotations()
    published = {stem: ann["published"] for stem, ann in anns.items()}
    links = [e.link for e in parsed.entries]
    assert sorted(links) == sorted(f"../articles/{stem}/" for stem in anns)
    for link in links:  # relative links resolve from the feed's folder to real pages
        assert (seed_site / "feeds" / link / "index.html").resolve().is_file()
    # Newest first, and each date is the earliest day of the EDTF date at noon UTC.
    dates = [e.updated for e in parsed.entries]
    assert dates == sorted(dates, reverse=True)
    by_stem = {e.link.split("/")[-2]: e.updated for e in parsed.entries}
    assert (
        by_stem["002_e6e950931b988b2a"] == "2024-11-01T12:00:00Z"
        and published["002_e6e950931b988b2a"] == "2024-11"
    )
    assert by_stem["001_a0a0517b3fa354ea"] == "2024-11-11T12:00:00Z"
    assert root.findtext(f"{ATOM}updated") == max(dates)  # derived from the data
    reuters = next(e for e in parsed.entries if e.link.endswith("003_babe8bcfe08ac5d2/"))
    assert reuters.author == "رويترز"


def test_actor_feed_has_that_actors_articles(seed_site: Path) -> None:
    xml = (seed_site / "feeds" / "actors" / f"{ACTOR}.xml").read_bytes()
    check_atom(xml)
    parsed = feedparser.parse(xml)
    assert not parsed.bozo
    expected = {
        stem for stem, ann in annotations().items() if ACTOR in {a["id"] for a in ann["actors"]}
    }
    assert {e.link.split("/")[-2] for e in parsed.entries} == expected
    assert parsed.feed.link == f"../../actors/{ACTOR}/"
    # A term feed's entry is a notice: the summary cut at a word, no categories (the site's feed
    # has them whole).
    main = {e.link.split("/")[-2]: e for e in feedparser.parse(
        (seed_site / "feeds" / "articles.xml").read_bytes()).entries}
    for entry in parsed.entries:
        whole = main[entry.link.split("/")[-2]]
        assert whole.tags and not entry.get("tags")
        assert len(entry.summary) <= len(whole.summary)
        assert whole.summary.startswith(entry.summary.removesuffix("…"))
    assert any(e.summary.endswith("…") for e in parsed.entries)


def test_feeds_with_site_url_use_absolute_ids_and_links() -> None:
    site = derive_site(validate(load_corpus(SEEDS)))
    options = BuildOptions(site_url="https://example.org/briefing/")
    files = {f.path: f.content for f in feed_files(site, options)}
    parsed = feedparser.parse(files["feeds/articles.xml"])
    assert parsed.feed.id == "https://example.org/briefing/feeds/articles.xml"
    entry = next(e for e in parsed.entries if "003_babe8bcfe08ac5d2" in e.id)
    assert entry.id == entry.link == "https://example.org/briefing/articles/003_babe8bcfe08ac5d2/"
    self_link = next(link.href for link in parsed.feed.links if link.rel == "self")
    assert self_link == "https://example.org/briefing/feeds/articles.xml"
    assert files == {f.path: f.content for f in feed_files(site, options)}  # no clock: same bytes


class Heads(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.feeds: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if (
            tag == "link"
            and a.get("rel") == "alternate"
            and a.get("type") == "application/atom+xml"
        ):
            self.feeds.append(a["href"])


def feeds_of(page: Path) -> list[str]:
    parser = Heads()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.feeds


def test_every_page_announces_the_feed_and_term_pages_their_own(seed_site: Path) -> None:
    for page in sorted(p for p in seed_site.rglob("index.html")):
        found = feeds_of(page)
        assert found, page
        assert (page.parent / found[0]).resolve() == (
            seed_site / "feeds" / "articles.xml"
        ).resolve()
    own = feeds_of(seed_site / "actors" / ACTOR / "index.html")[1:]
    assert [(seed_site / "actors" / ACTOR / h).resolve() for h in own] == [
        (seed_site / "feeds" / "actors" / f"{ACTOR}.xml").resolve()
    ]
    own = feeds_of(seed_site / "themes" / "border-security" / "index.html")[1:]
    assert [(seed_site / "themes" / "border-security" / h).resolve() for h in own] == [
        (seed_site / "feeds" / "themes" / "border-security.xml").resolve()
    ]


def test_home_links_the_exports_feed_and_network(seed_site: Path) -> None:
    html = (seed_site / "index.html").read_text(encoding="utf-8")
    for target in (
        "data/events.csv.gz",
        "data/actors.csv.gz",
        "data/themes.csv.gz",
        "data/briefing.json.gz",
        "data/briefing.schema.json",
        "feeds/articles.xml",
        "network/",
        "data/",
    ):
        assert f'href="{target}"' in html, target


# Network -----------------------------------------------------------------------------------------


def expected_ties(actor_id: str) -> list[tuple[str, int, int, int, int]]:
    """(neighbour, events, through, words, articles) of the actor's ties with events or words,
    strongest first. Events (merged by id), words (claims `about`, quotes naming an actor of the
    article by one of its forms) and co-mentions from the YAML; `through` from the roll-up
    (tests/test_rollup.py checks it), counting only pairs on two sides of an event."""
    articles: Counter[str] = Counter()
    words: Counter[str] = Counter()
    event_actors: dict[str, set[str]] = {}
    for ann in annotations().values():
        ids = {a["id"] for a in ann["actors"]}
        if actor_id in ids:
            articles.update(ids - {actor_id})
        for e in ann.get("events", []):
            event_actors.setdefault(e["id"], set()).update(e["actors"])
        for c in ann.get("claims", []):
            about = set(c.get("about", [])) - {c["claimant"]}
            if c["claimant"] == actor_id:
                words.update(about)
            elif actor_id in about:
                words[c["claimant"]] += 1
        forms = {a["id"]: a["forms"] for a in ann["actors"]}
        for q in ann.get("quotes", []):
            named = {i for i, fs in forms.items() if i != q["speaker"]
                     and any(f and f in q["text"] for f in fs)}
            if q["speaker"] == actor_id:
                words.update(named)
            elif actor_id in named:
                words[q["speaker"]] += 1
    events: Counter[str] = Counter()
    for members in event_actors.values():
        if actor_id in members:
            events.update(members - {actor_id})
    through: Counter[str] = Counter()
    for entry in derive_site(validate(load_corpus(SEEDS))).timeline:
        if actor_id not in entry.participants:
            continue
        sides = entry.sides()
        for other in set(entry.participants) - {actor_id}:
            direct = actor_id in entry.actors and other in entry.actors
            if not direct and not any(actor_id in side and other in side for side in sides):
                through[other] += 1
    others = articles.keys() | events.keys() | words.keys() | through.keys()
    ties = [(o, events[o], through[o], words[o], articles[o]) for o in others
            if events[o] + through[o] + words[o]]
    return sorted(ties, key=lambda t: (-(t[1] + t[2] + t[3]), -t[1], -t[2], t[0]))


class Neighbours(HTMLParser):
    """The rows of each table marked data-neighbours-of: the other actor (its link) and the counts
    of the four kinds of tie (an empty cell is 0)."""

    def __init__(self) -> None:
        super().__init__()
        self.lists: dict[str, list[tuple[str, int, int, int, int]]] = {}
        self.current: str | None = None
        self.row: list | None = None
        self.cell: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "table" and "data-neighbours-of" in a:
            self.current = a["data-neighbours-of"]
            self.lists.setdefault(self.current, [])
        elif tag == "tr" and self.current:
            self.row = []
        elif tag == "a" and self.row == [] and "href" in a:
            self.row.append(a["href"].rstrip("/").rsplit("/", 1)[-1])
        elif tag == "td" and self.row:
            self.cell = ""

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self.row is not None and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.row:
            other, *counts = self.row
            self.lists[self.current].append((other, *(int(c or 0) for c in counts[:4])))
            self.row = None
        elif tag == "table":
            self.current = None


def neighbour_lists(page: Path) -> dict[str, list[tuple[str, int, int, int, int]]]:
    parser = Neighbours()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.lists


def test_network_page_lists_the_right_neighbours(seed_site: Path) -> None:
    expected = expected_ties(ACTOR)
    assert len(expected) > 5
    lists = neighbour_lists(seed_site / "network" / "index.html")
    assert lists[ACTOR] == expected[:5]
    html = (seed_site / "network" / "index.html").read_text(encoding="utf-8")
    assert f'href="../actors/{ACTOR}/#network"' in html  # the rest is on the actor page
    assert "<svg" in html and "<table" in html  # the diagram and its plain table


def test_actor_page_shows_its_strongest_ties_and_where_the_rest_are(seed_site: Path) -> None:
    lists = neighbour_lists(seed_site / "actors" / ACTOR / "index.html")
    expected = expected_ties(ACTOR)
    assert len(expected) > 5  # typed ties: the seeds' busiest actor has 11, under NEIGHBOURS_SHOWN
    assert lists[ACTOR] == expected[:NEIGHBOURS_SHOWN]
    html = (seed_site / "actors" / ACTOR / "index.html").read_text(encoding="utf-8")
    assert f'href="../../network/#n-{ACTOR}"' in html
    if len(expected) > NEIGHBOURS_SHOWN:  # the rest are in the edge list
        assert 'href="../../data/ties.csv.gz" download>ties.csv.gz</a>' in html


def test_ties_csv_is_a_complete_edge_list(seed_site: Path) -> None:
    rows = read_csv(seed_site / "data" / "ties.csv.gz")
    kinds = ("events", "through", "words", "articles")
    mine = sorted(
        ((r["target"] if r["source"] == ACTOR else r["source"]), *(int(r[k]) for k in kinds))
        for r in rows
        if ACTOR in (r["source"], r["target"]) and int(r["weight"])
    )
    assert mine == sorted(expected_ties(ACTOR))
    assert all(
        r["source"] < r["target"]
        and int(r["weight"]) == int(r["events"]) + int(r["through"]) + int(r["words"])
        for r in rows
    )
    everyone = {a["id"] for ann in annotations().values() for a in ann["actors"]}
    pairs = {
        tuple(sorted(p))
        for ann in annotations().values()
        for p in combinations({a["id"] for a in ann["actors"]}, 2)
    }
    assert {(r["source"], r["target"]) for r in rows} >= pairs and {
        r["source"] for r in rows
    } <= everyone


def test_generated_file_clashing_with_docs_file_is_reported(
    tmp_path: Path, corpus_copy: Path
) -> None:
    docs = tmp_path / "docs" / "data"
    docs.mkdir(parents=True)
    (docs / "events.csv.gz").write_text("hand-made\n", encoding="utf-8")
    result = mkdocs_build(corpus_copy, tmp_path / "b", extra=f"docs_dir: {tmp_path / 'docs'}\n")
    assert result.returncode == 1
    clash = "data/events.csv.gz: this hand-written file has the path of a generated file"
    assert clash in result.stderr


def test_feed_newest_of_reads_a_head_of_the_site_order() -> None:
    """A feed's newest articles (by earliest day, then the site's order) from a list in the
    site's order: the same as sorting all of them, whatever the precision of the dates (a month
    or a year reaches back before the days after it), and only a head of the list is read."""
    import heapq
    import random
    from types import SimpleNamespace

    from generator.derive import _newest_first
    from generator.edtf import parse_edtf
    from generator.feed import FeedWriter

    class Counted(dict):
        reads = 0

        def __getitem__(self, key: str) -> object:
            Counted.reads += 1
            return super().__getitem__(key)

    rng = random.Random(7)
    for precise in (True, False):
        for _ in range(30):
            articles = Counted()
            for i in range(rng.randint(0, 400)):
                day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                vague = [day, day, day[:7], "2024", f"{day}/2024-12-31"]
                text = day if precise else rng.choice(vague)
                articles[f"a{i:04d}"] = SimpleNamespace(id=f"a{i:04d}", published=parse_edtf(text))
            order = _newest_first(dict.values(articles))
            site = SimpleNamespace(corpus=SimpleNamespace(articles=articles))
            writer = FeedWriter(site, BuildOptions())  # type: ignore[arg-type]
            for entries in (0, 1, 10, 50, 500):
                want = heapq.nsmallest(entries, order, key=lambda a: (
                    -articles[a].published.lower.toordinal(),
                    -articles[a].published.upper.toordinal(), a))
                Counted.reads = 0
                assert writer.newest_of(tuple(order), entries) == want
                if precise and entries == 10 and len(order) == 400:
                    assert Counted.reads < 200  # not all 400
    # The head read: 10 of 400 articles, one a day.
    articles = Counted({f"a{i:03d}": SimpleNamespace(id=f"a{i:03d}", published=parse_edtf(
        f"{2000 + i // 300}-{1 + i // 28 % 10:02d}-{1 + i % 28:02d}")) for i in range(400)})
    order = _newest_first(dict.values(articles))
    Counted.reads = 0
    site = SimpleNamespace(corpus=SimpleNamespace(articles=articles))
    FeedWriter(site, BuildOptions()).newest_of(tuple(order), 10)  # type: ignore[arg-type]
    assert 10 <= Counted.reads < 100
