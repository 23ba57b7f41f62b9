"""Claim checks: each figure measured from the data, with its counts, source and verdict."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import child, episode, missing, write_903

from scrutiny.checks import Inputs, measure_figure, resolved
from scrutiny.checks.catalogue import sensitivity
from scrutiny.claims import Figure
from scrutiny.quarters import Quarter
from scrutiny.verdicts import DATA_ISSUE, NOT_SUPPORTED, NOT_TESTABLE, SUPPORTED

ROOT = Path(__file__).resolve().parents[1]
EXTRACT = ROOT / "evidence" / "data" / "published"


def inputs(data_903: Path, quarter: str = "2022Q1") -> Inputs:
    return Inputs(
        root=ROOT,
        quarter=Quarter.parse(quarter),
        data_903=data_903,
        synthetic=False,
        published=EXTRACT,
        la_code="E06000002",
        la_name="Middlesbrough",
    )


def dfe(metric: str, claimed: str | None, comparison: str = "=", **params) -> Figure:
    return Figure("a DfE figure", comparison, "dfe", claimed, metric, params)


@pytest.fixture
def no_903(tmp_path) -> Inputs:
    return inputs(tmp_path / "absent")


# DfE figures, read from the committed extract (Middlesbrough, E06000002).


def test_teeth_checked_2021_is_35_percent_of_432(no_903):
    m = measure_figure(dfe("dfe-value", "66%", measure="teeth_checked_pct", year=2021), no_903)
    assert (m.value, m.numerator, m.denominator, m.verdict) == (35.0, 150, 432, NOT_SUPPORTED)
    # the latest release that publishes 2021, named with its file and hash
    assert m.source.startswith("DfE 2025 release, dfe-csc-outcomes-enablers/")


@pytest.mark.parametrize(("year", "claimed", "adopted"), [(2019, "17", 19.0), (2021, "22", 25.0)])
def test_adoptions_are_not_the_claimed_17_and_22(no_903, year, claimed, adopted):
    m = measure_figure(dfe("dfe-value", claimed, measure="adopted", year=year), no_903)
    assert (m.value, m.verdict) == (adopted, NOT_SUPPORTED)


def test_looked_after_fell_7_8_percent_not_23(no_903):
    figure = dfe("dfe-change", "-23%", measure="cla_at_31_march", start_year=2020, end_year=2021)
    m = measure_figure(figure, no_903)
    # 618 -> 570 at 31 March (2022 release, the latest that has both years)
    assert (m.numerator, m.denominator) == (-48, 618)
    assert m.value == pytest.approx(100 * -48 / 618)
    assert m.verdict == NOT_SUPPORTED


def test_second_highest_rate_and_the_release_that_moves_it(no_903):
    figure = dfe("dfe-rank", "2", measure="cla_rate_per_10000", year=2019, release=2022)
    m = measure_figure(figure, no_903)
    assert (m.value, m.numerator, m.denominator, m.verdict) == (2.0, 2, 152, SUPPORTED)
    table = sensitivity(figure, no_903, measure_figure)
    # City of London's rate is published from the 2023 release on and ranks above
    assert dict(zip(table["definition"], table["measured"], strict=True)) == {
        "DfE 2022 release (registered)": "2",
        "DfE 2023 release": "3",
    }


def test_most_adoptions_in_tees_valley(no_903):
    peers = ["E06000005", "E06000001", "E06000002", "E06000003", "E06000004"]
    figure = dfe("dfe-rank-among", "1", measure="adopted", year=2022, peers=peers)
    m = measure_figure(figure, no_903)
    assert (m.value, m.denominator, m.verdict) == (1.0, 5, SUPPORTED)
    assert m.notes == [
        "Middlesbrough 24, Stockton-on-Tees 16, Darlington 15, Hartlepool 15, "
        "Redcar and Cleveland 8"
    ]


def test_a_suppressed_published_figure_is_a_data_issue(tmp_path):
    halton = Inputs(
        root=ROOT,
        quarter=Quarter.parse("2022Q1"),
        data_903=tmp_path,
        synthetic=False,
        published=EXTRACT,
        la_code="E06000006",
        la_name="Halton",
    )
    m = measure_figure(dfe("dfe-value", "10", measure="adopted", year=2021, release=2022), halton)
    assert (m.value, m.verdict) == (None, DATA_ISSUE)
    assert "published as 'c'" in m.notes[0]


# 903 figures on a hand-built return.


def local(metric: str, claimed: str | None, comparison: str = "=", **params) -> Figure:
    return Figure("a 903 figure", comparison, "903", claimed, metric, params)


@pytest.fixture(scope="module")
def data_903(tmp_path_factory) -> Path:
    """Four children: A and B fostered externally (IFA) all year; C external from 1 March
    2021; D in-house. C went missing twice in January 2021 and once in March 2021."""
    header = [child(c, "2010-01-01") for c in "ABCD"]
    episodes = [
        episode("A", "2020-04-01", provider="PR4"),
        episode("B", "2020-04-01", provider="PR5"),
        episode("C", "2020-04-01", dec="2021-03-01", rec="X1", provider="PR1"),
        episode("C", "2021-03-01", rne="P", provider="PR4"),
        episode("D", "2020-04-01", provider="PR1"),
    ]
    absences = [missing("C", "2021-01-05"), missing("C", "2021-01-20"), missing("C", "2021-03-02")]
    return write_903(
        tmp_path_factory.mktemp("903"),
        {2021: {"header": header, "episodes": episodes, "missing": absences}},
    )


def test_fewest_and_most_in_external_placements_at_month_ends(data_903, tmp_path, monkeypatch):
    monkeypatch.setenv("SCRUTINY_CACHE", str(tmp_path))
    period = {"start": "2020-04-01", "end": "2021-03-31", "group": "external"}
    fewest = measure_figure(local("placement-count-min", "2", **period), inputs(data_903))
    most = measure_figure(local("placement-count-max", "3", **period), inputs(data_903))
    assert (fewest.value, fewest.verdict) == (2.0, SUPPORTED)
    assert (most.value, most.verdict) == (3.0, SUPPORTED)
    assert "most on 2021-03-31" in most.notes[0]


def test_missing_incidents_a_month(data_903, tmp_path, monkeypatch):
    monkeypatch.setenv("SCRUTINY_CACHE", str(tmp_path))
    figure = local("missing-incidents-monthly", "1", start="2021-01-01", end="2021-03-31")
    m = measure_figure(figure, inputs(data_903))
    assert (m.value, m.numerator, m.denominator, m.verdict) == (1.0, 3, 3, SUPPORTED)


def test_a_date_after_the_quarter_is_not_testable_yet(data_903):
    figure = local("cla-on-date", "4", at="2021-11-30")
    m = measure_figure(figure, inputs(data_903, quarter="2021Q3"))
    assert m.verdict == NOT_TESTABLE
    assert "after the quarter end 2021-09-30" in m.notes[0]


@pytest.mark.parametrize(
    ("metric", "params"),
    [
        ("dfe-value", {"measure": "teeth_checked_pct", "year": 2022}),
        ("dfe-change", {"measure": "cla_at_31_march", "start_year": 2021, "end_year": 2022}),
    ],
)
def test_a_published_year_after_the_quarter_is_not_testable_in_its_pack(tmp_path, metric, params):
    """The year to 31 March 2022 lies after a 2021Q4 pack (to 31 December 2021): its pack does
    not lean on it, though the extract holds it; the 2022Q1 pack does."""
    figure = dfe(metric, "66%" if metric == "dfe-value" else "-10%", **params)
    late = measure_figure(figure, inputs(tmp_path / "absent", quarter="2021Q4"))
    assert (late.value, late.verdict) == (None, NOT_TESTABLE)
    assert late.notes == ["2022-03-31 is after the quarter end 2021-12-31: not yet in the data"]
    assert measure_figure(figure, inputs(tmp_path / "absent")).value is not None


def test_quarter_tokens_resolve_to_the_quarter(data_903, tmp_path, monkeypatch):
    monkeypatch.setenv("SCRUTINY_CACHE", str(tmp_path))
    quarter = inputs(data_903, quarter="2021Q1")
    m = measure_figure(resolved(local("cla-on-date", "4", at="@quarter_end"), quarter), quarter)
    assert (m.params["at"], m.value, m.verdict) == ("2021-03-31", 4.0, SUPPORTED)


def test_invalid_903_data_gives_a_data_issue_not_a_number(tmp_path, monkeypatch):
    monkeypatch.setenv("SCRUTINY_CACHE", str(tmp_path / "cache"))
    bad = write_903(
        tmp_path / "bad",
        {
            2021: {
                "header": [child("A", "2010-01-01")],
                "episodes": [episode("A", "2020-04-01", place="Q9")],
            }
        },
    )
    m = measure_figure(local("cla-on-date", "1", at="2020-12-31"), inputs(bad))
    assert (m.value, m.verdict) == (None, DATA_ISSUE)
    assert "failed validation (1 problem(s))" in m.notes[0]


def test_a_notebook_definition_replaces_the_registers(data_903, tmp_path, monkeypatch):
    from scrutiny.checks import run_check
    from scrutiny.claims import Claim

    monkeypatch.setenv("SCRUTINY_CACHE", str(tmp_path))
    figure = local("starters-newborn", "0%", year=2021, max_age_days=6)
    claim = Claim("c", "FR", "b)", "quote", "starters", (figure,))
    check = run_check(claim, inputs(data_903), {"max_age_days": 27, "group": "external"})
    assert check.measurements[0].params["max_age_days"] == 27
    assert check.definition == {"max_age_days": 27}  # `group` is not a parameter of this figure
    assert check.result()["definition"] == {"max_age_days": 27}


# The register's claims on the real DfE statistics (no 903 data): the verdicts issue's facts.
REGISTER = ROOT / "evidence" / "claims.yml"


def register_check(claim_id: str, no_903: Inputs):
    """The claim with its 903 figures illustrative (and here unmeasured): DfE evidence only."""
    from dataclasses import replace

    from scrutiny.catalogue import figure_metrics
    from scrutiny.checks import run_check
    from scrutiny.claims import load_register

    claim = load_register(REGISTER, figure_metrics()).get(claim_id)
    return run_check(claim, replace(no_903, synthetic=True))


def real(check) -> list:
    return [m for m in check.measurements if m.figure.source == "dfe"]


def test_dental_66_lies_between_the_years_either_side(no_903):
    """35% (year to March 2021) and 81% (to March 2022) bracket "the last 12 months" of an
    early-2022 report: 66% lies between them, so consistent (the bracket rule)."""
    check = register_check("dental-66", no_903)
    assert [(m.value, m.verdict) for m in real(check)] == [
        (35.0, "consistent"),
        (81.0, "consistent"),
    ]
    assert real(check)[0].context == {
        "England": 40.0,
        "North East": 43.0,
        "statistical neighbours": 37.7,
    }
    assert check.verdict == "consistent"
    assert "66% lies between the published figures either side" in check.sentence
    assert "35% (England 40%, North East 43%" in check.sentence
    assert "81% (England 70%, North East 72%, statistical neighbours 70.9%)" in check.sentence


def test_health_90_is_a_bracket_of_90_5_and_94_6(no_903):
    check = register_check("health-assessments-90", no_903)
    assert [(m.value, m.verdict) for m in real(check)] == [
        (91.0, "consistent"),  # 90.5% as published, to the percent
        (95.0, "consistent"),  # 94.6%
    ]
    assert check.verdict == "consistent"


def test_placed_for_adoption_is_not_tested_by_children_adopted(no_903):
    check = register_check("adoptions-17-to-22", no_903)
    assert [(m.value, m.verdict) for m in real(check)] == [(19.0, "context"), (25.0, "context")]
    assert check.verdict == "not testable"


def test_at_birth_is_only_bounded_by_the_under_1_share(no_903):
    """The bound holds in all three years (20.6%, 22.0%, 19.1%); only 2020/21's decides."""
    check = register_check("born-into-care-15-1", no_903)
    assert [(round(m.value, 1), m.verdict, m.figure.headline) for m in real(check)] == [
        (22.0, "consistent", True),
        (20.6, "consistent", False),
        (19.1, "consistent", False),
    ]
    assert check.verdict == "consistent"
    # "high" beside the region (22.5%) and the neighbours' average of published shares (24.6%)
    assert "(England 19.73%, North East 22.54%, statistical neighbours 24.60%)" in check.sentence
    assert "DfE statistics (2022 release) show" in check.sentence  # one release, named


