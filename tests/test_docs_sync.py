"""Docs stay in step with the code: every schema field is documented in seeds/FORMAT.md."""

from __future__ import annotations

import re

from generator.validate import SCHEMAS, schema

from .conftest import SEEDS


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
