"""Load stage, helper: a YAML syntax error in plain words, at the line where the mistake is.

libyaml reports where parsing stopped, in parser terms ("found character that cannot start any
token", "did not find expected key"), often a line after the mistake. This looks at the text around
that place, and at the quoted values scanned before it, to name the usual mistakes of someone
editing an annotation by hand: a tab in the indentation, a quote not closed or closed too early, a
": " in an unquoted value, a missing ":" or ",", a list not closed, a line indented unlike its
neighbours. Anything else keeps libyaml's words. It runs only when a file fails to parse.
"""

from __future__ import annotations

import re

import yaml

# "title:", "- id:", "  - - name:": the start of a line that holds a field.
_FIELD = re.compile(r"^(?P<indent> *)(?P<dashes>(?:- +)*)(?P<key>[^\s:#\"'\[\]{},][^:#]*?):(?: |$)")
_DASH = re.compile(r"^(?P<indent> *)- ")

Where = tuple[int, int, str]  # 1-based line and column, message
_NOT_A_FIELD = ("this line is not a field; expected `name: value`, with a colon and a space after "
                "the field name")


def explain(text: str, err: yaml.MarkedYAMLError, loader: type) -> Where:
    """Line, column and message for a syntax error of libyaml in `text`."""
    mark = err.problem_mark or err.context_mark
    line, col = (mark.line, mark.column) if mark else (0, 0)  # 0-based here
    lines = text.split("\n")
    problem, context = err.problem or "", err.context or ""
    for rule in (_tab, _escape, _unclosed_quote, _closed_too_early, _colon, _flow, _indentation):
        found = rule(lines, line, col, problem, context, err, text, loader)
        if found:
            return found
    what = (problem or "invalid YAML").strip()
    return line + 1, col + 1, f"YAML syntax error: {what}; check quotes, colons and indentation"


def _tab(lines: list[str], line: int, col: int, *_: object) -> Where | None:
    """A tab where libyaml stopped, or in the indentation of that line."""
    if line >= len(lines):
        return None
    row = lines[line]
    lead = len(row) - len(row.lstrip(" \t-"))  # indentation, with list dashes
    at = col if col < len(row) and row[col] == "\t" else row.find("\t", 0, lead)
    if at < 0:
        return None
    return line + 1, at + 1, "a tab character in the indentation; YAML indentation must use spaces"


def _escape(lines: list[str], line: int, col: int, problem: str, *_: object) -> Where | None:
    if "unknown escape character" not in problem:
        return None
    return (line + 1, col + 1, 'a backslash \\ inside "…" starts an escape like \\n; write it as '
            "\\\\, or put the value in single quotes '…'")


def _scanned(text: str, loader: type, before: tuple[int, int]) -> list[yaml.Token]:
    """The tokens that start before a position (line, column), in order."""
    found: list[yaml.Token] = []
    try:
        for token in yaml.scan(text, Loader=loader):
            if (token.start_mark.line, token.start_mark.column) >= before:
                break
            found.append(token)
    except yaml.YAMLError:
        pass
    return found


def _quoted(text: str, loader: type, before: tuple[int, int]) -> list[yaml.ScalarToken]:
    """The quoted values scanned before a position (line, column), in order."""
    return [t for t in _scanned(text, loader, before)
            if isinstance(t, yaml.ScalarToken) and t.style in ('"', "'")]


def _unclosed_quote(
    lines: list[str], line: int, col: int, problem: str, context: str,
    err: yaml.MarkedYAMLError, text: str, loader: type,
) -> Where | None:
    """A quote not closed on its line runs on to the next quote, lines later: report its opening."""
    if "quoted scalar" in context and "end of stream" in problem and err.context_mark:
        start = err.context_mark
    else:
        quoted = [t for t in _quoted(text, loader, (line, col + 1))
                  if (t.end_mark.line, t.end_mark.column) <= (line, col + 1)]
        start = None
        for token in reversed(quoted[-3:]):
            first, last = token.start_mark.line, token.end_mark.line
            # A value that swallowed the next field: a later line of it reads like `field: `.
            if first < last and any(_FIELD.match(lines[i]) for i in range(first + 1, last + 1)):
                start = token.start_mark
                break
        if start is None:
            return None
    quote = lines[start.line][start.column] if start.column < len(lines[start.line]) else '"'
    return (start.line + 1, start.column + 1,
            f"the quote {quote} that opens this value is not closed on its line; "
            f"expected a closing {quote} at the end of the value")


