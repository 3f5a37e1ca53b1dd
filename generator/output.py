"""Data out: the non-page files of a build (exports, feeds) and the URLs they carry."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache

from .render import page_url


@dataclass(frozen=True)
class OutputFile:
    """One generated non-Markdown file: its path under the site root (POSIX) and its exact bytes."""

    path: str
    content: bytes


@dataclass(frozen=True)
class Publication:
    """What exports and feeds need to know about the published site. `url` is MkDocs' site_url
    ("" when unknown): with it, links and ids are absolute; without it, links are relative."""

    name: str = "موجز"
    description: str = ""
    url: str = ""
    directory_urls: bool = True

    @property
    def base(self) -> str:
        return self.url if not self.url or self.url.endswith("/") else self.url + "/"

    def page(self, src_uri: str, anchor: str = "") -> str:
        """The URL of a generated page: absolute with site_url, else relative to the site root."""
        return (
            self.base + _page_url(src_uri, self.directory_urls) + (f"#{anchor}" if anchor else "")
        )

    def link_from(self, file_path: str, target: str) -> str:
        """`target` (a path under the site root) as a link written in the file at `file_path`."""
        if self.url:
            return self.base + target
        rel = posixpath.relpath(target or ".", posixpath.dirname(file_path) or ".")
        if rel == ".":
            return "./"
        return rel + "/" if target.endswith("/") or not target else rel


@lru_cache(maxsize=65536)
def _page_url(src_uri: str, directory_urls: bool) -> str:
    return page_url(src_uri, directory_urls)  # called for every row of the exports
