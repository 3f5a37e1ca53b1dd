"""A corpus with a script payload in every text field, and a checker that built pages keep them
inert.

Every payload carries a marker `PWN-<field>` so a test can find where each field ended up. A payload
tries markup (<script>, <img onerror>, <svg onload>), attribute break-out ("'>), Markdown links to
javascript:, Markdown emphasis, Jinja syntax and a request to an outside host (evil.example).
"""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

EVIL_HOST = "evil.example"


def payload(field: str) -> str:
    """The hostile text for one field (at most 200 characters: `outlet` allows no more)."""
    return (
        f'PWN-{field} "\'><script>alert("{field}")</script>'
        f"<img src=https://{EVIL_HOST}/{field}.png onerror=alert(1)><svg onload=alert(2)> "
        f"[x](javascript:alert(3)) **b** {{{{ 7*7 }}}}"
    )


# Field kinds of annotations and registries, each with its own payload.
ACTOR_FIELDS = (
    "name-ar", "name-en", "alias-ar", "alias-en", "description-ar", "description-en", "position",
)
THEME_FIELDS = ("label-ar", "label-en", "theme-description-ar", "theme-description-en")
ANNOTATION_FIELDS = (
    "title", "outlet", "published-note", "summary", "role", "form", "event-description", "place",
    "date-text", "quote", "claim", "second-title", "second-date-text",
)
HOSTILE_URL = 'https://example.org/PWN-url?q="><script>alert("url")</script>'
# Lines of the article body: Markdown and HTML that would do harm if the text were read as Markdown.
BODY_LINES = (
    payload("body"),
    "# PWN-body-heading {#evil onclick=alert(4)}",
    "    PWN-body-indented <script>alert(5)</script>",
    "<div markdown=\"1\">PWN-body-md-in-html **x** <script>alert(6)</script></div>",
    "</p></div></article><script>alert(7)</script>PWN-body-closing",
    "<!-- PWN-body-comment",
    "[PWN-body-link](javascript:alert(8)) <https://evil.example/PWN-body-autolink>",
    "```",
    "PWN-body-fence <iframe src=https://evil.example/PWN-frame></iframe>",
    "---",
    "title: PWN-body-front-matter",
)
FIELDS = ACTOR_FIELDS + THEME_FIELDS + ANNOTATION_FIELDS + ("body", "url")


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def write_hostile_corpus(target: Path) -> Path:
    """Write a valid corpus (two articles, two actors, one theme); every text field is hostile."""
    if target.exists():
        shutil.rmtree(target)
    (target / "articles").mkdir(parents=True)
    (target / "annotations").mkdir()
    p = payload
    (target / "actors.yml").write_text(
        "actors:\n"
        '  - id: "hostile-actor"\n'
        '    type: "person"\n'
        f'    name: {{ar: {_q(p("name-ar"))}, en: {_q(p("name-en"))}}}\n'
        f'    aliases: {{ar: [{_q(p("alias-ar"))}], en: [{_q(p("alias-en"))}]}}\n'
        f'    positions: [{{title: {_q(p("position"))}, of: "other-actor", from: "2020"}}]\n'
        f'    description: {{ar: {_q(p("description-ar"))}, en: {_q(p("description-en"))}}}\n'
        '  - id: "other-actor"\n'
        '    type: "state"\n'
        '    name: {ar: "دولة", en: "State"}\n'
        '    description: {ar: "دولة."}\n',
        encoding="utf-8",
    )
    (target / "themes.yml").write_text(
        "themes:\n"
        '  - id: "hostile-theme"\n'
        f'    label: {{ar: {_q(p("label-ar"))}, en: {_q(p("label-en"))}}}\n'
        f'    description: {{ar: {_q(p("theme-description-ar"))}, '
        f'en: {_q(p("theme-description-en"))}}}\n',
        encoding="utf-8",
    )
    # The article text holds the forms and the quote (they must occur in it) and its own payloads.
    body = [p("title"), p("form"), "دولة", p("quote"), *BODY_LINES]
    (target / "articles" / "h1.txt").write_text("\n".join(body) + "\n", encoding="utf-8")
    (target / "annotations" / "h1.yml").write_text(
        f"title: {_q(p('title'))}\n"
        f"outlet: {_q(p('outlet'))}\n"
        f"url: {_q(HOSTILE_URL)}\n"
        'language: "ar"\n'
        'published: "2024-11-10"\n'
        'published_basis: "inferred"\n'
        f"published_note: {_q(p('published-note'))}\n"
        f"summary: {_q(p('summary'))}\n"
        'themes: ["hostile-theme"]\n'
        "actors:\n"
        '  - id: "hostile-actor"\n'
        f"    role: {_q(p('role'))}\n"
        f"    forms: [{_q(p('form'))}]\n"
        '  - id: "other-actor"\n'
        '    role: "دولة"\n'
        '    forms: ["دولة"]\n'
        "events:\n"
        '  - id: "2024-11-10-hostile"\n'
        '    date: "2024-11-10"\n'
        f"    date_text: {_q(p('date-text'))}\n"
        '    date_basis: "explicit"\n'
        '    actors: ["hostile-actor", "other-actor"]\n'
        f"    place: {_q(p('place'))}\n"
        f"    description: {_q(p('event-description'))}\n"
        "quotes:\n"
        '  - speaker: "hostile-actor"\n'
        f"    text: {_q(p('quote'))}\n"
        "claims:\n"
        '  - claimant: "hostile-actor"\n'
        f"    text: {_q(p('claim'))}\n"
        '    about: ["other-actor"]\n',
        encoding="utf-8",
    )
    # A second report of the same event with another date: the timeline then shows both date_texts.
    (target / "articles" / "h2.txt").write_text(f"{p('second-title')}\nدولة\n", encoding="utf-8")
    (target / "annotations" / "h2.yml").write_text(
        f"title: {_q(p('second-title'))}\n"
        'outlet: ""\n'
        'url: ""\n'
        'language: "ar"\n'
        'published: "2024-11"\n'
        'published_basis: "printed"\n'
        'summary: "ملخص."\n'
        'themes: ["hostile-theme"]\n'
        "actors:\n"
        '  - id: "other-actor"\n'
        '    role: "دولة"\n'
        '    forms: ["دولة"]\n'
        "events:\n"
        '  - id: "2024-11-10-hostile"\n'
        '    date: "2024-11~"\n'
        f"    date_text: {_q(p('second-date-text'))}\n"
        '    date_basis: "explicit"\n'
        '    actors: ["other-actor"]\n'
        '    description: "حدث."\n',
        encoding="utf-8",
    )
    return target


