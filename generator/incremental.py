"""The edit loop of `mkdocs serve`: a Session kept between builds so that an edit costs what it
changes, not what the site holds. pipeline.build runs the same stages in the same order with it
(one chain, no drift); the Session only keeps what the last build read and rendered:

- load: files by their stat (load.FileCache); an unchanged file is not read or parsed again;
- render: each page with what it read of the Site while it was rendered (`_Tracker`: proxies
  of Site, Corpus and Network record every attribute, dictionary item and whole dictionary a
  page reads) and the arguments it was rendered with. A page whose arguments are equal and whose
  every read is equal in the new Site is not rendered again: its last bytes are the bytes a full
  build would make (the renderer reads nothing else; tests/test_incremental.py checks it against
  pipeline.build on random sequences of edits).

It also holds what the stages keep between builds: validated articles (validate.ArticleMemo),
what derive, network and feeds made of unchanged inputs (memo.Memo), export lines, records and
gzip members (export.ExportMemo), search documents' postings (search/memo.py). See
docs/developers/index.md, "The edit loop"."""

from __future__ import annotations

import hashlib
import inspect
from functools import cached_property
import time
from dataclasses import dataclass
from types import MethodType
from collections.abc import Callable
from typing import Any

from jinja2.bccache import Bucket, BytecodeCache

from .export import ExportMemo
from .load import FileCache
from .memo import Memo, differing
from .model import Site
from .network import Network
from .options import BuildOptions
from .render import RenderedPage, Renderer
from .search.index import LEVEL, _gzip
from .search.memo import SearchMemo
from .validate import ArticleMemo

_MISSING = object()
# A read of the Site: ("a", root, attribute), ("i", root, attribute, key) for one item of a
# dictionary, ("w", root, attribute) for a whole dictionary (iterated), ("n", root, attribute)
# for its size (counted), ("f", root, attribute, key, field) for one field of an item (an
# article: `_FIELDS`).
Dep = tuple
# Dictionaries whose items are read field by field: a list of articles reads their titles, dates
# and outlets, so an edited summary or role does not render again every page that lists it; a
# page that links an actor reads its Arabic name, so an edited description or English name renders
# again the actor's own pages, not every page that names it. Whether a key is in such a
# dictionary is the field "" (changed when the key comes or goes). The terms too: the timeline's
# filters on every term page read each theme's depth, not its lists.
_FIELDS = {("corpus", "articles"), ("corpus", "actors"), ("corpus", "themes"),
           ("site", "actors"), ("site", "themes")}
_IN = ""


class _CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates, kept in memory (the templates are part of the generator: a
    change to them needs a restart of `mkdocs serve` anyway)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class _Tracker:
    """The reads since the last page was finished: they belong to the next page (its arguments
    are looked up just before it is rendered)."""

    def __init__(self) -> None:
        self.deps: set[Dep] = set()

    def take(self) -> set[Dep]:
        deps, self.deps = self.deps, set()
        return deps


class _Fields:
    """An item of a dictionary in `_FIELDS` as a page sees it: each field read is recorded."""

    __slots__ = ("_real", "_dep", "_t")

    def __init__(self, real: object, dep: tuple, tracker: _Tracker) -> None:
        self._real, self._dep, self._t = real, dep, tracker

    def __getattr__(self, name: str) -> Any:
        self._t.deps.add((*self._dep, name))
        return getattr(self._real, name)


class _Dict:
    """A dictionary of the Site as a page sees it: every read is recorded."""

    __slots__ = ("_real", "_root", "_attr", "_t", "_fields")

    def __init__(self, real: dict, root: str, attr: str, tracker: _Tracker) -> None:
        self._real, self._root, self._attr, self._t = real, root, attr, tracker
        self._fields = (root, attr) in _FIELDS

    def _item(self, key: object) -> None:
        self._t.deps.add(("i", self._root, self._attr, key))

    def _whole(self) -> None:
        self._t.deps.add(("w", self._root, self._attr))

    def __getitem__(self, key: object) -> Any:
        if self._fields and key in self._real:
            return _Fields(self._real[key], ("f", self._root, self._attr, key), self._t)
        self._item(key)
        return self._real[key]

    def get(self, key: object, default: Any = None) -> Any:
        if self._fields and key in self._real:
            return self[key]
        self._item(key)
        return self._real.get(key, default)

    def __contains__(self, key: object) -> bool:
        if self._fields:
            self._t.deps.add(("f", self._root, self._attr, key, _IN))
        else:
            self._item(key)
        return key in self._real

    def __iter__(self):  # noqa: ANN204
        self._whole()
        return iter(self._real)

    def _size(self) -> None:
        self._t.deps.add(("n", self._root, self._attr))

    def __len__(self) -> int:
        self._size()
        return len(self._real)

    def __bool__(self) -> bool:
        self._size()
        return bool(self._real)

    def keys(self):  # noqa: ANN201
        self._whole()
        return self._real.keys()

    def values(self):  # noqa: ANN201
        self._whole()
        return self._real.values()

    def items(self):  # noqa: ANN201
        self._whole()
        return self._real.items()


