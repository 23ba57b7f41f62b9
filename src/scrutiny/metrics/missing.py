"""Missing and away-from-placement incidents (the Missing table)."""

from __future__ import annotations

import pandas as pd

from scrutiny.metrics.result import MetricResult, Period
from scrutiny.ssda903.dataset import Dataset

KINDS = ("M", "A")  # M = missing (whereabouts unknown), A = away without authorisation


def missing_incidents(dataset: Dataset, period: Period) -> MetricResult:
    """Incidents (rows) starting in the period; breakdown per calendar month, split M / A.

    The reader keeps one row per (CHILD, MIS_START) across overlapping yearly files.
    """
    rows = dataset.missing
    rows = rows[period.contains(rows["MIS_START"])]
    months = pd.period_range(period.start, period.end, freq="M")
    table = pd.crosstab(rows["MIS_START"].dt.to_period("M"), rows["MISSING"])
    table = table.reindex(index=months, columns=list(KINDS), fill_value=0).astype("int64")
    breakdown = pd.DataFrame(
        {
            "month": [str(month) for month in months],
            "M": table["M"].to_numpy(),
            "A": table["A"].to_numpy(),
            "total": table.sum(axis=1).to_numpy(),
        }
    )
    count = len(rows)
    notes = [] if dataset.has("missing") else ["the data has no Missing table"]
    return MetricResult(
        "missing-incidents", period.to_params(), float(count), count, None, notes, breakdown
    )


def missing_incidents_monthly(dataset: Dataset, period: Period) -> MetricResult:
    """Incidents a calendar month, averaged over the months the period touches: how a
    board hears "about N reports a month"."""
    result = missing_incidents(dataset, period)
    months = len(result.breakdown)
    return MetricResult(
        "missing-incidents-monthly",
        result.params,
        result.numerator / months,
        result.numerator,
        months,
        result.notes,
        result.breakdown,
    )
