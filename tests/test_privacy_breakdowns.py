"""Every chart of child counts below the headline goes through disclosure control, at the
threshold the pack's params give (`suppression_threshold`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import altair as alt
import pandas as pd
import pytest
from builders import child, episode, missing, write_903

from scrutiny import chart_text
from scrutiny.checks import trend
from scrutiny.checks.catalogue import sensitivity
from scrutiny.checks.local import measure_local
from scrutiny.claims import Figure
from scrutiny.inputs import Inputs
from scrutiny.quarters import Quarter

TEN_IN_FOSTER_CARE = [f"F{i:02d}" for i in range(10)]


def years() -> dict[int, dict[str, list[dict]]]:
    """Ten foster children, three placed with parents, two adopted and one newborn starter,
    all in 2020/21; the newborn went missing twice in January 2021."""
    header = [child(c, "2010-05-17") for c in TEN_IN_FOSTER_CARE]
    header += [child(c, "2012-03-09") for c in ("P1", "P2", "P3", "A1", "A2")]
    header.append(child("N1", "2020-06-10"))
    episodes = [episode(c, "2020-04-15", place="U4") for c in TEN_IN_FOSTER_CARE]
    episodes += [episode(c, "2020-04-15", place="P1") for c in ("P1", "P2", "P3")]
    episodes += [
        episode(c, "2020-04-15", dec="2021-02-01", rec="E11", place="A3") for c in ("A1", "A2")
    ]
    episodes.append(episode("N1", "2020-06-10", place="U4"))
    absences = [missing("N1", "2021-01-05"), missing("N1", "2021-01-20")]
    return {2021: {"header": header, "episodes": episodes, "missing": absences}}


@pytest.fixture(scope="module")
def data_903(tmp_path_factory) -> Path:
    return write_903(tmp_path_factory.mktemp("903"), years())


def inputs_at(data_903: Path, threshold: int, monkeypatch) -> Inputs:
    monkeypatch.setenv("SCRUTINY_CACHE", str(data_903.parent / "cache"))
    return Inputs(
        root=data_903,
        quarter=Quarter.parse("2021Q1"),
        data_903=data_903,
        synthetic=True,
        published=data_903,
        la_code="E06000002",
        la_name="Middlesbrough",
        suppression_threshold=threshold,
    )


def chart_values(chart) -> pd.Series:
    """The plotted counts: a layered chart may hold its data on itself or its first layer."""
    frame = chart.data if isinstance(chart.data, pd.DataFrame) else chart.layer[0].data
    return frame["value"]


def chart_title(chart) -> str:
    title = chart.layer[0].title if isinstance(chart, alt.LayerChart) else chart.title
    return chart_text.one_line(title)


def test_placement_counts_by_month_are_suppressed(data_903, monkeypatch):
    params = {"start": date(2020, 12, 31), "end": date(2021, 2, 28), "group": "placed-with-parents"}
    inputs = inputs_at(data_903, 5, monkeypatch)
    values = chart_values(trend.placement_chart([], inputs, params))
    shown = values.dropna()
    assert values.isna().any()  # three children placed with parents at the month ends
    assert not any(0 < v < 5 for v in shown)
    assert "counts under 5 suppressed" in chart_title(trend.placement_chart([], inputs, params))


def test_placement_counts_follow_the_params_threshold(data_903, monkeypatch):
    params = {"start": date(2020, 12, 31), "end": date(2021, 2, 28), "group": "placed-with-parents"}
    values = chart_values(trend.placement_chart([], inputs_at(data_903, 3, monkeypatch), params))
    assert 3 in set(values.dropna())


def test_newborn_definitions_show_only_what_cannot_reveal_a_small_count(data_903, monkeypatch):
    inputs = inputs_at(data_903, 5, monkeypatch)
    headline = Figure(
        "under 7 days", "=", "903", "15.1%", "starters-newborn", {"year": 2021, "max_age_days": 6}
    )
    table = sensitivity(headline, inputs, measure_local)
    values = chart_values(trend.newborn_chart(headline, table, inputs.suppression_threshold))
    # one newborn of 16 starters: 0 days, under 28 days and under 1 year would each show
    # that single child; only the headline definition (1 of 16 = 6.25%) is shown
    assert values.isna().tolist() == [True, False, True, True]
    assert values.dropna().tolist() == [6.25]


def test_permanence_counts_by_year_are_suppressed(data_903, monkeypatch):
    inputs = inputs_at(data_903, 5, monkeypatch)
    values = chart_values(trend.permanence_chart([], inputs, {"year": 2021}))
    assert values.isna().any()  # two adoptions
    assert not any(0 < v < 5 for v in values.dropna())


def test_missing_incidents_by_month_are_suppressed(data_903, monkeypatch):
    inputs = inputs_at(data_903, 5, monkeypatch)
    params = {"start": date(2020, 4, 1), "end": date(2021, 3, 31)}
    values = chart_values(trend.missing_chart([_figure()], inputs, params))
    assert values.isna().any()  # two incidents in January 2021
    assert not any(0 < v < 5 for v in values.dropna())


def _figure() -> Figure:
    return Figure(label="incidents a month", claimed="100", comparison="=", source="903")
