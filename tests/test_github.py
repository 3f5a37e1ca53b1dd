"""The repository's editing workflow: GitHub workflows, pre-commit, editor schemas, contributor
docs.

The workflows are checked against GitHub's workflow schema (SchemaStore's, vendored in
check-jsonschema) and by zizmor; every action is pinned to a commit of a Node 24 release and every
job holds exactly the token permissions its actions need; their commands are then run here, and the
site is built the way the Pages workflow builds it, under a sub-path.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
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


# The first major of each action whose action.yml says `runs.using: node24`; every older major runs
# on Node 20 or older, which GitHub's hosted runners dropped on 2026-09-16. Verified in December
# 2026 in each action's own repository (action.yml and release notes at the release tags), except
# configure-pages, whose stored repository ended at v5.0.0 (node20): its v6.0.0 release notes
# ("upgrade to node 24", #186) and commit 45bfe01 come from copies of the release and from the pins
# of other projects. upload-pages-artifact is a composite action: from v5 it runs `tar`, then
# actions/upload-artifact v7.0.0 (node24), pinned by SHA inside it.
NODE24_MAJOR = {
    "actions/checkout": 5,
    "actions/setup-python": 6,
    "actions/cache": 5,
    "actions/upload-artifact": 6,  # v5 still ran on Node 20 by default
    "actions/configure-pages": 6,
    "actions/upload-pages-artifact": 5,  # v4 called upload-artifact v4 (Node 20)
    "actions/deploy-pages": 5,
}
# What each action does with the job's GITHUB_TOKEN (the others use none: cache and artifacts go
# through the runner's own token).
NEEDS = {
    "actions/checkout": {"contents": "read"},
    "actions/configure-pages": {"pages": "read"},  # GET /repos/{owner}/{repo}/pages
    "actions/deploy-pages": {"pages": "write", "id-token": "write"},  # deployment + OIDC token
}
LEVEL = {"none": 0, "read": 1, "write": 2}
SHA = re.compile(r"[0-9a-f]{40}")
VERSION = re.compile(r"v(\d+)(?:\.\d+){0,2}")


@dataclass(frozen=True)
class Use:
    job: str
    action: str  # owner/repo, with a sub-path if any
    ref: str  # what follows the @
    comment: str  # the text after # on the same line
    line: int


def action_uses(text: str) -> list[Use]:
    """Every `uses:` of every job (steps and reusable workflows), with the comment on its line;
    read from the YAML nodes, whose positions lead back to the line."""
    lines = text.splitlines()
    found = []
    jobs = next(v for k, v in yaml.compose(text).value if k.value == "jobs")
    for job_key, job in jobs.value:
        steps = next((v.value for k, v in job.value if k.value == "steps"), [])
        for item in [job, *steps]:
            for key, node in item.value:
                if key.value == "uses":
                    rest = lines[node.end_mark.line][node.end_mark.column :]
                    action, _, ref = node.value.partition("@")
                    comment = rest.split("#", 1)[1].strip() if "#" in rest else ""
                    found.append(Use(job_key.value, action, ref, comment, node.start_mark.line + 1))
    return found


def pin_problems(name: str, text: str) -> list[str]:
    """An action not pinned to a full commit SHA, a pin without its version comment, or a major
    older than the action's first Node 24 major."""
    problems = []
    for use in action_uses(text):
        where = f"{name}:{use.line}: {use.action}@{use.ref}"
        if not SHA.fullmatch(use.ref):
            problems.append(f"{where}: not pinned; expected a full 40-hex commit SHA")
        version = VERSION.match(use.comment)
        if not version:
            problems.append(f"{where}: no version beside the pin; expected `# vX.Y.Z`")
        version = version or VERSION.fullmatch(use.ref)  # a tag, as in @v4
        if use.action not in NODE24_MAJOR:
            problems.append(f"{where}: runtime not verified; read its action.yml, add it above")
        elif version and int(version[1]) < NODE24_MAJOR[use.action]:
            problems.append(
                f"{where}: {version[0]} runs on Node 20 or older; "
                f"expected v{NODE24_MAJOR[use.action]} or later (Node 24)"
            )
    return problems


def granted(wf: dict, job: str) -> dict[str, str] | None:
    """The job's token permissions: its own block, else the workflow's (None: GitHub's default)."""
    perms = wf["jobs"][job].get("permissions", wf.get("permissions"))
    if isinstance(perms, str):  # read-all / write-all
        return {scope: perms.removesuffix("-all") for scope in ("contents", "pages", "id-token")}
    return perms


