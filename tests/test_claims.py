"""The claim register and the verdict rules of metrics.md ("Claims and verdicts")."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrutiny.catalogue import figure_metrics
from scrutiny.claims import Figure, load_register, parse_number
from scrutiny.errors import ConfigError
from scrutiny.verdicts import DATA_ISSUE, NOT_SUPPORTED, NOT_TESTABLE, SUPPORTED
from scrutiny.verdicts import figure_verdict as verdict

ROOT = Path(__file__).resolve().parents[1]


def figure(claimed: str | None, comparison: str = "=", source: str = "903", **kw) -> Figure:
    return Figure("a figure", comparison, source, claimed, "cla-on-date", {}, **kw)


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("19.5%", 19.5, 0.1),
        ("66%", 66.0, 1.0),
        ("702", 702.0, 1.0),
        ("-23%", -23.0, 1.0),
        ("0.25", 0.25, 0.01),
        ("+12", 12.0, 1.0),
        ("1,234", 1234.0, 1.0),  # thousands separated, as papers write them
        ("-2,010.5", -2010.5, 0.1),
    ],
)
def test_precision_is_read_from_how_the_claim_is_written(text, value, precision):
    assert parse_number(text) == (value, pytest.approx(precision))


@pytest.mark.parametrize("text", ["about 700", "19,5%", "", "%", "1,23", "12,3456", ",123"])
def test_not_a_number(text):
    with pytest.raises(ValueError, match="not a number"):
        parse_number(text)


@pytest.mark.parametrize(
    ("claimed", "measured", "expected"),
    [
        ("-19.5%", -19.45, SUPPORTED),  # rounds to -19.5 at 0.1
        ("-19.5%", -19.55, SUPPORTED),  # the boundary itself rounds to the claim
        ("-19.5%", -19.56, NOT_SUPPORTED),
        ("-19.5%", -10.3, NOT_SUPPORTED),
        ("66%", 66.49, SUPPORTED),
        ("66%", 65.5, SUPPORTED),
        ("66%", 65.4, NOT_SUPPORTED),
        ("702", 702.0, SUPPORTED),
        ("702", 701.0, NOT_SUPPORTED),
    ],
)
def test_equality_within_half_the_precision(claimed, measured, expected):
    assert verdict(figure(claimed), measured) == expected


def test_comparisons():
    assert verdict(figure("90%", ">"), 91.4) == SUPPORTED
    assert verdict(figure("90%", ">"), 90.0) == NOT_SUPPORTED
    assert verdict(figure("90%", "<"), 89.9) == SUPPORTED
    assert verdict(figure(None, "increase"), 0.5) == SUPPORTED
    assert verdict(figure(None, "increase"), 0.0) == NOT_SUPPORTED
    assert verdict(figure(None, "reduction"), -3.5) == SUPPORTED
    assert verdict(figure(None, "reduction"), 2.0) == NOT_SUPPORTED


def test_precision_override_for_about_figures():
    about = figure("100", precision=20)
    assert verdict(about, 109.9) == SUPPORTED
    assert verdict(about, 111.0) == NOT_SUPPORTED


def test_untestable_and_missing_values():
    assert verdict(figure("99%", source="none"), None) == NOT_TESTABLE
    assert verdict(figure("66%"), None) == DATA_ISSUE
    assert verdict(figure("66%"), math.nan) == DATA_ISSUE


@given(st.decimals(min_value=-1000, max_value=1000, places=1, allow_nan=False))
def test_a_value_always_supports_its_own_rounding(value):
    written = f"{value:.1f}%"
    assert verdict(figure(written), float(value)) == SUPPORTED
    assert verdict(figure(written), float(value) + 0.2) == NOT_SUPPORTED


# The register.


def test_the_register_holds_every_claim_of_the_spec():
    register = load_register(ROOT / "evidence" / "claims.yml", figure_metrics())
    ids = {c.id for c in register.claims}
    assert ids == {
        "cla-reduction-19-5",
        "cla-702-to-531",
        "cla-702-aug-2019",
        "cla-down-23pct",
        "born-into-care-15-1",
        "dental-66",
        "health-assessments-90",
        "pep-99",
        "adoptions-17-to-22",
        "adoptions-tees-valley",
        "placed-with-parents-halved",
        "external-residential-down",
        "in-house-fostering-up",
        "connected-carers-down",
        "external-placements-72-77",
        "missing-third-cla",
        "national-cla-rising",
        "futures-for-families-37",
        "early-help-caseloads",
    }
    untestable = {c.id for c in register.claims if not c.testable}
    assert untestable == {"pep-99", "futures-for-families-37", "early-help-caseloads"}
    assert all(c.would_test for c in register.claims if not c.testable)


def write_register(tmp_path: Path, claim: str) -> Path:
    path = tmp_path / "claims.yml"
    path.write_text("documents:\n  FR: {file: fr.txt, title: Final report}\nclaims:\n" + claim)
    return path


GOOD = """  - id: c1
    document: FR
    section: "a)"
    quote: "Numbers fell 10%."
    subject: children looked after
    figures:
      - {label: fall, claimed: "-10%", comparison: "=", source: "903", metric: cla-change,
         params: {start: 2020-01-31, end: 2021-01-31}}
