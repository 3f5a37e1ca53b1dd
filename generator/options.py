"""Build options: one frozen value, read once from mkdocs.yml, by the MkDocs plugin or by the CLI.

The plugin's options (`plugins: - briefing: {...}`) are declared once, in OPTIONS: the plugin's
config scheme, the CLI's reading of mkdocs.yml, the README's table (tests/test_docs_sync.py) and
the messages about a bad value all come from it. The site's name, description, URL and URL style
are MkDocs' own settings (site_name, site_description, site_url, use_directory_urls).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .edtf import DIGIT_STYLES, MONTH_STYLES, DateStyle
from .paginate import MIN_PAGE_ITEMS, PAGE_ITEMS
from .paths import Urls
from .problems import display_path
from .sitesize import DEFAULT_LIMIT, parse_size
from .sitesize import EXPECTED as SIZE_EXPECTED

PLUGIN = "briefing"  # the plugin's name in mkdocs.yml (its entry point in pyproject.toml)
CONFIG_FILE = "mkdocs.yml"


def _choice(options: tuple[str, ...]) -> tuple[Callable[[Any], bool], str]:
    return options.__contains__, "one of: " + ", ".join(f'"{o}"' for o in options)


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_page_items(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= MIN_PAGE_ITEMS


@dataclass(frozen=True)
class Option:
    """One option of the plugin: its default, a test of a good value, and what one looks like."""

    name: str
    default: Any
    valid: Callable[[Any], bool]
    expected: str
    meaning: str


OPTIONS: tuple[Option, ...] = (
    Option("seeds_dir", "seeds", _is_text, "a folder, relative to mkdocs.yml",
           "where articles, annotations and registries live (watched by `mkdocs serve`)"),
    Option("dates_months", "both", *_choice(MONTH_STYLES),
           "month names: `both` (تشرين الثاني/نوفمبر), `levantine` (used in Iraq), `egyptian`"),
    Option("dates_digits", "latin", *_choice(DIGIT_STYLES), "`latin` (0-9) or `arabic` (٠-٩)"),
    Option("dates_hijri", False, _is_bool, "true or false",
           "add the Umm al-Qura Hijri date beside day-precise dates"),
    Option("page_items", PAGE_ITEMS, _is_page_items, f"a whole number, at least {MIN_PAGE_ITEMS}",
           "events or articles on one page before a list is split into pages"),
    Option("search_enabled", True, _is_bool, "true or false",
           "build the Arabic search index (`search/`) and show the header search box"),
    Option("site_size_limit", DEFAULT_LIMIT, lambda v: parse_size(v) is not None, SIZE_EXPECTED,
           "the built site may not pass this size: the build warns from 80 % of it and fails "
           "above it, naming what is largest (GitHub Pages publishes at most 1 GB)"),
)


@dataclass(frozen=True)
class BuildOptions:
    """Everything a build is told: where the input is, how the site is named and addressed, how
    dates are written, how long a page's list may be, whether to build the search index, how
    large the built site may be."""

    seeds_dir: Path = Path("seeds")
    site_name: str = "موجز"
    site_description: str = ""
    site_url: str = ""  # "" when unknown: exports and feeds then carry relative links
    directory_urls: bool = True
    date_style: DateStyle = field(default_factory=DateStyle)
    page_items: int = PAGE_ITEMS
    search: bool = True
    size_limit: int = 10**9  # bytes: the built site may not pass it (sitesize.py)

    @property
    def urls(self) -> Urls:
        return Urls(self.site_url, self.directory_urls)


class OptionError(Exception):
    """A bad value in mkdocs.yml, named: `mkdocs.yml:47:19: plugins.briefing.page_items: …`."""


def build_options(
    plugin: Mapping[str, Any],
    *,
    site_name: str = "موجز",
    site_description: str | None = "",
    site_url: str | None = "",
    directory_urls: bool = True,
    config_file: str = "",
) -> BuildOptions:
    """BuildOptions from the plugin's values (missing ones take their default) and MkDocs' site
    settings. seeds_dir is relative to the folder of `config_file`, as MkDocs takes paths."""
    where = config_file or CONFIG_FILE
    unknown = sorted(set(plugin) - {o.name for o in OPTIONS})
    if unknown:
        names = ", ".join(o.name for o in OPTIONS)
        raise OptionError(_at(where, unknown[0], f"unknown option; expected one of: {names}"))
    values = {}
    for option in OPTIONS:
        value = plugin.get(option.name, option.default)
        if not option.valid(value):
            raise OptionError(_at(where, option.name, f"got {value!r}; expected {option.expected}"))
        values[option.name] = value
    folder = Path(config_file).parent if config_file else Path()
    seeds = Path(values["seeds_dir"])
    return BuildOptions(
        seeds_dir=Path(display_path(seeds if seeds.is_absolute() else folder / seeds)),
        site_name=site_name,
        site_description=site_description or "",
        site_url=site_url or "",
        directory_urls=directory_urls,
        date_style=DateStyle(values["dates_months"], values["dates_digits"], values["dates_hijri"]),
        page_items=values["page_items"],
        search=values["search_enabled"],
        size_limit=parse_size(values["site_size_limit"]) or 0,
    )


def _at(config_file: str, name: str, message: str) -> str:
    """A message about an option, at its line in mkdocs.yml when the file can be read."""
    line, column = _position(config_file, name)
    place = f"{display_path(Path(config_file))}:{line}:{column}" if line else config_file
    return f"{place}: plugins.{PLUGIN}.{name}: {message}"


def _position(config_file: str, name: str) -> tuple[int, int]:
    try:
        root = yaml.compose(Path(config_file).read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, yaml.YAMLError):
        return 0, 0
    node = _plugin_node(root)
    if isinstance(node, yaml.MappingNode):
        for key, _ in node.value:
            if key.value == name:
                return key.start_mark.line + 1, key.start_mark.column + 1
    return 0, 0


def _plugin_node(root: Any) -> Any:
    """The mapping of the plugin's options in a composed mkdocs.yml, or None."""
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if key.value == "plugins" and isinstance(value, yaml.SequenceNode):
            for item in value.value:
                if isinstance(item, yaml.MappingNode):
                    for name, options in item.value:
                        if name.value == PLUGIN:
                            return options
    return None


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it, for what the briefing needs: `!ENV` is resolved, and other
    tags (`!!python/name:…` of Markdown extensions) become None instead of running code."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    import yaml_env_tag  # MkDocs' own reader of !ENV (a dependency of MkDocs and of ProperDocs)

    return yaml_env_tag.construct_env_tag(loader, node)


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_options(config_file: Path) -> BuildOptions:
    """The options the site is built with, read from mkdocs.yml by the CLI as the plugin reads
    them."""
    shown = display_path(config_file)
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    except OSError as err:
        raise OptionError(f"{shown}: cannot read ({err.strerror}); expected MkDocs' configuration "
                          "file (choose another with -f)") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        place = f"{shown}:{mark.line + 1}:{mark.column + 1}" if mark else shown
        raise OptionError(f"{place}: not valid YAML ({getattr(err, 'problem', err)})") from None
    if not isinstance(data, dict):
        raise OptionError(f"{shown}: expected MkDocs' settings (site_name:, plugins:, …)")
    plugin: Mapping[str, Any] = {}
    for item in data.get("plugins") or ():
        if isinstance(item, dict) and PLUGIN in item:
            plugin = item[PLUGIN] or {}
    return build_options(
        plugin,
        site_name=str(data.get("site_name") or BuildOptions.site_name),
        site_description=data.get("site_description"),
        site_url=data.get("site_url"),
        directory_urls=data.get("use_directory_urls", True) is not False,
        config_file=str(config_file),
    )
