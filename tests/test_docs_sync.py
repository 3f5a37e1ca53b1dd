"""Docs stay in step with the code: every schema field is documented in seeds/FORMAT.md, every
plugin option (generator/options.py) in the README with its default."""

from __future__ import annotations

import re

from generator.options import OPTIONS
from generator.validate import SCHEMAS, schema

from .conftest import ROOT, SEEDS


def fields(node: dict, found: set[str]) -> set[str]:
    for name, sub in node.get("properties", {}).items():
        found.add(name)
        fields(sub, found)
        if isinstance(sub.get("items"), dict):
            fields(sub["items"], found)
    for sub in node.get("$defs", {}).values():
        fields(sub, found)
    return found


def test_every_schema_field_is_documented() -> None:
    doc = (SEEDS / "FORMAT.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"\b([a-z_]+):", doc))
    missing = {name: sorted(fields(schema(name), set()) - documented) for name in SCHEMAS}
    assert missing == {name: [] for name in SCHEMAS}


def test_every_schema_field_has_a_description() -> None:
    def undescribed(node: dict, path: str) -> list[str]:
        out = []
        for name, sub in node.get("properties", {}).items():
            if "description" not in sub and "$ref" not in sub:
                out.append(f"{path}.{name}")
            out += undescribed(sub, f"{path}.{name}")
            if isinstance(sub.get("items"), dict):
                out += undescribed(sub["items"], f"{path}.{name}[]")
        return out

    assert {name: undescribed(schema(name), name) for name in SCHEMAS} == {name: [] for name in SCHEMAS}


def test_every_plugin_option_is_documented_with_its_default() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Options", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| `([a-z_]+)` \| `([^`]*)` \|", table, re.MULTILINE))

    def shown(value: object) -> str:
        return str(value).lower() if isinstance(value, bool) else str(value)

    assert rows == {o.name: shown(o.default) for o in OPTIONS}
