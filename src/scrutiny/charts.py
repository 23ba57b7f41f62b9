"""Altair chart helpers for the pack: small, labelled, rendered as static SVG (offline, stable)."""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from scrutiny import chart_text
from scrutiny.contract import PUBLISHED_ATTRIBUTE

WIDTH, HEIGHT = 560, 240
TITLE_LINE, AXIS_LINE = 70, 40  # characters that fit across the chart, and along its height
INK, MARK, CLAIM = "#1d3557", "#457b9d", "#c1272d"
# White text on each of these has a contrast of at least 4.5:1 (WCAG 1.4.3), and each stands
# out 3:1 from a white page as a bar (1.4.11). pack.css colours the index's verdicts the same.
VERDICT_COLOURS = {
    "supported": "#1f7a70",
    "consistent": "#2f5f8a",
    "not supported": "#c1272d",
    "not testable": "#5c677d",
    "data issue": "#a8550e",
}
RAG_COLOURS = {"green": "#1f7a70", "amber": "#a8550e", "red": "#c1272d"}


PUBLISHED_META = {"scrutiny": {"source": "published"}}  # a chart's usermeta: DfE figures only


def published_chart(chart):
    """Mark a chart drawn only from the DfE's published statistics (None passes through)."""
    if chart is not None:
        chart.usermeta = PUBLISHED_META
    return chart


def accessible_svg_renderer(spec: dict) -> dict[str, str]:
    """altair's SVG (vl-convert), named and described in words from the chart's data; a
    published chart's SVG carries the mark the disclosure scan reads."""
    svg = chart_text.accessible_svg(spec)
    if spec.get("usermeta") == PUBLISHED_META:
        svg = svg.replace("<svg", f'<svg {PUBLISHED_ATTRIBUTE}="published"', 1)
    return {"image/svg+xml": svg}


def use_static_svg() -> None:
    """Render charts as inline SVG with a text alternative: no CDN scripts, identical bytes on
    every run."""
    alt.renderers.register("accessible-svg", accessible_svg_renderer)
    alt.renderers.enable("accessible-svg")


def lines(text: str, width: int) -> str | list[str]:
    """A long title as lines of at most `width` characters (vega draws a list one line under
    another; one long line runs off the chart or squeezes it)."""
    wrapped = textwrap.wrap(text, width)
    return wrapped if len(wrapped) > 1 else text


def date_axis(dates: pd.Series) -> alt.Axis:
    """Month and year labels; a yearly series (every point on one day of the year, such as
    31 March) is labelled at its own points, not at vega's quarterly ticks between them."""
    days = dates.drop_duplicates().sort_values()
    if len(days) > 1 and days.dt.strftime("%m-%d").nunique() == 1:
        return alt.Axis(format="%b %Y", values=[int(d.timestamp() * 1000) for d in days])
    return alt.Axis(format="%b %Y")


def line_over_time(frame: pd.DataFrame, y_title: str, title: str) -> alt.Chart:
    """`frame` has date, value (and optional series).

    The value axis starts at zero: drawn from its lowest value, a count or a rate that moved
    a little looks as if it had moved a lot. Dates are UTC from end to end (data, scale,
    labels): otherwise vega reads and places them in the machine's time zone, and the SVG's
    bytes would depend on where the pack was built.
    """
    frame = frame.assign(date=pd.to_datetime(frame["date"]).dt.tz_localize("UTC"))
    encoding = {
        "x": alt.X(
            "date:T", title=None, scale=alt.Scale(type="utc"), axis=date_axis(frame["date"])
        ),
        "y": alt.Y("value:Q", title=lines(y_title, AXIS_LINE), scale=alt.Scale(zero=True)),
    }
    if "series" in frame:
        encoding["color"] = alt.Color("series:N", title=None, legend=alt.Legend(orient="bottom"))
    return (
        alt.Chart(frame, title=lines(title, TITLE_LINE))
        .mark_line(point=True, color=MARK)
        .encode(**encoding)
        .properties(width=WIDTH, height=HEIGHT)
    )


def bars(
    frame: pd.DataFrame, x: str, y_title: str, title: str, sort: list | None = None
) -> alt.Chart:
    """`frame` has the category column `x`, value, and optional series (grouped, in the
    order they first appear: a reader's order, such as narrowest definition first)."""
    encoding = {
        "x": alt.X(f"{x}:N", title=None, sort=sort, axis=alt.Axis(labelAngle=0)),
        "y": alt.Y("value:Q", title=lines(y_title, AXIS_LINE)),
    }
    if "series" in frame:
        order = list(dict.fromkeys(frame["series"]))
        encoding["xOffset"] = alt.XOffset("series:N", sort=order)
        encoding["color"] = alt.Color(
            "series:N", title=None, sort=order, legend=alt.Legend(orient="bottom")
        )
    return (
        alt.Chart(frame, title=lines(title, TITLE_LINE))
        .mark_bar(color=MARK)
        .encode(**encoding)
        .properties(width=WIDTH, height=HEIGHT)
    )


def claimed_rules(chart: alt.Chart, claims: pd.DataFrame) -> alt.LayerChart:
    """Mark claimed values as dashed red lines labelled with the claim as written."""
    if claims.empty:
        return alt.layer(chart)
    rule = alt.Chart(claims).mark_rule(color=CLAIM, strokeDash=[6, 4]).encode(y="value:Q")
    label = (
        alt.Chart(claims)
        .mark_text(color=CLAIM, align="left", dx=4, dy=-6)
        .encode(y="value:Q", text="label:N", x=alt.value(0))
    )
    return alt.layer(chart, rule, label)


def verdict_summary(frame: pd.DataFrame) -> alt.Chart:
    """Claims by verdict on real evidence, for the index page. `frame` has verdict, claims."""
    colours = alt.Scale(domain=list(VERDICT_COLOURS), range=list(VERDICT_COLOURS.values()))
    return (
        alt.Chart(frame, title="Claims by verdict on real evidence")
        .mark_bar()
        .encode(
            y=alt.Y("verdict:N", title=None, sort=colours.domain),
            x=alt.X("claims:Q", title="claims", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("verdict:N", scale=colours, legend=None),
        )
        .properties(width=420, height=120)
    )