def test_the_rank_reads_consistent_and_names_its_release_and_the_revision(no_903):
    """2nd at 31 March 2019 and 2020 bracket "second highest in August 2019"; the 702 of
    August 2019 has no real figure, so the claim is consistent, not confirmed."""
    check = register_check("cla-702-aug-2019", no_903)
    assert [(m.value, m.verdict) for m in real(check)] == [
        (2.0, "consistent"),
        (2.0, "consistent"),
        (159.0, "context"),  # the rate ranked, beside England's 65
    ]
    assert check.verdict == "consistent"
    assert "2nd lies between the published figures either side" in check.sentence
    assert "31 March 2019: 159 (England 65, North East 101" in check.sentence
    assert "nothing real in the pack confirms 702" in check.sentence
    assert real(check)[0].notes[-2:] == [
        "release used: the 2022 release: the earliest the pack holds; the one current when the "
        "claim was made (22 Nov 2021) is not held; the 2023 release revises it to 3",
        "between the published figures either side",
    ]


def test_702_in_august_2020_lies_outside_the_years_either_side(no_903):
    """618 (March 2020) and 570 (March 2021) cannot reach 702; 531 lies between 570 and 502."""
    check = register_check("cla-702-to-531", no_903)
    assert [(m.value, m.verdict) for m in real(check)] == [
        (618.0, "not testable"),
        (570.0, "not testable"),
        (570.0, "consistent"),
        (502.0, "consistent"),
    ]
    assert check.verdict == "consistent"
    assert "702 is outside the range of the years either side: ask where" in check.sentence


