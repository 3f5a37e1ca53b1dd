"""Where the generated non-page files live in the built site (paths under the site root)."""

from __future__ import annotations

DATA_DIR = "data"
FEEDS_DIR = "feeds"
MAIN_FEED = f"{FEEDS_DIR}/articles.xml"
NETWORK_PAGE = "network.md"
DATA_PAGE = "data.md"


def actor_feed(actor_id: str) -> str:
    return f"{FEEDS_DIR}/actors/{actor_id}.xml"


def theme_feed(theme_id: str) -> str:
    return f"{FEEDS_DIR}/themes/{theme_id}.xml"
