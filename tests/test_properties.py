"""Property-based tests: any valid seeds folder within the documented limits builds, the same way
twice, into pages and files that parse, with annotation text shown as text.

Hypothesis (tests/strategies.py) writes whole seeds folders: registries with posts, affiliations
and a theme tree up to the validator's limits, articles of Arabic, Latin, digits, date phrases,
markup-looking and odd Unicode text, and annotations whose forms and quotes are copied from the
text; and, for bad input, the smallest corpus with one value replaced by anything at all.

Examples are derandomized (the same ones on every run and machine) and no example database is
kept, so CI is stable. A failure prints the smallest corpus Hypothesis found and keeps its seeds
folder in tests/artifacts/properties/<test>/. To look for bugs beyond the fixed examples:
`PROPERTY_HUNT=10 .venv/bin/python -m pytest tests/test_properties.py` runs ten times as many
new random ones (minutes).
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import json
import os
import posixpath
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from mkdocs.utils.meta import get_data

from generator import cli, paths
from generator.arabic import display_paragraphs, normalize
from generator.edtf import DateStyle
from generator.export import _BLANKS, FORMULA_START, uncell
from generator.options import BuildOptions
from generator.pipeline import Build, build
from generator.yamlio import load_yaml

from .conftest import ROOT, mkdocs_build
from .strategies import (
    Corpus,
    broken_corpora,
    corpora,
    small_corpus,
    write_corpus,
    yaml_str,
)
from .test_build import broken_links, tree

# The same examples on every run and machine, no example database. PROPERTY_HUNT=N runs N times as
# many new random examples each time, to look for bugs beyond the fixed set.
HUNT = int(os.environ.get("PROPERTY_HUNT", "0"))
SETTINGS = {"deadline": None, "derandomize": not HUNT, "database": None, "print_blob": bool(HUNT),
            "suppress_health_check": list(HealthCheck)}


def examples(n: int) -> int:
    return n * HUNT if HUNT else n


# Tags that never come from a template: seen in a page, they come from annotation text.
FOREIGN_TAGS = {"b", "i", "script", "img", "x-pwn", "iframe", "style", "object", "embed", "base"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
LINK_SCHEMES = {"http", "https", "mailto"}
PROBLEM = re.compile(r"[^\s:][^:]*:\d+:\d+: \S.*")  # path:line:column: message, on one line


@st.composite
def build_options(draw: st.DrawFn) -> BuildOptions:
    """Options a site may set: URL style, site URL, date style, list length, search."""
    return BuildOptions(
        site_url=draw(st.sampled_from(("", "https://example.org/briefing/"))),
        directory_urls=draw(st.booleans()),
        date_style=DateStyle(draw(st.sampled_from(("both", "levantine", "egyptian"))),
                             draw(st.sampled_from(("latin", "arabic"))), draw(st.booleans())),
        page_items=draw(st.sampled_from((10, 11, 400))),
        search=draw(st.booleans()),
    )


# Checks ------------------------------------------------------------------------------------------


class Body(HTMLParser):
    """A page body as a browser tokenises it: every non-void element closed in order, no element
    or attribute that annotation text could have slipped in, each id once, links and text kept."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: Counter[str] = Counter()
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FOREIGN_TAGS:
            self.errors.append(f"<{tag}> in the page")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.errors.append(f"<{tag} {name}=…>: an event handler")
            if name == "id":
                self.ids[value] += 1
            if name in ("href", "src"):
                scheme = urlsplit(value).scheme.lower()
                if scheme and scheme not in LINK_SCHEMES:
                    self.errors.append(f"<{tag} {name}={value!r}>: a {scheme}: link")
                self.hrefs.append(value)

    def handle_endtag(self, tag: str) -> None:
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        else:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else '(nothing)'}>")

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.errors.append(f"a comment <!--{data[:40]}")

    def handle_decl(self, decl: str) -> None:
        self.errors.append(f"a declaration <!{decl[:40]}")

    def unknown_decl(self, data: str) -> None:
        self.errors.append(f"a declaration <![{data[:40]}")

    def handle_pi(self, data: str) -> None:
        self.errors.append(f"a processing instruction <?{data[:40]}")

    def close(self) -> None:
        super().close()
        if self.stack:
            self.errors.append(f"unclosed: {' > '.join(self.stack)}")
        self.errors += [f'id="{i}" {n} times' for i, n in self.ids.items() if n > 1]