def _closed_too_early(
    lines: list[str], line: int, col: int, problem: str, context: str,
    err: yaml.MarkedYAMLError, text: str, loader: type,
) -> Where | None:
    """A value in quotes, then more text on the same line: a quote inside the value closed it."""
    if not problem.startswith(("did not find expected", "mapping values are not allowed")):
        return None
    quoted = _quoted(text, loader, (line, col + 1))
    if not quoted:
        return None
    token = quoted[-1]
    end = token.end_mark
    if end.line != line or lines[line][end.column:col].strip():
        return None
    rest = lines[line][col:]
    quote = token.style
    if "flow" in context and rest[:1] in ('"', "'"):
        return (line + 1, col + 1,
                "a comma is missing between two items of the list; expected , here")
    shown = token.value if len(token.value) <= 40 else token.value[:40] + "…"
    inside = '\\"' if quote == '"' else "''"
    return (line + 1, end.column, f"the value {quote}{shown}{quote} is closed by this {quote}, but "
            f"the line goes on; to put {quote} inside a value write {inside} (or use « »)")


def _colon(
    lines: list[str], line: int, col: int, problem: str, context: str,
    err: yaml.MarkedYAMLError, *_: object,
) -> Where | None:
    """": " inside an unquoted value, or a field without its ":" on the line before."""
    if "could not find expected ':'" in problem and err.context_mark:  # `place "طهران"`
        start = err.context_mark
        return start.line + 1, start.column + 1, _NOT_A_FIELD
    if "mapping values are not allowed" not in problem or line >= len(lines):
        return None
    row = lines[line]
    field = _FIELD.match(row)
    if field and field.end() <= col:
        key, value = field["key"], row[field.end():].strip()
        return (line + 1, col + 1, 'a colon and a space (": ") inside a value without quotes; '
                f'put the value in quotes: {key}: "{_short(value)}"')
    previous = _previous_content(lines, line)
    if previous is not None and not _FIELD.match(lines[previous]):
        row = lines[previous]
        indent = len(row) - len(row.lstrip(" -"))
        return previous + 1, indent + 1, _NOT_A_FIELD
    return None


def _flow(
    lines: list[str], line: int, col: int, problem: str, context: str,
    err: yaml.MarkedYAMLError, text: str, loader: type,
) -> Where | None:
    """A [list] or {mapping} that is not closed on its line (ours never span lines)."""
    if "flow" not in context:
        return None
    opened: list[yaml.Token] = []
    for token in _scanned(text, loader, (line, col + 1)):
        if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
            opened.append(token)
        elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)) and opened:
            opened.pop()
    if not opened or opened[-1].start_mark.line == line:
        return None
    start = opened[-1].start_mark
    bracket = "[" if isinstance(opened[-1], yaml.FlowSequenceStartToken) else "{"
    close = "]" if bracket == "[" else "}"
    what = "list" if bracket == "[" else "group of fields"
    return (start.line + 1, start.column + 1, f"the {what} opened with {bracket} here is not "
            f"closed on its line; expected {close} at its end, and a comma between items")


def _indentation(
    lines: list[str], line: int, col: int, problem: str, *_: object
) -> Where | None:
    """A line indented unlike the line it belongs with."""
    if not problem.startswith("did not find expected") or line >= len(lines):
        return None
    row = lines[line]
    indent = len(row) - len(row.lstrip(" "))
    if col != indent:
        return None  # libyaml stopped inside the line: not an indentation mistake
    is_dash = row[indent:].startswith("-")
    for i in range(line - 1, -1, -1):
        above = lines[i]
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        if is_dash:
            dash = _DASH.match(above)
            if not dash:
                continue
            want, like = len(dash["indent"]), "the `-` of the list item"
        else:
            field = _FIELD.match(above)
            if not field:
                return None
            want = len(field["indent"]) + len(field["dashes"])
            like = f"`{field['key']}:`"
        if want == indent:
            return None
        spaces = "space" if indent == 1 else "spaces"
        return (line + 1, col + 1, f"this line is indented by {indent} {spaces}; expected {want}, "
                f"like {like} on line {i + 1} (YAML reads the structure from the indentation)")
    return None


def _previous_content(lines: list[str], line: int) -> int | None:
    for i in range(line - 1, -1, -1):
        if lines[i].strip() and not lines[i].lstrip().startswith("#"):
            return i
    return None


def _short(value: str) -> str:
    return value if len(value) <= 40 else value[:40] + "…"