"""


def test_a_good_register_loads(tmp_path):
    register = load_register(write_register(tmp_path, GOOD), figure_metrics())
    (claim,) = register.claims
    assert claim.figures[0].claimed_value == -10.0
    assert claim.figures[0].tolerance == 0.5


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("cla-change", "cla-chnage"), "unknown metric 'cla-chnage'"),
        (('comparison: "="', 'comparison: "~"'), "comparison must be one of"),
        (('source: "903"', 'source: "ons"'), "source must be one of"),
        (("    subject: children looked after\n", ""), "missing key(s) subject"),
        (("document: FR", "document: XX"), "document 'XX' is not in 'documents:'"),
        (('claimed: "-10%"', 'claimed: "ten"'), "is not a number"),
        (("    quote:", "    quotee: x\n    quote:"), "unknown key(s) quotee"),
        # issue 25 item 12: a typo inside a figure's params changed nothing, silently
        (("end: 2021", "ned: 2021"), "cla-change takes no parameter 'ned'; did you mean 'end'?"),
        (
            ("{start: 2020-01-31, end: 2021-01-31}", "[2020-01-31, 2021-01-31]"),
            "params must be a mapping",
        ),
        # a figure of another period is context, not a bound (an "=" cannot bound anything)
        (
            ("end: 2021-01-31}}", "end: 2021-01-31}, relation: bound, why: other period}"),
            "a bound states the inequality the claim implies (comparison '>' or '<')",
        ),
    ],
)
def test_register_mistakes_name_the_claim(tmp_path, change, message):
    path = write_register(tmp_path, GOOD.replace(*change))
    with pytest.raises(ConfigError) as caught:
        load_register(path, figure_metrics())
    assert message in str(caught.value)
    assert "claim 1 (c1)" in str(caught.value) or "claim 1 (?)" in str(caught.value)


def test_duplicate_ids_and_untestable_without_would_test(tmp_path):
    untestable = GOOD.replace("c1", "c2").replace(
        'source: "903", metric: cla-change,', "source: none,"
    )
    path = write_register(tmp_path, GOOD + GOOD + untestable)
    with pytest.raises(ConfigError) as caught:
        load_register(path, figure_metrics())
    assert "claim id 'c1' is used twice" in str(caught.value)
    assert "must say which data would test it" in str(caught.value)


def test_unreadable_register(tmp_path):
    path = tmp_path / "claims.yml"
    path.write_text("claims: [unclosed")
    with pytest.raises(ConfigError, match="cannot read the claim register"):
        load_register(path, figure_metrics())


def test_an_edited_register_is_seen_without_restarting_the_kernel(tmp_path):
    from scrutiny.pages.claim import register_at

    path = tmp_path / "claims.yml"
    text = (ROOT / "evidence" / "claims.yml").read_text()
    path.write_text(text)
    assert register_at(path).get("dental-66").subject.startswith("children looked after")
    path.write_text(text.replace("with a dental check", "seen by a dentist"))
    assert register_at(path).get("dental-66").subject.endswith("seen by a dentist")


def test_an_edited_groups_file_is_seen_without_restarting(tmp_path):
    from scrutiny.groups import load_groups

    path = tmp_path / "groups.yml"
    path.write_text("mine:\n  description: one\n  place: [U1]\n")
    assert load_groups(path)["mine"].place == frozenset({"U1"})
    path.write_text("mine:\n  description: one\n  place: [U2]\n")
    assert load_groups(path)["mine"].place == frozenset({"U2"})


# The bracket rule and headline-only deciding (issue 34; issue 29 item 4).
def measured(figure_, value, evidence="real"):
    from scrutiny.checks.measurement import Measurement

    return Measurement(
        figure_, value, verdict(figure_, value), "", "DfE", evidence=evidence, unit="percent"
    )


def bracket(claimed, comparison="=", **kw):
    return figure(claimed, comparison, "dfe", relation="bracket", why="years either side", **kw)


@pytest.mark.parametrize(
    ("claimed", "comparison", "sides", "expected"),
    [
        ("66%", "=", (35.0, 81.0), "consistent"),  # dental: between 35% and 81%
        ("2", "=", (2.0, 2.0), "consistent"),  # the rank: 2nd and 2nd
        ("90%", ">", (90.5, 94.6), "consistent"),  # health assessments
        ("702", "=", (618.0, 570.0), "not testable"),  # outside: ask where it came from
        ("-19.5%", "=", (-7.77, -11.93), "not testable"),
        ("90%", ">", (85.0, 89.0), "not testable"),  # never refutes
    ],
)
def test_a_bracket_is_consistent_inside_and_not_testable_outside(
    claimed, comparison, sides, expected
):
    from scrutiny.verdicts import claim_verdict, settle_brackets

    found = [measured(bracket(claimed, comparison), value) for value in sides]
    settle_brackets(found)
    assert [m.verdict for m in found] == [expected, expected]
    assert claim_verdict(found) == expected


def test_a_bracket_needs_both_sides_in_the_register(tmp_path):
    path = tmp_path / "claims.yml"
    path.write_text(
        "documents: {FR: {file: a.txt, title: A}}\n"
        "claims:\n"
        "  - {id: c, document: FR, section: s, quote: q, subject: s, figures: [\n"
        "      {label: one side, claimed: '66%', source: dfe, metric: dfe-value,\n"
        "       params: {measure: teeth_checked_pct, year: 2021}, relation: bracket, why: w}]}\n"
    )
    with pytest.raises(ConfigError, match="bracket figure 'one side' needs a partner"):
        load_register(path, figure_metrics())


def test_a_side_figure_never_decides_and_each_sentence_quotes_its_own_claim():
    """Another council's 23%: the headline (-23%) holds, the side figure (children adopted,
    "an increase") fell 25.5%. The side figure must not make the claim not supported, and
    its part of the sentence quotes "an increase", never the headline's -23%."""
    from scrutiny.checks.sentence import sentence
    from scrutiny.claims import Claim
    from scrutiny.verdicts import claim_verdict

    headline = Figure("Change in children looked after", "=", "dfe", "-23%", "dfe-change")
    side = Figure(
        "Change in children adopted", "increase", "dfe", None, "dfe-change", headline=False
    )
    found = [measured(headline, -23.2), measured(side, -25.5)]
    assert [m.verdict for m in found] == [SUPPORTED, NOT_SUPPORTED]
    assert claim_verdict(found) == SUPPORTED
    claim = Claim("c", "LW", "s", "quote", "children looked after", (headline, side))
    said = sentence(claim, found, claim_verdict(found))
    assert "so the claim (-23%) is supported" in said
    assert "change in children adopted: -25.5%" in said
    assert "so an increase does not hold" in said
    assert "adopted: -25.5% (" not in said and "does not match the claim (-23%)" not in said


def test_a_claim_no_dataset_records_has_evidence_none():
    from scrutiny.checks import measure_figure

    none = figure("99%", source="none")
    assert measure_figure(none, None).evidence == "none"
