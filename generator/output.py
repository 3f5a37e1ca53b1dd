"""Data out: a generated non-page file (an export, a feed, a piece of the search index)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class OutputFile:
    """One generated non-Markdown file: its path under the site root (POSIX) and its exact bytes."""

    path: str
    content: bytes


class OutputClash(Exception):
    """Two outputs of one build would be written to one path: one would silently replace the
    other."""


def check_unique(outputs: Iterable[tuple[str, str]]) -> None:
    """(path under the site root, what it is) for every output: raise OutputClash naming the first
    path two of them share. validate rejects the ids known to cause this (paths.RESERVED_IDS);
    this is the net under that list."""
    seen: dict[str, str] = {}
    for path, what in outputs:
        if path in seen:
            raise OutputClash(f"{path}: {what} and {seen[path]} would be written to the same file; "
                              "rename the id of one of them")
        seen[path] = what
