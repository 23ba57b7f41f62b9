"""The verdict rule and the plain sentence, on hand-made measurements: each relation (exact,
bound, proxy), each evidence class, each verdict word."""

from __future__ import annotations

import pytest

from scrutiny.checks.measurement import Measurement
from scrutiny.checks.sentence import illustration, sentence
from scrutiny.claims import Claim, Figure
from scrutiny.verdicts import (
    CONSISTENT,
    CONTEXT,
    DATA_ISSUE,
    ILLUSTRATIVE,
    NOT_SUPPORTED,
    NOT_TESTABLE,
    REAL,
    SUPPORTED,
    claim_verdict,
    figure_verdict,
)


def fig(
    claimed="66%",
    comparison="=",
    relation="exact",
    source="dfe",
    label="Teeth checked",
    headline=True,
    why="",
):
    why = why or ("differs" if relation != "exact" else "")
    return Figure(
        label, comparison, source, claimed, "dfe-value", {}, None, relation, headline, why
    )


def measured(figure: Figure, value, evidence=REAL, unit="percent", context=None):
    m = Measurement(
        figure,
        value,
        figure_verdict(figure, value),
        "d",
        "s",
        unit=unit,
        evidence=evidence,
        context=context or {},
        as_published=figure.metric == "dfe-value",  # a published figure reads as published
    )
    return m


@pytest.mark.parametrize(
    ("relation", "comparison", "value", "expected"),
    [
        ("exact", "=", 15.14, SUPPORTED),
        ("exact", "=", 15.2, NOT_SUPPORTED),
        ("bound", ">", 22.0, CONSISTENT),  # an upper bound above the claim: possible
        ("bound", ">", 10.0, NOT_SUPPORTED),  # the bound is broken: a true refutation
        ("proxy", "=", 15.1, CONTEXT),  # even a match is only context
        ("proxy", "=", 35.0, CONTEXT),
        ("exact", "=", None, DATA_ISSUE),
    ],
)
def test_what_a_figure_may_say(relation, comparison, value, expected):
    figure = fig("15.1%", comparison=comparison, relation=relation)
    assert figure_verdict(figure, value) == expected


def test_an_untestable_figure():
    assert figure_verdict(fig(source="none"), None) == NOT_TESTABLE


def test_illustrative_figures_never_decide():
    synthetic = measured(fig(source="903"), 66.0, ILLUSTRATIVE)
    assert claim_verdict([synthetic]) == NOT_TESTABLE  # one verdict: real evidence's
    wrong = measured(fig(source="903"), 12.0, ILLUSTRATIVE)
    real = measured(fig(), 66.0)
    assert claim_verdict([wrong, real]) == SUPPORTED  # the synthetic miss does not count


def test_proxies_never_decide():
    assert claim_verdict([measured(fig(relation="proxy"), 35.0)]) == NOT_TESTABLE


def test_a_bound_makes_a_claim_consistent_and_a_broken_bound_refutes():
    assert claim_verdict([measured(fig(comparison=">", relation="bound"), 80.0)]) == CONSISTENT
    exact = measured(fig(), 66.0)
    broken = measured(fig(comparison=">", relation="bound"), 50.0)
    assert claim_verdict([exact, broken]) == NOT_SUPPORTED


def test_a_side_figure_alone_cannot_carry_the_claim():
    side = measured(fig(None, "increase", headline=False), 56.2, unit="percent change")
    headline = measured(fig("-23%", relation="proxy"), -7.8, unit="percent change")
    assert claim_verdict([headline, side]) == NOT_TESTABLE


def test_a_headline_part_nothing_real_tests_caps_the_claim_at_consistent():
    count = measured(fig("702", source="903"), 565, ILLUSTRATIVE, unit="count")
    rank = measured(fig("2"), 2, unit="rank")
    assert claim_verdict([count, rank]) == CONSISTENT


def test_a_data_issue_in_real_evidence_gives_no_verdict():
    assert claim_verdict([measured(fig(), 66.0), measured(fig("22"), None)]) == DATA_ISSUE


def test_published_years_either_side_of_the_claims_period_are_context_not_a_bound():
    """66% "in the last 12 months" (early 2022) against the years to March 2021 and 2022:
    other periods, whatever their values, so the claim is not testable on them."""
    between = [measured(fig(relation="proxy"), v) for v in (35.0, 81.0)]
    assert [m.verdict for m in between] == [CONTEXT, CONTEXT]
    assert claim_verdict(between) == NOT_TESTABLE
    outside = [measured(fig(relation="proxy"), v) for v in (35.0, 60.0)]
    assert claim_verdict(outside) == NOT_TESTABLE  # nor does a gap refute it


def claim(*figures, would_test=None):
    return Claim("c", "FR", "s", "quote", "subject", tuple(figures), would_test)


def test_sentence_for_a_bound_says_it_only_bounds_the_claim():
    figure = fig(
        "15.1%",
        ">",
        relation="bound",
        label="Starters aged under 1, 2020/21 (DfE)",
        why="under 1 year is wider than at birth",
    )
    ms = [measured(figure, 22.0, context={"England": 20.0})]
    assert sentence(claim(figure), ms, claim_verdict(ms)) == (
        "Consistent with the data but not confirmed: 15.1% lies within the bound (under 1 year "
        "is wider than at birth). DfE statistics show starters aged under 1, 2020/21: 22% "
        "(England 20%)."
    )


def test_sentence_writes_comparisons_as_words():
    figure = fig("90%", ">", label="Health assessments, 31 March 2021 (DfE)")
    ms = [measured(figure, 91.0, context={"England": 91.0})]
    assert sentence(claim(figure), ms, claim_verdict(ms)) == (
        "DfE statistics show health assessments, 31 March 2021: 91% (England 91%), so the claim "
        "(more than 90%) is supported."
    )


def test_sentence_when_only_context_and_illustration_exist():
    proxy = fig(
        "17",
        relation="proxy",
        label="Children adopted, 2018/19 (DfE)",
        why="adopted, not placed for adoption",
    )
    synthetic = fig("17", source="903", label="Children placed for adoption, 2018/19")
    ms = [measured(proxy, 19, unit="count"), measured(synthetic, 20, ILLUSTRATIVE, unit="count")]
    assert sentence(claim(proxy, synthetic), ms, claim_verdict(ms)) == (
        "Not testable: no real data in the pack measure the claim (17) itself. DfE statistics "
        "show children adopted, 2018/19: 19 (another measure or period: adopted, not placed "
        "for adoption)."
    )  # the synthetic figure is the analysts' illustration, never part of the argument
    assert illustration(ms) == (
        "The synthetic demo extract gives children placed for adoption, 2018/19: 20 (an "
        "illustration of the method, not evidence)."
    )


def test_sentence_for_a_refutation_names_the_figure_that_misses():
    figure = fig("35%", label="Teeth checked, 2020/21 (DfE)")
    ms = [measured(figure, 40.0)]
    assert sentence(claim(figure), ms, claim_verdict(ms)) == (
        "DfE statistics show teeth checked, 2020/21: 40%, which does not match the claim (35%)."
    )


def test_significant_needs_the_stated_size_not_just_the_direction():
    significant = Figure("connected carers", "reduction", "dfe", None, "x", {}, at_least=10.0)
    assert figure_verdict(significant, -2.2) == NOT_SUPPORTED  # 2 of 90 is a dip
    assert figure_verdict(significant, -12.0) == SUPPORTED
    # the pack's reading of "significant", never put in the panel's mouth
    assert significant.said == "a significant reduction (read by the pack as at least 10%)"
