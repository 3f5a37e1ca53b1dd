"""The search query set (tests/search_queries.yml) and how a result list is judged against it;
shared by tests/browser/test_search.py and the engine comparison (tests/bench/search_compare.py)."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import yaml

from generator import paths
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
    "events",
    "periods",
}
# The spelling-variant queries without what only our engine has (events, periods): the engine
# comparison (tests/bench/search_compare.py) judges every engine on these, by the pages it finds.
VARIANT_QUERIES = [
    {k: v for k, v in item.items() if k not in ("events", "leading")}
    for item in QUERIES
    if item["class"] not in ("events", "periods")
]
# An event result opens the page that holds it at this anchor prefix plus the event's id.
EVENT = "#" + paths.event_anchor("")


def site_path(url: str) -> str:
    """A URL of the served site as a path relative to the site root: "articles/003_x/", and for an
    event its anchor too: "timeline/#event-2024-11-10-x"."""
    parts = urlsplit(url)
    path = unquote(parts.path).split(f"/{SUBPATH}/", 1)[1]
    return f"{path}#{unquote(parts.fragment)}" if parts.fragment else path


def event_id(path: str) -> str | None:
    """The event a result path opens, or None."""
    return path.split(EVENT, 1)[1] if EVENT in path else None


def result_name(path: str) -> str:
    """How the query set names a result: an article by number, an event by id, else its path."""
    if path.startswith("articles/"):
        return path.split("/")[1][:3]
    return event_id(path) or path


def judge(item: dict, found: list[str], runs: list[int] | None = None) -> dict:
    """Recall and false hits over the seed articles, the first result, and (phrases) the order.
    `runs` is, per result, the number of words in its longest highlighted run."""
    expected = {ARTICLES[n] for n in item["expect"]}
    articles = [p for p in found if p.startswith("articles/")]
    hits = expected & set(articles)
    false = sorted(p.split("/")[1][:3] for p in set(articles) - expected)
    if "events" in item:  # events are judged where the query set lists them
        events = {e for e in map(event_id, found) if e}
        expected_events = set(item["events"])
        expected |= {f"{EVENT}{e}" for e in expected_events}
        hits |= {f"{EVENT}{e}" for e in events & expected_events}
        false += sorted(events - expected_events)
    leading = item.get("leading")
    row = {
        "query": item["query"],
        "class": item["class"],
        "expected": len(expected),
        "found": len(hits),
        "recall": len(hits) / len(expected) if expected else 1.0,
        "false": false,
        "first": (found[:1] == [item["first"]]) if "first" in item else None,
        "phrase": None,
        "leading": None
        if leading is None
        else sorted(map(result_name, found[: len(leading)])) == sorted(leading),
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
        if r.get("leading") is False:
            first += " LEADING"
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
    leading = [r["leading"] for r in rows if r.get("leading") is not None]
    return (
        f"{len(rows)} queries: mean recall {recall:.3f}, "
        f"full recall on {sum(r['recall'] == 1 for r in rows)}, "
        f"false hits {false} (in {sum(bool(r['false']) for r in rows)} queries), "
        f"right first page {sum(firsts)}/{len(firsts)}, "
        f"period results first {sum(leading)}/{len(leading)}"
    )
