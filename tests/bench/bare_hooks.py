"""MkDocs hook for the bench's bare build (no briefing plugin): the theme override
(generator/theme/main.html) reads `briefing_paths`, which the plugin's on_env provides."""

from __future__ import annotations

from typing import Any

from generator import paths


def on_env(env: Any, /, *, config: Any, files: Any) -> Any:
    env.globals["briefing_paths"] = paths
    return env
