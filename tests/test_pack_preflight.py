"""Fail early, once: bad params are one message before any notebook's kernel starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrutiny.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def no_kernels(monkeypatch):
    """Any attempt to run a notebook fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("a notebook was started")

    monkeypatch.setattr("scrutiny.pack.build.run_all", refuse)
    monkeypatch.chdir(ROOT)


def pack(capsys, *args: str) -> tuple[int, str]:
    code = main(["pack", "--no-progress", *args])
    return code, capsys.readouterr().err


def test_a_bad_quarter_is_one_error_before_any_kernel(no_kernels, tmp_path, capsys):
    code, err = pack(capsys, "--quarter", "2022Q5", "--out", str(tmp_path / "pack"))
    assert code == 2
    assert err.count("2022Q5") == 1 and "not of the form 2022Q1" in err
    assert "Traceback" not in err and not (tmp_path / "pack").exists()


def test_every_params_problem_is_named_with_its_file_in_one_message(no_kernels, tmp_path, capsys):
    mine = tmp_path / "mine.yml"
    mine.write_text(
        "data_903: nowhere\n"
        "register: evidence\n"
        "documents_dir: evidence/claims.yml\n"
        "groups: no-groups.yml\n"
        "suppression_threshold: five\n"
    )
    code, err = pack(capsys, "--params", str(mine), "--quarter", "2022Q9")
    assert code == 2
    lines = err.splitlines()
    assert lines[0] == "scrutiny pack: the params have problems:"
    assert f"  {mine}: data_903: {ROOT / 'nowhere'}: no such file or folder" in lines
    assert f"  {mine}: register: {ROOT / 'evidence'}: not a file" in lines
    assert f"  {mine}: documents_dir: {ROOT / 'evidence/claims.yml'}: not a folder" in lines
    assert f"  {mine}: groups: {ROOT / 'no-groups.yml'}: no such file or folder" in lines
    assert any("suppression_threshold must be int" in line for line in lines)
    assert any("2022Q9" in line for line in lines)


def test_an_unused_optional_path_may_be_empty(no_kernels, tmp_path, capsys):
    mine = tmp_path / "mine.yml"
    mine.write_text('documents_dir: ""\ngroups: ""\nsn_edition: "1999-01"\n')
    code, err = pack(capsys, "--params", str(mine), "--out", str(tmp_path / "pack"))
    assert code == 2 and "documents_dir" not in err and "groups" not in err


@pytest.mark.parametrize(
    ("line", "named"),
    [("sn_edition: '2099-01'", "edition '2099-01'"), ("la_code: E99999999", "E99999999")],
)
def test_an_unknown_authority_or_neighbour_edition_stops_before_any_kernel(
    no_kernels, tmp_path, capsys, line, named
):
    mine = tmp_path / "mine.yml"
    mine.write_text(line + "\n")
    code, err = pack(capsys, "--params", str(mine), "--out", str(tmp_path / "pack"))
    assert code == 2
    assert err.startswith("scrutiny pack: params la_code and sn_edition: ") and named in err
