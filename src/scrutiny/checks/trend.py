"""The trend behind a 903 figure, as chart data and an altair chart with the claim marked."""

from __future__ import annotations

import pandas as pd

from scrutiny import charts, metrics
from scrutiny.claims import Figure
from scrutiny.groups import find_group
from scrutiny.inputs import Inputs
from scrutiny.privacy.suppression import suppress_counts, suppress_each
from scrutiny.quarters import year_label


def window(
    start, end, coverage=None, before_months: int = 6, after_months: int = 3
) -> pd.DatetimeIndex:
    """Month ends around the claim's dates, within what the extract covers: a month the data
    do not reach would be drawn as a partial count."""
    first = pd.Timestamp(start) - pd.DateOffset(months=before_months)
    last = pd.Timestamp(end) + pd.DateOffset(months=after_months)
    days = pd.date_range(first, last + pd.offsets.MonthEnd(0), freq="ME")
    if coverage is None:
        return days
    return days[[coverage.covers(day.date()) for day in days]]


def claim_marks(figures: list[Figure], values: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"value": values, "label": [f"claimed {f.claimed}" for f in figures]})


def cla_chart(figures: list[Figure], inputs: Inputs, params: dict):
    dates = [pd.Timestamp(params[k]) for k in ("at", "start", "end") if k in params]
    days = window(min(dates), max(dates), inputs.dataset.coverage)
    counts = metrics.cla_on_dates(inputs.dataset, days)
    frame = pd.DataFrame({"date": counts.index, "value": counts.to_numpy()})
    chart = charts.line_over_time(
        frame, "children looked after", "Children looked after at each month end"
    )
    marked = [f for f in figures if f.claimed and f.metric == "cla-on-date"]
    values = [f.claimed_value for f in marked]
    if not marked and "start" in params and figures[0].claimed:
        base = int(metrics.cla_on_dates(inputs.dataset, [params["start"]]).iloc[0])
        marked, values = [figures[0]], [base * (1 + figures[0].claimed_value / 100)]
    return charts.claimed_rules(chart, claim_marks(marked, values))


def newborn_chart(figure: Figure, table: pd.DataFrame, threshold: int):
    """The share of starters under each definition of 'at birth', with the claim marked.

    Drawn from the check's sensitivity table itself, so it shows nothing that table suppresses.
    """
    frame = pd.DataFrame(
        {
            "definition": table["definition"].str.replace(" (registered)", ""),
            "value": table["value"].astype(float),
        }
    )
    title = (
        f"Starters in the period by age at first start (small counts, and counts that "
        f"would reveal one, suppressed under {threshold})"
    )
    chart = charts.bars(
        frame, "definition", "% of starters", title, sort=frame["definition"].tolist()
    )
    return charts.claimed_rules(chart, claim_marks([figure], [figure.claimed_value]))


def oc2_chart(figures: list[Figure], inputs: Inputs, params: dict):
    metric = figures[0].metric
    who = metrics.METRICS[metric].label
    years = sorted(int(y) for y in inputs.dataset.oc2["YEAR"].dropna().unique())
    values = [metrics.measure(inputs.dataset, metric, year=y).value for y in years]
    frame = pd.DataFrame({"year": [f"31 Mar {y}" for y in years], "value": values})
    title = f"Children looked after for 12 months who {who}, year to 31 March (903 extract)"
    chart = charts.bars(frame, "year", "% of the 12-month cohort", title)
    return charts.claimed_rules(chart, claim_marks([figures[0]], [figures[0].claimed_value]))


def permanence_chart(figures: list[Figure], inputs: Inputs, params: dict):
    years = sorted(int(y) for y in inputs.dataset.episodes["YEAR"].dropna().unique())
    rows = [
        {
            "year": year_label(y),
            "series": spec.label,
            "value": metrics.measure(inputs.dataset, spec.name, year=y).value,
        }
        for y in years
        for spec in metrics.in_topic(metrics.PERMANENCE)
    ]
    frame = pd.DataFrame(rows)
    threshold = inputs.suppression_threshold
    frame["value"] = suppress_each(frame["value"], threshold).astype(float)
    title = f"Permanence by collection year (counts under {threshold} suppressed)"
    return charts.bars(frame, "year", "children", title)


def placement_chart(figures: list[Figure], inputs: Inputs, params: dict):
    days = window(params["start"], params["end"], inputs.dataset.coverage)
    counts = metrics.placement_counts_on_dates(
        inputs.dataset, days, params["group"], params.get("groups")
    )
    shown = suppress_each(counts, inputs.suppression_threshold).to_numpy(dtype="float")
    frame = pd.DataFrame({"date": counts.index, "value": shown})
    group = find_group(params["group"], params.get("groups"))
    title = (
        f"Children in {group.description[:1].lower()}{group.description[1:]} at each month end "
        f"(counts under {inputs.suppression_threshold} suppressed)"
    )
    chart = charts.line_over_time(frame, "children", title)
    marked = [f for f in figures if f.claimed and f.metric.startswith("placement-count")]
    return charts.claimed_rules(chart, claim_marks(marked, [f.claimed_value for f in marked]))


def missing_chart(figures: list[Figure], inputs: Inputs, params: dict):
    result = metrics.measure(
        inputs.dataset, "missing-incidents", start=params["start"], end=params["end"]
    )
    frame = result.breakdown.rename(columns={"total": "value"})[["month", "value"]]
    frame["value"] = suppress_counts(frame["value"], inputs.suppression_threshold).astype(float)
    chart = charts.bars(
        frame, "month", "incidents", "Missing/away incidents of children looked after per month"
    )
    return charts.claimed_rules(chart, claim_marks([figures[0]], [figures[0].claimed_value]))
