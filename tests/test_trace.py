"""Figure search: which published figures reproduce a claimed number, on a hand-made extract
small enough to check by eye."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from builders import areas_table

from scrutiny.cli import main
from scrutiny.published.query import Extract
from scrutiny.published.trace import trace

AREAS = areas_table(
    [
        ("E06000002", "806", "Middlesbrough", "Local authority", "North East", 2012, 2025),
        ("E12000001", "", "North East", "Regional", "North East", 2012, 2025),
        ("E92000001", "", "England", "National", "", 2012, 2025),
    ]
)
DESCRIPTIONS = {
    "starters": "children who started to be looked after during the year",
    "cla_at_31_march": "children looked after at 31 March",
    "teeth_checked_pct": "percent of the 12-month cohort who had their teeth checked by a dentist",
    "placed_over_20_miles": "children looked after at 31 March whose placement was more than 20 "
    "miles from home",
}
ROWS = [  # measure, year, area, value: starters fell 296 -> 227 (-23.3%); CLA 618 -> 570 (-7.8%)
    ("starters", 2020, "E06000002", 296.0),
    ("starters", 2021, "E06000002", 227.0),
    ("starters", 2022, "E06000002", 279.0),  # +22.9% from 2021: rounds to 23
    ("cla_at_31_march", 2020, "E06000002", 618.0),
    ("cla_at_31_march", 2021, "E06000002", 570.0),
    ("teeth_checked_pct", 2021, "E06000002", 35.0),
    ("teeth_checked_pct", 2021, "E92000001", 40.0),
    ("placed_over_20_miles", 2021, "E06000002", 77.0),
]


@pytest.fixture(scope="module")
def extract() -> Extract:
    figures = pd.DataFrame(
        [(m, 2022, y, la, v, "") for m, y, la, v in ROWS],
        columns=["measure", "release", "year", "la_code", "value", "marker"],
    )
    provenance = {
        "measures": {m: {"description": d, "releases": {}} for m, d in DESCRIPTIONS.items()},
        "sources": [],
    }
    return Extract(figures, AREAS, pd.DataFrame(), provenance)


def test_a_signed_change_finds_the_starters_fall(extract):
    found = trace(extract, "-23%", "children looked after", "E06000002")
    assert found[["what", "period", "published", "value"]].values.tolist() == [
        [DESCRIPTIONS["starters"], "2019/20 to 2020/21", "296 to 227", "-23.3%"]
    ]


def test_an_unsigned_percentage_matches_both_directions_closest_first(extract):
    found = trace(extract, "23%", "children looked after", "E06000002")
    assert found["value"].tolist() == ["+22.9%", "-23.3%"]  # latest year first, same subject


def test_years_after_the_claim_are_left_out(extract):
    found = trace(extract, "23%", "children looked after", "E06000002", date(2021, 11, 22))
    assert found["value"].tolist() == ["-23.3%"]


def test_precision_is_the_claims(extract):
    assert trace(extract, "-23.0%", "children looked after", "E06000002").empty  # -23.3 is not
    assert trace(extract, "-7.8%", "children looked after", "E06000002")["value"].tolist() == [
        "-7.77%"  # 618 -> 570, to the claim's precision and one digit more
    ]


def test_a_percentage_level_and_england(extract):
    found = trace(extract, "40%", "cohort teeth checked", "E06000002")
    assert found[["area", "value", "kind"]].values.tolist() == [["England", "40%", "level"]]


def test_nothing_spurious_for_a_number_no_measure_reproduces(extract):
    assert trace(extract, "702", "children looked after", "E06000002").empty
    assert trace(extract, "-19.5%", "children looked after", "E06000002").empty
    # 35% is published, but for teeth checks: a claim about adoptions does not match it
    assert trace(extract, "35%", "children placed for adoption", "E06000002").empty


def test_a_count_finds_the_distance_measure_and_nothing_else(extract):
    """ "between 72-77" external placements: 77 is the DfE's count placed over 20 miles away
    in March 2021; 72 is no published figure."""
    found = trace(extract, "77", "children in external placements", "E06000002")
    assert found[["what", "period", "value"]].values.tolist() == [
        [DESCRIPTIONS["placed_over_20_miles"], "2020/21", "77"]
    ]
    assert trace(extract, "72", "children in external placements", "E06000002").empty
    assert trace(extract, "77%", "children in external placements", "E06000002").empty


def test_the_command_line_finds_the_starters_match(capsys):
    assert (
        main(
            [
                "claims",
                "trace",
                "23%",
                "--subject",
                "children looked after",
                "--before",
                "2021-11-22",
            ]
        )
        == 0
    )
    assert (
        "23% matches: children who started to be looked after during the year, Middlesbrough, "
        "2019/20 to 2020/21 (296 to 227), -23.3% [another subject than the sentence's]"
    ) in capsys.readouterr().out.splitlines()


def test_the_command_line_says_when_nothing_matches(capsys):
    assert main(["claims", "trace", "99999", "--subject", "children looked after"]) == 0
    assert "no published figure" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("claimed", "named"), [("٢٣%", "ARABIC-INDIC DIGIT TWO"), ("２３", "FULLWIDTH DIGIT TWO")]
)
def test_digits_other_than_0_to_9_are_refused_by_name(claimed, named, capsys):
    """Python reads '٢٣' as 23; a claim is never written so, and 0-9 is asked for."""
    assert main(["claims", "trace", claimed, "--subject", "children looked after"]) == 2
    digit = claimed[0]
    assert capsys.readouterr().err == (
        f"scrutiny claims: claims trace: {claimed!r}: write its digits as 0-9, not {digit!r} "
        f"({named}) (or a rank such as 6th)\n"
    )


def test_a_negative_claim_is_the_number_not_an_option(capsys):
    """The README's own example: "-19.5%" is read as the claim, as written, with no "--"."""
    args = ["claims", "trace", "-23%", "--subject", "children looked after"]
    assert main([*args, "--before", "2021-11-22"]) == 0
    assert "(296 to 227), -23.3%" in capsys.readouterr().out
