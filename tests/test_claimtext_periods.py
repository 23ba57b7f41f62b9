"""Periods as councils write them, resolved against the document's date (22 November 2021)."""

from __future__ import annotations

from datetime import date

import pytest

from scrutiny.claimtext.periods import find_periods

SAID_ON = date(2021, 11, 22)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("478 at 31 December 2020", date(2020, 12, 31), date(2020, 12, 31)),
        ("In Q3 2020/21 there were 478", date(2020, 10, 1), date(2020, 12, 31)),
        ("Quarter 4 (January to March) 2019/20", date(2020, 1, 1), date(2020, 3, 31)),
        ("at year end 20/21 there were 570", date(2021, 3, 31), date(2021, 3, 31)),
        ("the year-end 2019-20 figure", date(2020, 3, 31), date(2020, 3, 31)),
        ("in 2019/20 there were 296 starters", date(2019, 4, 1), date(2020, 3, 31)),
        ("at 31 March there were 570", date(2021, 3, 31), date(2021, 3, 31)),
        ("at 31 December there were 478", date(2020, 12, 31), date(2020, 12, 31)),
        ("at the end of October there were 531", date(2021, 10, 31), date(2021, 10, 31)),
    ],
)
def test_quarter_and_year_ends(text, start, end):
    (found,) = find_periods(text, SAID_ON)
    assert (found.period.start, found.period.end) == (start, end)


def test_a_day_without_a_year_needs_the_documents_date():
    assert find_periods("at 31 March there were 570", None) == []


def test_a_pair_that_is_no_financial_year_is_no_period():
    assert find_periods("in 2019/21 there were 296", SAID_ON) == []
