"""Executed notebook -> a code-free HTML page that works offline (no CDN scripts)."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

RESULT_TAG = "pack-result"  # the cell whose JSON output feeds the index, not the page


def exporter() -> HTMLExporter:
    # Empty MathJax/require.js URLs: the lab template otherwise loads both from cdnjs.
    html = HTMLExporter(
        template_name="lab",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        mathjax_url="",
        require_js_url="",
    )
    html.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={RESULT_TAG}), enabled=True)
    return html


def render_html(notebook: Path, title: str) -> Path:
    node = nbformat.read(notebook, as_version=4)
    node.metadata["title"] = title
    body, _ = exporter().from_notebook_node(node)
    target = notebook.with_suffix(".html")
    target.write_text(body, encoding="utf-8")
    return target
