"""Strict YAML and text reading: safe C loader, no dates/aliases/duplicate keys, positions on
demand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import re

import yaml

from .yamlsyntax import explain

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# An annotation is a few KB; a registry of 10k actors fits well within this.
MAX_YAML_BYTES = 2_000_000
MAX_TEXT_BYTES = 5_000_000
MAX_NODES = 200_000  # refuses documents that are absurdly large even without aliases
MAX_DEPTH = 20  # an annotation nests 4 levels; deeper data would only exhaust the Python stack
# C0 controls (tab and line ends aside), DEL and C1 controls: never in an article or annotation.
_CONTROL_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# A path into a loaded document, e.g. ("events", 2, "date"); () is the root.
Pointer = tuple
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


class Located:
    """A loaded document with the (line, column) of every value, both 1-based.

    Positions are needed only to report a problem, so a clean document is loaded without them and
    they are found on first use, by composing the kept text again (same text, same positions).
    """

    def __init__(self, data: Any = None, text: str | None = None) -> None:
        self.data = data
        self.text = text or ""  # as read (see read_text)
        self.problems: list[tuple[int, int, str]] = []
        self._positions: dict[Pointer, tuple[int, int]] | None = None
        self._key_positions: dict[Pointer, tuple[int, int]] = {}

    @property
    def positions(self) -> dict[Pointer, tuple[int, int]]:
        if self._positions is None:
            self._positions = {}
            if self.text:
                builder = _Builder()
                builder.build(yaml.compose(self.text, Loader=Loader), ())
                self._positions, self._key_positions = builder.positions, builder.key_positions
        return self._positions

    @property
    def key_positions(self) -> dict[Pointer, tuple[int, int]]:
        self.positions  # noqa: B018 (computes both)
        return self._key_positions

    def where(self, pointer: Pointer) -> tuple[int, int]:
        """Position of a value, or of its nearest enclosing value."""
        positions = self.positions
        pointer = tuple(pointer)
        while pointer not in positions and pointer:
            pointer = pointer[:-1]
        return positions.get(pointer, (1, 1))


class TextError(Exception):
    """A file that cannot be read as text: carries line, column and a plain message."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def read_text(path: Path, limit: int = MAX_TEXT_BYTES) -> str:
    """Read a UTF-8 text file; BOM and CRLF are accepted (and dropped), anything else is a
    TextError."""
    size = path.stat().st_size
    if size > limit:
        raise TextError(1, 1, f"file is {size:,} bytes; expected at most {limit:,} bytes")
    raw = path.read_bytes()[: limit + 1]  # a file that grew since stat() is cut, then refused below
    if len(raw) > limit:
        raise TextError(1, 1, f"file is over {limit:,} bytes; expected at most {limit:,} bytes")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        start = raw.rfind(b"\n", 0, err.start) + 1
        # In characters, as editors count them.
        column = len(raw[start : err.start].decode("utf-8", errors="replace")) + 1
        raise TextError(
            line,
            column,
            f"byte 0x{raw[err.start]:02x} is not UTF-8; expected the file saved as UTF-8",
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if m := _CONTROL_CHAR.search(text):
        line, column = line_column(text, m.start())
        what = "NUL byte" if m.group() == "\x00" else f"control character U+{ord(m.group()):04X}"
        raise TextError(line, column, f"{what} in text; expected plain text")
    if not text.strip():
        raise TextError(1, 1, "file is empty; expected text")
    return text


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def load_yaml(path: Path) -> Located:
    """Load one YAML document with positions; problems are collected, not raised (TextError
    aside)."""
    text = read_text(path, MAX_YAML_BYTES)
    try:
        # Aliases (*name) are refused before anything is built: no "billion laughs" can expand.
        # An alias needs a "*"; most files have none, so the event scan is skipped for them.
        events = yaml.parse(text, Loader=Loader) if "*" in text else ()
        aliases = [e.start_mark for e in events if isinstance(e, yaml.AliasEvent)]
        node = None if aliases else yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if "single document" in (err.context or ""):
            raise TextError(line, col, "a second YAML document starts here; "
                            "expected one document per file")
        raise TextError(*explain(text, err, Loader)) from None  # in plain words, where it is
    except yaml.reader.ReaderError as err:  # a character YAML does not allow (e.g. U+FFFE)
        found = yaml.reader.Reader.NON_PRINTABLE.search(text)  # libyaml's err.position is in bytes
        line, col = line_column(text, found.start()) if found else (1, 1)
        raise TextError(line, col, f"character U+{err.character:04X} is not allowed in YAML; "
                        "delete it")
    except yaml.YAMLError as err:  # e.g. more than one document
        raise TextError(1, 1, f"YAML error: {err}; expected one YAML document") from None
    if aliases:
        located = Located()
        shown = aliases[:MAX_ALIASES_SHOWN]
        located.problems = [(m.line + 1, m.column + 1, MESSAGE_ALIAS) for m in shown]
        if len(aliases) > len(shown):
            m, more = aliases[len(shown)], len(aliases) - len(shown)
            located.problems.append((m.line + 1, m.column + 1, f"and {more:,} more YAML aliases "
                                     "from here on; write every value out in full"))
        return located  # data stays None: the file is checked further once the aliases are gone
    if node is None:
        raise TextError(1, 1, "file has no YAML content; expected a mapping of fields")
    try:
        return Located(_Plain().build(node, 0), text)  # the common case: nothing to report
    except _Surprise:
        pass  # build again, recording positions, to say what and where
    builder = _Builder()
    located = Located(builder.build(node, ()), text)
    located.problems = builder.problems
    located._positions, located._key_positions = builder.positions, builder.key_positions
    return located


MESSAGE_ALIAS = "YAML aliases (*name) are not allowed; write the value out in full"
MAX_ALIASES_SHOWN = 10


class _Surprise(Exception):
    """Raised by _Plain at anything _Builder would report."""


class _Plain:
    """Turns a composed node tree into plain data, fast: no positions. Anything that _Builder
    would report (a tag, a duplicate key, an unquoted date, too deep, too many values) raises
    _Surprise."""

    def __init__(self) -> None:
        self.count = 0
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _Surprise
        kind = type(node)
        if kind is yaml.ScalarNode:
            if node.tag == _STR:
                return node.value
            if node.tag not in _SCALAR_TAGS:
                raise _Surprise
            try:
                return self.constructor.construct_object(node, deep=True)
            except (yaml.YAMLError, ValueError, OverflowError):
                return node.value
        if depth >= MAX_DEPTH or node.tag not in _COLLECTION_TAGS:
            raise _Surprise
        if kind is yaml.SequenceNode:
            return [self.build(item, depth + 1) for item in node.value]
        result = {}
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode or key_node.tag != _STR:
                raise _Surprise  # a merge key, a number or a list as a field name
            key = key_node.value
            if key in result:
                raise _Surprise
            result[key] = self.build(value_node, depth + 1)
        return result


class _Builder:
    """Turns a composed node tree into plain data, recording positions and refusing surprises."""

    def __init__(self) -> None:
        self.positions: dict[Pointer, tuple[int, int]] = {}
        self.key_positions: dict[Pointer, tuple[int, int]] = {}
        self.problems: list[tuple[int, int, str]] = []
        self.seen: set[int] = set()
        self.count = 0
        self.constructor = yaml.constructor.SafeConstructor()

    def problem(self, node: yaml.Node, message: str) -> None:
        self.problems.append((node.start_mark.line + 1, node.start_mark.column + 1, message))

    def build(self, node: yaml.Node, pointer: Pointer) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise TextError(
                1, 1, f"document has more than {MAX_NODES:,} values; expected a small file"
            )
        self.positions[pointer] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if len(pointer) >= MAX_DEPTH and isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            self.problem(node, f"lists and fields nested more than {MAX_DEPTH} levels deep; "
                         "expected the few levels of the annotation format")
            return None
        if id(node) in self.seen:
            # An alias (*name) reuses a node: refused, so no "billion laughs" expansion can happen.
            self.problem(node, MESSAGE_ALIAS)  # not reached: load_yaml refuses aliases first
            return None
        self.seen.add(id(node))
        collection = isinstance(node, (yaml.MappingNode, yaml.SequenceNode))
        if collection and node.tag not in _COLLECTION_TAGS:
            self.problem(
                node, f"YAML tag {node.tag} is not allowed; expected plain fields and lists"
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, pointer)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, pointer + (i,)) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def mapping(self, node: yaml.MappingNode, pointer: Pointer) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(key_node, "YAML merge keys (<<) are not allowed; write the fields out")
                continue
            key = self.scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                self.problem(key_node, "field names must be plain words; expected e.g. `title:`")
                continue
            if key in result:
                first = self.key_positions[pointer + (key,)]
                self.problem(
                    key_node,
                    f"duplicate field `{key}` (first at line {first[0]}); a field may appear once",
                )
                continue
            self.key_positions[pointer + (key,)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            result[key] = self.build(value_node, pointer + (key,))
        return result

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == _STR:
            return node.value  # the common case, without the constructor's overhead
        if node.tag == "tag:yaml.org,2002:timestamp":
            self.problem(
                node,
                f"date {node.value} is not in quotes (YAML reads it as a date object); "
                f'expected a quoted EDTF date like "{node.value}"',
            )
            return node.value
        if node.tag not in _SCALAR_TAGS:
            self.problem(node, f"YAML tag {node.tag} is not allowed; expected plain text")
            return node.value
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError):  # e.g. an int of 5,000 digits
            return node.value
