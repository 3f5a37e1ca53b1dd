"""Data out: a generated non-page file (an export, a feed, a piece of the search index)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OutputFile:
    """One generated non-Markdown file: its path under the site root (POSIX) and its exact bytes."""

    path: str
    content: bytes