class _Object:
    """Site, Corpus or Network as a page sees it: attributes are recorded, dictionaries come as
    _Dict, methods and properties run on the proxy (so what they read is recorded too)."""

    def __init__(self, real: object, root: str, tracker: _Tracker,
                 children: dict[str, _Object] | None = None) -> None:
        self.__dict__.update(_real=real, _root=root, _t=tracker, _children=children or {})

    def __getattr__(self, name: str) -> Any:
        children = self.__dict__["_children"]
        if name in children:
            return children[name]
        real = self.__dict__["_real"]
        on_class = inspect.getattr_static(type(real), name, None)
        if isinstance(on_class, property):
            return on_class.fget(self)
        if inspect.isfunction(on_class):
            return MethodType(on_class, self)
        value = getattr(real, name)
        root, tracker = self.__dict__["_root"], self.__dict__["_t"]
        if isinstance(value, dict):
            children[name] = _Dict(value, root, name, tracker)
            return children[name]
        tracker.deps.add(("a", root, name))
        return value

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("the Site is read-only")


@dataclass
class _Record:
    """A page as the last build rendered it, with what it was made from."""

    template: str
    context: dict[str, object]
    deps: frozenset[Dep]
    content: bytes
    toc: tuple


class Session:
    """What `mkdocs serve` keeps between builds (the plugin holds one per BuildOptions); pass it to
    pipeline.build(reuse=...). Counters say what the last build did again."""

    def __init__(self, options: BuildOptions) -> None:
        self.options = options
        self.files = FileCache()
        self.search = SearchMemo()
        self.articles = ArticleMemo()
        self.exports = ExportMemo()
        self.memo = Memo()
        self.templates = _CompiledTemplates()
        self._records: dict[str, _Record] = {}
        self._next: dict[str, _Record] = {}
        self._last: tuple[Site, Network] | None = None  # the Site of the last finished build
        self._now: tuple[Site, Network] | None = None
        self._changes: set[Dep] = set()  # the reads whose value differs from the last build's
        self.rendered = self.reused = 0
        self.rendered_pages: list[str] = []  # the src_uri of each page the last build rendered
        self._packed: dict[bytes, bytes] = {}  # digest of a file's bytes -> gzipped, last build
        self._packing: dict[bytes, bytes] = {}  # the same, this build
        self.times: dict[str, float] = {}  # CPU seconds of each stage of the last build
        self._clock = time.process_time()

    # pipeline.Reuse
    def lap(self, stage: str) -> None:
        now = time.process_time()
        if stage == "start":
            self.times, self._packing = {}, {}
            self.exports.start()
            self.memo.start()
        else:
            self.times[stage] = now - self._clock
        self._clock = now

    def gzip(self, data: bytes, level: int = LEVEL) -> bytes:
        """Search index files as gzip (search/index.py's _gzip): a file
        whose bytes did not change is not compressed again."""
        key = hashlib.blake2b(data, digest_size=20, person=bytes([level])).digest()
        packed = self._packed.get(key) or self._packing.get(key) or _gzip(data, level)
        self._packing[key] = packed
        return packed

    def renderer(self, site: Site, network: Network
                 ) -> tuple[Site, Network, Callable[[Site, BuildOptions], Renderer]]:
        self._now, self._next = (site, network), {}
        self._changes = _changes(self._last, self._now) if self._last else set()
        self.rendered = self.reused = 0
        self.rendered_pages = []
        tracker = _Tracker()
        corpus = _Object(site.corpus, "corpus", tracker)
        seen_site = _Object(site, "site", tracker, {"corpus": corpus})
        seen_network = _Object(network, "network", tracker)

        def make(proxy: Site, options: BuildOptions) -> Renderer:
            return _TrackedRenderer(proxy, options, self, tracker)

        return seen_site, seen_network, make  # type: ignore[return-value]

    def done(self, pages: list[RenderedPage]) -> None:
        """The build went through: its pages are the ones to compare the next build with."""
        self._records, self._next = self._next, {}
        self._packed, self._packing = self._packing, {}
        self.exports.done()
        self.memo.done()
        self._last, self._now, self._changes = self._now, None, set()

    # What a page read, then and now.
    def _page(self, template: str, src: str, context: dict[str, object], window: set[Dep]
              ) -> _Record | None:
        record = self._records.get(src)
        if (record is None or self._last is None or record.template != template
                or not record.deps.isdisjoint(self._changes) or record.context != context):
            return None
        deps = record.deps | window if window else record.deps
        return _Record(template, context, deps, record.content, record.toc)


