"""The forges' CI files: the GitHub workflow passes actionlint and keeps its promises (read-only,
actions pinned to commits, `make test`, the changes in the job summary); the GitLab file parses
and has the same jobs; `.ci/pack-changes`, which both run, writes the Markdown table."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from packs import BASE, row, write_pack

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "pack.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
PACK_CHANGES = ROOT / ".ci" / "pack-changes"
SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")


def actionlint() -> str:
    """The actionlint binary (the dev extra installs it beside python), or skip; fail on CI."""
    found = shutil.which(
        "actionlint", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    )
    if found is None:
        reason = "no actionlint binary (pip install -e '.[dev]' installs one)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + "; CI=true, so this is a failure")
        pytest.skip(reason)
    return found


def lint(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [actionlint(), "-no-color", str(path)], capture_output=True, text=True, cwd=ROOT
    )


def test_the_workflow_passes_actionlint():
    run = lint(WORKFLOW)
    assert run.returncode == 0, run.stdout + run.stderr


def test_actionlint_does_catch_a_broken_workflow(tmp_path):
    """The check above would pass a linter that checks nothing: this one must fail."""
    broken = tmp_path / ".github" / "workflows" / "pack.yml"
    broken.parent.mkdir(parents=True)
    text = WORKFLOW.read_text().replace("if: ${{ !cancelled() }}", "if: ${{ !cancelled( }}", 1)
    broken.write_text(text.replace("runs-on: ubuntu-24.04", "runs-on: [ubuntu-24.04", 1))
    run = subprocess.run(
        [actionlint(), "-no-color", str(broken)], capture_output=True, text=True, cwd=tmp_path
    )
    assert run.returncode == 1 and "pack.yml:" in run.stdout


def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text())
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def steps(job: dict) -> list[dict]:
    return job["steps"]


def test_the_workflow_is_read_only_pinned_and_runs_on_pull_requests_and_main():
    data = workflow()
    assert data["permissions"] == {"contents": "read"}
    assert set(data["on"]) == {"pull_request", "push", "schedule", "workflow_dispatch"}
    assert data["on"]["push"] == {"branches": ["main"]}
    used = [s["uses"] for job in data["jobs"].values() for s in steps(job) if "uses" in s]
    assert {u.split("@")[0] for u in used} == {
        "actions/checkout",
        "actions/setup-python",
        "actions/upload-artifact",
    }
    assert all(SHA_PIN.match(u) for u in used), used
    assert not re.search(r"\bsecrets\.\w", WORKFLOW.read_text())  # needs none
    for job in data["jobs"].values():
        checkout = next(s for s in steps(job) if s.get("uses", "").startswith("actions/checkout"))
        assert checkout["with"]["persist-credentials"] is False


def test_the_test_job_caches_on_the_lock_runs_make_test_and_reports_the_changes():
    job = workflow()["jobs"]["test"]
    python = next(s for s in steps(job) if s.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["cache-dependency-path"] == "requirements.lock"
    runs = [s.get("run", "") for s in steps(job)]
    assert any(r.strip() == "make test" for r in runs)
    assert any("chromium" in r for r in runs)
    summary = next(s for s in steps(job) if "GITHUB_STEP_SUMMARY" in s.get("run", ""))
    assert ".ci/pack-changes" in summary["run"] and summary["if"] == "${{ !cancelled() }}"
    assert "github.event.pull_request.base.sha" in summary["env"]["BASE_SHA"]
    upload = next(s for s in steps(job) if s.get("uses", "").startswith("actions/upload"))
    assert upload["with"]["path"] == "pack-changes.md"


def test_the_quarterly_job_builds_and_uploads_a_pack_on_the_schedule_only():
    data = workflow()
    assert [s["cron"] for s in data["on"]["schedule"]] == ["17 6 1 1,4,7,10 *"]
    job = data["jobs"]["quarterly"]
    assert "schedule" in job["if"] and "schedule" not in data["jobs"]["test"]["if"]
    assert any("make pack QUARTER=" in s.get("run", "") for s in steps(job))
    upload = next(s for s in steps(job) if s.get("uses", "").startswith("actions/upload"))
    assert upload["with"]["path"] == "rendered/${{ steps.quarter.outputs.label }}"


GITLAB_GLOBAL = {"stages", "default", "variables", "workflow", "include", "image", "cache"}


def gitlab() -> dict:
    return yaml.safe_load(GITLAB.read_text())


def test_the_gitlab_file_parses_and_every_job_is_in_a_declared_stage():
    data = gitlab()
    jobs = {k: v for k, v in data.items() if k not in GITLAB_GLOBAL and not k.startswith(".")}
    assert set(jobs) == {"test", "quarterly"}
    assert data["stages"] == ["test", "pack"]
    for name, job in jobs.items():
        assert job["stage"] in data["stages"], name
        assert all(isinstance(line, str) for line in job["script"]), name
        template = data[job["extends"]]
        assert template["cache"]["key"]["files"] == ["requirements.lock"], name
    assert data["default"]["image"].startswith("python:3.11-")


def test_the_gitlab_test_job_runs_make_test_and_exposes_the_changes():
    data = gitlab()
    job = data["test"]
    assert job["script"] == ["make test"]
    assert any("apt-get install" in line and "chromium" in line for line in job["before_script"])
    assert any(".ci/pack-changes" in line for line in job["after_script"])
    assert job["artifacts"]["when"] == "always"
    assert job["artifacts"]["paths"] == ["pack-changes.md"] and job["artifacts"]["expose_as"]
    assert {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'} in data["workflow"]["rules"]
    quarterly = data["quarterly"]
    assert quarterly["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    assert any("make pack" in line for line in quarterly["script"])


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    run = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, env=env, check=True
    )
    return run.stdout.strip()


def pack_changes(repo: Path, base: str) -> tuple[int, str]:
    scrutiny = Path(sys.executable).parent / "scrutiny"
    env = {**os.environ, "SCRUTINY": str(scrutiny), "QUARTER": "2022Q1"}
    run = subprocess.run(
        ["bash", str(PACK_CHANGES), base, "out.md"], cwd=repo, capture_output=True, env=env
    )
    return run.returncode, (repo / "out.md").read_text()


def test_pack_changes_compares_the_base_commits_pack_with_this_checkouts(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "commit", "-q", "--allow-empty", "-m", "no pack yet")
    empty = git(repo, "rev-parse", "HEAD")
    write_pack(repo / "rendered" / "2022Q1", "2022Q1", BASE)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "pack")
    base = git(repo, "rev-parse", "HEAD")
    shutil.rmtree(repo / "rendered" / "2022Q1")
    after = [*BASE[:2], row("dental", "Dental checks", 71.0, "not supported", "not supported")]
    write_pack(repo / "rendered" / "2022Q1", "2022Q1", after, inputs={"903": "b" * 32})

    code, text = pack_changes(repo, base)
    assert code == 0
    assert "| dental | claim's verdict | supported | not supported | 903 extract changed |" in text
    assert pack_changes(repo, empty) == (
        0,
        "### Verdicts and figures that moved: pack 2022Q1\n\n"
        "The base commit has no pack in `rendered/2022Q1`: nothing to compare.\n",
    )
    assert "is not in this clone" in pack_changes(repo, "0" * 40)[1]
    (repo / "rendered" / "2022Q1" / "verdicts.json").write_text("[]")  # edited by hand
    code, text = pack_changes(repo, base)
    assert code == 0 and "Not computed. `scrutiny changes` said:" in text
    assert "could not be trusted: changes not computed" in text
