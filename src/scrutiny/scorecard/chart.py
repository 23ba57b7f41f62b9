"""Small multiples: one panel per indicator, the authority against its neighbours over time.

Each panel: the neighbours' range (lowest to highest, a grey band), their average, England
(dashed; left out for counts, which grow with population) and the authority (dark, with
points). Scales are per panel: the indicators differ in unit.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from scrutiny.charts import INK, MARK

BAND = "#d9dde3"
ENGLAND = "#6c757d"
NEIGHBOURS = "Neighbour average"


def small_multiples(history: pd.DataFrame, la_name: str, columns: int = 3) -> alt.FacetChart:
    """`history` from `published_history`; `la_name` labels the authority's line."""
    counts = ~history["measure"].str.endswith(("_pct", "_per_10000"))
    history = history.assign(england=history["england"].mask(counts))
    frame = history.rename(
        columns={"authority": la_name, "neighbour_average": NEIGHBOURS, "england": "England"}
    )[["title", "year", la_name, NEIGHBOURS, "England", "neighbour_min", "neighbour_max"]]
    series = [la_name, NEIGHBOURS, "England"]
    x = alt.X("year:Q", title=None, axis=alt.Axis(format="d", tickMinStep=1))
    band = (
        alt.Chart()
        .mark_area(color=BAND)
        .encode(x=x, y=alt.Y("neighbour_min:Q", title=None), y2="neighbour_max:Q")
    )
    lines = (
        alt.Chart()
        .transform_fold(series, as_=["series", "value"])
        .mark_line(point=True, strokeWidth=2)
        .encode(
            x=x,
            y=alt.Y("value:Q", title=None, scale=alt.Scale(zero=True)),  # a dip reads true to size
            color=alt.Color(
                "series:N",
                title=None,
                scale=alt.Scale(domain=series, range=[INK, MARK, ENGLAND]),
                legend=alt.Legend(orient="bottom"),
            ),
            strokeDash=alt.StrokeDash(
                "series:N",
                title=None,
                scale=alt.Scale(domain=series, range=[[1, 0], [1, 0], [6, 4]]),
                legend=None,
            ),
        )
    )
    header = alt.Header(title=None, labelExpr="split(datum.label, ', ')", labelFontSize=11)
    return (
        alt.layer(band, lines, data=frame)
        .properties(width=240, height=150)
        .facet(
            facet=alt.Facet("title:N", header=header, sort=list(dict.fromkeys(frame["title"]))),
            columns=columns,
            title=f"{la_name} against its statistical neighbours (grey: their range)",
        )
        .resolve_scale(y="independent")
    )
