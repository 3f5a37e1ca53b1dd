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

    found = {name: undescribed(schema(name), name) for name in SCHEMAS}
    assert found == {name: [] for name in SCHEMAS}


def test_every_plugin_option_is_documented_with_its_default() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Options", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| `([a-z_]+)` \| `([^`]*)` \|", table, re.MULTILINE))

    def shown(value: object) -> str:
        return str(value).lower() if isinstance(value, bool) else str(value)

    assert rows == {o.name: shown(o.default) for o in OPTIONS}


# Problem kinds ------------------------------------------------------------------------------------

def _expected_messages(tmp_path) -> list[str]:  # noqa: ANN001
    """The messages the tests' cases expect, as the checks write them (without the place)."""
    import shutil

    from generator.lint import lint
    from generator.load import load_corpus
    from generator.validate import validate

    from .conftest import CASES
    from .test_hostile import EDITS, MANY_BROKEN
    from .test_lint import each_kind_of_warning

    place = re.compile(r"^(?:[^:\s][^:]*:)?\d+:\d+: ")
    found = []
    cases = sorted((CASES / "invalid").glob("*.yml")) + sorted((CASES / "hostile").glob("*.yml"))
    for case in cases:
        found += [place.sub("", line[10:]) for line in case.read_text(encoding="utf-8").splitlines()
                  if line.startswith("# expect: ")]
    for edit in EDITS:
        found += [place.sub("", p) for p in edit.expected]
    found += [place.sub("", p) for p in MANY_BROKEN]
    corpus = tmp_path / "seeds"
    shutil.copytree(CASES / "corpus", corpus)
    each_kind_of_warning(corpus)
    raw = load_corpus(corpus)
    found += [p.message for p in lint(validate(raw), raw)]
    return found


def test_every_message_of_the_cases_is_of_one_documented_kind(tmp_path) -> None:  # noqa: ANN001
    from generator.messages import KINDS, kinds_of

    messages = _expected_messages(tmp_path)
    assert len(messages) > 80
    unknown = [m for m in messages if len(kinds_of(m)) != 1]
    assert unknown == [], [(m, [k.name for k in kinds_of(m)]) for m in unknown]
    # Each kind's example (the one FORMAT.md shows) is of that kind alone.
    assert [k.name for k in KINDS if kinds_of(k.example) != [k]] == []


def test_every_problem_kind_is_documented() -> None:
    from generator.messages import KINDS

    doc = (SEEDS / "FORMAT.md").read_text(encoding="utf-8")
    section = doc.split("## Messages", 1)[1]
    listed = re.findall(r"^\| `([a-z0-9-]+)` \|", section, re.MULTILINE)
    assert listed == [k.name for k in KINDS]
