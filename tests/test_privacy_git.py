"""Real extracts cannot be committed by accident: the project's .gitignore covers the private
folder and the names 903 extracts usually carry, and not the synthetic demo data or the code."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

IGNORED = [
    "evidence/data/private/episodes.csv",
    "evidence/data/private/2022/header.csv",
    "evidence/data/private/903_2022.xml",
    "SSDA903_2022_episodes.csv",
    "data/SSDA903_2022_episodes.csv",
    "downloads/ssda903_header_2021.csv",
    "data/ssda903_2022.xml",
    "data/SSDA903_return.xlsx",
    "data/SSDA903_2022.zip",
    "903_header.csv",
    "extracts/903_episodes_2022.csv",
    "extracts/episodes_903.csv",
    "extracts/Middlesbrough_903_2022.csv",
    "extracts/903_2022.xml",
    "notes/children.private.csv",
]
KEPT = [
    "evidence/data/synthetic/2021/episodes.csv",
    "evidence/data/synthetic/2021/header.csv",
    "evidence/data/synthetic/SSDA903_2021_episodes.csv",
    "evidence/data/published/measures/adopted.csv",
    "evidence/claims.yml",
    "src/scrutiny/ssda903/read.py",
    "src/scrutiny/ssda903/schema.yml",
    "tests/test_ssda903_read.py",
    "notebooks/claim.ipynb",
]


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """An empty git repository holding only the project's .gitignore."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    folder = tmp_path_factory.mktemp("repo")
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    shutil.copy(ROOT / ".gitignore", folder / ".gitignore")
    return folder


def ignored(repo: Path, path: str) -> bool:
    result = subprocess.run(["git", "check-ignore", "-q", "--no-index", path], cwd=repo)
    assert result.returncode in (0, 1), f"git check-ignore failed on {path}"
    return result.returncode == 0


@pytest.mark.parametrize("path", IGNORED)
def test_a_real_extract_is_ignored(repo, path):
    assert ignored(repo, path)


@pytest.mark.parametrize("path", KEPT)
def test_synthetic_data_and_code_are_not_ignored(repo, path):
    assert not ignored(repo, path)


def test_no_committed_file_is_ignored():
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--ignored", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert listed.stdout == ""
