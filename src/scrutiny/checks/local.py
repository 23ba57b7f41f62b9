"""Figures measured on the authority's 903 data: registry metrics plus a few claim-shaped ones."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from scrutiny import metrics
from scrutiny.checks.inputs import Inputs
from scrutiny.checks.measurement import Measurement
from scrutiny.claims import DATA_ISSUE, Figure, verdict
from scrutiny.errors import DataError


def month_ends(start, end) -> pd.DatetimeIndex:
    """Last day of each month whose end falls in [start, end]."""
    return pd.date_range(pd.Timestamp(start), pd.Timestamp(end), freq="ME")


def resolved_params(figure: Figure, inputs: Inputs) -> dict:
    params = inputs.quarter.resolve_params(figure.params)
    if inputs.groups is not None and "group" in params:
        params["groups"] = str(inputs.groups)
    return params


Derived = tuple[float, int, int | None, list[str], str]


def month_days(at) -> pd.DatetimeIndex:
    at = pd.Timestamp(at)
    return pd.date_range(at.replace(day=1), at + pd.offsets.MonthEnd(0), freq="D")


def cla_month_average(dataset, params: dict) -> Derived:
    daily = metrics.cla_on_dates(dataset, month_days(params["at"]))
    month = pd.Timestamp(params["at"]).strftime("%B %Y")
    return (
        float(daily.mean()),
        int(daily.sum()),
        len(daily),
        [],
        f"children looked after, averaged over the days of {month}",
    )


def cla_change_month_average(dataset, params: dict) -> Derived:
    before = metrics.cla_on_dates(dataset, month_days(params["start"])).mean()
    after = metrics.cla_on_dates(dataset, month_days(params["end"])).mean()
    change = 100.0 * (after - before) / before if before else float("nan")
    return (
        change,
        round(after - before),
        round(before),
        [],
        "% change in the monthly average of children looked after between the two months",
    )


def placement_extreme(dataset, params: dict, pick: str) -> Derived:
    counts = metrics.placement_counts_on_dates(
        dataset, month_ends(params["start"], params["end"]), params["group"], params.get("groups")
    )
    day = counts.idxmin() if pick == "min" else counts.idxmax()
    word = "fewest" if pick == "min" else "most"
    notes = [
        f"{word} on {day.date().isoformat()}, across {len(counts)} month ends "
        f"(range {counts.min()}–{counts.max()})"
    ]
    definition = (
        f"the {word} children in placement group `{params['group']}` at any month end "
        f"from {pd.Timestamp(params['start']).date()} to {pd.Timestamp(params['end']).date()}"
    )
    return float(counts[day]), int(counts[day]), None, notes, definition


def monthly_missing(dataset, params: dict) -> Derived:
    result = metrics.measure(dataset, "missing-incidents", start=params["start"], end=params["end"])
    months = len(result.breakdown)
    definition = (
        "missing and away-from-placement incidents (Missing table rows) of children "
        "looked after a calendar month, averaged over the period"
    )
    return result.numerator / months, result.numerator, months, list(result.notes), definition


DERIVED: dict[str, tuple[str, Callable]] = {
    "cla-month-average": ("count", cla_month_average),
    "cla-change-month-average": ("percent change", cla_change_month_average),
    "placement-count-min": ("count", lambda d, p: placement_extreme(d, p, "min")),
    "placement-count-max": ("count", lambda d, p: placement_extreme(d, p, "max")),
    "missing-incidents-monthly": ("count", monthly_missing),
}
LOCAL_METRICS = set(metrics.METRICS) | set(DERIVED)


def failed(figure: Figure, inputs: Inputs, definition: str) -> Measurement:
    error = inputs.failure
    count = len(error.problems) if isinstance(error, DataError) else 1
    note = (
        f"the 903 input failed validation ({count} problem(s)); run "
        "`scrutiny validate` on it for the list"
    )
    return Measurement(figure, None, DATA_ISSUE, definition, inputs.source_903, notes=[note])


def measure_local(figure: Figure, inputs: Inputs) -> Measurement:
    params = resolved_params(figure, inputs)
    if figure.metric in DERIVED:
        unit, function = DERIVED[figure.metric]
        if inputs.dataset is None:
            return failed(figure, inputs, figure.metric)
        value, numerator, denominator, notes, definition = function(inputs.dataset, params)
        shown = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in params.items()}
    else:
        spec = metrics.METRICS[figure.metric]
        unit, definition = spec.unit, spec.definition
        if inputs.dataset is None:
            return failed(figure, inputs, definition)
        result = metrics.measure(inputs.dataset, figure.metric, **params)
        value, numerator, denominator = result.value, result.numerator, result.denominator
        notes, shown = list(result.notes), result.params
    return Measurement(
        figure,
        value,
        verdict(figure, value),
        definition,
        inputs.source_903,
        numerator,
        denominator,
        shown,
        notes,
        unit,
    )
