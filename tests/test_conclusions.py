"""The conclusion notebooks' steps on 903 returns small enough to check by hand, and on the
committed DfE extract: every count, and every cell disclosure control hides."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from builders import child, episode, oc2, write_903
from test_metrics_placements import EPISODES as PLACEMENTS

from scrutiny import charts
from scrutiny.checks import Inputs, run_check
from scrutiny.claims import Claim, Figure
from scrutiny.pages import conclusions
from scrutiny.quarters import Quarter

ROOT = Path(__file__).resolve().parents[1]
EXTRACT = ROOT / "evidence" / "data" / "published"


def inputs(data: Path, threshold: int) -> Inputs:
    quarter = Quarter.parse("2022Q1")
    return Inputs(
        ROOT, quarter, data, False, EXTRACT, "E06000002", "Middlesbrough", None, None, threshold
    )


def check(data: Path, threshold: int, *figures: Figure):
    claim = Claim("c", "FR", "e)", "quote", "subject", figures)
    return run_check(claim, inputs(data, threshold))


def local(metric: str, **params) -> Figure:
    return Figure("a 903 figure", "=", "903", "1", metric, params)


# 2020/21 (the 2021 return): 1 placed for adoption (A4) 01/06/2020 and adopted 01/02/2021;
# 2 left on an SGO (E45) 01/10/2020; 3 placed for adoption (A5) on starting, adopted (E12)
# 01/12/2020.
PERMANENCE = [
    episode("1", "2020-04-01", "2020-06-01", "X1"),
    episode("1", "2020-06-01", "2021-02-01", "E11", rne="P", place="A4"),
    episode("2", "2020-04-01", "2020-10-01", "E45"),
    episode("3", "2020-04-01", "2020-12-01", "E12", place="A5"),
]

# test_metrics_placements' children: on 31 March 2021, 8 looked after; 1 placed with parents;
# 3 in foster care (2 in-house, 3 and 4 agency, 4 with relatives); 4 in children's homes
# (5, 7 and 8 run by others, 6 in-house); 5 placed by others (3, 4, 5, 7 and 8, who moved
# from in-house foster care that day). 9 is on a short break.
# Six starters in 2020/21; A to D born 01/06/2020 and first looked after at 0, 4, 19 and 183
# days old; E and F are older. So 1 at 0 days, 2 under 7 days, 3 under 28 days, 4 under 1.
BIRTHS = {"A": "2020-06-01", "B": "2020-06-05", "C": "2020-06-20", "D": "2020-12-01"}
NEWBORN = [episode(c, start) for c, start in BIRTHS.items()] + [
    episode("E", "2020-07-01"),
    episode("F", "2020-08-01"),
]
NEWBORN_HEADER = [child(c, "2020-06-01") for c in BIRTHS] + [
    child("E", "2010-01-01"),
    child("F", "2015-01-01"),
]


def extract(tmp_path: Path, name: str, episodes: list[dict], header=None) -> Path:
    header = header or [child(e["CHILD"], "2010-01-01") for e in episodes]
    unique = list({row["CHILD"]: row for row in header}.values())
    return write_903(tmp_path / name, {2021: {"header": unique, "episodes": episodes}})


def test_permanence_by_year_counts_each_route(tmp_path):
    data = extract(tmp_path, "903", PERMANENCE)
    table = conclusions.permanence_by_year(check(data, 1, local("adoptions", year=2021)))
    assert table.loc["2020/21"].tolist() == [2, 2, 1]  # placed, adopted (1, 3); SGO (2)


def test_permanence_by_year_suppresses_small_counts(tmp_path):
    data = extract(tmp_path, "903", PERMANENCE)
    table = conclusions.permanence_by_year(check(data, 2, local("adoptions", year=2021)))
    assert table.loc["2020/21"].tolist() == [2, 2, "c"]


def test_oc2_by_year_lists_the_cohort_and_each_health_check(tmp_path):
    """Four children looked after since April 2019, so all four are the cohort at 31 March
    2021: 3 of 4 had a dental check, 2 of 4 a health assessment, 1 of 4 immunisations."""
    ids = ["1", "2", "3", "4"]
    checks = [oc2("1", "1", "1", "1"), oc2("2", "1", "1", "0"), oc2("3", "1"), oc2("4", "0")]
    tables = {
        "header": [child(c, "2012-01-01") for c in ids],
        "episodes": [episode(c, "2019-04-01") for c in ids],
        "oc2": checks,
    }
    data = write_903(tmp_path / "903", {2021: tables})
    table = conclusions.oc2_by_year(check(data, 1, local("oc2-dental", year=2021)))
    assert table.loc[2021].to_dict() == {
        "children in the cohort": 4,
        "had a dental check (%)": 75.0,
        "had their health assessment (%)": 50.0,
        "were up to date with immunisations (%)": 25.0,
    }


def test_placement_mix_at_31_march(tmp_path):
    data = extract(tmp_path, "903", PLACEMENTS)
    mix = conclusions.placement_mix(check(data, 1, local("cla-on-date", at="2021-03-31")))
    assert mix["31 March 2021"].to_dict() == {
        "children looked after": 8,
        "placed with parents": 1,
        "foster care, all": 3,
        "foster care, in-house": 1,
        "foster care, agency": 2,
        "foster care with relatives or friends": 1,
        "children's homes, all": 4,
        "children's homes run by others": 3,
        "children's homes, in-house": 1,
        "any placement provided by others (external)": 5,
    }


def test_placement_mix_hides_a_count_another_would_reveal(tmp_path):
    """Under 2: the ones go (in-house children's homes among them); so do foster care (3), as
    3 less agency care (2) is the one in-house child, children's homes run by others (3) and
    external (5, 1 more than 4). Rows follow groups.yml."""
    data = extract(tmp_path, "903", PLACEMENTS)
    mix = conclusions.placement_mix(check(data, 2, local("cla-on-date", at="2021-03-31")))
    assert mix["31 March 2021"].tolist() == [8, "c", "c", "c", 2, "c", 4, "c", "c", "c"]


def test_placement_monthly_counts_the_claims_groups(tmp_path):
    data = extract(tmp_path, "903", PLACEMENTS)
    figure = local("placement-change", start="2021-01-31", end="2021-03-31", group="external")
    monthly = conclusions.placement_monthly(check(data, 1, figure))
    # a year before the claim's first date to three months after its last, within 2020/21
    assert monthly.index[0] == "2020-04-30"
    assert monthly.index[-1] == "2021-03-31"
    external = monthly["any placement provided by others (external)"]
    assert set(external.iloc[:-1]) == {4}  # 3, 4, 5 and 7
    assert external.iloc[-1] == 5  # and 8, from 31 March 2021
    assert set(conclusions.placement_monthly(check(data, 6, figure)).iloc[:, 0]) == {"c"}


def test_placement_monthly_hides_a_count_a_nested_group_would_reveal(tmp_path):
    """Homes run by others within external placements, under 3: 2 and 4 in February (2 is
    small); 3 and 5 on 31 March, when 5 goes, as 5 less 3 is the two foster children."""
    data = extract(tmp_path, "903", PLACEMENTS)
    figure = local(
        "placement-share-change",
        start="2021-01-31",
        end="2021-03-31",
        group="external-residential",
        within="external",
    )
    monthly = conclusions.placement_monthly(check(data, 3, figure))
    assert monthly.loc["2021-02-28"].tolist() == ["c", 4]
    assert monthly.loc["2021-03-31"].tolist() == [3, "c"]


def test_placement_measures_are_the_dfe_shares_of_the_claims_groups(tmp_path):
    period = {"start": "2021-01-31", "end": "2021-03-31"}
    homes = check(tmp_path, 5, local("placement-change", group="external-residential", **period))
    assert conclusions.placement_measures(homes) == ["childrens_homes_pct"]
    sgo = Figure(
        "SGOs",
        "increase",
        "dfe",
        None,
        "dfe-change",
        {"measure": "sgo", "start_year": 2020, "end_year": 2021},
    )
    carers = local("placement-change", group="connected-carers", **period)
    assert conclusions.placement_measures(check(tmp_path, 5, carers, sgo)) == [
        "foster_placements_pct",
        "sgo",
    ]
    external = check(tmp_path, 5, local("placement-change", group="external", **period))
    assert conclusions.placement_measures(external) == [
        "placed_with_parents_pct",
        "foster_placements_pct",
        "childrens_homes_pct",
    ]
    distance = Figure(
        "over 20 miles",
        "=",
        "dfe",
        "77",
        "dfe-value",
        {"measure": "placed_over_20_miles", "year": 2021},
    )
    external = check(tmp_path, 5, local("placement-change", group="external", **period), distance)
    assert conclusions.placement_measures(external)[:2] == [
        "placed_over_20_miles",
        "placed_with_parents_pct",
    ]


def newborn_check(tmp_path: Path, threshold: int):
    data = extract(tmp_path, "903", NEWBORN, NEWBORN_HEADER)
    return check(data, threshold, local("starters-newborn", year=2021, max_age_days=6))


def test_newborn_by_year_under_each_definition(tmp_path):
    table = conclusions.newborn_by_year(newborn_check(tmp_path, 1)).loc["2020/21"]
    assert table["newborn starters"].tolist() == [1, 2, 3, 4]
    assert table["all starters"].tolist() == [6, 6, 6, 6]
    assert table["% of starters"].tolist() == [16.7, 33.3, 50.0, 66.7]


def test_newborn_by_year_keeps_the_claims_definition_and_hides_differences(tmp_path):
    """Under 2: the claim's 2 stays; 1 is small, and 3 is 1 more than 2; 4 is 2 more."""
    table = conclusions.newborn_by_year(newborn_check(tmp_path, 2)).loc["2020/21"]
    assert table["newborn starters"].tolist() == ["c", 2, "c", 4]
    assert table["% of starters"].tolist() == ["c", 33.3, "c", 66.7]
    chart = conclusions.newborn_by_year_chart(
        conclusions.newborn_by_year(newborn_check(tmp_path, 2))
    )
    assert chart.data["series"].tolist() == ["under 7 days old", "under 1 year old (DfE band)"]
    assert chart.data["value"].tolist() == [33.3, 66.7]


def test_no_usable_extract_gives_empty_steps(tmp_path):
    absent = check(tmp_path / "absent", 5, local("adoptions", year=2021))
    for step in (conclusions.permanence_by_year, conclusions.placement_mix):
        assert step(absent).empty


def test_adoptions_in_the_tees_valley_as_published(tmp_path):
    """The 2022 release: Middlesbrough adopted 24 in 2021/22, the most of the five."""
    peers = ["E06000005", "E06000001", "E06000002", "E06000003", "E06000004"]
    figure = Figure(
        "rank",
        "=",
        "dfe",
        "1",
        "dfe-rank-among",
        {"measure": "adopted", "year": 2022, "peers": peers},
    )
    table = conclusions.published_among(check(tmp_path, 5, figure), "adopted")
    assert table.loc["2021/22"].to_dict() == {
        "Darlington": 15,
        "Hartlepool": 15,
        "Middlesbrough": 24,
        "Redcar and Cleveland": 8,
        "Stockton-on-Tees": 16,
    }


def test_without_named_peers_the_statistical_neighbours(tmp_path):
    table = conclusions.published_among(
        check(tmp_path, 5, local("adoptions", year=2021)), "adopted"
    )
    assert list(table.columns[:2]) == ["Middlesbrough", "Hartlepool"]
    assert len(table.columns) == 11  # the authority and its ten neighbours


def test_counts_over_time_are_drawn_from_zero():
    frame = {"date": ["2021-03-31", "2022-03-31"], "value": [500, 520]}
    spec = charts.line_over_time(pd.DataFrame(frame), "children", "Children").to_dict()
    assert spec["encoding"]["y"]["scale"]["zero"] is True


@pytest.mark.parametrize("notebook", ["permanence", "placements"])
def test_the_register_names_the_new_conclusion_notebooks(notebook):
    from scrutiny.catalogue import figure_metrics
    from scrutiny.claims import load_register

    claims = load_register(ROOT / "evidence" / "claims.yml", figure_metrics()).claims
    assert (ROOT / "notebooks" / f"{notebook}.ipynb").is_file()
    named = {c.id for c in claims if c.notebook == notebook}
    expected = {
        "permanence": {"adoptions-17-to-22", "adoptions-tees-valley"},
        "placements": {
            "placed-with-parents-halved",
            "external-residential-down",
            "in-house-fostering-up",
            "connected-carers-down",
            "external-placements-72-77",
        },
    }
    assert named == expected[notebook]


def test_every_register_claim_is_argued_by_a_notebook_that_exists():
    """A claim names its conclusion notebook, or is argued by claim.ipynb when it names none
    (so a claim added as the README says needs no notebook)."""
    from scrutiny.catalogue import figure_metrics
    from scrutiny.claims import load_register

    claims = load_register(ROOT / "evidence" / "claims.yml", figure_metrics()).claims
    for claim in claims:
        assert (ROOT / "notebooks" / f"{claim.notebook}.ipynb").is_file(), claim.id


def test_a_published_chart_stops_at_the_packs_year(tmp_path):
    """The extract runs to 2025; a 2022Q1 pack's chart, like its table, stops at 31 March 2022."""
    from scrutiny.checks.national import national_chart

    figure = Figure(
        "placed with parents",
        "=",
        "dfe",
        "10%",
        "dfe-value",
        {"measure": "placed_with_parents_pct", "year": 2022},
    )
    chart = national_chart([figure], inputs(tmp_path / "absent", 5))
    frame = chart.layer[0].data
    assert sorted(frame["date"].dt.year.unique())[-1] == 2022
    assert set(frame["series"]) == {"Middlesbrough", "England"}
    middlesbrough = frame[frame["series"].eq("Middlesbrough")].set_index("date")["value"]
    assert middlesbrough[pd.Timestamp("2022-03-31", tz="UTC")] == 10.0


def test_looked_after_monthly_labels_each_row_by_its_month_end(tmp_path):
    """PERMANENCE: 1 in care to 01/02/2021, 2 to 01/10/2020, 3 to 01/12/2020, all from
    01/04/2020: three at each month end to September, two in October and November, one in
    December and January, none after."""
    monthly = conclusions.looked_after_monthly(
        check(extract(tmp_path, "p", PERMANENCE), 5, local("cla-on-date", at="2020-12-31"))
    )
    assert monthly.index.name == "month end"
    counts = monthly.iloc[:, 0].to_dict()
    assert counts["2020-04-30"] == 3 and counts["2020-09-30"] == 3
    assert (counts["2020-10-31"], counts["2020-11-30"]) == (2, 2)
    assert (counts["2020-12-31"], counts["2021-01-31"], counts["2021-02-28"]) == (1, 1, 0)


def test_the_panels_disagreements_are_labelled_by_what_disagrees():
    """The register quotes 702 children looked after for August 2019 and for August 2020."""
    from scrutiny.catalogue import figure_metrics
    from scrutiny.claims import load_register

    claim = load_register(ROOT / "evidence" / "claims.yml", figure_metrics()).get(
        "cla-702-aug-2019"
    )
    from dataclasses import replace

    with_register = replace(inputs(ROOT / "absent", 5), register=ROOT / "evidence" / "claims.yml")
    table = conclusions.panel_disagreements(run_check(claim, with_register))
    assert table.index.name == "disagreement"
    assert list(table.columns) == ["subject", "one says", "another says"]
    assert any("702" in row["one says"] + row["another says"] for _, row in table.iterrows())