def _changes(last: tuple[Site, Network], now: tuple[Site, Network]) -> set[Dep]:
    """Every read whose value differs between two builds (attribute, item, whole dictionary,
    field of an item), found from the Sites themselves: a page is then checked with one set
    operation on what it read, not a comparison per read (12,666 pages read 2.5 million things
    at 10,000 seed-density articles). Values compare with ==, the same object first."""
    changed: set[Dep] = set()
    for root in ("site", "corpus", "network"):
        before, after = _root(last, root), _root(now, root)
        for name in vars(before).keys() | vars(after).keys():
            if root == "site" and name == "corpus":
                continue  # read through its own proxy (root "corpus")
            old, new = getattr(before, name, _MISSING), getattr(after, name, _MISSING)
            if old is new:
                continue
            if isinstance(old, dict) and isinstance(new, dict):
                _dict_changes(changed, root, name, old, new)
            elif old != new:
                changed.add(("a", root, name))
    return changed


def _names(item: object) -> set[str]:
    """What a page may read of an item: its fields, and its class's properties."""
    kind = type(item)
    if kind not in _PROPERTIES:
        _PROPERTIES[kind] = {name for name, value in inspect.getmembers(kind)
                             if isinstance(value, (property, cached_property))}
    return vars(item).keys() | _PROPERTIES[kind]


_PROPERTIES: dict[type, set[str]] = {}


def _dict_changes(changed: set[Dep], root: str, attr: str, old: dict, new: dict) -> None:
    fields = (root, attr) in _FIELDS
    keys, old_keys = list(new), list(old)
    if keys == old_keys:  # the same keys in the same order: values compared in place, in C
        gone: list[tuple] = []
        olds, news = list(old.values()), list(new.values())
        differ = [(keys[i], olds[i], news[i]) for i in differing(olds, news)
                  if olds[i] != news[i]]
    else:
        gone = [(k, v, _MISSING) for k, v in old.items() if k not in new]
        differ = [(k, was, v) for k, v in new.items()
                  if (was := old.get(k, _MISSING)) is not v and (was is _MISSING or was != v)]
    for key, was, now in gone + differ:
        changed.add(("i", root, attr, key))
        if fields:
            if was is _MISSING or now is _MISSING:
                changed.add(("f", root, attr, key, _IN))
            names = set().union(*(_names(x) for x in (was, now) if x is not _MISSING))
            for name in names:
                a, b = getattr(was, name, _MISSING), getattr(now, name, _MISSING)
                if a is not b and (a is _MISSING or b is _MISSING or a != b):
                    changed.add(("f", root, attr, key, name))
    if gone or differ or keys != old_keys:  # a whole dictionary: its items, in order
        changed.add(("w", root, attr))
    if len(old) != len(new):  # its size (a count on a page)
        changed.add(("n", root, attr))


def _root(built: tuple[Site, Network], name: str) -> object:
    site, network = built
    return site if name == "site" else site.corpus if name == "corpus" else network


class _TrackedRenderer(Renderer):
    """The Renderer, reading the Site through proxies, rendering only pages whose inputs changed."""

    def __init__(self, site: Site, options: BuildOptions, session: Session,
                 tracker: _Tracker) -> None:
        super().__init__(site, options)
        self.session, self.tracker = session, tracker
        self.env.bytecode_cache = session.templates  # compiled once a session, not once a build

    def page(self, template: str, src_uri: str, **context: object) -> tuple[bytes, tuple]:
        window = self.tracker.take()
        # An article passed whole (the article page's own): compared whole, as an argument.
        context = {k: v._real if isinstance(v, _Fields) else v for k, v in context.items()}
        record = self.session._page(template, src_uri, context, window)
        if record is None:
            content, toc = super().page(template, src_uri, **context)
            record = _Record(template, context, frozenset(window | self.tracker.take()),
                             content, toc)
            self.session.rendered += 1
            self.session.rendered_pages.append(src_uri)
        else:
            self.session.reused += 1
        self.session._next[src_uri] = record
        return record.content, record.toc

    def listed(self) -> Site:
        """The Site itself, not watched: render_site's walk to know the pages is no page's read
        (each page's arguments are compared whole)."""
        return self.site.__dict__["_real"]