def parse_page(markdown: str) -> tuple[dict, Body]:
    """Front matter as MkDocs reads it, and the body parsed."""
    body_text, meta = get_data(markdown)
    body = Body()
    body.feed(body_text)
    body.close()
    return meta, body


def safe(title: str) -> str:
    """A page title as front matter must carry it (render.safe_title's contract)."""
    return " ".join(title.replace("&", "＆").replace("<", "＜").replace(">", "＞").split())


def known_targets(result: Build, options: BuildOptions) -> set[str]:
    targets = {paths.output_path(p.src_uri, options.directory_urls) for p in result.pages}
    targets |= {f.path for f in result.files} | set(paths.ENGINE_FILES)
    for folder in (ROOT / "docs", ROOT / "generator" / "theme"):
        targets |= {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    return targets


def link_problems(src: str, hrefs: list[str], targets: set[str], ids: dict[str, set[str]],
                  options: BuildOptions) -> list[str]:
    """Relative links of a page whose target is not an output, or whose #anchor is not on it."""
    here = paths.folder_of(paths.page_url(src, options.directory_urls))
    problems = []
    for href in hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or (not parts.path and not parts.fragment):
            continue
        target = posixpath.normpath(posixpath.join(here, unquote(parts.path))) if parts.path else (
            paths.output_path(src, options.directory_urls))
        if target == ".":
            target = ""
        if parts.path.endswith("/") or parts.path in (".", "./") or target == "":
            target = f"{target}/index.html".lstrip("/")
        if target not in targets:
            problems.append(f"{src}: {href} -> {target}: no such output")
        elif parts.fragment and target in ids and parts.fragment not in ids[target]:
            problems.append(f"{src}: {href}: no id {parts.fragment!r} on {target}")
    return problems


def check_pages(corpus: Corpus, result: Build, options: BuildOptions) -> list[str]:
    problems: list[str] = []
    parsed = {}
    for page in result.pages:
        meta, body = parse_page(page.markdown)
        parsed[page.src_uri] = body
        title = meta.get("title")
        if not isinstance(title, str) or not title.strip():
            problems.append(f"{page.src_uri}: front matter has no title ({meta!r:.80})")
        elif set(title) & set("<>&"):
            problems.append(f"{page.src_uri}: title {title!r} has markup characters")
        description = meta.get("description", "")
        if not isinstance(description, str) or set(description) & set('<>&"'):
            problems.append(f"{page.src_uri}: description {description!r:.80} is not plain text")
        problems += [f"{page.src_uri}: {e}" for e in body.errors]
        if "<script" in page.markdown.lower():
            problems.append(f"{page.src_uri}: <script in the page")
    # Annotation text is shown as it was written: escaped, never read as markup.
    for a in corpus.articles:
        src = paths.article(a.stem)
        body = parsed[src]
        meta, _ = parse_page(next(p for p in result.pages if p.src_uri == src).markdown)
        if meta.get("title") != safe(a.annotation["title"]):
            problems.append(f"{src}: title {meta.get('title')!r}, expected "
                            f"{safe(a.annotation['title'])!r}")
        shown = "".join(body.text)
        ann = a.annotation
        expected = [ann["title"], ann["summary"], *(x["role"] for x in ann["actors"]),
                    *(q["text"] for q in ann.get("quotes", [])),
                    *(c["text"] for c in ann.get("claims", [])),
                    *display_paragraphs(a.text, ann["title"])]
        expected += [ann[key] for key in ("outlet", "published_note") if ann.get(key)]
        for text in expected:
            if text not in shown:
                problems.append(f"{src}: {text[:60]!r} is not shown as written")
    targets = known_targets(result, options)
    ids = {paths.output_path(src, options.directory_urls): set(body.ids)
           for src, body in parsed.items()}
    for src, body in parsed.items():
        problems += link_problems(src, body.hrefs, targets, ids, options)
    return problems


def check_files(corpus: Corpus, result: Build) -> list[str]:
    """Every export, feed and search file parses as what it claims to be; the JSON export keeps
    the annotations as written and follows its published schema."""
    problems: list[str] = []
    files = {f.path: f.content for f in result.files}
    for path, content in files.items():
        try:
            if path.endswith(".csv"):
                problems += check_csv(path, content)
            elif path.endswith(".json"):
                json.loads(content)
            elif path.endswith(".xml"):
                ET.fromstring(content)
            elif path.endswith(".csv.gz"):
                problems += check_csv(path, gzip.decompress(content))
            elif path.endswith(".gz"):
                data = gzip.decompress(content)
                if not path.startswith(paths.search_file("t/")):
                    json.loads(data)
            else:
                problems.append(f"{path}: a file of an unknown kind")
        except (ValueError, ET.ParseError, OSError, csv.Error) as err:
            problems.append(f"{path}: does not parse: {err}")
    doc = json.loads(gzip.decompress(files[paths.BRIEFING_JSON]))
    schema = json.loads(files[paths.BRIEFING_SCHEMA])
    problems += [f"{paths.BRIEFING_JSON}: {e.message[:200]}"
                 for e in Draft202012Validator(schema).iter_errors(doc)]
    exported = {a["id"]: a for a in doc["articles"]}
    for a in corpus.articles:
        out = exported.get(a.stem)
        if out is None:
            problems.append(f"{paths.BRIEFING_JSON}: article {a.stem} missing")
            continue
        for key in ("title", "summary", "outlet", "url"):
            if out[key] != a.annotation[key]:
                problems.append(f"{paths.BRIEFING_JSON}: {a.stem}.{key} changed")
        if [x["forms"] for x in out["actors"]] != [x["forms"] for x in a.annotation["actors"]]:
            problems.append(f"{paths.BRIEFING_JSON}: {a.stem} forms changed")
    titles = {a.annotation["title"] for a in corpus.articles}
    table = gzip.decompress(files[paths.ARTICLES_CSV]).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(table, newline="")))
    if {uncell(r["title"]) for r in rows} != titles:
        problems.append(f"{paths.ARTICLES_CSV}: titles do not read back as written")
    feed = ET.fromstring(files[paths.MAIN_FEED])
    shown = {e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")}
    problems += [f"{paths.MAIN_FEED}: title {t[:60]!r} missing" for t in titles - shown]
    return problems


def check_csv(path: str, content: bytes) -> list[str]:
    text = content.decode("utf-8")
    if not text.startswith("\ufeff"):
        return [f"{path}: no byte-order mark"]
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    problems = [f"{path}: row {i} has {len(r)} cells, the header {len(rows[0])}"
                for i, r in enumerate(rows) if len(r) != len(rows[0])]
    problems += [f"{path}: row {i} cell {c[:40]!r} would run as a formula"
                 for i, r in enumerate(rows) for c in r
                 if c.lstrip(_BLANKS).startswith(FORMULA_START)]
    return problems


def outputs(result: Build) -> dict[str, bytes]:
    return {p.src_uri: p.content for p in result.pages} | {f.path: f.content for f in result.files}


def run_cli(*argv: str) -> tuple[int, str, str]:
    """A `briefing` command in this process: exit status, standard output, standard error. An
    exception other than SystemExit is a bug: it fails the test with its traceback."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = cli.main(list(argv))
        except SystemExit as exit_:
            status = exit_.code if isinstance(exit_.code, int) else 1
    return status, out.getvalue(), err.getvalue()


# Properties --------------------------------------------------------------------------------------

ARTIFACTS = ROOT / "tests" / "artifacts" / "properties"


@contextlib.contextmanager
def seeds_folder(corpus: Corpus, test: str) -> Iterator[tuple[Path, Path]]:
    """(a temporary folder, the corpus written into it as seeds/). When the test fails, the seeds
    folder is kept as tests/artifacts/properties/<test>/ (the last failure, i.e. the smallest
    example Hypothesis found), to run `briefing validate --seeds …` or a build on by hand."""
    with tempfile.TemporaryDirectory() as tmp:
        seeds = write_corpus(corpus, Path(tmp) / "seeds")
        try:
            yield Path(tmp), seeds
        except BaseException as failure:
            kept = ARTIFACTS / test
            shutil.rmtree(kept, ignore_errors=True)
            shutil.copytree(seeds, kept)
            failure.add_note(f"The failing seeds folder is kept in {kept}")
            raise


@settings(max_examples=examples(300), **SETTINGS)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",))))
def test_yaml_strings_read_back_as_written(text: str) -> None:
    """The writer's scalars (JSON strings, with what YAML cannot hold as it is escaped) load back
    as the same string with PyYAML's C loader; the strategies rely on it."""
    assert yaml.load(f"k: {yaml_str(text)}\n", Loader=yaml.CSafeLoader) == {"k": text}


@settings(max_examples=examples(100), **SETTINGS)
@given(corpora(max_articles=5, busy=False))
def test_generated_corpora_are_valid(corpus: Corpus) -> None:
    """Every generated folder passes `briefing validate`: exit 0, "no problems", no traceback.
    (A rejection is either a strategy drawing invalid input or a validator refusing valid
    input.)"""
    with seeds_folder(corpus, "valid") as (_, seeds):
        status, out, err = run_cli("validate", "--seeds", str(seeds))
        assert status == 0, out + err
        assert "Traceback" not in err
        assert out.rstrip().endswith("no problems."), out


@settings(max_examples=examples(100), **SETTINGS)
@given(broken_corpora())
@example(small_corpus(url="http://[::1"))  # urlsplit raised ValueError
def test_any_broken_value_gets_a_plain_message(corpus: Corpus) -> None:
    """Bad input is told in plain words: `briefing validate` exits 1 when it finds an error, else
    0, never with a traceback, and every problem is one line `path:line:column: message`."""
    with seeds_folder(corpus, "broken") as (_, seeds):
        status, out, err = run_cli("validate", "--seeds", str(seeds))
        *problems, summary = out.rstrip("\n").split("\n")
        assert "checked in" in summary, out + err
        assert [p for p in problems if not PROBLEM.fullmatch(p)] == []
        errors = re.search(r"(\d+) error\(s\)", summary)
        assert status == (1 if errors and int(errors[1]) else 0), out + err


@settings(max_examples=examples(40), **SETTINGS)
@given(corpora(), build_options())
@example(small_corpus(), BuildOptions(directory_urls=False))  # links were one level too high
def test_any_valid_corpus_builds_the_same_parseable_site(corpus: Corpus,
                                                         options: BuildOptions) -> None:
    """(1) The build finishes; (2) a second build, from a copy at another path, gives the same
    bytes; (3) every page has a front matter title and a well-formed body whose links resolve,
    every file parses; (4) annotation text is shown as written and never as markup; (5) lint
    and `briefing new` run on it without a traceback, and the draft is YAML whose forms are in
    the text."""
    with seeds_folder(corpus, "build") as (tmp, seeds):
        result = build(replace(options, seeds_dir=seeds))
        copy = shutil.copytree(seeds, tmp / "another" / "copy")
        again = build(replace(options, seeds_dir=copy))
        first, second = outputs(result), outputs(again)
        assert [p.src_uri for p in again.pages] == [p.src_uri for p in result.pages]
        assert [k for k in first.keys() | second.keys() if first.get(k) != second.get(k)] == []
        problems = check_pages(corpus, result, options) + check_files(corpus, result)
        assert not problems, "\n".join(problems[:20])

        status, out, err = run_cli("lint", "--all", "--seeds", str(seeds))
        assert status == 0 and "Traceback" not in err, out + err
        article = corpus.articles[0]
        text = seeds / "articles" / f"{article.stem}.txt"
        status, out, err = run_cli("new", str(text), "--seeds", str(seeds), "--stdout")
        assert status == 0 and "Traceback" not in err, out + err
        draft = tmp / "draft.yml"
        draft.write_text(out, encoding="utf-8")
        loaded = load_yaml(draft)
        assert not loaded.problems
        for actor in loaded.data.get("actors") or []:
            for form in actor["forms"]:
                assert form in article.text or normalize(form) in normalize(article.text), form


@settings(max_examples=examples(2), phases=(Phase.explicit, Phase.generate), **SETTINGS)
@given(corpora(max_articles=3), st.booleans())
@example(small_corpus("1969-12-31"), True)  # the sitemap's gzip stamp cannot hold 1969
def test_mkdocs_builds_any_valid_corpus_strictly_and_alike(corpus: Corpus,
                                                          directory_urls: bool) -> None:
    """(6) A real `mkdocs build --strict`: no warning, every internal link resolves, and a second
    build in a process with another hash seed writes the same site. (Seconds per build: not
    shrunk, the failing folder is kept instead.)"""
    with seeds_folder(corpus, "mkdocs") as (tmp, seeds):
        sites = []
        for hash_seed in ("1", "2"):
            where = tmp / f"build-{hash_seed}"
            urls = f"use_directory_urls: {str(directory_urls).lower()}\n"
            result = mkdocs_build(seeds, where, urls, env={"PYTHONHASHSEED": hash_seed})
            assert result.returncode == 0, result.stderr[-3000:]
            assert "Traceback" not in result.stderr
            sites.append(where / "site")
        assert not broken_links(sites[0])
        first, second = tree(sites[0]), tree(sites[1])
        assert first.keys() == second.keys()
        assert [k for k in first if first[k] != second[k]] == []
