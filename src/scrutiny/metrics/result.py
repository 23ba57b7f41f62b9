"""What every metric returns, and the period it is measured over."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

import pandas as pd


@dataclass(frozen=True)
class Period:
    """Inclusive dates; `year` is set when the period is a collection year (1 Apr Y-1..31 Mar Y)."""

    start: date
    end: date
    year: int | None = None

    @classmethod
    def collection_year(cls, year: int) -> Period:
        return cls(date(year - 1, 4, 1), date(year, 3, 31), year)

    def contains(self, dates: pd.Series) -> pd.Series:
        """Mask of `dates` inside the period (NaT is outside)."""
        return dates.between(pd.Timestamp(self.start), pd.Timestamp(self.end), inclusive="both")

    def to_params(self) -> dict:
        params = {"start": self.start.isoformat(), "end": self.end.isoformat()}
        if self.year is not None:
            params["year"] = self.year
        return params


@dataclass(frozen=True)
class MetricResult:
    """A measured number with the counts behind it, so every percentage can be traced.

    `value` is unrounded: a count for counts, a percentage for shares, a % change for changes
    (NaN when the denominator is 0). `numerator`/`denominator` are the counts it came from
    (denominator None for plain counts). `notes` are data-quality observations a reviewer
    should see; `breakdown` is a small aggregate table for metrics that split their count.
    """

    metric: str
    params: dict
    value: float
    numerator: int | None
    denominator: int | None
    notes: list[str] = field(default_factory=list)
    breakdown: pd.DataFrame | None = None

    def to_dict(self) -> dict:
        """JSON-ready: NaN becomes None; the breakdown becomes a list of records."""
        return {
            "metric": self.metric,
            "params": dict(self.params),
            "value": None if math.isnan(self.value) else self.value,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "notes": list(self.notes),
            "breakdown": None if self.breakdown is None else _records(self.breakdown),
        }


def percent(numerator: int, denominator: int) -> float:
    """100 * numerator / denominator, or NaN when there is nothing to divide by."""
    return 100.0 * numerator / denominator if denominator else math.nan


def percent_change(before: int, after: int) -> float:
    """% change from `before` to `after` (negative = reduction); NaN when `before` is 0."""
    return 100.0 * (after - before) / before if before else math.nan


def _records(frame: pd.DataFrame) -> list[dict]:
    rows = frame.reset_index(drop=True).to_dict(orient="records")
    return [{k: _plain(v) for k, v in row.items()} for row in rows]


def _plain(value: object) -> object:
    """numpy scalars -> Python, NaN -> None: json.dumps accepts the result."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value
