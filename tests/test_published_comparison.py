"""The published comparison a claim page opens with, on the committed extract (DfE figures
checked by hand against the 2022 release)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrutiny.published import load_extract
from scrutiny.published.comparison import NEIGHBOURS, comparison_frame, comparison_table

EXTRACT = Path(__file__).resolve().parents[1] / "evidence" / "data" / "published"


@pytest.fixture(scope="module")
def extract():
    return load_extract(EXTRACT)


def test_teeth_checked_beside_region_england_and_neighbours(extract):
    table = comparison_table(extract, "teeth_checked_pct", "E06000002", "2021-04", 2022)
    assert list(table.columns) == ["Middlesbrough", "North East", "England", NEIGHBOURS]
    assert table.loc["2020/21"].tolist() == [35.0, 43.0, 40.0, 37.7]
    assert table.index[-1] == "2021/22"  # nothing after the pack's year


def test_counts_are_whole_numbers_with_no_neighbour_average(extract):
    table = comparison_table(extract, "cla_at_31_march", "E06000002", "2021-04", 2021)
    assert NEIGHBOURS not in table.columns
    assert table.loc["2019/20", "Middlesbrough"] == 618
    assert table.loc["2020/21", "Middlesbrough"] == 570
    assert str(table["Middlesbrough"].dtype) == "Int64"


def test_chart_data_has_one_point_per_area_and_year(extract):
    table = comparison_table(extract, "teeth_checked_pct", "E06000002", "2021-04", 2021)
    frame = comparison_frame(table)
    assert len(frame) == 4 * len(table)
    point = frame[(frame["series"] == "England") & (frame["date"].dt.year == 2021)]
    assert point["value"].tolist() == [40.0]


def test_answers_found_once_are_the_same_answers_and_cannot_be_changed_by_a_caller(extract):
    neighbours = extract.statistical_neighbours("Middlesbrough", "2021-04")
    assert len(neighbours) == 10 and neighbours["la_name"].iloc[0] == "Hartlepool"
    neighbours.loc[:, "la_name"] = "changed"
    codes = extract.la_codes("806")
    codes.append("E99999999")
    again = extract.statistical_neighbours("middlesbrough", "2021-04")
    assert again["la_name"].iloc[0] == "Hartlepool"
    assert extract.la_codes("806") == ["E06000002"]
    assert extract.value("teeth_checked_pct", "806", 2021).value == 35.0
    assert extract.neighbour_average("teeth_checked_pct", 806, 2021, "2021-04").value == 37.7


def test_cells_the_dfe_withheld_are_named_with_their_marker(extract):
    """Middlesbrough's count placed over 20 miles is suppressed for 2019/20 and 2021/22."""
    from scrutiny.published.comparison import unpublished

    withheld = unpublished(extract, "placed_over_20_miles", "E06000002", 2022)
    assert withheld == [
        "Middlesbrough 2019/20: c, suppressed (small numbers)",
        "Middlesbrough 2021/22: c, suppressed (small numbers)",
    ]
    assert unpublished(extract, "placed_over_20_miles", "E06000002", 2021) == withheld[:1]
    assert unpublished(extract, "teeth_checked_pct", "E06000002", 2022) == []
    table = comparison_table(extract, "placed_over_20_miles", "E06000002", "2021-04", 2022)
    assert table["Middlesbrough"].isna().tolist() == [True, False, True]  # the dashes it names
