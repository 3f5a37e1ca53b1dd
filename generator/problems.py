"""Problems found in the input, and the one formatter for them (every stage reports through
here)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path


# Shown as \uXXXX so that a value quoted in a message cannot break the one-line format or drive the
# terminal (ESC sequences) or reverse the line (bidi controls).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text with control characters escaped, for a one-line message."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@dataclass(frozen=True)
class Source:
    """Where a record came from: its file as the user named it (the seeds folder as given, then the
    path inside it), the record's line and column there (1-based), and the same file relative to the
    seeds folder (`within`, for "edit this page" links). Messages and links all start from it."""

    path: str  # e.g. "seeds/annotations/003_x.yml"
    line: int = 1
    column: int = 1
    within: str = ""  # e.g. "annotations/003_x.yml"

    def at(self, line: int, column: int) -> Source:
        return Source(self.path, line, column, self.within)

    def problem(self, message: str, severity: str = "error") -> Problem:
        return Problem(self.path, self.line, self.column, message, severity)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, at a place an annotator can open:
    `path:line:column: message`."""

    path: str
    line: int
    column: int
    message: str
    severity: str = "error"  # "error" fails the build; "warning" is reported by lint and --strict

    def format(self) -> str:
        return printable(f"{self.path}:{self.line}:{self.column}: {self.message}")

    def format_github(self) -> str:
        # GitHub workflow commands: newlines and % must be encoded in the message.
        text = printable(self.message).replace("%", "%25")
        level = "error" if self.severity == "error" else "warning"
        path = printable(self.path).replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::{level} file={path},line={self.line},col={self.column}::{text}"


class ValidationFailed(Exception):
    """Raised with every problem found, sorted by place, so one run shows them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        return format_problems(self.problems)


def format_problems(problems: list[Problem]) -> str:
    """The text printed by the CLI and by the MkDocs build alike."""
    errors = sum(1 for p in problems if p.severity == "error")
    lines = [p.format() for p in sorted(problems)]
    lines.append(f"{errors} error(s), {len(problems) - errors} warning(s).")
    return "\n".join(lines)


def display_path(path: Path) -> str:
    """A path as the annotator knows it: relative to the working directory when under it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path.as_posix()
    return Path(rel).as_posix() if not rel.startswith("..") else path.as_posix()
