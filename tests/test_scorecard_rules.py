"""The scorecard's RAG rule and direction of travel, on hand cases.

RAG: green = at the target or better; amber = worse by up to 10% of the target; red = worse by
more; neutral or missing = no RAG.
"""

from __future__ import annotations

import math

import pytest

from scrutiny.scorecard import direction, rag


@pytest.mark.parametrize(
    ("value", "target", "expected"),
    [
        (100.0, 100.0, "green"),  # at target
        (90.0, 100.0, "green"),  # better (lower)
        (105.0, 100.0, "amber"),  # just worse
        (110.0, 100.0, "amber"),  # worse by exactly 10% of the target
        (110.5, 100.0, "red"),  # worse by more than 10%
        (150.0, 134.0, "red"),  # Middlesbrough's rate against its neighbours, were it rated
    ],
)
def test_lower_is_better(value, target, expected):
    assert rag(value, target, "lower_is_better") == expected


@pytest.mark.parametrize(
    ("value", "target", "expected"),
    [
        (90.0, 90.0, "green"),  # at target
        (95.0, 90.0, "green"),  # better (higher)
        (85.0, 90.0, "amber"),  # just worse: 5 short, within 9
        (81.0, 90.0, "amber"),  # exactly 10% of 90 short
        (80.9, 90.0, "red"),  # more than 10% short
        (77.0, 89.5, "red"),  # immunisations 2022: 12.5 short of 89.5
    ],
)
def test_higher_is_better(value, target, expected):
    assert rag(value, target, "higher_is_better") == expected


def test_neutral_and_missing_get_no_rag():
    assert rag(150.0, 134.0, "neutral") is None
    assert rag(math.nan, 90.0, "higher_is_better") is None
    assert rag(90.0, math.nan, "higher_is_better") is None
    assert rag(None, 90.0, "lower_is_better") is None


@pytest.mark.parametrize(
    ("latest", "previous", "polarity", "expected"),
    [
        (95.0, 91.0, "higher_is_better", "up (better)"),
        (77.0, 85.0, "higher_is_better", "down (worse)"),
        (12.0, 10.0, "lower_is_better", "up (worse)"),
        (9.0, 10.0, "lower_is_better", "down (better)"),
        (150.0, 172.0, "neutral", "down"),
        (71.0, 71.0, "higher_is_better", "no change"),
        (71.0, None, "higher_is_better", None),
    ],
)
def test_direction_of_travel(latest, previous, polarity, expected):
    assert direction(latest, previous, polarity) == expected
