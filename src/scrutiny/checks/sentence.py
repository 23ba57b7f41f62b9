"""One plain sentence per claim: what the data show, against what was said, with the source,
the period and the caveat, in the style of the statistics regulator's "intelligent
transparency". Generated from the measurements, never written by hand."""

from __future__ import annotations

import re

from scrutiny.checks.measurement import AFTER_QUARTER, Measurement
from scrutiny.claims import Claim, Figure
from scrutiny.verdicts import (
    BOUND,
    CONSISTENT,
    CONTEXT,
    DATA_ISSUE,
    ILLUSTRATIVE,
    NOT_SUPPORTED,
    NOT_TESTABLE,
    PROXY,
    REAL,
    SUPPORTED,
    claimed_key,
    decisive,
)


def shown_context(measurement: Measurement) -> str:
    """ " (England 40%, North East 43%)" in the figure's own unit."""
    return f" ({measurement.shown_context()})" if measurement.context else ""


def source_words(measurement: Measurement) -> str:
    """Who says it, with its verb: "DfE statistics show", "the synthetic demo extract gives"."""
    if measurement.evidence == ILLUSTRATIVE:
        return "the synthetic demo extract gives"
    if measurement.figure.source == "dfe":
        return "DfE statistics show"
    return "the authority's 903 return shows"


def label_words(label: str) -> str:
    """A register label inside a sentence: no "(DfE ...)" tag, lower case unless an acronym."""
    text = re.sub(r"\s*\(DfE[^)]*\)", "", label).rstrip(". ")
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def phrase(measurements: list[Measurement]) -> str:
    """ "DfE statistics show teeth checked, 31 March 2021: 35% (England 40%); ..." grouped by
    source, so each source is named once."""
    groups: dict[str, list[str]] = {}
    for m in measurements:
        groups.setdefault(source_words(m), []).append(
            f"{label_words(m.figure.label)}: {m.shown()}{shown_context(m)}"
        )
    return "; ".join(f"{source} {' and '.join(items)}" for source, items in groups.items())


def said_words(figures: list[Figure]) -> str:
    return " and ".join(dict.fromkeys(f.said for f in figures))


def headline_claim(claim: Claim) -> str:
    return said_words([f for f in claim.figures if f.headline] or list(claim.figures))


def sentence(claim: Claim, measurements: list[Measurement], verdict: str) -> str:
    """The claim's verdict in one or two sentences a councillor could quote."""
    said = headline_claim(claim)
    tested = [m for m in measurements if decisive(m) and m.verdict != NOT_TESTABLE]
    if verdict == SUPPORTED:
        return _capital(f"{phrase(tested)}, so the claim ({said}) is supported.")
    if verdict == CONSISTENT:
        bounds = [m for m in tested if m.figure.relation == BOUND]
        text = phrase(tested)
        if bounds:
            why = "; ".join(dict.fromkeys(m.figure.why for m in bounds))
            text += (
                f". {'These only bound' if len(bounds) > 1 else 'This only bounds'} the claim "
                f"({why}); {said_words([m.figure for m in bounds])} lies within the bound"
            )
        untested = [m.figure for m in measurements if m.figure.headline and not _tested(m, tested)]
        if untested:
            text += f". Nothing real in the pack tests {said_words(untested)}"
        return _capital(f"{text}, so the claim is consistent with the data but not confirmed.")
    if verdict == NOT_SUPPORTED:
        wrong = [m for m in tested if m.verdict == NOT_SUPPORTED]
        return _capital(f"{phrase(wrong)}, which does not match the claim ({said}).")
    if verdict == DATA_ISSUE:
        issue = next(m for m in tested if m.verdict == DATA_ISSUE)
        note = issue.notes[0] if issue.notes else "the data could not be read"
        return f"No verdict: {issue.figure.label} could not be measured ({note})."
    return _untestable(claim, measurements, said)


def _untestable(claim: Claim, measurements: list[Measurement], said: str) -> str:
    parts = [f"No real data in the pack measure the claim ({said}) itself."]
    context = [m for m in measurements if m.verdict == CONTEXT and m.evidence == REAL]
    if context:
        why = "; ".join(dict.fromkeys(m.figure.why for m in context if m.figure.why))
        parts.append(
            _capital(f"for context, {phrase(context)}")
            + (f", a different measure or period ({why})." if why else ".")
        )
    later = [m for m in measurements if m.verdict == NOT_TESTABLE and m.figure.source != "none"]
    if later and not context:
        reasons = [m.notes[0] for m in later if m.notes and m.definition != AFTER_QUARTER]
        parts.append(
            _capital(f"{reasons[0]}.")
            if reasons
            else "Its date is after this quarter, so the data do not reach it yet."
        )
    illustrative = [
        m
        for m in measurements
        if m.evidence == ILLUSTRATIVE and m.value is not None and m.figure.relation != PROXY
    ]
    if illustrative:
        parts.append(_capital(f"{phrase(illustrative)} (illustrative only, not evidence)."))
    if claim.would_test:
        parts.append(f"Data that would test it: {claim.would_test.rstrip('.')}.")
    return " ".join(parts)


def _tested(measurement: Measurement, tested: list[Measurement]) -> bool:
    """Whether a real figure tests the same part of the claim as this one."""
    return any(claimed_key(m.figure) == claimed_key(measurement.figure) for m in tested)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
