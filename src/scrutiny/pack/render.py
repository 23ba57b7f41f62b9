"""Executed notebook -> a code-free HTML page that works offline (no CDN scripts)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor
from traitlets.config import Config

from scrutiny.contract import ANALYST_TAG, RESULT_TAG
from scrutiny.pack import svg
from scrutiny.pack.stylesheet import STYLESHEET
from scrutiny.pack.tables import accessible_tables

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
{%- block body_header -%}
<body class="jp-Notebook" data-jp-theme-light="true" data-jp-theme-name="JupyterLab Light">
<a class="skip-link" href="#main">Skip to main content</a>
<nav class="pack-nav" aria-label="Evidence pack">
<a href="index.html">Evidence pack {{ resources.quarter }}: all claims</a>
· <a href="accessibility.html">Accessibility</a>
</nav>
<main id="main">
{%- endblock body_header -%}
{%- block data_html scoped -%}
<div class="jp-RenderedHTMLCommon jp-RenderedHTML jp-OutputArea-output {{ extra_class }}"
     data-mime-type="text/html">
{{ output.data['text/html'] | accessible_tables(cell.metadata.get('caption')) }}
</div>
{%- endblock data_html -%}
{%- block data_svg scoped -%}
<div class="jp-RenderedSVG jp-OutputArea-output {{ extra_class }}" data-mime-type="image/svg+xml">
{{ output.data['image/svg+xml'] | compact_svg | chart_figure }}
</div>
{%- endblock data_svg -%}
"""


@cache
def exporter() -> HTMLExporter:
    """One exporter for the build: it compiles its templates once, not once per page."""
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
    html.register_filter("chart_figure", svg.figure)
    html.register_filter("accessible_tables", accessible_tables)
    html.register_preprocessor(
        TagRemovePreprocessor(remove_cell_tags={RESULT_TAG, ANALYST_TAG, *PARAMETER_TAGS}),
        enabled=True,
    )
    return html


def page_title(node, name: str) -> str:
    """A title naming what the page tests (unique in the pack), from its own result cell."""
    parameters = node.metadata.get("papermill", {}).get("parameters", {})
    pack = f"evidence pack {parameters.get('quarter', '')}".strip()
    for cell in node.cells:
        if RESULT_TAG in cell.metadata.get("tags", []):
            result = next(iter(cell.outputs[0].data.values()), {}) if cell.outputs else {}
            if "subject" in result:  # named by what the claim says, as its heading is
                return f"{result.get('says') or result['subject']}, {pack}"
    if name == "scorecard":
        return f"Scorecard: {parameters.get('la_name')} against its neighbours, {pack}"
    return f"{name}, {pack}"


def render_html(notebook: Path) -> Path:
    node = nbformat.read(notebook, as_version=4)
    node.metadata["title"] = page_title(node, notebook.stem)
    quarter = node.metadata.get("papermill", {}).get("parameters", {}).get("quarter", "")
    resources = {"stylesheet": STYLESHEET, "quarter": quarter}
    body, _ = exporter().from_notebook_node(node, resources=resources)
    target = notebook.with_suffix(".html")
    target.write_text(body, encoding="utf-8")
    return target
