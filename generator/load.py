"""Load stage: walk seeds/ and read every file with positions. It reads; it never judges content."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem, Source, display_path
from .yamlio import Located, Pointer, TextError, load_yaml, read_text


ARTICLES = "articles"  # the folders of seeds/
ANNOTATIONS = "annotations"


@dataclass
class RawYaml:
    """A YAML file as read: data with positions, or None when it could not be read at all."""

    path: Path
    source: Source  # the file, line 1
    doc: Located | None

    @property
    def shown(self) -> str:
        return self.source.path

    def at(self, pointer: Pointer) -> Source:
        """Where the value at `pointer` is (the file's start when the document is unreadable)."""
        return self.source.at(*self.doc.where(pointer)) if self.doc else self.source


@dataclass
class RawText:
    path: Path
    source: Source
    text: str | None

    @property
    def shown(self) -> str:
        return self.source.path


@dataclass
class RawCorpus:
    """Everything under seeds/, keyed by article stem; problems are those of reading."""

    seeds_dir: Path
    annotations: dict[str, RawYaml] = field(default_factory=dict)
    texts: dict[str, RawText] = field(default_factory=dict)
    actors: RawYaml | None = None
    themes: RawYaml | None = None
    problems: list[Problem] = field(default_factory=list)


class _Folder:
    """A folder of seeds/: resolved and shown once, not once per file (10,000 files). `name` is
    its path inside the seeds folder ("" for the seeds folder itself)."""

    def __init__(self, seeds_dir: Path, name: str = "") -> None:
        self.path = seeds_dir / name if name else seeds_dir
        self.name = name
        self.shown = display_path(self.path)
        self.seeds = seeds_dir.resolve()
        self.inside = self.path.resolve().is_relative_to(self.seeds)

    def source(self, path: Path) -> Source:
        """Where a file of this folder is, as the user named the seeds folder (lexical: the
        folder's display path will do)."""
        shown = path.name if self.shown == "." else f"{self.shown}/{path.name}"
        return Source(shown, within=f"{self.name}/{path.name}" if self.name else path.name)

    def outside(self, path: Path, shown: str) -> Problem | None:
        """A link that leads out of seeds/ would publish a file of the machine that builds the
        site."""
        if self.inside and not path.is_symlink():
            return None
        if path.resolve().is_relative_to(self.seeds):
            return None
        return Problem(shown, 1, 1, "is a link to a file outside the seeds directory; "
                       "expected a regular file here")


def _read_yaml(path: Path, problems: list[Problem], folder: _Folder) -> RawYaml:
    source = folder.source(path)
    if outside := folder.outside(path, source.path):
        problems.append(outside)
        return RawYaml(path, source, None)
    try:
        doc = load_yaml(path)
    except TextError as err:
        problems.append(source.at(err.line, err.column).problem(err.message))
        return RawYaml(path, source, None)
    except OSError as err:
        problems.append(source.problem(f"cannot read file ({err.strerror})"))
        return RawYaml(path, source, None)
    problems.extend(source.at(line, col).problem(message) for line, col, message in doc.problems)
    return RawYaml(path, source, doc if doc.data is not None else None)


def _read_text(path: Path, problems: list[Problem], folder: _Folder) -> RawText:
    source = folder.source(path)
    if outside := folder.outside(path, source.path):
        problems.append(outside)
        return RawText(path, source, None)
    try:
        return RawText(path, source, read_text(path))
    except TextError as err:
        problems.append(source.at(err.line, err.column).problem(err.message))
    except OSError as err:
        problems.append(source.problem(f"cannot read file ({err.strerror})"))
    return RawText(path, source, None)


def _uncached(read: Callable) -> Callable:
    """A reader that takes, as FileCache's do, the folder's entry for the file (and needs not)."""
    return lambda path, problems, folder, entry=None: read(Path(path), problems, folder)


def load_corpus(seeds_dir: Path, cache: FileCache | None = None) -> RawCorpus:
    """Read seeds/articles/*.txt, seeds/annotations/*.yml, seeds/actors.yml and seeds/themes.yml.
    With a `cache` (`mkdocs serve`), a file unchanged since the last load is not read again."""
    raw = RawCorpus(seeds_dir)
    if cache:
        cache.begin()
    read_text, read_yaml = (cache.text, cache.yaml) if cache else (_uncached(_read_text),
                                                                    _uncached(_read_yaml))
    articles, annotations = _Folder(seeds_dir, ARTICLES), _Folder(seeds_dir, ANNOTATIONS)
    for folder, expected, read, into in ((articles, (".txt",), read_text, raw.texts),
                                         (annotations, (".yml", ".yaml"), read_yaml,
                                          raw.annotations)):
        entries = _entries(folder.path)
        raw.problems.extend(_strays(folder.path, entries, expected))
        for entry in entries:  # by name: a.yaml before a.yml
            if not entry.name.endswith(expected) or entry.is_dir():
                continue
            stem = os.path.splitext(entry.name)[0]  # as Path.stem
            if stem in into:
                raw.problems.append(folder.source(Path(entry.path)).problem(
                    f"a second annotation for {stem}; keep one .yml file"))
                continue
            into[stem] = read(entry.path, raw.problems, folder, entry)
    registries = _Folder(seeds_dir)
    for name in ("actors", "themes"):
        path = seeds_dir / f"{name}.yml"
        if path.is_file():
            setattr(raw, name, read_yaml(path, raw.problems, registries))
        else:
            raw.problems.append(registries.source(path).problem(
                f"the {name} registry is missing; expected {path.name}"))
    if cache:
        cache.end()
    return raw


class FileCache:
    """What each file held when last read, by its stat (modification time, size, inode): `mkdocs
    serve` re-reads only the files an edit touched. A file changed within RACY_NS of being read
    may change again with the same stat (coarse file-system clocks): it is read again next time,
    as git does with its index."""

    RACY_NS = 2_000_000_000

    def __init__(self) -> None:
        self.files: dict[str, tuple[tuple[int, ...], object, list[Problem]]] = {}  # by path
        self.reads = 0  # files read by the last load (the others came from the cache)
        self.seen: set[str] = set()

    def begin(self) -> None:
        self.reads, self.seen = 0, set()

    def text(self, path: Path | str, problems: list[Problem], folder: _Folder,
             entry: os.DirEntry | None = None) -> RawText:
        return self._get(path, problems, folder, _read_text, entry)  # type: ignore[return-value]

    def yaml(self, path: Path | str, problems: list[Problem], folder: _Folder,
             entry: os.DirEntry | None = None) -> RawYaml:
        return self._get(path, problems, folder, _read_yaml, entry)  # type: ignore[return-value]

    def _get(self, path: Path | str, problems: list[Problem], folder: _Folder, read,
             entry: os.DirEntry | None) -> object:
        """`entry`: the file as its folder's listing found it (one stat, no lstat); files are
        kept by their path as a string (a Path costs more to make and hash than the stat, and
        10,000 articles are 20,000 files)."""
        key = str(path)
        try:
            st = entry.stat() if entry else os.stat(key)
            link = entry.is_symlink() if entry else os.path.islink(key)
        except OSError:  # gone or unreadable: read() says so
            return read(Path(path), problems, folder)
        stamp = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino, link)
        self.seen.add(key)
        hit = self.files.get(key)
        if hit is not None and hit[0] == stamp:
            problems.extend(hit[2])
            return hit[1]
        found: list[Problem] = []
        value = read(Path(path), found, folder)
        problems.extend(found)
        self.reads += 1
        if time.time_ns() - st.st_mtime_ns > self.RACY_NS:
            self.files[key] = (stamp, value, found)
        else:
            self.files.pop(key, None)
        return value

    def end(self) -> None:
        """Forget the files this load no longer found (removed or renamed)."""
        for path in self.files.keys() - self.seen:
            del self.files[path]


