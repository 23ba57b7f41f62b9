"""From papers and an LA code to a register that loads as written (issue 31): each figure's
best test, every claim proposed, and every missing parameter caught when the register loads."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from scrutiny.catalogue import figure_metrics
from scrutiny.claims import load_register
from scrutiny.claimtext.extract import extract_statements
from scrutiny.claimtext.proposals import best_test
from scrutiny.cli import main
from scrutiny.errors import ConfigError
from scrutiny.published import load_extract

PAPERS = Path(__file__).parent / "data" / "papers"


@pytest.fixture(scope="module")
def extract():
    return load_extract()


def statements(tmp_path: Path, text: str, said_on: date):
    path = tmp_path / "paper.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return extract_statements([path], {"P": {"file": "paper.txt", "title": "t", "date": said_on}})


def test_a_figure_the_dfe_publishes_gets_its_measure_year_and_release(tmp_path, extract):
    """Middlesbrough's 570 looked after at 31 March 2021 (E06000002): the 2022 release was
    the first to publish it held by the pack."""
    [said] = statements(
        tmp_path, "There were 570 children looked after at 31 March 2021.", date(2022, 12, 20)
    )
    figure, would_test = best_test(said, extract, "E06000002", date(2022, 12, 20))
    assert (figure["source"], figure["metric"], would_test) == ("dfe", "dfe-value", None)
    assert figure["params"] == {"measure": "cla_at_31_march", "release": 2022, "year": 2021}


def test_a_near_miss_is_proposed_with_its_sentence(tmp_path, extract):
    [said] = statements(
        tmp_path, "There were 571 children looked after at 31 March 2021.", date(2022, 12, 20)
    )
    figure, _ = best_test(said, extract, "E06000002", date(2022, 12, 20))
    assert figure["params"]["year"] == 2021
    assert "571 said, 570 published" in figure["label"]


def test_a_quarter_end_goes_to_the_903_extract(tmp_path, extract):
    [said] = statements(
        tmp_path, "There were 478 children looked after at 31 December 2020.", date(2021, 2, 1)
    )
    figure, _ = best_test(said, extract, "E06000002", date(2021, 2, 1))
    assert (figure["source"], figure["metric"], figure["params"]) == (
        "903",
        "cla-on-date",
        {"at": "2020-12-31"},
    )


def test_a_figure_nothing_tests_names_the_data_that_would(tmp_path, extract):
    [said] = statements(
        tmp_path, "There were 266 children with child protection plans.", date(2021, 2, 1)
    )
    figure, would_test = best_test(said, extract, "E06000002", date(2021, 2, 1))
    assert figure["source"] == "none"
    assert would_test.startswith("the council's own records of children with child protection")


def test_a_figure_no_publication_gives_is_shown_beside_the_measure_its_words_name(
    tmp_path, extract
):
    """Middlesbrough's re-referral rate for 2020/21 was not 28.5%: the figure search finds no
    source, so the register shows the DfE's re-referral measure for that year as a proxy (it
    may be another measure, so it never decides) for an analyst to confirm."""
    said_on = date(2022, 3, 14)
    text = "Re-referrals to children's social care within 12 months were 28.5% in 2020/21."
    [said] = statements(tmp_path, text, said_on)
    figure, would_test = best_test(said, extract, "E06000002", said_on)
    assert would_test is None
    assert (figure["source"], figure["metric"], figure["relation"]) == ("dfe", "dfe-value", "proxy")
    assert figure["params"] == {"measure": "lait_rereferral", "year": 2021}
    assert "confirm it is the measure and year the claim means" in figure["why"]
    assert figure["label"].endswith(
        "re-referrals to children's social care within 12 months, 2020/21"
    )
    # a month the DfE publishes no figure for is no year to 31 March: nothing to show beside it
    text = "Re-referrals to children's social care within 12 months were 28.5% in September 2021."
    [said] = statements(tmp_path, text, said_on)
    assert best_test(said, extract, "E06000002", said_on)[0]["source"] == "none"


def test_a_figure_written_with_a_thousands_separator_gives_a_register_that_loads(tmp_path):
    """England's 80,850 children looked after at 31 March 2021 (the 2021 release): the
    register keeps the figure as written and loads."""
    paper = tmp_path / "paper.txt"
    paper.write_text("Nationally, 80,850 children were looked after at 31 March 2021.\n")
    out = tmp_path / "register.yml"
    args = ["claims", "extract", str(paper), "--la", "E06000002", "--date", "2022-03-14"]
    assert main([*args, "--out", str(out)]) == 0
    [claim] = load_register(out, figure_metrics()).claims
    [figure] = claim.figures
    assert (figure.claimed, figure.claimed_value) == ("80,850", 80850.0)
    assert (figure.metric, figure.params["measure"]) == ("dfe-value", "cla_at_31_march")


def test_the_papers_give_a_register_that_loads_as_written(tmp_path):
    manifest = yaml.safe_load((PAPERS / "manifest.yml").read_text("utf-8"))["documents"]
    out = tmp_path / "register.yml"
    paper = str(PAPERS / manifest["DQ321"]["file"])  # Darlington, Quarter 3 2021/22
    args = ["claims", "extract", paper, "--la", "E06000005", "--date", "2022-02-01"]
    assert main([*args, "--out", str(out)]) == 0
    register = load_register(out, figure_metrics())
    assert {c.status for c in register.claims} == {"proposed"}
    assert [d["date"] for d in register.documents.values()] == [date(2022, 2, 1)]
    at_dates = [f.params for c in register.claims for f in c.figures if f.source == "903"]
    assert {"at": "2021-12-31"} in at_dates  # 271 children in care at the end of December 2021


def test_the_register_check_names_a_missing_parameter(tmp_path):
    path = tmp_path / "register.yml"
    path.write_text(
        "documents: {P: {file: p.txt, title: p}}\n"
        "claims:\n"
        "  - {id: a, status: proposed, document: P, section: s, quote: q, subject: s,\n"
        "     figures: [{label: l, claimed: '478', source: '903', metric: cla-on-date}]}\n"
        "  - {id: b, document: P, section: s, quote: q, subject: s, figures: [{label: l,\n"
        "     claimed: '-7%', source: dfe, metric: dfe-change, params: {measure: starters}}]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as error:
        load_register(path, figure_metrics())
    assert "claim 1 (a) figure 1: cla-on-date needs at" in str(error.value)
    assert "claim 2 (b) figure 1: dfe-change needs start_year and end_year" in str(error.value)


def test_a_bracketed_neighbour_average_measures_what_the_figure_before_it_measures(
    tmp_path, extract
):
    """Middlesbrough's 81% teeth checked in 2021/22, its neighbours' average 70.9% (2021-04
    edition, 2022 release)."""
    said_on = date(2023, 1, 10)
    own, neighbours = statements(
        tmp_path,
        "81% of children in care had a dental check in 2021/22, above the statistical "
        "neighbours' average (70.9%).",
        said_on,
    )
    figure, _ = best_test(neighbours, extract, "E06000002", said_on)
    assert (figure["metric"], figure["params"]) == (
        "dfe-neighbour-average",
        {"measure": "teeth_checked_pct", "release": 2022, "year": 2022, "edition": "2021-04"},
    )
    figure, _ = best_test(own, extract, "E06000002", said_on)
    assert figure["params"] == {"measure": "teeth_checked_pct", "release": 2022, "year": 2022}