def test_19_5_is_faster_than_either_published_year_and_high_is_a_rate(no_903):
    check = register_check("cla-reduction-19-5", no_903)
    assert check.verdict == "not testable"
    assert "-7.77%, 618 to 570" in check.sentence
    assert "-11.93%, 570 to 502" in check.sentence
    assert "-19.5% is outside the range of the years either side" in check.sentence
    assert "31 March 2022: 150 (England 70, North East 110" in check.sentence


@pytest.mark.parametrize("claim_id", ["cla-down-23pct", "placed-with-parents-halved"])
def test_march_windows_do_not_judge_claims_about_other_months(no_903, claim_id):
    check = register_check(claim_id, no_903)
    headline = [m for m in real(check) if m.figure.headline]
    assert {m.verdict for m in headline} == {"context"}
    assert check.verdict == "not testable"


def test_the_23_pct_says_its_adoptions_half_holds(no_903):
    check = register_check("cla-down-23pct", no_903)
    assert "+56.2%, 16 to 25" in check.sentence
    assert "so an increase holds" in check.sentence


def test_a_published_zero_gives_a_verdict_not_a_crash(tmp_path):
    import json
    import shutil

    folder = tmp_path / "published"
    shutil.copytree(EXTRACT, folder)
    csv = folder / "measures" / "adopted.csv"
    lines = csv.read_text().splitlines()
    header = lines[0].split(",")
    rows = [line.split(",") for line in lines[1:]]
    for row in rows:
        if row[header.index("la_code")] == "E06000002" and row[header.index("year")] == "2020":
            row[header.index("value")] = "0"
    csv.write_text("\n".join([lines[0], *(",".join(r) for r in rows)]) + "\n")
    provenance = json.loads((folder / "provenance.json").read_text())
    from scrutiny.hashing import file_sha256

    provenance["files"]["measures/adopted.csv"] = file_sha256(csv)
    (folder / "provenance.json").write_text(json.dumps(provenance))
    check = inputs(tmp_path / "absent")
    check.published = folder
    figure = dfe("dfe-change", None, "increase", measure="adopted", start_year=2020, end_year=2021)
    measured = measure_figure(figure, check)
    assert (measured.value, measured.verdict) == (None, DATA_ISSUE)
    assert "base figure is 0" in measured.notes[-1]


