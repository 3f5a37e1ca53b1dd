"""Registries at the documented limits, for the search limit tests and benchmark.

The limits (seeds/FORMAT.md, generator/yamlio.py, generator/schema/actors.schema.json): a YAML file
of at most 2,000,000 bytes and 200,000 values, at most 200 aliases per list, an alias of at most
500 characters. So the registry with the most spellings holds 952 actors with 202 spellings each
(192,000 names and aliases; one more actor exceeds 200,000 values), one with ordinary actors 9,500
actors with 13 spellings each (124,000), and the longest alias is 250 one-letter words.

Each corpus is the small test corpus (tests/cases/corpus) plus generated actors; one generated
actor's Arabic name is added to an article text, so that article names it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import CASES

LETTERS = "بتثجحخدذرزسشصضطعغفقكمن"
PROTO_ALIASES = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"]
SHARED_ALIAS = "Shared"  # with `shared`, one alias every generated actor has
LONG_LATIN = " ".join(["a"] * 250)  # 499 characters: the most words a 500-character alias holds
LONG_ARABIC = " ".join(["ب"] * 250)
NAMED = 0x123  # the generated actor that the article a1 names


def arabic_name(i: int) -> str:
    """A one-word Arabic name, distinct for each i below 22**3 (ظ + three letters)."""
    out = "ظ"
    for _ in range(3):
        i, d = divmod(i, len(LETTERS))
        out += LETTERS[d]
    return out


def latin_alias(i: int, j: int) -> str:
    """Spelling j of actor i: q<hex i><letter past f>, e.g. q3a5h."""
    return f"q{i:x}{chr(ord('g') + j % 20)}{j // 20 or ''}"


def actor_id(i: int) -> str:
    return f"g{i:x}"


def _actor(i: int, spellings: int, shared: bool) -> str:
    aliases = [latin_alias(i, j) for j in range(spellings - 2 - shared)]
    if shared:
        aliases.append(SHARED_ALIAS)
    actor = {
        "id": actor_id(i),
        "type": "group",
        "name": {"ar": arabic_name(i), "en": f"G{i:x}"},
        "aliases": {"en": aliases},
        "description": {"ar": "ج"},
    }
    return "  - " + json.dumps(actor, ensure_ascii=False, separators=(",", ":"))


def _base(target: Path) -> list[str]:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(CASES / "corpus", target)
    return [(CASES / "corpus" / "actors.yml").read_text(encoding="utf-8").rstrip("\n")]


def _extra(actor: dict) -> str:
    return "  - " + json.dumps(actor, ensure_ascii=False, separators=(",", ":"))


def many_aliases(
    target: Path, actors: int = 952, spellings: int = 202, shared: bool = True
) -> Path:
    """A corpus whose registry has `actors` generated actors with `spellings` names and aliases
    each (the defaults: the most spellings the limits allow), plus an actor whose Latin aliases are
    names of Object.prototype's properties. Article a1 names generated actor NAMED."""
    lines = _base(target)
    lines.append(
        _extra(
            {
                "id": "proto",
                "type": "group",
                "name": {"ar": "نموذج", "en": "Prototype"},
                "aliases": {"en": PROTO_ALIASES},
                "description": {"ar": "ج"},
            }
        )
    )
    lines += [_actor(i, spellings, shared) for i in range(actors)]
    (target / "actors.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    text = target / "articles" / "a1.txt"
    text.write_text(
        text.read_text(encoding="utf-8") + f"\nوحضر الاجتماع {arabic_name(NAMED)}.\n",
        encoding="utf-8",
    )
    return target


def long_alias(target: Path) -> Path:
    """A corpus whose registry has one actor with the longest aliases the limits allow, Latin and
    Arabic: 250 words each."""
    lines = _base(target)
    lines.append(
        _extra(
            {
                "id": "long",
                "type": "group",
                "name": {"ar": "طويل", "en": "Long"},
                "aliases": {"ar": [LONG_ARABIC], "en": [LONG_LATIN]},
                "description": {"ar": "ج"},
            }
        )
    )
    (target / "actors.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target
