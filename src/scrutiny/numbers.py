"""How the pack writes a number: one home, so no page shows a figure more precisely than its
source gives it.

- a count is a whole number ("24", "16,860"), never "24.0";
- a published figure reads as the DfE published it ("35%", "13.8"), never padded ("35.0");
- a measured percentage, change or average reads to the precision of the claim it is set
  against plus one digit: "66%" beside 34.7%, "19.5%" beside -10.28%;
- with no claim to follow (charts, the scorecard), one decimal at most, ".0" dropped.
"""

from __future__ import annotations

import math

import pandas as pd

MISSING = "–"
SUFFIX = {"percent": "%", "percent change": "%", "percentage points": " points"}
SIGNED = {"percent change", "percentage points"}


def absent(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def decimals(precision: float) -> int:
    """Digits after the point for a value checked against a claim written to `precision`."""
    return max(0, math.ceil(-math.log10(precision) - 1e-9) + 1)


def count(value) -> str:
    return MISSING if absent(value) else f"{round(value):,}"


def published(value) -> str:
    """As published: the shortest text that reads back the same ("35", "13.8", "16,860")."""
    if absent(value):
        return MISSING
    return f"{value:,.6f}".rstrip("0").rstrip(".")


def short(value) -> str:
    """One decimal at most, a whole number without ".0": for figures no claim sets a precision."""
    if absent(value):
        return MISSING
    text = f"{value:,.1f}"
    return text[:-2] if text.endswith(".0") else text


def measured(value, precision: float, signed: bool = False) -> str:
    if absent(value):
        return MISSING
    return f"{value:{'+' if signed else ''},.{decimals(precision)}f}"


def figure(value, unit: str, precision: float, as_published: bool = False) -> str:
    """A claim's figure in its unit ("count", "rank", "percent", "percent change",
    "percentage points"): counts and ranks whole, published values as published, the rest to
    the claim's precision plus one digit."""
    if absent(value):
        return MISSING
    if as_published:
        text = published(value)
    elif unit in ("count", "rank") and float(value).is_integer():
        text = count(value)
    else:
        text = measured(value, precision, unit in SIGNED)
    return text + SUFFIX.get(unit, "")


def published_column(values: pd.Series) -> pd.Series:
    """A column of published figures as published: whole numbers when every figure is one."""
    whole = values.dropna().map(float.is_integer).all()
    return values.round().astype("Int64") if whole else values
