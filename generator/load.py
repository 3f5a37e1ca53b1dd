"""Load stage: walk seeds/ and read every file with positions. It reads; it never judges content."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem, display_path
from .yamlio import Located, TextError, load_yaml, read_text


@dataclass
class RawYaml:
    """A YAML file as read: data with positions, or None when it could not be read at all."""

    path: Path
    shown: str
    doc: Located | None


@dataclass
class RawText:
    path: Path
    shown: str
    text: str | None


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
    """A folder of seeds/: resolved and shown once, not once per file (10,000 files)."""

    def __init__(self, folder: Path, seeds_dir: Path) -> None:
        self.path = folder
        self.shown = display_path(folder)
        self.seeds = seeds_dir.resolve()
        self.inside = folder.resolve().is_relative_to(self.seeds)

    def show(self, path: Path) -> str:
        """display_path(path), for a path in this folder: it is lexical, so the folder's will do."""
        if path.parent != self.path:
            return display_path(path)
        return path.name if self.shown == "." else f"{self.shown}/{path.name}"

    def outside(self, path: Path, shown: str) -> Problem | None:
        """A link that leads out of seeds/ would publish a file of the machine that builds the site."""
        if self.inside and not path.is_symlink():
            return None
        if path.resolve().is_relative_to(self.seeds):
            return None
        return Problem(shown, 1, 1, "is a link to a file outside the seeds directory; "
                       "expected a regular file here")


def _read_yaml(path: Path, problems: list[Problem], folder: _Folder) -> RawYaml:
    shown = folder.show(path)
    if outside := folder.outside(path, shown):
        problems.append(outside)
        return RawYaml(path, shown, None)
    try:
        doc = load_yaml(path)
    except TextError as err:
        problems.append(Problem(shown, err.line, err.column, err.message))
        return RawYaml(path, shown, None)
    except OSError as err:
        problems.append(Problem(shown, 1, 1, f"cannot read file ({err.strerror})"))
        return RawYaml(path, shown, None)
    problems.extend(Problem(shown, line, col, message) for line, col, message in doc.problems)
    return RawYaml(path, shown, doc if doc.data is not None else None)


def _read_text(path: Path, problems: list[Problem], folder: _Folder) -> RawText:
    shown = folder.show(path)
    if outside := folder.outside(path, shown):
        problems.append(outside)
        return RawText(path, shown, None)
    try:
        return RawText(path, shown, read_text(path))
    except TextError as err:
        problems.append(Problem(shown, err.line, err.column, err.message))
    except OSError as err:
        problems.append(Problem(shown, 1, 1, f"cannot read file ({err.strerror})"))
    return RawText(path, shown, None)


def load_corpus(seeds_dir: Path) -> RawCorpus:
    """Read seeds/articles/*.txt, seeds/annotations/*.yml, seeds/actors.yml and seeds/themes.yml."""
    raw = RawCorpus(seeds_dir)
    for folder, expected in (("articles", (".txt",)), ("annotations", (".yml", ".yaml"))):
        raw.problems.extend(_strays(seeds_dir / folder, expected))
    articles = _Folder(seeds_dir / "articles", seeds_dir)
    for path in sorted(p for p in articles.path.glob("*.txt") if not p.is_dir()):
        raw.texts[path.stem] = _read_text(path, raw.problems, articles)
    annotations = _Folder(seeds_dir / "annotations", seeds_dir)
    found = [*annotations.path.glob("*.yml"), *annotations.path.glob("*.yaml")]
    for path in sorted(p for p in found if not p.is_dir()):
        if path.stem in raw.annotations:
            raw.problems.append(Problem(annotations.show(path), 1, 1,
                                        f"a second annotation for {path.stem}; keep one .yml file"))
            continue
        raw.annotations[path.stem] = _read_yaml(path, raw.problems, annotations)
    registries = _Folder(seeds_dir, seeds_dir)
    for name in ("actors", "themes"):
        path = seeds_dir / f"{name}.yml"
        if path.is_file():
            setattr(raw, name, _read_yaml(path, raw.problems, registries))
        else:
            raw.problems.append(
                Problem(display_path(path), 1, 1, f"the {name} registry is missing; expected {path.name}")
            )
    return raw


def _strays(folder: Path, expected: tuple[str, ...]) -> list[Problem]:
    """Files the build would skip without a word (a3.TXT, notes.md, a folder): nothing is lost
    silently. Hidden files (.gitkeep) and the .bak that `briefing new --force` keeps are left alone."""
    if not folder.is_dir():
        return []
    return [
        Problem(display_path(path), 1, 1, f"{folder.name}/ holds only {' or '.join(expected)} "
                "files; rename this file or move it out of seeds/")
        for path in sorted(folder.iterdir())
        if not path.name.startswith(".") and not (path.suffix in expected and not path.is_dir())
        and not (path.suffix == ".bak" and path.stem.endswith(expected))
    ]
