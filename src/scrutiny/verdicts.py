"""The verdict rule: what one measured figure can say about a claim, and what the claim gets.

A figure's *relation* to the claim (written in the register) decides which words it may use:

- exact: the same measure, population and period as the claim -> supported / not supported;
- bound: a wider (or narrower) definition of the same measure and period, which the claimed
  value must lie below (or above), so it can only show the claim is possible -> consistent /
  not supported (a broken bound refutes);
- bracket: the published periods either side of the claim's rolling or in-between period
  (the years to March 2021 and March 2022 around "the last 12 months" said in early 2022). Two
  or more bracket figures stating the same thing decide together: a claim between them is
  consistent; outside them it is not testable ("ask where the figure came from"). Another
  period never refutes;
- proxy: another measure, or a window that neither contains nor brackets the claim's period
  -> context, shown and explained, never deciding.

A figure's *evidence* is real (DfE statistics, or a 903 extract without the SYNTHETIC marker),
illustrative (the synthetic demo authority) or none (no dataset records it). Only real exact,
bound and bracket figures that carry the claim's headline decide it; a side figure
(`headline: false`) is reported, never deciding; a claim none of whose headline figures is so
tested is not testable with real data.
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

EXACT, BOUND, BRACKET, PROXY = "exact", "bound", "bracket", "proxy"
RELATIONS = (EXACT, BOUND, BRACKET, PROXY)
REAL, ILLUSTRATIVE, NO_DATA = "real", "illustrative", "none"
# What a bracket says when the claim lies outside the published periods either side of it.
OUTSIDE = "outside the range of the years either side: ask where the figure came from"
INSIDE = "between the published figures either side"

# The vocabulary a reader is shown once, on the index and in the README.
MEANINGS = {
    SUPPORTED: "real data measuring the same thing, for the same population and period, "
    "give the claimed figure (at the precision it was written with) or satisfy the comparison",
    CONSISTENT: "real data can only bound the claim (a wider definition of the same period, "
    "or the published years either side of it) and the claim lies within them, or only part "
    "of the claim is tested and that part holds: possible, not confirmed",
    NOT_SUPPORTED: "real data measuring the claim, or a bound on it, contradict it",
    NOT_TESTABLE: "no real data in the pack measure the claim's headline figure (only other "
    "measures, synthetic figures, a date after the pack's quarter, or published years either "
    "side that the claim lies outside)",
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
    if figure.relation in (PROXY, BRACKET):
        return CONTEXT  # a bracket is decided with its partners: see `settle_brackets`
    if holds(figure.comparison, measured, figure.claimed_value, figure.tolerance, figure.at_least):
        return CONSISTENT if figure.relation == BOUND else SUPPORTED
    return NOT_SUPPORTED


def within(figure, low: float, high: float) -> bool:
    """Whether some value between two published figures satisfies the claim's comparison."""
    if figure.comparison in (">", "increase"):
        return holds(figure.comparison, high, figure.claimed_value, 0, figure.at_least)
    if figure.comparison in ("<", "reduction"):
        return holds(figure.comparison, low, figure.claimed_value, 0, figure.at_least)
    return low - figure.tolerance - 1e-9 <= figure.claimed_value <= high + figure.tolerance + 1e-9


def settle_brackets(measurements: list) -> None:
    """Give each bracket figure its verdict with the others of the same source stating the
    same thing: inside the range they span -> consistent, outside (or one side alone) -> not
    testable. Measurements are updated in place, their note saying which and why."""
    groups: dict[tuple, list] = {}
    for m in measurements:
        if m.figure.relation == BRACKET and m.value is not None and not math.isnan(m.value):
            groups.setdefault((m.figure.source, claimed_key(m.figure)), []).append(m)
    for group in groups.values():
        values = [m.value for m in group]
        low, high = min(values), max(values)
        inside = len(group) > 1 and within(group[0].figure, low, high)
        for m in group:
            m.verdict = CONSISTENT if inside else NOT_TESTABLE
            m.notes.append(
                (INSIDE if inside else OUTSIDE)
                if len(group) > 1
                else "a bracket needs the published periods on both sides; one is missing"
            )


def decisive(measurement) -> bool:
    """Real evidence of the claim itself (exact, a bound or a bracket), not context or
    illustration."""
    return (
        measurement.evidence == REAL
        and measurement.figure.relation in (EXACT, BOUND, BRACKET)
        and measurement.figure.source != "none"
    )


def claimed_key(figure) -> tuple[str, str | None]:
    """Figures that state the same thing (702 measured two ways) test one part of a claim.
    A bound's comparison is the bound's test, not the claim's: it tests the claimed value."""
    if figure.relation == BOUND and figure.claimed is not None:
        return "=", figure.claimed
    return figure.comparison, figure.claimed


def untested_parts(measurements: list) -> list:
    """Headline parts of the claim that no real figure tests."""
    tested = {
        claimed_key(m.figure)
        for m in measurements
        if deciding(m) and m.verdict in (SUPPORTED, CONSISTENT)
    }
    parts = dict.fromkeys(claimed_key(m.figure) for m in measurements if m.figure.headline)
    return [part for part in parts if part not in tested]


def deciding(measurement) -> bool:
    """Real evidence of a headline part: a side figure is reported, never deciding."""
    return decisive(measurement) and measurement.figure.headline


def claim_verdict(measurements: list) -> str:
    """One verdict for a claim from its real headline figures.

    A refutation decides; then a figure that could not be measured; then the claim needs a
    headline part that is tested (supported or consistent). A bound or a bracket, or a headline
    part that nothing tests, makes it at most consistent: possible, not confirmed.
    """
    words = [m.verdict for m in measurements if deciding(m)]
    if NOT_SUPPORTED in words:
        return NOT_SUPPORTED
    if DATA_ISSUE in words:
        return DATA_ISSUE
    untested = untested_parts(measurements)
    parts = dict.fromkeys(claimed_key(m.figure) for m in measurements if m.figure.headline)
    if len(untested) == len(parts):
        return NOT_TESTABLE
    return CONSISTENT if CONSISTENT in words or untested else SUPPORTED
