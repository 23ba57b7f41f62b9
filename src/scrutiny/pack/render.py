"""Executed notebook -> a code-free HTML page that works offline (no CDN scripts)."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor
from traitlets.config import Config

from scrutiny.pack import svg
from scrutiny.pack.stylesheet import STYLESHEET

RESULT_TAG = "pack-result"  # the cell whose JSON output feeds the index, not the page
# Code-only cells with nothing to show; papermill gives the injected one a random id, which
# would make two renders of the same notebook differ.
PARAMETER_TAGS = {"parameters", "injected-parameters"}

# The lab page without the scripts it loads from cdnjs (require.js, MathJax, mermaid) and without
# JupyterLab's 260 KB of CSS: the pages share the pack's one stylesheet (see stylesheet.py). The
# content policy lets the browser load that file and inline styles (the notebooks' own outputs
# carry some) and data: images, nothing else, so a page that reached for the network would show
# it. Charts go in as inline <svg> (our own vl-convert output), compacted, not base64 images.
OFFLINE_PAGE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}
<meta http-equiv="Content-Security-Policy"
      content="default-src 'none'; style-src 'self' 'unsafe-inline'; img-src data:">
{%- endblock html_head_js -%}
{%- block notebook_css -%}
<link rel="stylesheet" href="{{ resources.stylesheet }}">
{%- endblock notebook_css -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block data_svg scoped -%}
<div class="jp-RenderedSVG jp-OutputArea-output {{ extra_class }}" data-mime-type="image/svg+xml">
{{ output.data['image/svg+xml'] | compact_svg }}
</div>
{%- endblock data_svg -%}
"""


def exporter() -> HTMLExporter:
    html = HTMLExporter(
        # the pygments CSS it would inline styles code cells, and the pages show no code
        config=Config({"CSSHTMLHeaderPreprocessor": {"enabled": False}}),
        template_name="lab",
        raw_template=OFFLINE_PAGE,
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    html.register_filter("compact_svg", svg.compact)
    html.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags={RESULT_TAG, *PARAMETER_TAGS}), enabled=True
    )
    return html


def render_html(notebook: Path, title: str) -> Path:
    node = nbformat.read(notebook, as_version=4)
    node.metadata["title"] = title
    body, _ = exporter().from_notebook_node(node, resources={"stylesheet": STYLESHEET})
    target = notebook.with_suffix(".html")
    target.write_text(body, encoding="utf-8")
    return target