def permission_problems(name: str, text: str) -> list[str]:
    """A job whose actions need a permission its token lacks, or whose token holds more."""
    wf = yaml.safe_load(text)
    problems = []
    for job in wf["jobs"]:
        uses = [u for u in action_uses(text) if u.job == job]
        needed: dict[str, str] = {}
        for use in uses:
            for scope, level in NEEDS.get(use.action, {}).items():
                if LEVEL[level] > LEVEL[needed.get(scope, "none")]:
                    needed[scope] = level
        have = granted(wf, job)
        if have is None:
            problems.append(f"{name}: job {job}: no `permissions:`; expected {needed or '{}'}")
            continue
        for use in uses:
            for scope, level in NEEDS.get(use.action, {}).items():
                if LEVEL[have.get(scope, "none")] < LEVEL[level]:
                    problems.append(
                        f"{name}:{use.line}: job {job}: {use.action} needs `{scope}: {level}`; "
                        f"the job's token has `{scope}: {have.get(scope, 'none')}`"
                    )
        for scope, level in have.items():
            if LEVEL[level] > LEVEL[needed.get(scope, "none")]:
                problems.append(
                    f"{name}: job {job}: `{scope}: {level}` is more than its actions need "
                    f"(`{scope}: {needed.get(scope, 'none')}`)"
                )
    return problems


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


@pytest.mark.parametrize("name", ["check.yml", "pages.yml"])
def test_actions_pinned_to_node24_releases(name: str) -> None:
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    assert len(action_uses(text)) == len(uses(workflow(name))) > 0
    assert pin_problems(name, text) == []


@pytest.mark.parametrize("name", ["check.yml", "pages.yml"])
def test_jobs_hold_exactly_the_permissions_their_actions_need(name: str) -> None:
    assert permission_problems(name, (WORKFLOWS / name).read_text(encoding="utf-8")) == []


CHECKOUT = "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1"


@pytest.mark.parametrize(
    ("name", "old", "new", "problem"),
    [
        ("check.yml", CHECKOUT, "actions/checkout@v7", "not pinned; expected a full 40-hex"),
        ("check.yml", CHECKOUT, "actions/checkout@3d3c42e # v7.0.1", "not pinned"),
        ("check.yml", CHECKOUT, "actions/checkout@v4", "v4 runs on Node 20 or older"),
        ("check.yml", CHECKOUT, CHECKOUT.split(" #")[0], "no version beside the pin"),
        ("check.yml", CHECKOUT, CHECKOUT.replace("# v7.0.1", "# latest"), "no version beside"),
        (  # the real v4.3.1 commit: node20
            "pages.yml",
            CHECKOUT,
            "actions/checkout@34e114876b0b11c390a56381ad16ebd13914f8d5 # v4.3.1",
            "v4.3.1 runs on Node 20 or older; expected v5 or later",
        ),
        (
            "pages.yml",
            "actions/deploy-pages@cd2ce8fcbc39b97be8ca5fce6e763baed58fa128 # v5.0.0",
            "actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e # v4.0.5",
            "v4.0.5 runs on Node 20 or older",
        ),
        (
            "check.yml",
            CHECKOUT,
            "someone/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1",
            "runtime not verified",
        ),
        ("pages.yml", "      pages: read # actions/configure-pages", "      # ",
         "actions/configure-pages needs `pages: read`; the job's token has `pages: none`"),
        ("pages.yml", "      id-token: write #", "      # ",
         "actions/deploy-pages needs `id-token: write`"),
        ("pages.yml", "      pages: write #", "      pages: read #",
         "actions/deploy-pages needs `pages: write`; the job's token has `pages: read`"),
        ("pages.yml", "      contents: read #", "      # ",
         "actions/checkout needs `contents: read`"),
        ("check.yml", "permissions:\n  contents: read", "permissions:\n  contents: write",
         "job check: `contents: write` is more than its actions need"),
        ("pages.yml", "      pages: read #", "      pages: write #",
         "job build: `pages: write` is more than its actions need (`pages: read`)"),
        ("check.yml", "permissions:\n  contents: read", "", "job check: no `permissions:`"),
        ("check.yml", "permissions:\n  contents: read", "permissions: write-all",
         "job engines: `id-token: write` is more than"),
    ],
)
def test_workflow_checks_fail_on_a_broken_copy(name: str, old: str, new: str, problem: str) -> None:
    """Each check above, on a copy of a real workflow with one thing broken."""
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    assert old in text
    broken = text.replace(old, new)
    problems = pin_problems(name, broken) + permission_problems(name, broken)
    assert any(problem in p for p in problems), problems


