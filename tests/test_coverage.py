"""Coverage: an extract of returns covers 1 April of its first year's start to 31 March of
its last; a figure outside is refused, a year that cannot be counted is an error."""

from __future__ import annotations

from datetime import date

import pytest
from builders import child, episode, load_903, oc2, write_903

from scrutiny import ssda903
from scrutiny.errors import DataError, OutsideCoverage
from scrutiny.metrics import measure


def year(children: list[str]) -> dict:
    return {
        "header": [child(c, "2010-01-01") for c in children],
        "episodes": [episode(c, "2019-01-01") for c in children],
    }


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    return load_903(tmp_path_factory.mktemp("903"), {2020: year(["1"]), 2021: year(["1"])}, True)


def test_coverage_is_the_years_returned(dataset):
    assert dataset.coverage.years == (2020, 2021)
    assert (dataset.coverage.start, dataset.coverage.end) == (date(2019, 4, 1), date(2021, 3, 31))
    assert dataset.coverage.describe() == (
        "the extract covers 1 Apr 2019 to 31 Mar 2021 (returns 2020 to 2021)"
    )


def test_first_and_last_covered_days_are_answered(dataset):
    assert measure(dataset, "cla-on-date", at="2019-04-01").value == 1
    assert measure(dataset, "cla-on-date", at="2021-03-31").value == 1


@pytest.mark.parametrize(
    ("params", "needs"),
    [
        ({"at": "2019-03-31"}, "the 2019 return"),  # one day before the first return
        ({"at": "2021-04-01"}, "the 2022 return"),  # one day after the last
        ({"at": "2100-12-31"}, "the 2101 return"),
    ],
)
def test_a_date_outside_is_refused_naming_the_return(dataset, params, needs):
    with pytest.raises(OutsideCoverage, match=f"needs {needs}; the extract covers 1 Apr 2019"):
        measure(dataset, "cla-on-date", **params)


def test_a_year_partly_outside_is_refused_not_partly_counted(dataset):
    with pytest.raises(OutsideCoverage, match="1 Apr 2018, 31 Mar 2019: that needs the 2019"):
        measure(dataset, "placed-for-adoption", year=2019)
    assert measure(dataset, "placed-for-adoption", year=2020).value == 0


def test_a_year_folder_without_episodes_is_an_error_naming_it(tmp_path):
    root = write_903(tmp_path, {2020: year(["1"]), 2021: {"oc2": [oc2("1")]}})
    with pytest.raises(DataError) as caught:
        ssda903.load(root)
    (problem,) = [p for p in caught.value.problems if p.rule == "incomplete-year"]
    assert problem.file == str(root / "2021")
    assert "no header or episodes table" in problem.message


def test_an_empty_year_folder_is_an_error(tmp_path):
    root = write_903(tmp_path, {2020: year(["1"])})
    (root / "2021").mkdir()
    with pytest.raises(DataError, match=r"\[incomplete-year\] the 2021 return"):
        ssda903.load(root)


def test_a_gap_between_years_is_an_error(tmp_path):
    root = write_903(tmp_path, {2019: year(["1"]), 2021: year(["1"])})
    with pytest.raises(DataError, match=r"\[missing-year\] no 2020 return between 2019 and 2021"):
        ssda903.load(root)


def test_a_chart_window_stops_where_the_extract_does():
    from scrutiny.checks.trend import window
    from scrutiny.ssda903.coverage import Coverage

    assert window("2021-12-31", "2022-02-28")[-1].date() == date(2022, 5, 31)  # 3 months on
    days = window("2021-12-31", "2022-02-28", Coverage((2021, 2022)))
    assert (days[0].date(), days[-1].date()) == (date(2021, 6, 30), date(2022, 3, 31))
    early = window("2020-05-31", "2020-08-31", Coverage((2021, 2022)))
    assert early[0].date() == date(2020, 4, 30)  # not before 1 April 2020
