"""How a value is judged against its target: the RAG rule and the direction of travel.

RAG (for indicators with a polarity, a target and a value):
  green = at the target or better;
  amber = worse than the target by no more than AMBER_MARGIN (10%) of the target;
  red   = worse by more than that.
Neutral indicators, and missing values or targets, get no RAG (None).
"""

from __future__ import annotations

import math

AMBER_MARGIN = 0.10
TOLERANCE = 1e-9  # float noise: 90 - 81 is exactly 10% of 90
GREEN, AMBER, RED = "green", "amber", "red"


def _missing(*values: float | None) -> bool:
    return any(v is None or math.isnan(v) for v in values)


def shortfall(value: float, target: float, polarity: str) -> float:
    """How far `value` is worse than `target` (0 when at or better), in the measure's unit."""
    worse_by = value - target if polarity == "lower_is_better" else target - value
    return max(worse_by, 0.0)


def rag(value: float | None, target: float | None, polarity: str) -> str | None:
    if polarity == "neutral" or _missing(value, target):
        return None
    behind = shortfall(value, target, polarity)
    if behind == 0:
        return GREEN
    return AMBER if behind <= AMBER_MARGIN * abs(target) + TOLERANCE else RED


def direction(latest: float | None, previous: float | None, polarity: str) -> str | None:
    """'up', 'down' or 'no change' since the previous year, with 'better'/'worse' when the
    indicator has a polarity; None without two values."""
    if _missing(latest, previous):
        return None
    if latest == previous:
        return "no change"
    moved = "up" if latest > previous else "down"
    if polarity == "neutral":
        return moved
    better = (latest < previous) == (polarity == "lower_is_better")
    return f"{moved} (better)" if better else f"{moved} (worse)"
