"""The pack never destroys what it did not build, and one build at a time writes a pack."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from scrutiny.claims import load_register
from scrutiny.cli import main
from scrutiny.errors import ConfigError
from scrutiny.pack.build import BuildLock, refuse_foreign

ROOT = Path(__file__).resolve().parents[1]


def test_out_pointed_at_a_folder_of_other_files_exits_and_keeps_them(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "mine"
    (folder / "sub").mkdir(parents=True)
    (folder / "budget.xlsx").write_bytes(b"figures")
    (folder / "sub" / "notes.txt").write_text("notes")
    monkeypatch.chdir(ROOT)
    assert main(["pack", "--out", str(folder), "--no-progress"]) != 0
    assert "refusing to build into" in capsys.readouterr().err
    assert (folder / "budget.xlsx").read_bytes() == b"figures"
    assert (folder / "sub" / "notes.txt").read_text() == "notes"


def test_the_rendered_folder_itself_is_not_a_pack():
    with pytest.raises(ConfigError, match="no pack of this tool"):
        refuse_foreign(ROOT / "rendered")


def test_a_pack_an_empty_folder_and_a_new_path_may_be_built_into(tmp_path):
    refuse_foreign(ROOT / "rendered" / "2022Q1")
    refuse_foreign(tmp_path)
    refuse_foreign(tmp_path / "new")


def test_a_second_build_into_the_same_pack_stops(tmp_path):
    target = tmp_path / "2022Q1"
    with (
        BuildLock(target),
        pytest.raises(ConfigError, match="another build"),
        BuildLock(target),
    ):
        pass
    with BuildLock(target):  # released, and free again
        pass


def test_a_lock_left_by_a_killed_build_is_taken_over(tmp_path):
    target = tmp_path / "2022Q1"
    target.with_name(".lock-2022Q1").write_text("999999999")  # no such process
    with BuildLock(target):
        assert target.with_name(".lock-2022Q1").read_text() == str(os.getpid())


@pytest.mark.parametrize("claim_id", ["/../../../../tmp/x/TRAVERSED", "../up", "a/b", "Dental"])
def test_a_claim_id_that_is_not_a_plain_name_is_refused(tmp_path, claim_id):
    register = yaml.safe_load((ROOT / "evidence" / "claims.yml").read_text())
    register["claims"][0]["id"] = claim_id
    path = tmp_path / "claims.yml"
    path.write_text(yaml.safe_dump(register))
    with pytest.raises(ConfigError, match="id must be lower-case letters, digits and hyphens"):
        load_register(path, {"cla-change": {"start", "end"}})
