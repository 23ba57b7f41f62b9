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


def test_every_notebook_opens_with_what_it_tests_then_a_note_for_analysts():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text())["cells"]
        assert "make pack" not in "".join(cells[0]["source"]), path.name
        assert cells[1]["metadata"].get("tags") == [ANALYST_TAG], path.name
