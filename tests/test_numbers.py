"""How numbers are written (scrutiny.numbers), checked by eye: the issue's own examples."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from scrutiny import numbers


@pytest.mark.parametrize(("precision", "digits"), [(1, 1), (0.1, 2), (0.01, 3), (20, 0)])
def test_a_measured_value_gets_one_digit_more_than_the_claim(precision, digits):
    assert numbers.decimals(precision) == digits


@pytest.mark.parametrize(
    ("value", "unit", "precision", "as_published", "text"),
    [
        (100 * 391 / 432, "percent", 1, False, "90.5%"),  # "more than 90%": not "91.0%"
        (100 * 150 / 432, "percent", 1, False, "34.7%"),  # "66%": not "35.0%"
        (91.0, "percent", 1, True, "91%"),  # the DfE's 91, as published
        (100 * 27 / 221, "percent", 0.1, False, "12.22%"),  # "15.1%"
        (24.0, "count", 1, False, "24"),  # never "24.0"
        (16860.0, "count", 1, True, "16,860"),
        (13.8, "count", 1, True, "13.8"),  # a published rate keeps its decimal
        (319 / 12, "count", 20, False, "27"),  # a monthly average against "about 100"
        (100 * -59 / 574, "percent change", 0.1, False, "-10.28%"),  # "19.5%"
        (100 * -2 / 90, "percent change", 1, False, "-2.2%"),
        (2.2193, "percentage points", 1, False, "+2.2 points"),
        (2.0, "rank", 1, False, "2"),
        (None, "percent", 1, False, "–"),
        (math.nan, "count", 1, True, "–"),
    ],
)
def test_a_figure_in_its_unit(value, unit, precision, as_published, text):
    assert numbers.figure(value, unit, precision, as_published) == text


def test_published_figures_and_figures_without_a_claim():
    assert [numbers.published(v) for v in (35.0, 13.8, 1234567.0)] == ["35", "13.8", "1,234,567"]
    assert [numbers.short(v) for v in (145.84, 32.0, 70.9)] == ["145.8", "32", "70.9"]
    assert numbers.count(24.0) == "24"


def test_a_column_of_published_whole_numbers_stays_whole():
    column = numbers.published_column(pd.Series([35.0, math.nan, 40.0]))
    assert str(column.dtype) == "Int64" and column.tolist()[::2] == [35, 40]
    rates = pd.Series([13.8, 14.0])
    assert numbers.published_column(rates).tolist() == [13.8, 14.0]
