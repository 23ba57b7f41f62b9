"""The OC2 cohort at 31/03/2021 and its health indicators, by hand."""

from __future__ import annotations

import pytest
from builders import child, episode, load_903, oc2

from scrutiny.metrics import measure, oc2_cohort

# In the cohort for 2021 (looked after 12 months at 31/03/2021)?
#   1  open since 2019                                               yes
#   2  since 2019, X1 change of placement in the year                yes
#   3  period of care began on 01/04/2020 (the first day)            yes (no 2021 OC2 row)
#   4  started 02/04/2020                                            no  (has a 2021 OC2 row)
#   5  left (E4A) and came back in the year                          no
#   6  short break (V3) until 01/04/2020, then care order            no
#   7  adopted on 31/03/2021                                         no
EPISODES = [
    episode("1", "2019-01-01"),
    episode("2", "2019-01-01", "2020-08-01", "X1"),
    episode("2", "2020-08-01", rne="P", place="U6"),
    episode("3", "2020-04-01"),
    episode("4", "2020-04-02"),
    episode("5", "2019-01-01", "2020-10-01", "E4A"),
    episode("5", "2020-12-01"),
    episode("6", "2019-03-01", "2020-04-01", "X1", ls="V3"),
    episode("6", "2020-04-01", rne="L"),
    episode("7", "2019-01-01", "2021-03-31", "E11", place="A5"),
]
YEARS = {
    2020: {
        # OC2 rows of another year never answer for 2021.
        "oc2": [oc2("1", teeth="0"), oc2("3", teeth="1", health="1", immunisations="1")],
    },
    2021: {
        "header": [child(str(n), "2012-05-05") for n in range(1, 8)],
        "episodes": EPISODES,
        "oc2": [
            oc2("1", teeth="1", health="1", immunisations="0"),
            oc2("2", teeth="", health="1", immunisations="1"),
            oc2("4", teeth="1", health="1", immunisations="1"),
        ],
    },
}
COVERAGE = [
    "1 cohort children have no OC2 row for 2021 (counted as not done)",
    "1 OC2 rows for 2021 fall outside the cohort (not counted)",
]


@pytest.fixture
def dataset(tmp_path):
    return load_903(tmp_path, YEARS)


def test_oc2_cohort(dataset):
    assert sorted(oc2_cohort(dataset, 2021)) == ["1", "2", "3"]
    result = measure(dataset, "oc2-cohort", year=2021)
    assert (result.value, result.numerator, result.denominator) == (3, 3, None)
    assert result.notes == COVERAGE


@pytest.mark.parametrize(
    ("metric", "done", "blank_note"),
    [
        ("oc2-dental", 1, ["1 cohort OC2 rows have a blank TEETH_CHECK (counted as not done)"]),
        ("oc2-health-assessment", 2, []),
        ("oc2-immunisations", 1, []),
    ],
)
def test_oc2_indicators(dataset, metric, done, blank_note):
    result = measure(dataset, metric, year=2021)
    assert (result.numerator, result.denominator) == (done, 3)
    assert result.value == pytest.approx(100 * done / 3)
    assert result.params == {"year": 2021}
    assert result.notes == COVERAGE + blank_note


def test_year_without_oc2_rows_says_so(dataset):
    result = measure(dataset, "oc2-dental", year=2022)  # cohort: children 1-6
    assert (result.numerator, result.denominator) == (0, 6)
    assert result.notes == [
        "the data has no OC2 rows for 2022: every cohort child counts as not done"
    ]
