"""One URL scheme: generator/paths.py is the only place that spells a page path, a file path, an
anchor or a URL of the built site. Python and templates ask it (paths.actor(id), paths.TIMELINE,
paths.event_anchor(id)…); this test fails on a path written anywhere else."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

from generator import paths
from generator.paths import Urls, page_url, relpath

from .conftest import ROOT

GENERATOR = ROOT / "generator"
SITE_FOLDERS = "timeline|feeds|actors|themes|data|search|articles"
# A Python string that is a site path: starts with a site folder, names a page or file of the
# site, or an event anchor. Prose mentioning a folder ("the site's data/ folder") is not one.
PY_PATH = re.compile(rf"^[rbfu]*['\"]+(({SITE_FOLDERS})/|event-)|\.(md|xml|csv)\b(?!\.j2)|#event-")
# Examples of messages for annotators (they quote what the messages say), not paths the code uses.
NOT_SCANNED = {"paths.py", "messages.py"}
# In a template: a quoted path in a Jinja expression, a literal href into the site, an anchor id.
TEMPLATE_PATH = re.compile(
    rf"['\"]({SITE_FOLDERS})/|\.md['\"]|href=\"(?!\{{\{{|#\{{\{{|https?://)|['\"#]event-|id=\"(y|n-|type-)"
)


def _strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module that are not docstrings."""
    tokens = list(tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline))
    found, before = [], tokenize.NEWLINE
    for token in tokens:
        if token.type == tokenize.STRING and before not in (tokenize.NEWLINE, tokenize.INDENT,
                                                            tokenize.DEDENT):
            found.append((token.start[0], token.string))
        if token.type not in (tokenize.NL, tokenize.COMMENT):
            before = token.type
    return found


def test_python_spells_no_site_path_outside_paths_py() -> None:
    offending = [
        f"{path.relative_to(ROOT)}:{line}: {text[:80]}"
        for path in sorted(GENERATOR.rglob("*.py")) if path.name not in NOT_SCANNED
        for line, text in _strings(path) if PY_PATH.search(text)
    ]
    assert offending == []


def test_templates_spell_no_site_path() -> None:
    offending = []
    for path in sorted((GENERATOR / "templates").glob("*.j2")):
        text = re.sub(r"\{##.*?##\}", "", path.read_text(encoding="utf-8"), flags=re.S)
        for n, line in enumerate(text.splitlines(), 1):
            if TEMPLATE_PATH.search(line):
                offending.append(f"{path.relative_to(ROOT)}:{n}: {line[:100]}")
    assert offending == []


def test_the_guards_catch_a_path() -> None:
    assert PY_PATH.search('f"actors/{actor_id}.md"') and PY_PATH.search('"timeline.md"')
    assert not PY_PATH.search('"write the exports (as in the site\'s data/ folder)"')
    assert TEMPLATE_PATH.search("{{ href('actors/' ~ x ~ '.md') }}")
    assert TEMPLATE_PATH.search('<a href="#y{{ year }}">')
    assert not TEMPLATE_PATH.search('<a href="{{ href(paths.actor(x)) }}">')


def test_page_urls() -> None:
    assert page_url(paths.HOME) == ""
    assert page_url(paths.ACTORS) == "actors/"
    assert page_url(paths.article("a1")) == "articles/a1/"
    assert page_url(paths.article("a1"), directory_urls=False) == "articles/a1.html"
    assert page_url(paths.part(paths.TIMELINE_PARTS, "2024-11")) == "timeline/2024-11/"


def test_relative_links_between_pages() -> None:
    assert relpath("actors/iran/", "articles/a1/") == "../../actors/iran"
    assert relpath("", "actors/") == ".."
    assert relpath("actors/", "actors/") == "."


def test_urls_absolute_with_a_site_url_and_relative_without() -> None:
    assert Urls().page(paths.actor("iran")) == "actors/iran/"
    site = Urls("https://example.org/briefing")
    assert site.page(paths.actor("iran"), paths.NETWORK_SECTION) == (
        "https://example.org/briefing/actors/iran/#network")
    assert Urls().link_from(paths.actor_feed("iran"), paths.actor_feed("iran")) == "iran.xml"
    assert Urls().link_from(paths.MAIN_FEED, "") == "../"
