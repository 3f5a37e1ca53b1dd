"""The repository's editing workflow: GitHub workflows, pre-commit, editor schemas, contributor docs.

The workflows are checked against GitHub's workflow schema (SchemaStore's, vendored in check-jsonschema)
and by zizmor; their commands are then run here, and the site is built the way the Pages workflow
builds it, under a sub-path.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from generator.validate import schema

from .conftest import ROOT, SEEDS, mkdocs_build

WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(wf: dict) -> list[dict]:
    return [s for job in wf["jobs"].values() for s in job.get("steps", [])]


def runs(wf: dict) -> str:
    return "\n".join(s.get("run", "") for s in steps(wf))


def uses(wf: dict) -> list[str]:
    return [s["uses"].split("@")[0] for s in steps(wf) if "uses" in s]


def test_workflows_match_githubs_schema() -> None:
    files = sorted(str(p) for p in WORKFLOWS.glob("*.yml"))
    assert len(files) == 2
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *files],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing() -> None:
    result = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--no-progress", str(WORKFLOWS)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_pull_request_check() -> None:
    wf = workflow("check.yml")
    assert "pull_request" in wf["on"]
    assert wf["permissions"] == {"contents": "read"}
    commands = runs(wf)
    # Install from the pinned dependencies, then each check in order.
    order = [
        "-r requirements-dev.txt",
        "briefing validate --format github",
        "briefing lint --format github",
        "mkdocs build --strict",
        "apt-get install -y -qq chromium",
        "python -m pytest",
    ]
    positions = [commands.find(c) for c in order]
    assert -1 not in positions and positions == sorted(positions), dict(zip(order, positions, strict=True))
    upload = next(s for s in steps(wf) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"
    # Only the build sees the publishing variables; the tests build with their own.
    assert not {"BRIEFING_REPO_URL", "BRIEFING_SITE_URL"} & set(wf["jobs"]["check"]["env"])
    env = next(s for s in steps(wf) if "mkdocs build --strict" in s.get("run", ""))["env"]
    assert env["BRIEFING_REPO_URL"] == "https://github.com/${{ github.repository }}"
    assert env["BRIEFING_SITE_URL"].startswith("https://${{ github.repository_owner }}.github.io/")


def test_pages_deployment() -> None:
    wf = workflow("pages.yml")
    assert wf["on"]["push"] == {"branches": ["main"]}
    assert {
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
        "actions/configure-pages",
    } <= set(uses(wf))
    build = next(s for s in steps(wf) if "mkdocs build --strict" in s.get("run", ""))
    assert build["env"]["BRIEFING_REPO_URL"] == "https://github.com/${{ github.repository }}"
    assert build["env"]["BRIEFING_SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert "briefing validate --format github" in runs(wf)
    deploy = wf["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    upload = next(
        s for s in steps(wf) if s.get("uses", "").startswith("actions/upload-pages-artifact@")
    )
    assert upload["with"]["path"] == "site/"


@pytest.mark.parametrize("name", ["check.yml", "pages.yml"])
def test_workflow_checks_pass_here(name: str) -> None:
    """The briefing commands of each workflow, run as written on the project's seeds."""
    for line in runs(workflow(name)).splitlines():
        if line.strip().startswith("briefing "):
            argv = shlex.split(line)
            result = subprocess.run(
                [str(BIN / argv[0]), *argv[1:]], capture_output=True, text=True, cwd=ROOT
            )
            assert result.returncode == 0, f"{line}\n{result.stdout}{result.stderr}"


def test_site_under_a_sub_path(tmp_path: Path) -> None:
    """Built as the Pages workflow builds it for https://owner.github.io/repo/: every link is relative or
    starts with the sub-path (404.html uses /repo/…), canonical URLs carry the sub-path, and edit links
    open the YAML on GitHub."""
    env = {
        "BRIEFING_REPO_URL": "https://github.com/owner/repo",
        "BRIEFING_SITE_URL": "https://owner.github.io/repo/",
    }
    result = mkdocs_build(SEEDS, tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    page = (site / "articles" / "003_babe8bcfe08ac5d2" / "index.html").read_text(encoding="utf-8")
    assert (
        '<link rel="canonical" href="https://owner.github.io/repo/articles/003_babe8bcfe08ac5d2/">'
        in page
    )
    assert (
        "https://github.com/owner/repo/edit/main/seeds/annotations/003_babe8bcfe08ac5d2.yml" in page
    )
    rooted = [
        (p.relative_to(site).as_posix(), m)
        for p in site.rglob("*.html")
        for m in re.findall(r'(?:href|src)="(/[^/][^"]*)"', p.read_text(encoding="utf-8"))
    ]
    assert [r for r in rooted if not r[1].startswith("/repo/")] == []
    assert {page for page, _ in rooted} <= {"404.html"}
    assert "https://owner.github.io/repo/" in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_pre_commit_runs_the_validator(corpus_copy: Path) -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    [hook] = repo["hooks"]
    assert repo["repo"] == "local" and hook["language"] in ("system", "python")
    assert hook["entry"] == "briefing validate" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("seeds/annotations/005_x.yml") and files.search("seeds/actors.yml")
    assert not files.search("README.md")
    argv = shlex.split(hook["entry"])
    ok = subprocess.run([str(BIN / argv[0]), *argv[1:]], cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    (corpus_copy / "annotations" / "a1.yml").write_text("title: [\n", encoding="utf-8")
    bad = subprocess.run(
        [str(BIN / argv[0]), *argv[1:]], cwd=corpus_copy.parent, capture_output=True, text=True
    )
    assert bad.returncode == 1 and "seeds/annotations/a1.yml:1:8: the list opened with [" in bad.stdout


def _seed_yaml() -> list[tuple[Path, str]]:
    files = [(p, "annotation") for p in sorted((SEEDS / "annotations").glob("*.yml"))]
    return files + [(SEEDS / "actors.yml", "actors"), (SEEDS / "themes.yml", "themes")]


@pytest.mark.parametrize(
    ("path", "kind"), _seed_yaml(), ids=lambda v: v.name if isinstance(v, Path) else v
)
def test_seed_file_names_its_schema_and_matches_it(path: Path, kind: str) -> None:
    """Editors (yaml-language-server) read the first line; the same schema validates the file."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    target = (path.parent / first.removeprefix(prefix)).resolve()
    assert target == (ROOT / "generator" / "schema" / f"{kind}.schema.json").resolve()
    assert json.loads(target.read_text(encoding="utf-8")) == schema(kind)
    errors = [
        e.message
        for e in Draft202012Validator(schema(kind)).iter_errors(
            yaml.safe_load(path.read_text(encoding="utf-8"))
        )
    ]
    assert errors == []


def test_contributing_is_bilingual_and_covers_every_field() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "# المساهمة" in text and "# Contributing" in text
    for field in schema("annotation")["properties"]:
        assert text.count(f"`{field}`") >= 2, field  # in the Arabic and the English table
    for command in ("briefing new", "briefing validate", "briefing lint"):
        assert command in text
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert "briefing validate" in template and "site-preview" in template
