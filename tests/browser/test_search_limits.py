"""Search at the documented limits, in Chromium: the largest registry, the longest alias, and any
query string. The search must answer (results or "no results"), never throw, and the work a query
costs must stay bounded by its length. Timings are in tests/bench/search.py --limits, not here.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from pathlib import Path

import pytest

from tests.bench.search_limits import (
    NAMED,
    PROTO_ALIASES,
    SHARED_ALIAS,
    actor_id,
    arabic_name,
    latin_alias,
    long_alias,
    many_aliases,
)

from ..conftest import mkdocs_build, serve
from ..search_eval import site_path
from .test_search import INPUT, LINKS, type_query

STATUS = "[data-brf-search-status]"
# The status line of an answered query: a count of results, or none.
ANSWERED = re.compile(r"^(لا نتائج|نتيجة واحدة|نتيجتان|\d+ نتائج|\d+ نتيجة) لـ «[^»]*»")

PARSE = """async (q) => {
  window.__index = window.__index || await BriefingSearch.Index.load();
  const parsed = BriefingSearch.parse(window.__index, q);
  return { work: parsed.work, words: parsed.words.length, cut: parsed.cut,
           groups: parsed.groups.map((g) => g.entities.map((e) => e.id)) };
}"""


def _site(tmp_path_factory: pytest.TempPathFactory, name: str, make) -> Path:
    where = tmp_path_factory.mktemp(name)
    result = mkdocs_build(make(where / "seeds"), where)
    assert result.returncode == 0, result.stderr[-3000:]
    return where / "site"


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory):
    """The registry with the most spellings the limits allow (about 12 s to build)."""
    site = _site(tmp_path_factory, "many-aliases", many_aliases)
    server, url = serve(site)
    yield url, site
    server.shutdown()


@pytest.fixture(scope="module")
def long(tmp_path_factory: pytest.TempPathFactory):
    """A registry with the longest aliases the limits allow (250 words)."""
    site = _site(tmp_path_factory, "long-alias", long_alias)
    server, url = serve(site)
    yield url, site
    server.shutdown()


def results(page) -> list[str]:
    return [site_path(h) for h in page.eval_on_selector_all(LINKS, "els => els.map(e => e.href)")]


def answered(page, query: str) -> str:
    """Types the query and returns the status line, which must be an ordinary answer."""
    type_query(page, query)
    status = page.inner_text(STATUS)
    assert ANSWERED.match(status), status[:200]
    assert len(status) < 200  # a pasted page is not repeated in full
    return status


def test_registry_with_the_most_aliases(many, watched) -> None:
    url, site = many
    meta = json.loads(gzip.decompress((site / "search" / "meta.gz").read_bytes()))
    # More alias keys than Chromium takes as spread arguments (Math.max(...keys) threw at ~125,000).
    assert len(meta["aliases"]) > 190_000
    page, watch = watched
    page.goto(url + "articles/", wait_until="networkidle")

    answered(page, latin_alias(0x3A5, 150))
    assert results(page) == [f"actors/{actor_id(0x3A5)}/"]
    answered(page, arabic_name(NAMED))  # the actor's page, then the article that names it
    assert results(page) == [f"actors/{actor_id(NAMED)}/", "articles/a1/"]
    answered(page, "Araji")
    assert results(page)[0] == "actors/qasim-al-araji/"
    for alias in PROTO_ALIASES:
        answered(page, alias)
        assert results(page) == ["actors/proto/"]

    # A name that 952 actors share: their pages, the first MAX_ENTITIES of them named first.
    limit = page.evaluate("BriefingSearch.limits.entities")
    parsed = page.evaluate(PARSE, SHARED_ALIAS)
    assert [len(ids) for ids in parsed["groups"]] == [limit]
    status = answered(page, SHARED_ALIAS)  # every actor page has the word; a1 names one of them
    assert status.startswith(("952 نتيجة", "953 نتيجة")), status
    assert all(p.startswith("actors/g") for p in results(page))
    assert watch.errors == [] and watch.outside == []


def _junk(seed: int) -> str:
    """A random string of letters, marks, presentation forms, controls, quotes and symbols."""
    rng = random.Random(seed)
    ranges = [
        (0x20, 0x7E), (0x600, 0x6FF), (0x64B, 0x65F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFC),
        (0x200B, 0x200F), (0x2066, 0x2069), (0xAB, 0xBB), (0x1F600, 0x1F64F), (0x4E00, 0x4E80),
    ]
    out = []
    for _ in range(rng.randint(1, 300)):
        lo, hi = rng.choice(ranges)
        out.append(chr(rng.randint(lo, hi)))
    return "".join(out)


HOSTILE = {
    **{name: name for name in [*PROTO_ALIASES, "__defineGetter__", "prototype", "length"]},
    "10000-characters": "ب" * 10_000,
    "10000-characters-words": "الحدود " * 1_428,
    "500-words": " ".join(f"كلمة{n}" for n in range(500)),
    "500-quoted-words": "«" + " ".join(["الأعرجي"] * 500) + "»",
    "regex-characters": r".*+?^${}()|[]\/ ' \" « » “ ”",
    **{f"junk-{n}": _junk(n) for n in range(6)},
}


def test_any_query_is_answered(seed_url: str, watched) -> None:
    page, watch = watched
    page.goto(seed_url + "articles/", wait_until="networkidle")
    statuses = {name: answered(page, query) for name, query in HOSTILE.items()}
    assert watch.errors == []
    limit = page.evaluate("BriefingSearch.limits.words")
    for name, query in HOSTILE.items():
        status = statuses[name]
        parsed = page.evaluate(PARSE, query)
        assert parsed["words"] <= limit, name
        assert parsed["cut"] == (f"أول {limit} كلمة" in status), name
        assert parsed["work"] <= parsed["words"] * (limit + 2), name
    assert watch.errors == [] and watch.outside == []


def test_queries_beyond_the_word_limit_say_so(seed_url: str, watched) -> None:
    page, _ = watched
    page.goto(seed_url + "articles/", wait_until="networkidle")
    limit = page.evaluate("BriefingSearch.limits.words")
    status = answered(page, " ".join(["الحدود"] * (limit + 1)))
    assert f"أول {limit} كلمة" in status and not status.startswith("لا نتائج")
    assert f"أول {limit} كلمة" not in answered(page, " ".join(["الحدود"] * limit))


def test_longest_alias_costs_one_step_per_word(long, watched) -> None:
    url, _ = long
    page, watch = watched
    page.goto(url, wait_until="networkidle")
    # 500 words, none of them starting an alias: one trie lookup a word (the old parser joined and
    # analysed every span up to the longest alias from every word: 12 s of a frozen tab).
    distinct = " ".join(f"c{n}" for n in range(500))
    parsed = page.evaluate(PARSE, distinct)
    assert parsed["work"] == parsed["words"]
    answered(page, distinct)
    # The worst case: every word continues the long alias, so each word walks to the end of the
    # query; the query's word limit bounds that.
    for word in ("a", "ب"):
        query = " ".join([word] * 500)
        parsed = page.evaluate(PARSE, query)
        limit = page.evaluate("BriefingSearch.limits.words")
        assert parsed["words"] == limit and parsed["work"] <= limit * (limit + 1) // 2
        answered(page, query)
        assert results(page) == ["actors/long/"]
    # Named by its short name, the actor's aliases are highlighted: the 250-word one too.
    answered(page, "طويل")
    assert results(page) == ["actors/long/"]
    marks = page.locator(LINKS).first.locator("p mark").all_inner_texts()
    assert marks and max(len(m.split()) for m in marks) >= 20
    assert watch.errors == [] and watch.outside == []
    page.fill(INPUT, "")


# The alias matching of the old parser (for every word, every span up to the longest alias + 2
# words, longest first, joined and analysed again): slow, but the reference for what is matched.
REFERENCE = """([keys, queries]) => {
  const a = window.__index.analyzer;
  let depth = 1;
  for (const key in keys) depth = Math.max(depth, key.split(" ").length);
  const table = new BriefingSearch.AliasTable(JSON.parse(JSON.stringify(keys)));
  const out = [];
  for (const text of queries) {
    const words = a.words(text).slice(0, BriefingSearch.limits.words);
    const slow = [];
    for (let i = 0; i < words.length; ) {
      let n = Math.min(depth + 2, words.length - i);
      for (; n >= 1; n--) {
        const key = a.aliasKey(words.slice(i, i + n).join(" "));
        if (key && Object.hasOwn(keys, key)) break;
      }
      const key = n ? a.aliasKey(words.slice(i, i + n).join(" ")) : "";
      slow.push(n ? [n, keys[key]] : [1, null]);
      i += n || 1;
    }
    const fast = [];
    const parts = words.map((w) => (a.aliasPart(w) ? a.aliasPart(w).split(" ") : []));
    for (let i = 0; i < words.length; ) {
      const found = table.longest(parts, i);
      fast.push(found.n ? [found.n, found.entities] : [1, null]);
      i += found.n || 1;
    }
    out.push([text, JSON.stringify(slow), JSON.stringify(fast)]);
  }
  return out;
}"""


def test_alias_matching_matches_the_reference(seed_url: str, watched) -> None:
    """Random alias tables and queries over a small vocabulary that has the edge cases: Latin "al"
    (no part of a key), a letter that folds to a space (ﹰ: one word, two parts), words that fold
    alike, prototype property names."""
    page, watch = watched
    page.goto(seed_url, wait_until="networkidle")
    page.evaluate("async () => { window.__index = await BriefingSearch.Index.load(); }")
    vocabulary = ["a", "b", "al", "El", "al-b", "xﹰy", "x", "y", "ب", "الب", "constructor",
                  "__proto__", "c"]  # fmt: skip
    rng = random.Random(14)
    analyze = "texts => texts.map(t => window.__index.analyzer.aliasKey(t))"
    for _ in range(20):
        texts = [" ".join(rng.choices(vocabulary, k=rng.randint(1, 5))) for _ in range(30)]
        keys: dict[str, list[int]] = {}
        for n, key in enumerate(page.evaluate(analyze, texts)):
            if key:
                keys.setdefault(key, []).append(n)
        queries = [" ".join(rng.choices(vocabulary, k=rng.randint(1, 12))) for _ in range(50)]
        for text, slow, fast in page.evaluate(REFERENCE, [keys, queries]):
            assert fast == slow, (text, keys)
    assert watch.errors == []
