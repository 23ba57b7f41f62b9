"""notebooks/scorecard.ipynb: its parameters contract, stored state, and a papermill run."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import papermill
import pytest
import yaml

from scrutiny.contract import SCORECARD_MIMETYPE as MIMETYPE
from scrutiny.pages.scorecard import open_scorecard
from scrutiny.params import notebook_parameters
from scrutiny.scorecard import load_indicators

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "scorecard.ipynb"
PARAMETERS = {
    "quarter": "str",
    "data_903": "str",
    "published_extract": "str",
    "la_code": "str",
    "la_name": "str",
    "suppression_threshold": "int",
    "sn_edition": "str",
}


def test_parameters_are_pack_params_of_the_same_type():
    declared = notebook_parameters(NOTEBOOK)
    assert declared == PARAMETERS
    defaults = yaml.safe_load((ROOT / "params" / "defaults.yml").read_text())
    for name, kind in declared.items():
        assert type(defaults[name]).__name__ == kind, name


def test_stored_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert code[0].metadata["tags"] == ["parameters"]


def run(tmp_path: Path, **parameters) -> dict:
    out = tmp_path / "scorecard.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK),
        str(out),
        parameters=parameters,
        cwd=str(ROOT),
        kernel_name="python3",
        progress_bar=False,
    )
    for cell in nbformat.read(out, as_version=4).cells:
        for output in cell.get("outputs", []):
            if MIMETYPE in output.get("data", {}):
                return output["data"][MIMETYPE]
    raise AssertionError("the notebook displayed no scorecard summary")


@pytest.mark.slow
def test_papermill_run_has_one_row_per_indicator(tmp_path):
    indicators = load_indicators(ROOT / "evidence" / "indicators.yml")
    summary = run(tmp_path)
    assert summary["edition"] == "2021-04"
    assert [row["indicator"] for row in summary["rows"]] == [i.id for i in indicators]
    rate = summary["rows"][0]
    assert (rate["latest_year"], rate["value"], rate["target"]) == (2022, 150.0, 134.0)
    json.dumps(summary)


@pytest.mark.slow
def test_papermill_run_without_903_data(tmp_path):
    summary = run(tmp_path, data_903=str(tmp_path / "no-such-folder"), sn_edition="2025-05")
    assert summary["edition"] == "2025-05"
    assert {row["current_903"] for row in summary["rows"]} == {"no 903 data"}
    assert not any(row["synthetic"] for row in summary["rows"])


def test_unusable_903_data_leaves_the_published_scorecard(tmp_path):
    (tmp_path / "junk.csv").write_text("not,a,903,table\n1,2,3,4\n")
    page = open_scorecard(
        quarter="2022Q1",
        data_903=str(tmp_path),
        published_extract="evidence/data/published",
        la_code="E06000002",
        la_name="Middlesbrough",
        suppression_threshold=5,
        sn_edition="2021-04",
    )
    assert page.status_903.startswith("the 903 data is unusable")
    assert page.card["current_903"].isna().all()
    assert page.card.loc[0, "value"] == 150.0
    assert not page.synthetic
