"""Figure search over a hand-made extract small enough to check by eye (issue 31)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from builders import areas_table

from scrutiny.published.query import Extract
from scrutiny.published.search import agrees, describe, search

AREAS = areas_table(
    [
        ("E06000005", "841", "Darlington", "Local authority", "North East", 2012, 2025),
        ("E06000001", "805", "Hartlepool", "Local authority", "North East", 2012, 2025),
        ("E06000002", "806", "Middlesbrough", "Local authority", "North East", 2012, 2025),
        ("E12000001", "", "North East", "Regional", "North East", 2012, 2025),
        ("E92000001", "", "England", "National", "", 2012, 2025),
    ]
)
DESCRIPTIONS = {
    "cla_at_31_march": "children looked after at 31 March",
    "starters": "children who started to be looked after during the year",
    "teeth_checked_pct": "percent of the 12-month cohort who had their teeth checked by a dentist",
    "cla_rate_per_10000": "children looked after at 31 March per 10,000 children aged 0-17",
}
ROWS = [  # measure, release, year, area, value
    ("cla_at_31_march", 2022, 2021, "E06000005", 269.0),  # revised to 272 in the 2023 release
    ("cla_at_31_march", 2023, 2021, "E06000005", 272.0),
    ("cla_at_31_march", 2022, 2022, "E06000005", 867.0),
    ("cla_at_31_march", 2022, 2019, "E06000005", 250.0),  # 250 -> 272? no: same release only
    ("cla_at_31_march", 2022, 2020, "E06000005", 260.0),
    ("starters", 2022, 2021, "E06000005", 108.0),  # 9 a month
    ("teeth_checked_pct", 2022, 2021, "E06000005", 35.0),
    ("teeth_checked_pct", 2022, 2021, "E12000001", 44.0),
    ("teeth_checked_pct", 2022, 2021, "E06000001", 60.0),
    ("teeth_checked_pct", 2022, 2021, "E06000002", 70.0),  # neighbours 805, 806: average 65
    ("cla_rate_per_10000", 2022, 2021, "E06000005", 98.0),
    ("cla_rate_per_10000", 2022, 2021, "E06000001", 120.0),
    ("cla_rate_per_10000", 2022, 2021, "E06000002", 150.0),
]
NEIGHBOURS = pd.DataFrame(
    [("2021-04", "841", 1, "805", "Very close"), ("2021-04", "841", 2, "806", "Close")],
    columns=["edition", "old_la_code", "rank", "neighbour_old_la_code", "closeness"],
)


@pytest.fixture(scope="module")
def extract() -> Extract:
    figures = pd.DataFrame(
        [(m, r, y, la, v, "") for m, r, y, la, v in ROWS],
        columns=["measure", "release", "year", "la_code", "value", "marker"],
    )
    provenance = {
        "measures": {m: {"description": d, "releases": {}} for m, d in DESCRIPTIONS.items()},
        "sources": [],
    }
    return Extract(figures, AREAS, NEIGHBOURS, provenance)


def test_the_release_of_the_documents_date_first_and_its_revision_named(extract):
    found = search(extract, "269", "children looked after", "E06000005", date(2022, 12, 20))
    row = found.iloc[0]
    assert (row["measure"], row["release"], row["period"], row["match"]) == (
        "cla_at_31_march",
        2022,
        "2020/21",
        "exact",
    )
    assert row["note"] == "since revised to 272 (2023 release)"


def test_a_later_release_that_matches_says_what_the_current_one_gave(extract):
    found = search(extract, "272", "children looked after", "E06000005", date(2022, 12, 20))
    assert found.iloc[0]["note"] == (
        "matches the 2023 release; the 2022 release, current on the document's date, gave 269"
    )


def test_a_near_miss_is_reported_as_such(extract):
    [row] = search(extract, "869", "children looked after", "E06000005").to_dict("records")
    assert (row["match"], row["value"]) == ("near", "867")
    assert describe(pd.Series(row), "869").endswith(
        "(869 said, 867 published: perhaps a provisional figure)"
    )


def test_neighbour_average_region_and_a_named_council(extract):
    said = "children in care with a dental check"
    assert search(extract, "65%", said, "E06000005")["area"].tolist() == [
        "statistical neighbours' average"
    ]
    assert search(extract, "44%", said, "E06000005")["area"].tolist() == ["North East"]
    assert search(extract, "60%", said, "E06000005").empty  # Hartlepool, not named
    named = search(extract, "60%", said, "E06000005", named=("Hartlepool",))
    assert named["area"].tolist() == ["Hartlepool"]


def test_a_rate_per_10000_a_rank_and_a_count_per_month(extract):
    rate = search(extract, "98", "children looked after per 10,000", "E06000005")
    assert rate[["measure", "query"]].values.tolist() == [["cla_rate_per_10000", "value"]]
    ranks = search(extract, "3rd", "children looked after per 10,000", "E06000005")
    first = ranks.iloc[0]
    assert (first["measure"], first["query"], first["value"]) == (
        "cla_rate_per_10000",
        "rank (1 = highest)",
        "3",
    )
    assert not ranks["agrees"].iloc[1:].any()  # teeth checks are 3rd too: listed, not first
    monthly = search(extract, "9", "children starting care a month", "E06000005")
    assert monthly[["query", "published"]].values.tolist() == [["per month", "108 a year"]]


def test_a_change_over_any_span_of_years_one_release_holds(extract):
    found = search(extract, "+8%", "children looked after", "E06000005")
    assert found[["period", "published"]].values.tolist() == [["2018/19 to 2020/21", "250 to 269"]]


def test_the_subject_guard():
    assert agrees("percent of the 12-month cohort who had their teeth checked", "dental checks")
    assert not agrees("children who started to be looked after", "children looked after")
    assert not agrees("children looked after at 31 March", "children on a protection plan")
    assert agrees("children looked after at 31 March", "Children in Care")


def test_a_measure_of_another_subject_is_listed_after_those_that_agree(extract):
    found = search(extract, "35%", "children looked after", "E06000005")
    assert found["agrees"].tolist() == [False]  # teeth checks: listed, never first


def test_a_figure_is_read_as_the_catalogue_says_its_measure_is_counted():
    """The unit comes from the catalogue, not the measure's name: LAIT's percentage with no
    `_pct` in its name is a percentage, and spending is never a count of children."""
    rows = [("lait_cla_20miles", 2021, "E06000005", 35.0), ("lait_spend", 2021, "E06000005", 35.0)]
    figures = pd.DataFrame(
        [(m, 2025, y, la, v, "") for m, y, la, v in rows],
        columns=["measure", "release", "year", "la_code", "value", "marker"],
    )
    measures = {
        "lait_cla_20miles": "children looked after placed more than 20 miles from home (%)",
        "lait_spend": "spend on children looked after placed more than 20 miles from home",
    }
    units = {"lait_cla_20miles": "percent", "lait_spend": "£"}
    provenance = {
        "measures": {
            m: {"description": d, "unit": units[m], "releases": {}} for m, d in measures.items()
        },
        "sources": [],
    }
    extract = Extract(figures, AREAS, NEIGHBOURS, provenance)
    subject = "children placed more than 20 miles from home"
    assert search(extract, "35%", subject, "E06000005")["measure"].tolist() == ["lait_cla_20miles"]
    assert search(extract, "35", subject, "E06000005").empty