def test_pull_request_check() -> None:
    wf = workflow("check.yml")
    assert "pull_request" in wf["on"]
    assert wf["permissions"] == {"contents": "read"}
    engines = wf["jobs"].pop("engines")
    commands = runs(wf)
    # Install from the pinned dependencies, then each check in order.
    order = [
        "-r requirements-dev.txt",
        "briefing validate --format github",
        "briefing lint --format github",
        "mkdocs build --strict",
        "ruff check generator tests",
        "apt-get install -y -qq chromium",
        "python -m pytest",
    ]
    positions = [commands.find(c) for c in order]
    assert -1 not in positions and positions == sorted(positions), dict(
        zip(order, positions, strict=True)
    )
    upload = next(s for s in steps(wf) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"
    # Lint compares with the pull request's base branch: the checkout must hold its history.
    checkout = next(
        s for s in wf["jobs"]["check"]["steps"] if "actions/checkout@" in s.get("uses", "")
    )
    assert checkout["with"]["fetch-depth"] == 0
    # Only the build sees the publishing variables; the tests build with their own.
    assert not {"BRIEFING_REPO_URL", "BRIEFING_SITE_URL"} & set(wf["jobs"]["check"]["env"])
    env = next(s for s in steps(wf) if "mkdocs build --strict" in s.get("run", ""))["env"]
    assert env["BRIEFING_REPO_URL"] == "https://github.com/${{ github.repository }}"
    assert env["BRIEFING_SITE_URL"].startswith("https://${{ github.repository_owner }}.github.io/")
    # The second engine: ProperDocs (pinned beside MkDocs) must build the same site.
    commands = runs({"jobs": {"engines": engines}})
    order = [commands.find(c) for c in ("requirements-dev.txt", "pytest -q tests/test_engines.py")]
    assert -1 not in order and order == sorted(order)
    assert (ROOT / "tests" / "test_engines.py").is_file()


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
    assert wf["permissions"] == {}
    assert wf["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}
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
    """Built as the Pages workflow builds it for https://owner.github.io/repo/: every link is
    relative or starts with the sub-path (404.html uses /repo/…), canonical URLs carry the sub-path,
    and edit links open the YAML on GitHub."""
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


def pre_commit_hooks() -> dict[str, dict]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    assert repo["repo"] == "local"
    return {hook["id"]: hook for hook in repo["hooks"]}


def test_pre_commit_runs_the_validator(corpus_copy: Path) -> None:
    hook = pre_commit_hooks()["briefing-validate"]
    assert hook["language"] in ("system", "python")
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
    assert bad.returncode == 1
    assert "seeds/annotations/a1.yml:1:8: the list opened with [" in bad.stdout


def test_pre_commit_runs_ruff_as_make_test_does(tmp_path: Path) -> None:
    """The hook checks the Python files of generator/ and tests/ that a commit changes, with the
    project's ruff settings: the repository passes, a line over 100 characters does not."""
    hook = pre_commit_hooks()["ruff"]
    assert hook["language"] == "system" and hook.get("pass_filenames", True)
    assert hook["types"] == ["python"]
    files = re.compile(hook["files"])
    assert files.search("generator/validate.py") and files.search("tests/test_github.py")
    assert not files.search("docs/hooks.py")
    argv = shlex.split(hook["entry"])
    assert argv[0] == "ruff"
    ruff = [str(BIN / argv[0]), *argv[1:]]
    python = [
        str(p.relative_to(ROOT)) for d in ("generator", "tests") for p in (ROOT / d).rglob("*.py")
    ]
    ok = subprocess.run([*ruff, *python], cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    (tmp_path / "pyproject.toml").write_bytes((ROOT / "pyproject.toml").read_bytes())
    (tmp_path / "generator").mkdir()
    (tmp_path / "generator" / "long.py").write_text(f'NAME = "{"x" * 100}"\n', encoding="utf-8")
    bad = subprocess.run([*ruff, "generator/long.py"], cwd=tmp_path, capture_output=True, text=True)
    assert bad.returncode == 1 and "E501" in bad.stdout and "generator/long.py:1:101" in bad.stdout


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
