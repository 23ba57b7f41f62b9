"""The scorecard itself: one row per indicator, its target, gap, RAG, trend and 903 figure."""

from __future__ import annotations

import math

import pandas as pd

from scrutiny.errors import ConfigError
from scrutiny.published import Extract, Figure
from scrutiny.quarters import Quarter
from scrutiny.scorecard.current import CurrentFigure, current_figure
from scrutiny.scorecard.history import published_history
from scrutiny.scorecard.indicators import Indicator, collection_year
from scrutiny.scorecard.rules import direction, rag
from scrutiny.ssda903.dataset import Dataset

POPULATION = "population_0_17_rate_denominator"
NO_903 = "no 903 data"
WHOLE_NUMBERS = {
    column: "Int64"
    for column in (
        "latest_year",
        "previous_year",
        "release",
        "neighbours_with_value",
        "current_903_numerator",
        "current_903_denominator",
    )
}
SUMMARY_KEYS = ["indicator", "title", "latest_year", "value", "target", "rag", "current_903"]


def build_scorecard(
    extract: Extract,
    indicators: list[Indicator],
    la: str,
    edition: str,
    dataset: Dataset | None = None,
    quarter: Quarter | str | None = None,
    threshold: int = 5,
    history: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per indicator, in the indicators file's order.

    Published figures run up to the quarter's latest collection year (all years without a
    quarter); `history` is `published_history` for the same arguments when already computed.
    Without a 903 `dataset` the current_903 column is empty and its note says "no 903 data".
    """
    quarter = Quarter.parse(quarter) if isinstance(quarter, str) else quarter
    if dataset is not None and quarter is None:
        raise ConfigError("the 903 figure needs a quarter: pass quarter='2022Q1' (say)")
    if history is None:
        history = published_history(extract, indicators, la, edition, quarter)
    population = rate_population(extract, la, quarter) if dataset is not None else None
    rows = []
    for indicator in indicators:
        years = history[history["indicator"].eq(indicator.id)].sort_values("year")
        if dataset is None:
            current = CurrentFigure(None, None, None, "", NO_903)
        else:
            children = population.value if population else None
            current = current_figure(dataset, indicator, quarter, children, threshold)
            if indicator.current_903 and indicator.current_903.convert == "rate_per_10000":
                current = with_population_note(current, population)
        rows.append(scorecard_row(indicator, years, current))
    return pd.DataFrame(rows).astype(WHOLE_NUMBERS)


def scorecard_row(indicator: Indicator, years: pd.DataFrame, current: CurrentFigure) -> dict:
    latest = years.iloc[-1] if not years.empty else None
    previous = years.iloc[-2] if len(years) > 1 else None
    value = latest["authority"] if latest is not None else math.nan
    target = target_value(indicator, latest)
    return {
        "indicator": indicator.id,
        "title": indicator.title,
        "measure": indicator.measure,
        "polarity": indicator.polarity,
        "latest_year": int(latest["year"]) if latest is not None else None,
        "value": value,
        "marker": latest["marker"] if latest is not None else "",
        "target_rule": describe_target(indicator.target),
        "target": target,
        "gap": value - target,
        "previous_year": int(previous["year"]) if previous is not None else None,
        "previous_value": previous["authority"] if previous is not None else math.nan,
        "direction": direction(
            value, previous["authority"] if previous is not None else None, indicator.polarity
        ),
        "rag": rag(value, target, indicator.polarity),
        "neighbours_with_value": latest["neighbours_with_value"] if latest is not None else 0,
        "region": latest["region"] if latest is not None else math.nan,
        "england": latest["england"] if latest is not None else math.nan,
        "current_903": math.nan if current.value is None else current.value,
        "current_903_period": current.period,
        "current_903_numerator": current.numerator,
        "current_903_denominator": current.denominator,
        "current_903_note": current.note,
        "release": int(latest["release"]) if latest is not None else None,
        "source": latest["source"] if latest is not None else "",
        "sha256": latest["sha256"] if latest is not None else "",
    }


def target_value(indicator: Indicator, latest: pd.Series | None) -> float:
    """The target in the latest published year, by the indicator's rule (NaN for none)."""
    if isinstance(indicator.target, float):
        return indicator.target
    if latest is None or indicator.target == "none":
        return math.nan
    column = {"neighbour_average": "neighbour_average", "region": "region", "england": "england"}
    return float(latest[column[indicator.target]])


def describe_target(target: str | float) -> str:
    if isinstance(target, float):
        return f"fixed: {target:g}"
    return {
        "neighbour_average": "statistical neighbour average",
        "region": "region",
        "england": "England",
        "none": "none",
    }[target]


def rate_population(extract: Extract, la: str, quarter: Quarter) -> Figure | None:
    """The latest published 0-17 rate denominator up to the quarter's collection year."""
    series = extract.series(POPULATION, la)
    series = series[series["year"].le(collection_year(quarter)) & series["value"].notna()]
    if series.empty:
        return None
    latest = series.iloc[-1]
    return extract.value(POPULATION, la, int(latest["year"]), int(latest["release"]))


def with_population_note(current: CurrentFigure, population: Figure | None) -> CurrentFigure:
    if population is None:
        note = "no published 0-17 population to divide by"
    else:
        note = (
            f"per 10,000 of {population.value:,.0f} children aged 0-17 "
            f"(DfE rate denominator, {population.year})"
        )
    joined = "; ".join(part for part in (note, current.note) if part)
    return CurrentFigure(
        current.value, current.numerator, current.denominator, current.period, joined
    )


def scorecard_summary(
    card: pd.DataFrame, edition: str, synthetic: bool, no_903: str | None = None
) -> dict:
    """The scorecard for the pack's index page: JSON-ready, rounded to one decimal place.
    `no_903` replaces every 903 figure when there is no usable 903 data ("no 903 data")."""
    rows = [
        {key: plain(row[key]) for key in SUMMARY_KEYS} | {"synthetic": bool(synthetic)}
        for _, row in card.iterrows()
    ]
    if no_903:
        rows = [row | {"current_903": no_903} for row in rows]
    return {"edition": edition, "rows": rows}


def plain(value: object) -> object:
    """numpy scalars -> Python; NaN -> None; floats to one decimal place."""
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 1)
    return value
