"""adoptions, sgo and placed-for-adoption in the 2021 collection year, by hand."""

from __future__ import annotations

import pytest
from builders import child, episode, load_903

from scrutiny.metrics import measure

# 01/04/2020 .. 31/03/2021:
#   1  placed for adoption (A4) 01/06/2020, legal status change while placed, adopted E11
#   2  starts straight in an adoptive placement (A5) 01/05/2020
#   3  adopted E12 on 01/04/2021 (after the year)
#   4  adopted E12 on 01/04/2020 (first day)
#   5  SGO E45; 6 legacy SGO E43; 7 SGO E48 on 31/03/2021; 8 child arrangement order E41
#   9  placed (A6) before the year, legal status change in the year: not a new placement
#  10  short break (V3) ending with E11: excluded
EPISODES = [
    episode("1", "2019-06-01", "2020-06-01", "X1"),
    episode("1", "2020-06-01", "2020-12-01", "X1", rne="P", place="A4"),
    episode("1", "2020-12-01", "2021-02-01", "E11", rne="L", ls="E1", place="A4"),
    episode("2", "2020-05-01", place="A5"),
    episode("3", "2019-01-01", "2021-04-01", "E12", place="A5"),
    episode("4", "2019-01-01", "2020-04-01", "E12", place="A5"),
    episode("5", "2019-01-01", "2020-10-01", "E45", place="U1"),
    episode("6", "2019-01-01", "2020-11-01", "E43", place="U4"),
    episode("7", "2019-01-01", "2021-03-31", "E48"),
    episode("8", "2019-01-01", "2020-10-01", "E41"),
    episode("9", "2020-01-01", "2020-06-01", "X1", place="A6"),
    episode("9", "2020-06-01", rne="L", ls="E1", place="A6"),
    episode("10", "2020-05-01", "2020-06-01", "E11", ls="V3"),
]
YEARS = {
    2021: {"header": [child(str(n), "2015-05-05") for n in range(1, 11)], "episodes": EPISODES}
}


@pytest.fixture
def dataset(tmp_path):
    return load_903(tmp_path, YEARS)


def test_adoptions(dataset):
    result = measure(dataset, "adoptions", year=2021)
    assert (result.value, result.numerator, result.denominator) == (2, 2, None)  # 1 and 4


def test_sgo_counts_new_and_legacy_codes(dataset):
    result = measure(dataset, "sgo", year=2021)
    assert result.value == 3  # 5, 6 and 7
    assert result.notes == ["1 SGO episodes use the legacy codes E43/E44"]


def test_placed_for_adoption_counts_the_start_of_the_placement(dataset):
    result = measure(dataset, "placed-for-adoption", year=2021)
    assert result.value == 2  # 1 and 2


def test_placed_for_adoption_in_a_shorter_period(dataset):
    result = measure(dataset, "placed-for-adoption", start="2020-05-02", end="2021-03-31")
    assert result.value == 1  # 1 only: 2 was placed on 01/05/2020
