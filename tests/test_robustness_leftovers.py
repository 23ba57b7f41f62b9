"""What a killed build leaves behind is tidied by the next one, without touching live builds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scrutiny.pack.build import clear_abandoned, scratch


@pytest.fixture(scope="module")
def dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def folder(path: Path, marker: str) -> Path:
    path.mkdir(parents=True)
    (path / "index.html").write_text(marker)
    return path


def test_a_dead_builds_scratch_folder_is_removed(tmp_path, dead_pid):
    target = folder(tmp_path / "2022Q1", "pack")
    left = folder(scratch(target, "building", dead_pid), "half a pack")
    clear_abandoned(target)
    assert not left.exists()
    assert (target / "index.html").read_text() == "pack"


def test_a_live_builds_scratch_folder_is_kept(tmp_path):
    target = folder(tmp_path / "2022Q1", "pack")
    live = folder(scratch(target, "building", os.getppid()), "in progress")
    clear_abandoned(target)
    assert live.exists()


def test_a_pack_moved_aside_by_a_build_killed_mid_swap_is_put_back(tmp_path, dead_pid):
    target = tmp_path / "2022Q1"
    folder(scratch(target, "previous", dead_pid), "previous pack")
    folder(scratch(target, "building", dead_pid), "new pack, never swapped in")
    clear_abandoned(target)
    assert (target / "index.html").read_text() == "previous pack"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2022Q1"]


def test_a_moved_aside_copy_is_dropped_once_the_swap_had_finished(tmp_path, dead_pid):
    target = folder(tmp_path / "2022Q1", "new pack")
    folder(scratch(target, "previous", dead_pid), "previous pack")
    clear_abandoned(target)
    assert (target / "index.html").read_text() == "new pack"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2022Q1"]


def test_other_quarters_scratch_folders_are_not_touched(tmp_path, dead_pid):
    target = tmp_path / "2022Q1"
    other = folder(tmp_path / f".building-2022Q1-extra-{dead_pid}", "another pack's build")
    clear_abandoned(target)
    assert other.exists()