@pytest.mark.slow
def test_an_extract_starting_in_2019_20_gives_data_issues_before_it(tmp_path):
    """Figures before 1 April 2019 are a data issue naming the coverage; covered ones are the
    same numbers as on the whole extract."""
    import shutil
    from dataclasses import replace

    from scrutiny.catalogue import figure_metrics
    from scrutiny.checks import run_check
    from scrutiny.claims import load_register

    demo = ROOT / "evidence" / "data" / "synthetic"
    short = tmp_path / "903"
    for year in (2020, 2021, 2022):
        shutil.copytree(demo / str(year), short / str(year))
    register = load_register(REGISTER, figure_metrics())
    whole = replace(inputs(demo), synthetic=False)
    cut = replace(inputs(short), synthetic=False)
    early = run_check(register.get("adoptions-17-to-22"), cut).measurements[0]
    assert (early.value, early.verdict) == (None, DATA_ISSUE)
    assert early.notes == [
        "placed-for-adoption reaches 1 Apr 2018, 31 Mar 2019: that needs the 2019 return; "
        "the extract covers 1 Apr 2019 to 31 Mar 2022 (returns 2020 to 2022)"
    ]
    day = Figure("on a day", "=", "903", "500", "cla-on-date", {"at": "2019-03-31"})
    assert measure_figure(day, cut).verdict == DATA_ISSUE  # the day before the first return
    first = replace(day, params={"at": "2019-04-01"})
    assert measure_figure(first, cut).value == measure_figure(first, whole).value
    for claim_id in ("cla-reduction-19-5", "dental-66", "adoptions-17-to-22"):
        for a, b in zip(
            run_check(register.get(claim_id), whole).measurements,
            run_check(register.get(claim_id), cut).measurements,
            strict=True,
        ):
            if b.value is not None:
                assert (a.value, a.numerator, a.denominator) == (
                    b.value,
                    b.numerator,
                    b.denominator,
                )


