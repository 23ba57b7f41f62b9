"""The authority's own figure for the pack's quarter, measured on its 903 data.

Published figures lag by most of a year; the 903 gives the quarter's figure now. A figure the
903 cannot give honestly is None with a reason: the data ends before the quarter, the
indicator has no 903 definition, or the counts are small enough to identify children.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from scrutiny import metrics
from scrutiny.metrics.result import percent
from scrutiny.privacy.suppression import shown_note, too_small
from scrutiny.quarters import Quarter
from scrutiny.scorecard.indicators import Indicator, resolve_tokens
from scrutiny.ssda903.dataset import Dataset


@dataclass(frozen=True)
class CurrentFigure:
    value: float | None
    numerator: int | None
    denominator: int | None
    period: str  # what the figure covers, e.g. "at 2022-03-31"
    note: str  # why there is no value, or what a reader should know about it


def data_end(dataset: Dataset) -> date | None:
    """31 March of the latest collection year in the data: nothing later is recorded."""
    years = dataset.episodes["YEAR"].dropna()
    return date(int(years.max()), 3, 31) if not years.empty else None


def current_figure(
    dataset: Dataset,
    indicator: Indicator,
    quarter: Quarter,
    population: float | None,
    threshold: int,
) -> CurrentFigure:
    """`population`: the published 0-17 rate denominator, for indicators shown per 10,000."""
    spec = indicator.current_903
    if spec is None:
        return CurrentFigure(None, None, None, "", "no 903 definition: " + indicator.note)
    end = data_end(dataset)
    if end is None or end < quarter.end:
        ends = f"ends {end.isoformat()}" if end else "has no episodes"
        return CurrentFigure(None, None, None, "", f"the 903 data {ends}, before the quarter's end")
    result = metrics.measure(dataset, spec.metric, **resolve_tokens(spec.params, quarter))
    period = describe_period(result.params)
    shown = result.numerator if result.numerator is not None else int(result.value)
    if too_small(shown, result.denominator, threshold):
        return CurrentFigure(
            None,
            None,
            None,
            period,
            f"suppressed: a count below {threshold} could identify a child",
        )
    value = convert(result, spec.convert, population)
    notes = "; ".join(shown_note(note, threshold) for note in result.notes)
    return CurrentFigure(value, result.numerator, result.denominator, period, notes)


def convert(result: metrics.MetricResult, how: str, population: float | None) -> float | None:
    if how == "percent":
        return percent(result.numerator, result.denominator) if result.denominator else None
    if how == "rate_per_10000":
        return 10000.0 * result.value / population if population else None
    return None if math.isnan(result.value) else result.value


def describe_period(params: dict) -> str:
    if "at" in params:
        return f"at {params['at']}"
    if "start" in params:
        return f"{params['start']} to {params['end']}"
    return f"collection year {params['year']}"
