"""The claim-shaped metrics (month averages, month-end extremes, incidents a month), on
tables small enough to check by hand."""

from __future__ import annotations

import pytest
from builders import child, episode, load_903, missing

from scrutiny.metrics import measure

# Child 1 looked after all of June 2021; child 2 from 16 June (15 of 30 days); child 3 left on
# 11 June (DEC is the day after the last day: 10 of 30 days). Child 2 is placed externally
# (U6 with an external provider) from 16 June to the end; child 1 is in-house (U4, PR1).
YEARS = {
    2022: {
        "header": [child("1", "2010-01-01"), child("2", "2011-01-01"), child("3", "2012-01-01")],
        "episodes": [
            episode("1", "2021-04-01"),
            episode("2", "2021-06-16", place="U6", provider="PR4"),
            episode("3", "2021-04-01", "2021-06-11", "E4A"),
        ],
        "missing": [
            missing("1", "2021-05-03"),
            missing("1", "2021-05-20", "A"),
            missing("2", "2021-07-01"),
        ],
    }
}


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    return load_903(tmp_path_factory.mktemp("903"), YEARS)


def test_month_average_counts_each_day(dataset):
    result = measure(dataset, "cla-month-average", at="2021-06-30")
    # child-days: 30 + 15 + 10 = 55 over 30 days
    assert (result.numerator, result.denominator) == (55, 30)
    assert result.value == pytest.approx(55 / 30)


def test_change_in_month_averages(dataset):
    result = measure(dataset, "cla-change-month-average", start="2021-05-31", end="2021-07-31")
    # May: children 1 and 3 every day = 2.0; July: children 1 and 2 every day = 2.0
    assert (result.value, result.numerator, result.denominator) == (0.0, 0, 2)


def test_fewest_and_most_externally_placed_at_month_ends(dataset):
    low = measure(
        dataset, "placement-count-min", start="2021-04-30", end="2021-08-31", group="external"
    )
    high = measure(
        dataset, "placement-count-max", start="2021-04-30", end="2021-08-31", group="external"
    )
    assert low.value == 0 and low.notes == ["fewest on 2021-04-30, across 5 month ends"]
    assert high.value == 1 and high.notes == ["most on 2021-06-30, across 5 month ends"]
    assert high.breakdown["children"].tolist() == [0, 0, 1, 1, 1]


def test_incidents_a_month(dataset):
    result = measure(dataset, "missing-incidents-monthly", start="2021-05-01", end="2021-07-31")
    assert (result.numerator, result.denominator) == (3, 3)
    assert result.value == 1.0


def test_in_house_share_of_foster_placements(tmp_path):
    # 31 Dec 2020: in-house (U4, PR1) children 1 and 2, agency (U4, PR4) child 3 and 4: 50%.
    # 31 Dec 2021: child 2 has left, child 4 moved in-house: 2 of 3 = 66.7%; the count of
    # in-house placements is unchanged (2), but their share rose 16.7 points.
    dataset = load_903(
        tmp_path,
        {
            2022: {
                "header": [child(c, "2010-01-01") for c in "1234"],
                "episodes": [
                    episode("1", "2020-06-01"),
                    episode("2", "2020-06-01", "2021-06-01", "E4A"),
                    episode("3", "2020-06-01", provider="PR4"),
                    episode("4", "2020-06-01", "2021-06-01", "X1", provider="PR4"),
                    episode("4", "2021-06-01", rne="P"),
                ],
            }
        },
    )
    result = measure(
        dataset,
        "placement-share-change",
        start="2020-12-31",
        end="2021-12-31",
        group="in-house-fostering",
        within="fostering",
    )
    assert (result.numerator, result.denominator) == (2, 3)
    assert result.value == pytest.approx(200 / 3 - 50)
    assert result.breakdown["percent"].round(1).tolist() == [50.0, 66.7]
