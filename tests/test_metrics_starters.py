"""starters, starters-newborn and starters-under1 for the 2021 collection year, by hand."""

from __future__ import annotations

import pytest
from builders import child, episode, load_903

from scrutiny.metrics import measure

# Collection year 2021 = 01/04/2020 .. 31/03/2021. Age at first start in the year:
#   1  starts 01/04/2020 (first day), born 6 days earlier            starter, newborn, under 1
#   2  two periods of care (01/05/2020, 01/09/2020); 7 days at first  starter once, under 1
#   3  starts on its day of birth                                     starter, newborn, under 1
#   4  starts 31/03/2021 (last day) on its first birthday             starter, aged 1
#   5  starts 30/03/2021 aged 364 days                                starter, under 1
#   6  short break (V3) from birth                                    not a starter
#   7  started 31/03/2020, changed placement (P) in the year          not a starter
#   8  starts 01/04/2021                                              not a starter
#   9  change of legal status only (L) in the year                    not a starter
YEARS = {
    2021: {
        "header": [
            child("1", "2020-03-26"),
            child("2", "2020-04-24"),
            child("3", "2020-06-10"),
            child("4", "2020-03-31"),
            child("5", "2020-03-31"),
            child("6", "2020-07-01"),
            child("7", "2020-03-31"),
            child("8", "2021-04-01"),
            child("9", "2015-01-01"),
        ],
        "episodes": [
            episode("1", "2020-04-01"),
            episode("2", "2020-05-01", "2020-06-01", "E4A"),
            episode("2", "2020-09-01"),
            episode("3", "2020-06-10"),
            episode("4", "2021-03-31"),
            episode("5", "2021-03-30"),
            episode("6", "2020-07-01", "2020-07-03", "E8", ls="V3"),
            episode("7", "2020-03-31", "2020-05-01", "X1"),
            episode("7", "2020-05-01", rne="P"),
            episode("8", "2021-04-01"),
            episode("9", "2019-01-01", "2020-10-01", "X1"),
            episode("9", "2020-10-01", rne="L", ls="C1"),
        ],
    }
}


@pytest.fixture
def dataset(tmp_path):
    return load_903(tmp_path, YEARS)


def test_starters_counts_children_once(dataset):
    result = measure(dataset, "starters", year=2021)
    assert (result.value, result.numerator, result.denominator) == (5, 5, None)
    assert result.params == {"start": "2020-04-01", "end": "2021-03-31", "year": 2021}
    assert result.notes == ["6 periods of care started; 5 children counted once each"]


def test_starters_in_a_period(dataset):
    result = measure(dataset, "starters", start="2020-05-01", end="2020-09-01")
    assert result.value == 2  # 2 (twice) and 3


@pytest.mark.parametrize(
    ("max_age_days", "newborn"),
    [(0, 1), (5, 1), (6, 2), (7, 3)],  # 0: child 3; 6: + child 1; 7: + child 2
)
def test_starters_newborn_boundaries(dataset, max_age_days, newborn):
    result = measure(dataset, "starters-newborn", year=2021, max_age_days=max_age_days)
    assert (result.numerator, result.denominator) == (newborn, 5)
    assert result.value == pytest.approx(100 * newborn / 5)
    assert result.params["max_age_days"] == max_age_days


def test_starters_newborn_default_is_under_7_days(dataset):
    assert measure(dataset, "starters-newborn", year=2021).numerator == 2


def test_starters_under1_is_age_0_in_completed_years(dataset):
    result = measure(dataset, "starters-under1", year=2021)
    assert (result.numerator, result.denominator, result.value) == (4, 5, 80.0)


def test_start_before_date_of_birth_is_noted_not_counted(tmp_path):
    dataset = load_903(
        tmp_path,
        {2021: {"header": [child("1", "2020-06-02")], "episodes": [episode("1", "2020-06-01")]}},
    )
    result = measure(dataset, "starters-newborn", year=2021)
    assert (result.numerator, result.denominator) == (0, 1)
    assert result.notes == ["1 starters start before their date of birth (not counted)"]


def test_no_starters_gives_undefined_share(dataset):
    result = measure(dataset, "starters-under1", start="2010-01-01", end="2010-12-31")
    assert result.to_dict()["value"] is None
    assert "no children started to be looked after in the period" in result.notes
