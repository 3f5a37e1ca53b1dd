"""Load stage: walk seeds/ and read every file with positions. It reads; it never judges content."""

from __future__ import annotations

import os
import time
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


def load_corpus(seeds_dir: Path, cache: FileCache | None = None) -> RawCorpus:
    """Read seeds/articles/*.txt, seeds/annotations/*.yml, seeds/actors.yml and seeds/themes.yml.
    With a `cache` (`mkdocs serve`), a file unchanged since the last load is not read again."""
    raw = RawCorpus(seeds_dir)
    if cache:
        cache.begin()
    read_text, read_yaml = (cache.text, cache.yaml) if cache else (_read_text, _read_yaml)
    for folder, expected in ((ARTICLES, (".txt",)), (ANNOTATIONS, (".yml", ".yaml"))):
        raw.problems.extend(_strays(seeds_dir / folder, expected))
    articles = _Folder(seeds_dir, ARTICLES)
    # Sorted by name (one folder: the same order as by Path, without comparing 10,000 Paths).
    for path in sorted((p for p in articles.path.glob("*.txt") if not p.is_dir()),
                       key=lambda p: p.name):
        raw.texts[path.stem] = read_text(path, raw.problems, articles)
    annotations = _Folder(seeds_dir, ANNOTATIONS)
    found = [*annotations.path.glob("*.yml"), *annotations.path.glob("*.yaml")]
    for path in sorted((p for p in found if not p.is_dir()), key=lambda p: p.name):
        if path.stem in raw.annotations:
            raw.problems.append(annotations.source(path).problem(
                f"a second annotation for {path.stem}; keep one .yml file"))
            continue
        raw.annotations[path.stem] = read_yaml(path, raw.problems, annotations)
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
        self.files: dict[Path, tuple[tuple[int, ...], object, list[Problem]]] = {}
        self.reads = 0  # files read by the last load (the others came from the cache)
        self.seen: set[Path] = set()

    def begin(self) -> None:
        self.reads, self.seen = 0, set()

    def text(self, path: Path, problems: list[Problem], folder: _Folder) -> RawText:
        return self._get(path, problems, folder, _read_text)  # type: ignore[return-value]

    def yaml(self, path: Path, problems: list[Problem], folder: _Folder) -> RawYaml:
        return self._get(path, problems, folder, _read_yaml)  # type: ignore[return-value]

    def _get(self, path: Path, problems: list[Problem], folder: _Folder, read) -> object:
        try:
            st = path.stat()
        except OSError:  # gone or unreadable: read() says so
            return read(path, problems, folder)
        stamp = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino, path.is_symlink())
        self.seen.add(path)
        hit = self.files.get(path)
        if hit is not None and hit[0] == stamp:
            problems.extend(hit[2])
            return hit[1]
        found: list[Problem] = []
        value = read(path, found, folder)
        problems.extend(found)
        self.reads += 1
        if time.time_ns() - st.st_mtime_ns > self.RACY_NS:
            self.files[path] = (stamp, value, found)
        else:
            self.files.pop(path, None)
        return value

    def end(self) -> None:
        """Forget the files this load no longer found (removed or renamed)."""
        for path in self.files.keys() - self.seen:
            del self.files[path]


def expected_file(seeds_dir: Path, folder: str, name: str) -> str:
    """A file the seeds folder should hold, as the user named the folder (for messages)."""
    return display_path(seeds_dir / folder / name)


def _strays(folder: Path, expected: tuple[str, ...]) -> list[Problem]:
    """Files the build would skip without a word (a3.TXT, notes.md, a folder): nothing is lost
    silently. Hidden files (.gitkeep) and the .bak that `briefing new --force` keeps are left
    alone."""
    if not folder.is_dir():
        return []
    with os.scandir(folder) as found:  # names and kinds at once: no stat per file
        entries = sorted(found, key=lambda e: e.name)
    problems = []
    for entry in entries:
        stem, suffix = os.path.splitext(entry.name)
        if not entry.name.startswith(".") and not (suffix in expected and not entry.is_dir()) \
                and not (suffix == ".bak" and stem.endswith(expected)):
            problems.append(Problem(
                display_path(folder / entry.name), 1, 1, f"{folder.name}/ holds only "
                f"{' or '.join(expected)} files; rename this file or move it out of seeds/"))
    return problems
