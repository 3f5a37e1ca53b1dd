"""Problems found in the input, and the one formatter for them (every stage reports through here)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, at a place an annotator can open: `path:line:column: message`."""

    path: str
    line: int
    column: int
    message: str
    severity: str = "error"  # "error" fails the build; "warning" is reported by lint and --strict

    def format(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"

    def format_github(self) -> str:
        # GitHub workflow commands: newlines and % must be encoded in the message.
        text = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        level = "error" if self.severity == "error" else "warning"
        return f"::{level} file={self.path},line={self.line},col={self.column}::{text}"


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
