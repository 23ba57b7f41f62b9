"""The verdict rule: what one measured figure can say about a claim, and what the claim gets.

A figure's *relation* to the claim (written in the register) decides which words it may use:

- exact: the same measure, population and period as the claim -> supported / not supported;
- bound: a wider (or narrower) definition of the same measure and period, which the claimed
  value must lie below (or above), so it can only show the claim is possible -> consistent /
  not supported (a broken bound refutes);
- proxy: another measure, or another period -> context, shown and explained, never deciding.
  Published periods either side of the claim's are other periods, not bounds: a count on
  31 August need not lie between the counts of 31 March before and after it.

A figure's *evidence* is real (DfE statistics, or a 903 extract without the SYNTHETIC marker)
or illustrative (the synthetic demo authority). Only real exact and bound figures decide a
claim; a claim none of whose headline figures is so tested is not testable with real data.
"""

from __future__ import annotations

import math

SUPPORTED = "supported"
CONSISTENT = "consistent"
NOT_SUPPORTED = "not supported"
NOT_TESTABLE = "not testable"
DATA_ISSUE = "data issue"
CONTEXT = "context"
VERDICTS = (SUPPORTED, CONSISTENT, NOT_SUPPORTED, NOT_TESTABLE, DATA_ISSUE)

EXACT, BOUND, PROXY = "exact", "bound", "proxy"
RELATIONS = (EXACT, BOUND, PROXY)
REAL, ILLUSTRATIVE = "real", "illustrative"
NO_EVIDENCE = "none"  # a figure nothing measured (no extract given): it neither decides nor shows

# The vocabulary a reader is shown once, on the index and in the README.
MEANINGS = {
    SUPPORTED: "real data measuring the same thing, for the same population and period, "
    "give the claimed figure (at the precision it was written with) or satisfy the comparison",
    CONSISTENT: "real data can only bound the claim (a wider definition of the same period) "
    "and the claim lies within the bound, or only part of the claim is tested and that part "
    "holds: possible, not confirmed",
    NOT_SUPPORTED: "real data measuring the claim, or a bound on it, contradict it",
    NOT_TESTABLE: "no real data in the pack measure the claim's headline figure (only other "
    "measures, synthetic figures, or a date after the pack's quarter)",
    DATA_ISSUE: "the data needed are missing, outside the extract's coverage, suppressed or "
    "invalid, so no number is given",
}


def holds(
    comparison: str,
    measured: float,
    claimed: float | None,
    tolerance: float,
    at_least: float | None = None,
) -> bool:
    """Whether the measured value satisfies the claim's comparison; an increase or reduction
    called "significant" must reach the register's stated size, not just the direction."""
    if comparison == "increase":
        return measured >= at_least if at_least else measured > 0
    if comparison == "reduction":
        return measured <= -at_least if at_least else measured < 0
    if comparison == ">":
        return measured > claimed
    if comparison == "<":
        return measured < claimed
    return abs(measured - claimed) <= tolerance + 1e-9


def figure_verdict(figure, measured: float | None) -> str:
    """The word one figure may say, given its relation to the claim."""
    if figure.source == "none":
        return NOT_TESTABLE
    if measured is None or math.isnan(measured):
        return DATA_ISSUE
    if figure.relation == PROXY:
        return CONTEXT
    if holds(figure.comparison, measured, figure.claimed_value, figure.tolerance, figure.at_least):
        return CONSISTENT if figure.relation == BOUND else SUPPORTED
    return NOT_SUPPORTED


def decisive(measurement) -> bool:
    """Real evidence of the claim itself (exact or a bound), not context or illustration."""
    return (
        measurement.evidence == REAL
        and measurement.figure.relation in (EXACT, BOUND)
        and measurement.figure.source != "none"
    )


def claimed_key(figure) -> tuple[str, str | None]:
    """Figures that state the same thing (702 measured two ways) test one part of a claim.
    A bound's comparison is the bound's test, not the claim's: it tests the claimed value."""
    if figure.relation == BOUND and figure.claimed is not None:
        return "=", figure.claimed
    return figure.comparison, figure.claimed


def untested_parts(measurements: list, evidence: str = REAL) -> list:
    """Headline parts of the claim that no figure of this evidence class tests."""
    tested = {
        claimed_key(m.figure)
        for m in measurements
        if _counts(m, evidence) and m.verdict in (SUPPORTED, CONSISTENT)
    }
    parts = dict.fromkeys(claimed_key(m.figure) for m in measurements if m.figure.headline)
    return [part for part in parts if part not in tested]


def claim_verdict(measurements: list, evidence: str = REAL) -> str:
    """One verdict for a claim from the figures of one evidence class.

    A refutation decides; then a figure that could not be measured; then the claim needs a
    headline part that is tested (supported or consistent). A bound, or a headline part that
    nothing tests, makes it at most consistent: possible, not confirmed.
    """
    deciding = [m for m in measurements if _counts(m, evidence)]
    words = [m.verdict for m in deciding]
    if NOT_SUPPORTED in words:
        return NOT_SUPPORTED
    if DATA_ISSUE in words:
        return DATA_ISSUE
    headline = [m for m in measurements if m.figure.headline]
    untested = untested_parts(measurements, evidence)
    if len(untested) == len(dict.fromkeys(claimed_key(m.figure) for m in headline)):
        return NOT_TESTABLE
    return CONSISTENT if CONSISTENT in words or untested else SUPPORTED


def _counts(measurement, evidence: str) -> bool:
    if evidence == REAL:
        return decisive(measurement)
    return measurement.evidence == ILLUSTRATIVE and measurement.figure.relation in (EXACT, BOUND)
