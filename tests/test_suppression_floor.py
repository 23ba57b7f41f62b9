"""Suppression cannot be switched off, and every table of counts on a page goes through it
(issue 25, item 7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_privacy_breakdowns import data_903, inputs_at  # noqa: F401 (a fixture)

from scrutiny.checks.catalogue import sensitivity
from scrutiny.checks.local import measure_local
from scrutiny.claims import Figure
from scrutiny.cli import main
from scrutiny.errors import ConfigError
from scrutiny.pack.build import notebooks_of
from scrutiny.params import load_params

ROOT = Path(__file__).resolve().parents[1]


def params_with(tmp_path: Path, text: str) -> dict:
    path = tmp_path / "ours.yml"
    path.write_text(text)
    return load_params(ROOT, notebooks_of(ROOT), extra=path)[0]


@pytest.mark.parametrize(
    "text, message",
    [
        ("suppression_threshold: 0\n", "suppression_threshold must be at least 1, not 0"),
        ("suppression_threshold: -5\n", "suppression_threshold must be at least 1, not -5"),
        ("suppression_threshold: 3\n", "suppression_threshold 3 is below 5, the DfE convention"),
    ],
)
def test_a_threshold_under_the_floor_is_refused(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message) as caught:
        params_with(tmp_path, text)
    assert str(tmp_path / "ours.yml") in str(caught.value)


def test_a_lower_threshold_with_a_reason_is_accepted(tmp_path):
    params = params_with(
        tmp_path,
        "suppression_threshold: 3\n"
        "suppression_override_reason: internal pack for the panel's closed session\n",
    )
    assert params["suppression_threshold"] == 3


def test_the_pack_refuses_a_threshold_of_zero(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    (tmp_path / "ours.yml").write_text("suppression_threshold: 0\n")
    assert main(["pack", "--params", str(tmp_path / "ours.yml"), "--out", str(tmp_path / "p")]) == 2
    assert "suppression_threshold must be at least 1" in capsys.readouterr().err
    assert not (tmp_path / "p").exists()


@pytest.mark.parametrize("threshold", [0, -1, 2.5])
def test_a_notebook_run_by_hand_refuses_a_threshold_under_one(threshold):
    """An analyst in JupyterLab bypasses the pack's params check; the library still refuses."""
    from scrutiny.inputs import Inputs

    with pytest.raises(ConfigError, match="suppression_threshold must be a whole number"):
        Inputs.from_params("2022Q1", "x", "y", "E06000002", "Middlesbrough", threshold)


def test_every_row_of_the_sensitivity_table_is_suppressed_but_the_headline(
    data_903,  # noqa: F811
    monkeypatch,
):
    # Two adoptions and two placements for adoption in 2020/21, no special guardianship.
    adopted = Figure("adopted", "=", "903", "2", "adoptions", {"year": 2021})
    table = sensitivity(adopted, inputs_at(data_903, 5, monkeypatch), measure_local)
    shown = dict(zip(table["definition"], table["measured"], strict=True))
    assert shown == {
        "placed for adoption (first A3–A6 placement)": "c",
        "adopted (REC E11/E12) (registered)": "2",
        "special guardianship orders": "0",
    }
    assert table["numerator"].isna().tolist() == [True, False, False]
