"""After the build: the size of the built site against a limit (GitHub Pages publishes at most
1 GB).

The engine adapter measures the site folder on disk once the engine has written it, prints the size
and what is largest, warns from WARN_SHARE of the limit and stops the build above it. Sizes are in
decimal units, as GitHub states its limit ("1 GB").
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_LIMIT = "1 GB"  # GitHub Pages: "Published GitHub Pages sites may be no larger than 1 GB"
WARN_SHARE = 0.8
SHOWN = 5  # largest folders and files named in the report
UNITS = {
    "b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "kib": 2**10, "mib": 2**20, "gib": 2**30,
}
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*", re.IGNORECASE)
EXPECTED = 'a size like "1 GB", "800 MB" or "500 MiB" (at least 1 MB), or a number of bytes'


def parse_size(value: object) -> int | None:
    """Bytes from `1 GB`, `800 MB`, `500 MiB` or a whole number of bytes; None if it is none of
    these or under 1 MB (a limit a site's theme alone passes is a typo)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        size = value
    elif isinstance(value, str) and (m := _SIZE.fullmatch(value)) and m[2].lower() in UNITS:
        size = int(float(m[1]) * UNITS[m[2].lower()])
    else:
        return None
    return size if size >= 10**6 else None


def shown(size: float) -> str:
    """A size as people read it: 812.3 MB, 1.23 GB, 45.6 kB."""
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if size >= factor:
            return f"{size / factor:,.{2 if unit == 'GB' else 1}f} {unit}"
    return f"{size:,.0f} B"


def share(size: int, limit: int) -> str:
    """A share of the limit in whole percent, rounded down: 99.8 % is not yet 100 %."""
    return f"{size * 100 // limit}%"


@dataclass(frozen=True)
class SiteSize:
    """A built site's bytes: in all, by top folder (with file counts) and its largest files."""

    total: int
    files: int
    folders: tuple[tuple[str, int, int], ...]  # (folder/, bytes, files), largest first
    largest: tuple[tuple[str, int], ...]  # (path, bytes), largest first

    def summary(self, limit: int) -> str:
        folders = ", ".join(f"{name} {shown(size)} ({files:,} files)"
                            for name, size, files in self.folders[:SHOWN])
        largest = ", ".join(f"{path} {shown(size)}" for path, size in self.largest[:SHOWN])
        return (f"{shown(self.total)} in {self.files:,} files, {share(self.total, limit)} of the "
                f"limit of {shown(limit)}. Largest folders: {folders}. Largest files: {largest}.")


def measure(site_dir: Path) -> SiteSize:
    """Walk the site folder once (os.scandir: one stat per file, no Path objects)."""
    folders: dict[str, list[int]] = {}
    largest: list[tuple[int, str]] = []
    total = files = 0
    stack = [(str(site_dir), "")]
    while stack:  # a loop, not recursion: folders may nest deeper than the stack allows
        folder, rel = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                path = f"{rel}{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, path + "/"))
                    continue
                size = entry.stat(follow_symlinks=False).st_size
                total, files = total + size, files + 1
                top = path.split("/", 1)[0] + "/" if "/" in path else "(top level)"
                count = folders.setdefault(top, [0, 0])
                count[0], count[1] = count[0] + size, count[1] + 1
                largest.append((size, path))
    largest.sort(key=lambda item: (-item[0], item[1]))
    return SiteSize(
        total, files,
        tuple(sorted(((k, v[0], v[1]) for k, v in folders.items()), key=lambda f: (-f[1], f[0]))),
        tuple((path, size) for size, path in largest[:SHOWN]),
    )


def verdict(size: SiteSize, limit: int, where: str, option: str) -> tuple[str, str]:
    """("ok" | "warn" | "over", message). `where` names the site folder, `option` the setting."""
    if size.total > limit:
        return "over", (
            f"{where} is {shown(size.total)}, over the limit of {shown(limit)} ({option}; GitHub "
            f"Pages publishes at most 1 GB). {size.summary(limit)} Make the largest of these "
            f"smaller, or raise {option} if the host takes more.")
    if size.total > WARN_SHARE * limit:
        return "warn", (
            f"{where} is {shown(size.total)}, {share(size.total, limit)} of the limit of "
            f"{shown(limit)} ({option}); the build fails above it. {size.summary(limit)}")
    return "ok", f"{where}: {size.summary(limit)}"
