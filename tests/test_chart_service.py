"""While a pack builds, kernels' charts are drawn by the build's one renderer, to the same bytes.

The renderer only saves each kernel starting vl-convert's engine: a chart served and a chart
drawn in the process must be identical (nbval compares the committed pack's charts, drawn by
the build, with those its own kernels draw), errors must reach the notebook, and a kernel whose
build has gone must still draw.
"""

from __future__ import annotations

import os

import nbformat
import pandas as pd
import pytest

from scrutiny import chart_service, charts
from scrutiny.pack.execute import run_all
from scrutiny.pack.plan import Job


def spec() -> dict:
    frame = pd.DataFrame(
        {"date": pd.date_range("2020-01-31", periods=3, freq="ME"), "value": [5, 7, 6]}
    )
    return charts.line_over_time(frame, "children", "Children looked after").to_dict()


def test_a_served_chart_is_the_chart_drawn_here(monkeypatch):
    drawn_here = chart_service.draw(spec())
    with chart_service.serving() as env:
        monkeypatch.setenv(chart_service.SOCKET_VARIABLE, env[chart_service.SOCKET_VARIABLE])
        assert chart_service.svg(spec()) == drawn_here
    assert drawn_here.startswith("<svg")


def test_a_chart_the_renderer_cannot_draw_raises_in_the_kernel(monkeypatch):
    with chart_service.serving() as env:
        monkeypatch.setenv(chart_service.SOCKET_VARIABLE, env[chart_service.SOCKET_VARIABLE])
        with pytest.raises(ValueError, match="Vega-Lite to SVG conversion failed"):
            chart_service.svg({"mark": "no such mark"})


def test_a_kernel_whose_build_has_gone_draws_its_own(monkeypatch, tmp_path):
    monkeypatch.setenv(chart_service.SOCKET_VARIABLE, str(tmp_path / "gone"))
    assert chart_service.svg(spec()) == chart_service.draw(spec())


def test_the_renderer_leaves_nothing_behind():
    with chart_service.serving() as env:
        folder = os.path.dirname(env[chart_service.SOCKET_VARIABLE])
        assert os.path.exists(env[chart_service.SOCKET_VARIABLE])
    assert not os.path.exists(folder)


CHART_CELL = """\
import pandas as pd
from scrutiny import charts
charts.use_static_svg()
charts.line_over_time(pd.DataFrame({"date": ["2021-03-31"], "value": [3]}), "children", "t")
"""


@pytest.mark.slow
def test_a_packs_kernels_ask_the_builds_renderer(tmp_path, monkeypatch):
    """Proof that the kernel asked: the build's renderer here draws a marker, not the chart."""
    asked = []

    def marker(chart: dict) -> str:
        asked.append(chart["title"])
        return "<svg><!-- drawn by the build --></svg>"

    monkeypatch.setattr(chart_service, "draw", marker)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(CHART_CELL, id="c")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, tmp_path / "chart.ipynb")
    (tmp_path / "out").mkdir()
    pages = []
    job = Job("chart", tmp_path / "chart.ipynb", {}, "key", {})
    [outcome] = run_all([job], tmp_path / "out", tmp_path, 1, 120, False, pages.append)
    assert outcome.ok, outcome.error
    assert asked == ["t"] and pages == [job]
    [cell] = nbformat.read(tmp_path / "out" / "chart.ipynb", as_version=4).cells
    assert "<!-- drawn by the build -->" in cell.outputs[0]["data"]["image/svg+xml"]