def expected_file(seeds_dir: Path, folder: str, name: str) -> str:
    """A file the seeds folder should hold, as the user named the folder (for messages)."""
    return display_path(seeds_dir / folder / name)


def _entries(folder: Path) -> list[os.DirEntry]:
    """A folder's entries by name (none if it is not a folder): names and kinds at once, no stat
    per file (10,000 articles are 20,000 files)."""
    if not folder.is_dir():
        return []
    with os.scandir(folder) as found:
        return sorted(found, key=lambda e: e.name)


def _strays(folder: Path, entries: list[os.DirEntry], expected: tuple[str, ...]
            ) -> list[Problem]:
    """Files the build would skip without a word (a3.TXT, notes.md, a folder): nothing is lost
    silently. Hidden files (.gitkeep) and the .bak that `briefing new --force` keeps are left
    alone."""
    problems = []
    for entry in entries:
        stem, suffix = os.path.splitext(entry.name)
        if not entry.name.startswith(".") and not (suffix in expected and not entry.is_dir()) \
                and not (suffix == ".bak" and stem.endswith(expected)):
            problems.append(Problem(
                display_path(folder / entry.name), 1, 1, f"{folder.name}/ holds only "
                f"{' or '.join(expected)} files; rename this file or move it out of seeds/"))
    return problems