def test_external_placements_show_the_dfe_distance_figure_as_context(no_903):
    check = register_check("external-placements-72-77", no_903)
    assert [(m.shown(), m.verdict) for m in real(check)] == [("77", "context")]
    assert {m.figure.relation for m in check.measurements} == {"proxy"}  # none is the claim
    assert check.verdict == "not testable"
    assert check.traced()["value"].tolist() == ["77"]  # 77 at 31 March 2021; 72 is no figure


def test_a_threshold_is_not_looked_for_as_a_figure(no_903):
    """ "more than 90%" does not come from a published 90%."""
    assert register_check("health-assessments-90", no_903).traced().empty


def test_the_register_asks_what_the_sentences_say():
    """ "use of in-house" is the in-house share; "significant" has a size; police data
    cannot decide."""
    from scrutiny.catalogue import figure_metrics
    from scrutiny.claims import load_register

    claims = load_register(REGISTER, figure_metrics())
    in_house = claims.get("in-house-fostering-up").figures[0]
    assert (in_house.metric, in_house.params["within"]) == ("placement-share-change", "fostering")
    assert claims.get("connected-carers-down").figures[0].at_least == 10
    assert {f.relation for f in claims.get("missing-third-cla").figures} == {"proxy"}


def test_a_side_figure_is_not_said_to_decide_a_claim_it_cannot_carry(no_903):
    """cla-down-23pct: the 23% is not testable on the number looked after at 31 March; the
    adoptions change beside it holds, but is a side figure."""
    from scrutiny.pages.claim import verdict_basis

    check = register_check("cla-down-23pct", no_903)
    assert check.verdict == "not testable"
    basis = verdict_basis(check)
    assert not basis.startswith("Decided by")
    assert basis.startswith("Tested on real data, but a side figure that cannot carry the claim")
    assert "(supported)" in basis


def test_a_published_count_is_charted_for_the_authority_alone(no_903):
    """England's 80,000 children on the same axis would flatten Middlesbrough's 600; the table
    keeps the comparison. A percentage is charted beside its comparators."""
    from scrutiny.pages.claim import show_published_chart

    counts = show_published_chart(register_check("cla-reduction-19-5", no_903))
    assert set(counts.data["series"]) == {"Middlesbrough"}
    shares = show_published_chart(register_check("dental-66", no_903))
    assert {"Middlesbrough", "England", "North East"} <= set(shares.data["series"])
