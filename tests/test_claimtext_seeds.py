"""The claim finder on the panel's own documents (read from ../shared, never copied here)."""

from __future__ import annotations

import pytest
from conftest import require_shared

from scrutiny.claimtext.conflicts import find_conflicts
from scrutiny.claimtext.extract import extract_statements
from scrutiny.commands.claims import render_conflicts

DOCUMENTS = {
    "FR": {"file": "000_7af94297a153296b.txt"},
    "OV": {"file": "001_aed6952caac87a2d.txt"},
    "LW": {"file": "002_0338bd580726c24e.txt"},
    "EX": {"file": "003_cdb71303cbd51254.txt"},
    "CP": {"file": "004_37e1a9c1fd3c186d.txt"},
}

# Every claim in ../shared/spec/claims.md that carries a number:
# (claim id, document, section contains, line, claimed, comparison, period)
EXPECTED = [
    (
        "cla-reduction-19-5",
        "FR",
        "conclusion c)",
        28,
        "19.5%",
        "reduction",
        "November 2020 to November 2021",
    ),
    ("cla-702-to-531", "OV", "Children Looked After", 38, "702", "=", "August 2020"),
    ("cla-702-to-531", "OV", "Children Looked After", 38, "531", "=", "July 2021"),
    ("cla-702-aug-2019", "LW", "ANY OTHER BUSINESS", 133, "702", "=", "August 2019"),
    ("cla-down-23pct", "LW", "ANY OTHER BUSINESS", 135, "23%", "reduction", "the last 12 months"),
    ("born-into-care-15-1", "FR", "recommendation b)", 180, "15.1%", "=", None),
    ("dental-66", "FR", "conclusion i)", 114, "66%", "=", "the last 12 months"),
    ("health-assessments-90", "FR", "conclusion i)", 109, "90%", ">", None),
    ("pep-99", "FR", "conclusion i)", 109, "99%", "=", None),
    ("adoptions-17-to-22", "FR", "recommendation k)", 256, "17", "=", "2018/19"),
    ("adoptions-17-to-22", "FR", "recommendation k)", 256, "22", "=", "2020/21"),
    (
        "adoptions-tees-valley",
        "FR",
        "conclusion e)",
        57,
        None,
        "increase",
        "12 months to December 2021",
    ),
    (
        "placed-with-parents-halved",
        "FR",
        "conclusion e)",
        70,
        "50%",
        "reduction",
        "12 months to August 2021",
    ),
    (
        "external-residential-down",
        "FR",
        "conclusion e)",
        74,
        None,
        "reduction",
        "6 months to December 2021",
    ),
    ("external-placements-72-77", "CP", "Performance", 41, "72-77", "=", None),
    ("missing-third-cla", "CP", "Performance", 31, "300", "=", None),
    ("missing-third-cla", "CP", "Performance", 31, "one third", "=", None),
    ("futures-for-families-37", "FR", "conclusion h)", 102, "37", "=", None),
    ("early-help-caseloads", "LW", "LOCALITY WORKING", 58, "34", "=", None),
    ("early-help-caseloads", "LW", "LOCALITY WORKING", 58, "14", "=", None),
]

# Candidates judged not worth checking: staffing details restated, or superseded in the sentence.
NOT_CLAIMS = {("LW", 30, "one"), ("LW", 34, "five"), ("LW", 60, "two")}
PRECISION_FLOOR = 0.9  # measured 47/51 = 0.92


@pytest.fixture(scope="module")
def seeds():
    return sorted(require_shared("seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def statements(seeds):
    return extract_statements(seeds, DOCUMENTS)


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda e: f"{e[0]}-{e[4]}")
def test_every_numeric_claim_in_the_table_is_a_candidate(statements, expected):
    _, document, section, line, claimed, comparison, period = expected
    matches = [
        s
        for s in statements
        if (s.document, s.line, s.claimed, s.comparison) == (document, line, claimed, comparison)
    ]
    assert matches, f"no candidate for {expected}"
    [match] = matches[:1]
    assert section.lower() in (match.section or "").lower()
    assert (match.period.text if match.period else None) == period


def test_metric_guesses_for_the_main_claims(statements):
    by_value = {(s.document, s.claimed): s for s in statements if s.claimed}
    assert by_value["FR", "19.5%"].params == {"start": "2020-11-30", "end": "2021-11-30"}
    assert by_value["FR", "19.5%"].metric == "cla-change"
    assert by_value["FR", "15.1%"].metric == "starters-newborn"
    assert by_value["FR", "66%"].metric == "oc2-dental"
    assert by_value["FR", "90%"].metric == "oc2-health-assessment"
    assert by_value["FR", "50%"].params["group"] == "placed-with-parents"
    assert by_value["OV", "702"].params == {"at": "2020-08-31"}


def test_precision_floor(statements):
    flagged = [s for s in statements if (s.document, s.line, s.claimed) in NOT_CLAIMS]
    precision = 1 - len(flagged) / len(statements)
    assert precision >= PRECISION_FLOOR, f"{len(flagged)} of {len(statements)} are not claims"
    assert len(statements) <= 60, "many more candidates than the 51 reviewed: review the new ones"


def test_executive_report_states_only_that_caseloads_are_reducing(statements):
    found = [(s.line, s.claimed, s.comparison, s.subject) for s in statements if s.document == "EX"]
    assert found == [(48, None, "reduction", "Caseloads")]


def test_both_known_conflicts_are_reported(seeds):
    conflicts = find_conflicts(seeds, DOCUMENTS)
    pairs = {
        tuple((s["document"], s["claimed"], s["period"]) for s in c.to_dict()["statements"])
        for c in conflicts
    }
    assert (("OV", "702", "August 2020"), ("LW", "702", "August 2019")) in pairs
    assert (
        ("FR", "19.5%", "November 2020 to November 2021"),
        ("LW", "23%", "the last 12 months"),
    ) in pairs
    assert len(conflicts) == 2
    text = render_conflicts(conflicts)
    assert "conclusion c)" in text and "Children Looked After" in text


def test_cli_extract_and_conflicts(seeds, tmp_path, capsys):
    import json

    import yaml

    from scrutiny.cli import main

    documents = tmp_path / "documents.yml"
    documents.write_text(yaml.safe_dump({"documents": DOCUMENTS}))
    out = tmp_path / "candidates.yml"
    assert (
        main(
            [
                "claims",
                "extract",
                *map(str, seeds),
                "--documents",
                str(documents),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    claims = yaml.safe_load(out.read_text())["claims"]
    assert "cla-reduction-19-5" in {c["id"] for c in claims}
    assert main(["claims", "conflicts", *map(str, seeds), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2
    assert main(["claims", "conflicts", str(tmp_path / "missing.txt")]) == 2
