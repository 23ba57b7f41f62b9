"""cla-on-date, cla-change, cla_on_dates and cla-by-ethnicity on a return checkable by hand."""

from __future__ import annotations

import pandas as pd
import pytest
from builders import child, episode, load_903

from scrutiny.metrics import cla_on_dates, measure
from scrutiny.metrics.population import ethnic_group

# Who is looked after on 31/03/2020, 30/03/2021 and 31/03/2021:
#   1  open since 2020-01-10, in both yearly files (counted once)      yes  yes  yes
#   2  ends 31/03/2021 with X1, next episode starts that day             no   yes  yes
#   3  ends 31/03/2021 with E4A: left care that day                      no   yes  no
#   4  short break (V3) over 31/03/2021                                  no   no   no
#   5  starts 01/04/2021                                                 no   no   no
#   6  2019-05-01 .. 2020-05-01                                          yes  no   no
#   7  open in the 2020 file, closed 2020-09-01 by the 2021 file (wins)  yes  no   no
#   8  open since 2020-11-01                                             no   yes  yes
#   9  open since 2021-02-01                                             no   yes  yes
HEADER = [
    child("1", "2010-01-01", "WBRI"),
    child("2", "2011-01-01", "MWBA"),
    child("3", "2012-01-01", "WIRI"),
    child("4", "2013-01-01", "AIND"),
    child("5", "2014-01-01", "BCRB"),
    child("6", "2009-01-01", "WBRI"),
    child("7", "2008-01-01", "CHNE"),
    child("8", "2015-01-01", "BAFR"),
    child("9", "2016-01-01", "REFU"),
]
YEARS = {
    2020: {
        "header": HEADER,
        "episodes": [
            episode("1", "2020-01-10"),
            episode("6", "2019-05-01"),
            episode("7", "2020-02-01"),
        ],
    },
    2021: {
        "header": HEADER,
        "episodes": [
            episode("1", "2020-01-10"),
            episode("2", "2020-06-01", "2021-03-31", "X1"),
            episode("2", "2021-03-31", rne="P", place="U6"),
            episode("3", "2020-06-01", "2021-03-31", "E4A"),
            episode("4", "2021-03-29", "2021-04-01", "E8", ls="V3"),
            episode("5", "2021-04-01"),
            episode("6", "2019-05-01", "2020-05-01", "E13"),
            episode("7", "2020-02-01", "2020-09-01", "E4A"),
            episode("8", "2020-11-01"),
            episode("9", "2021-02-01"),
        ],
    },
}


@pytest.fixture
def dataset(tmp_path):
    return load_903(tmp_path, YEARS)


@pytest.mark.parametrize(
    ("at", "expected"), [("2020-03-31", 3), ("2021-03-30", 5), ("2021-03-31", 4)]
)
def test_cla_on_date(dataset, at, expected):
    result = measure(dataset, "cla-on-date", at=at)
    assert (result.value, result.numerator, result.denominator) == (expected, expected, None)
    assert result.params == {"at": at}


def test_short_break_child_is_noted_not_counted(dataset):
    result = measure(dataset, "cla-on-date", at="2021-03-31")
    assert result.notes == ["1 children on a short break (LS V3/V4) that day are not counted"]


def test_cla_change_is_percent_change_of_two_counts(dataset):
    result = measure(dataset, "cla-change", start="2020-03-31", end="2021-03-31")
    assert result.value == pytest.approx(100 * (4 - 3) / 3)
    assert (result.numerator, result.denominator) == (1, 3)
    assert result.breakdown["looked_after"].tolist() == [3, 4]


def test_cla_change_from_nobody_is_undefined(dataset):
    result = measure(dataset, "cla-change", start="2000-01-01", end="2021-03-31")
    assert result.to_dict()["value"] is None
    assert result.notes == ["no children looked after on 2000-01-01: change undefined"]


def test_cla_on_dates_counts_each_date_in_one_pass(dataset):
    counts = cla_on_dates(dataset, ["2020-03-31", "2021-03-30", "2021-03-31", "2030-01-01"])
    assert counts.tolist() == [3, 5, 4, 5]  # 2030: 1, 2, 5, 8, 9
    assert counts.index[0] == pd.Timestamp("2020-03-31")


def test_cla_by_ethnicity(dataset):
    result = measure(dataset, "cla-by-ethnicity", at="2021-03-31")
    assert result.value == 4
    table = result.breakdown.set_index("group")
    assert table["children"].to_dict() == {
        "White": 1,
        "Mixed": 1,
        "Asian": 0,
        "Black": 1,
        "Other": 0,
        "Refused/not obtained": 1,
        "Unknown": 0,
    }
    assert table.loc["White", "percent"] == 25.0


def test_ethnic_groups_by_code():
    codes = pd.Series(["WROM", "MOTH", "APKN", "BOTH", "CHNE", "OOTH", "NOBT", "REFU", None, "XX"])
    assert ethnic_group(codes).tolist() == [
        "White",
        "Mixed",
        "Asian",
        "Black",
        "Other",
        "Other",
        "Refused/not obtained",
        "Refused/not obtained",
        "Unknown",
        "Unknown",
    ]
