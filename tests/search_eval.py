"""The search query set (tests/search_queries.yml) and how a result list is judged against it;
shared by tests/browser/test_search.py and the engine comparison (tests/bench/search_compare.py)."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import yaml

from generator.search.analyze import words

from .conftest import ROOT, SEEDS, SUBPATH

QUERIES = yaml.safe_load((ROOT / "tests" / "search_queries.yml").read_text(encoding="utf-8"))[
    "queries"
]
ARTICLES = {p.stem[:3]: f"articles/{p.stem}/" for p in (SEEDS / "articles").glob("*.txt")}
CLASSES = {
    "hamza",
    "alef-maqsura",
    "ta-marbuta",
    "diacritics",
    "tatweel",
    "digits",
    "clitics",
    "suffixes",
    "name-variants",
    "latin",
    "phrase",
    "precision",
}


def site_path(url: str) -> str:
    """A URL of the served site as a path relative to the site root: "articles/003_x/"."""
    path = unquote(urlsplit(url).path)
    return path.split(f"/{SUBPATH}/", 1)[1]


def judge(item: dict, found: list[str], runs: list[int] | None = None) -> dict:
    """Recall and false hits over the seed articles, the first result, and (phrases) the order.
    `runs` is, per result, the number of words in its longest highlighted run."""
    expected = {ARTICLES[n] for n in item["expect"]}
    articles = [p for p in found if p.startswith("articles/")]
    hits = expected & set(articles)
    row = {
        "query": item["query"],
        "class": item["class"],
        "expected": len(expected),
        "found": len(hits),
        "recall": len(hits) / len(expected) if expected else 1.0,
        "false": sorted(p.split("/")[1][:3] for p in set(articles) - expected),
        "first": (found[:1] == [item["first"]]) if "first" in item else None,
        "phrase": None,
    }
    if item["class"] == "phrase" and runs is not None:
        # Pages showing the whole phrase highlighted (a run of marked words as long as the query)
        # come before pages that do not; the named actor or theme page may come first.
        shows = [n >= len(words(item["query"])) for n in runs[1 if "first" in item else 0 :]]
        row["phrase"] = shows == sorted(shows, reverse=True) and any(shows)
    return row


def table(rows: list[dict]) -> str:
    lines = [
        f"{'query':<24} {'class':<14} {'found':>7} {'recall':>6} {'false hits':<12} "
        f"{'first':<5} {'ms':>5}"
    ]
    for r in rows:
        first = "" if r["first"] is None else ("ok" if r["first"] else "WRONG")
        if r["phrase"] is False:
            first += " PHRASE"
        lines.append(
            f"{r['query']:<24} {r['class']:<14} {r['found']:>3}/{r['expected']:<3} "
            f"{r['recall']:>6.2f} "
            f"{','.join(r['false']) or '-':<12} {first:<5} {r.get('ms', ''):>5}"
        )
    lines.append(summary(rows))
    return "\n".join(lines)


def summary(rows: list[dict]) -> str:
    recall = sum(r["recall"] for r in rows) / len(rows)
    false = sum(len(r["false"]) for r in rows)
    firsts = [r["first"] for r in rows if r["first"] is not None]
    return (
        f"{len(rows)} queries: mean recall {recall:.3f}, "
        f"full recall on {sum(r['recall'] == 1 for r in rows)}, "
        f"false hits {false} (in {sum(bool(r['false']) for r in rows)} queries), "
        f"right first page {sum(firsts)}/{len(firsts)}"
    )
