"""Every kind of problem the checks report, with what an annotator does about it.

A problem is `path:line:column: message`. The message says what is wrong and what is expected; this
catalogue names each kind of message and gives the fix in a sentence. seeds/FORMAT.md lists them
("Messages"), and tests/test_docs_sync.py keeps the three in step: every message the tests' cases
produce is of exactly one kind, every kind's example is of that kind, every kind is documented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str
    pattern: re.Pattern[str]
    example: str
    fix: str
    severity: str = "error"


def _k(name: str, pattern: str, example: str, fix: str, severity: str = "error") -> Kind:
    return Kind(name, re.compile(pattern), example, fix, severity)


KINDS: tuple[Kind, ...] = (
    # Files -----------------------------------------------------------------------------------
    _k("outside-link", r"^is a link to a file outside the seeds directory",
       "is a link to a file outside the seeds directory; expected a regular file here",
       "Replace the link by the file itself."),
    _k("unreadable", r"^cannot read file \(", "cannot read file (Permission denied)",
       "Check the file's permissions."),
    _k("second-annotation", r"^a second annotation for ",
       "a second annotation for 003_x; keep one .yml file", "Keep one of NAME.yml and NAME.yaml."),
    _k("registry-missing", r"^the (actors|themes) registry is missing",
       "the actors registry is missing; expected actors.yml",
       "Put actors.yml and themes.yml in the seeds folder."),
    _k("stray-file", r"holds only .* files; rename this file",
       "annotations/ holds only .yml or .yaml files; rename this file or move it out of seeds/",
       "Rename the file (a3.TXT to a3.txt) or move it out of the seeds folder."),
    _k("file-too-big", r"^file is (over )?[\d,]+ bytes; expected at most",
       "file is 6,000,000 bytes; expected at most 5,000,000 bytes",
       "Split or shorten the file; an article is a few thousand words."),
    _k("not-utf8", r"is not UTF-8", "byte 0xe1 is not UTF-8; expected the file saved as UTF-8",
       "Save the file as UTF-8 in the editor."),
    _k("control-in-text", r"^(NUL byte|control character U\+[0-9A-F]+) in text",
       "control character U+0007 in text; expected plain text",
       "Delete the invisible character at that place (copy-paste brings them in)."),
    _k("empty-file", r"^file (is empty|has no YAML content)", "file is empty; expected text",
       "Put the text or the annotation in the file, or delete it."),
    # YAML --------------------------------------------------------------------------------------
    _k("yaml-second-document", r"^a second YAML document starts here",
       "a second YAML document starts here; expected one document per file",
       "Remove the `---` line: one annotation per file."),
    _k("yaml-character", r"^character U\+[0-9A-F]+ is not allowed in YAML",
       "character U+FFFE is not allowed in YAML; expected plain text",
       "Delete the character; it is no text."),
    _k("yaml-syntax", r"^YAML (syntax )?error: ",
       "YAML syntax error: found unexpected end of stream; check quotes, colons and indentation",
       "Look at the line and the one before: a quote, colon or indentation is off."),
    _k("yaml-alias", r"YAML aliases",
       "YAML aliases (*name) are not allowed; write the value out in full",
       "Write the value out where the `*name` stands."),
    _k("too-many-values", r"^document has more than [\d,]+ values",
       "document has more than 200,000 values; expected a small file",
       "Split the file; an annotation has a few hundred values."),
    _k("too-deep", r"nested more than \d+ levels deep",
       "lists and fields nested more than 20 levels deep; expected the few levels of the "
       "annotation format", "Follow the format's few levels of fields and lists."),
    _k("yaml-tag", r"^YAML tag .* is not allowed",
       "YAML tag tag:yaml.org,2002:binary is not allowed; expected plain text",
       "Remove the `!tag` before the value."),
    _k("yaml-merge-key", r"^YAML merge keys", "YAML merge keys (<<) are not allowed; write the "
       "fields out", "Write the fields out instead of `<<: *name`."),
    _k("field-name", r"^field names must be plain words",
       "field names must be plain words; expected e.g. `title:`",
       "Write the field's name as in the format, without quotes or brackets."),
    _k("duplicate-field", r"^duplicate field `",
       "duplicate field `title` (first at line 1); a field may appear once",
       "Keep one of the two; the second would silently win."),
    _k("unquoted-date", r"is not in quotes \(YAML reads it as a date object\)",
       'date 2024-11-10 is not in quotes (YAML reads it as a date object); expected a quoted EDTF '
       'date like "2024-11-10"', "Put the date in double quotes."),
    _k("tab-indentation", r"^a tab character in the indentation",
       "a tab character in the indentation; YAML indentation must use spaces",
       "Replace the tab by spaces (the editor's 'convert indentation to spaces')."),
    _k("backslash-escape", r'^a backslash \\ inside "…" starts an escape',
       'a backslash \\ inside "…" starts an escape like \\n; write it as \\\\, or put the value in '
       "single quotes '…'", "Double the backslash, or use single quotes."),
    _k("unclosed-quote", r"that opens this value is not closed on its line",
       'the quote " that opens this value is not closed on its line; expected a closing " at the '
       "end of the value", "Add the closing quote at the end of the value."),
    _k("quote-inside-value", r"is closed by this .*, but the line goes on",
       'the value "اجتماع " is closed by this ", but the line goes on; to put " inside a value '
       'write \\" (or use « »)', "Write the inner quote as \\\" or use « »."),
    _k("colon-in-value", r'^a colon and a space \(": "\) inside a value without quotes',
       'a colon and a space (": ") inside a value without quotes; put the value in quotes: '
       'summary: "…"', "Put the whole value in double quotes."),
    _k("comma-missing", r"^a comma is missing between two items",
       "a comma is missing between two items of the list; expected , here",
       "Add the comma between the two items."),
    _k("unclosed-bracket", r"opened with [\[{] here is not closed",
       "the list opened with [ here is not closed on its line; expected ] at its end, and a comma "
       "between items", "Close the list with ] on the same line."),
    _k("bad-indentation", r"^this line is indented by \d+ spaces?; expected \d+",
       "this line is indented by 5 spaces; expected 4, like `role:` on line 15 (YAML reads the "
       "structure from the indentation)", "Indent the line like the one the message names."),
    _k("not-a-field", r"^this line is not a field",
       "this line is not a field; expected `name: value`, with a colon and a space after the "
       "field name", "Add the colon and a space after the field's name."),
    # Fields --------------------------------------------------------------------------------------
    _k("missing-field", r": missing field `", "file: missing field `summary`; expected `summary:` "
       "(A short summary in Arabic)", "Add the field the message names."),
    _k("unknown-field", r": unknown field `", "file: unknown field `sumary` (did you mean "
       "`summary`?); expected one of: …", "Fix the field's name (the nearest one is suggested)."),
    _k("not-a-choice", r": got .*; expected one of: \"",
       'events[0].date_basis: got "relativ" (did you mean "relative"?); expected one of: '
       '"explicit", "relative", "inferred"', "Use one of the values listed."),
    _k("not-an-id", r": got .*; expected an id in lowercase ASCII kebab-case",
       'actors[1].id: got "عباس عراقجي" (did you mean "abbas-araghchi"?); expected an id in '
       'lowercase ASCII kebab-case like "qasim-al-araji"',
       "Use the registry id (Latin lowercase letters, digits and hyphens)."),
    _k("bad-date", r'^(?!date .* is not in quotes)(.*)(is not an EDTF date|is not a real day|'
       r'ends before it starts|has month \d+|has year 0000|is not a quoted date|'
       r'expected a quoted EDTF date)',
       'published: "2024-02-30" is not a real day (2024-02 has 29 days)',
       'Write the date as EDTF in quotes: "2024-11-10", "2024-11", "2024", a range "A/B", '
       "with ~ (about) or ? (uncertain)."),
    _k("wrong-type", r": got (nothing|a list|a mapping of fields|the number |the yes/no value |\")"
       r".*; expected (?!one of: \"|an id in lowercase|a quoted EDTF|an http)",
       'outlet: got the number 2024; expected the outlet\'s name in quotes, or ""',
       "Write the value as the message expects (text in quotes, a list in [ ], …)."),
    _k("file-is-a-list", r"^the file is a list; expected a mapping",
       "the file is a list; expected a mapping of fields like `title:`",
       "Start the file with its fields (`title:` …), not with `- `."),
    _k("too-long", r": text is [\d,]+ characters; expected at most",
       "outlet: text is 5,000 characters; expected at most 200", "Shorten the text."),
    _k("empty-value", r": is empty; expected", 'summary: is empty; expected text in quotes',
       "Write the value, or remove the optional field."),
    _k("item-count", r": has \d+ items; expected (at most|at least) \d+",
       "actors[0].forms: has 0 items; expected at least 1", "Add or remove items."),
    _k("invisible-character", r": contains (the invisible control character|the Unicode "
       r"noncharacter|a lone surrogate) U\+",
       "actors[1].role: contains the invisible control character U+202E; expected plain text "
       "without it", "Delete the invisible character (it can reverse how text reads)."),
    # Ids and references ------------------------------------------------------------------------
    _k("duplicate-id", r"^duplicate \w+ id \"",
       'duplicate event id "2024-11-10-meeting" (first at line 18); ids must be unique',
       "Give each its own id (the same event twice in one article is one event)."),
    _k("reserved-id", r'(is a reserved file name on Windows|id ".*" is reserved: it is the name '
       r"of)", 'theme id "sitemap" is reserved: it is the name of the site map of its feed folder '
       "(feeds/…/sitemap.xml); choose another id", "Choose another id."),
    _k("unknown-id", r": unknown (actor|theme)( of this article)? \"",
       'actors[1].id: unknown actor "abbas-araqchi" (did you mean "abbas-araghchi"?); expected an '
       "id from actors.yml", "Fix the id (the nearest is suggested), or add it to the registry."),
    _k("not-in-article-list", r"is in .* but not in this annotation's `",
       'events[0].actors[1]: actor "iraq" is in actors.yml but not in this annotation\'s `actors` '
       "list; expected it added to that list, or an id from it",
       "Add the actor (or theme) to the article's own list first."),
    _k("theme-loop", r"makes a loop of parents",
       'themes[0].parent: "border-security" makes a loop of parents (a → b → a); expected a tree',
       "Give the theme a parent above it, or none."),
    _k("theme-too-deep", r"levels deep; expected at most \d+ levels of themes",
       'themes[12].parent: "deep-9" puts this theme 11 levels deep; expected at most 10 levels of '
       "themes", "Attach the theme higher in the tree."),
    _k("body-loop", r"belongs to a loop of bodies",
       'actors[0]: "a" belongs to a loop of bodies (a → b → a: affiliations and posts); expected '
       "each body to belong only to bodies above it",
       "Remove the affiliation or post `of` that points back down."),
    _k("body-chain-too-long", r"bodies above it, one after another",
       'actors[29]: "body-29" has 10 bodies above it, one after another; expected at most 9 '
       "(affiliations and posts)", "Attach the body higher up."),
    # Article checks ----------------------------------------------------------------------------
    _k("published-note-missing", r"^published_note: missing",
       "published_note: missing; expected a note saying how the inferred date was established",
       "Say in published_note how you inferred the date."),
    _k("bad-url", r"expected an http:// or https:// address",
       'url: got "ftp://x"; expected an http:// or https:// address, or ""',
       "Give the article's web address, or \"\"."),
    _k("form-not-in-text", r"does not occur in .*; expected a spelling copied from the text",
       'actors[1].forms[0]: "عراقجى" does not occur in a1.txt; expected a spelling copied from the '
       "text", "Copy the spelling from the text (the nearest passage is shown)."),
    _k("quote-not-in-text", r"does not occur in .*; expected the quote copied exactly",
       "quotes[0].text: does not occur in a1.txt; expected the quote copied exactly from the text",
       "Copy the quote from the text (the nearest passage is shown)."),
    _k("bad-file-name", r'^file name ".*" is (not allowed|taken)',
       'file name "a b" is not allowed; expected letters, digits, "_" and "-" only',
       "Rename the article and its annotation together."),
    _k("case-clash", r"only by case; rename one", '"A1" differs from "a1" only by case; rename one',
       "Rename one: some systems cannot hold both."),
    _k("missing-pair", r"^(article has no annotation|annotation has no article text)",
       "article has no annotation; expected annotations/a3.yml",
       "Add the annotation (`make new FILE=…`) or the text, with the same name."),
    # Warnings (briefing lint) -------------------------------------------------------------------
    _k("unannotated-mention", r"is named in the text .* but not annotated",
       'actors: "iraq" is named in the text ("العراق", line 5 of a1.txt) but not annotated; add '
       "it, or ignore this if the text means something else",
       "Annotate the actor, unless the text means something else.", "warning"),
    _k("weekday-mismatch", r"but date_text .* says .*; check the date",
       'events[0].date: "2024-11-12" is a الثلاثاء, but date_text "الأحد" says الأحد; check the '
       "date", "Check the date against the weekday the text gives.", "warning"),
    _k("event-without-themes", r"no `themes`, so the event is listed under",
       "events[0]: no `themes`, so the event is listed under both of the article's themes; add "
       "`themes:` with the ones it is about", "Add the event's own themes.", "warning"),
    _k("unused-entry", r"is used by no article",
       'actors[3]: "nobody" is used by no article; remove it, or annotate an article that names '
       "it", "Remove the entry, or annotate an article that uses it.", "warning"),
    _k("common-word-alias", r"is also a common Arabic word",
       'actors[1].aliases.ar[2]: "كان" is also a common Arabic word, so mentions of it are not '
       "counted; use a longer alias", "Use a longer alias.", "warning"),
    _k("shared-alias", r"is also a name of \"",
       'actors[1].aliases.ar[1]: "الاعرجي" is also a name of "qasim-al-araji" (line 5); a mention '
       "cannot tell the two apart: keep it for one actor only",
       "Keep the name for one actor only.", "warning"),
)


def kinds_of(message: str) -> list[Kind]:
    """The kinds a message is of (exactly one, for every message the checks write)."""
    return [kind for kind in KINDS if kind.pattern.search(message)]
