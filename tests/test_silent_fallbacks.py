"""A setting that would be ignored or quietly replaced is an error (issue 25, item 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrutiny.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def in_the_project(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize(
    "flags, message",
    [
        (["--timeout", "0"], "--timeout must be 1 or more, not 0"),
        (["--timeout", "-5"], "--timeout must be 1 or more, not -5"),
        (["--jobs", "0"], "--jobs must be 1 or more, not 0"),
    ],
)
def test_a_number_out_of_range_is_refused(tmp_path, capsys, flags, message):
    out = tmp_path / "pack"
    assert main(["pack", "--out", str(out), "--no-progress", *flags]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_a_typo_inside_definition_is_refused(tmp_path, capsys):
    params = tmp_path / "ours.yml"
    params.write_text("definition: {max_age_dayz: 27}\n")
    out = tmp_path / "pack"
    assert main(["pack", "--params", str(params), "--out", str(out), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "definition: no figure in the register takes 'max_age_dayz'" in err
    assert "did you mean 'max_age_days'?" in err
    assert "Traceback" not in err
    assert not out.exists()
