"""A page shows what a reader needs: the notes on running a notebook stay in JupyterLab."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat

from scrutiny.contract import ANALYST_TAG
from scrutiny.pack.render import render_html

ROOT = Path(__file__).resolve().parents[1]


def test_a_note_for_analysts_is_in_the_notebook_not_the_page(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("This notebook tests the 19.5% reduction.", id="intro"),
        nbformat.v4.new_markdown_cell("`make pack` runs it once per claim.", id="note"),
    ]
    notebook.cells[1].metadata["tags"] = [ANALYST_TAG]
    nbformat.write(notebook, tmp_path / "page.ipynb")
    page = render_html(tmp_path / "page.ipynb").read_text()
    assert "tests the 19.5% reduction" in page
    assert "make pack" not in page


def test_every_claim_notebook_opens_with_a_note_for_analysts_and_its_page_with_the_claim():
    """A page opens with the claim's heading (its first shown output), never with words
    about the notebook: what the notebook tests follows the claim."""
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        if path.name == "scorecard.ipynb":
            continue
        cells = json.loads(path.read_text())["cells"]
        assert cells[0]["metadata"].get("tags") == [ANALYST_TAG], path.name
        shown = [c for c in cells if ANALYST_TAG not in c["metadata"].get("tags", [])]
        assert shown[1]["cell_type"] == "code", path.name  # parameters, then the claim
        assert "show_claim" in "".join(shown[1]["source"]), path.name
        assert "notebook" not in "".join(shown[2]["source"]).lower(), path.name