_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset"}
_BAD_SCHEMES = ("javascript:", "data:", "vbscript:")


class Inertness(HTMLParser):
    """Reads a page as a browser would tokenise it and records everything a payload could make live:
    script content, event-handler attributes, script URLs, requests to the outside host.
    Text (`data`) is where payloads belong: it is collected for "shown as text" checks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.live: list[str] = []
        self.text: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []  # (tag, name, value) holding a marker
        self.title = ""  # the <title> text, apart: it is plain text by construction (safe_title)
        self._in_script = False
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        names = {name for name, _ in attrs}
        self._in_script = tag in ("script", "style")
        self._in_title = tag == "title"
        for name, value in attrs:
            value = value or ""
            squeezed = "".join(value.split()).lower()
            if name.startswith("on") and ("alert" in value or "PWN" in value):
                self.live.append(f"<{tag} {name}={value!r}>")
            if name in _URL_ATTRS and squeezed.startswith(_BAD_SCHEMES):
                self.live.append(f"<{tag} {name}={value!r}>")
            if name in ("src", "srcset", "data", "poster") and EVIL_HOST in value:
                self.live.append(f"<{tag} {name}={value!r}>")
            if "PWN" in value or "alert(" in value:
                self.attributes.append((tag, name, value))
        if tag in ("iframe", "object", "embed", "base") or (tag == "svg" and "onload" in names):
            self.live.append(f"<{tag}>")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)
        self._in_script = False

    def handle_endtag(self, tag: str) -> None:
        self._in_script = self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_script and ("alert(" in data or "PWN" in data):
            self.live.append(f"script: {data[:80]!r}")
        elif self._in_title:
            self.title += data
        elif not self._in_script:
            self.text.append(data)

    def handle_comment(self, data: str) -> None:
        if "PWN" in data:
            self.live.append(f"a payload opened an HTML comment: {data[:80]!r}")


def inspect_html(html: str) -> Inertness:
    parser = Inertness()
    parser.feed(html)
    parser.close()
    return parser


def build_hostile_site(base: Path) -> Path:
    """Build the hostile corpus once per session (both test modules call this); returns the site."""
    from .conftest import mkdocs_build

    site = base / "hostile-build" / "site"
    if not (site / "index.html").exists():
        seeds = write_hostile_corpus(base / "hostile-seeds")
        result = mkdocs_build(seeds, base / "hostile-build")
        assert result.returncode == 0, result.stderr
    return site
