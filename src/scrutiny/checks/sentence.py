"""The claim's argument in at most three short sentences: the verdict and what decides it, the
published periods either side with England, the region and the neighbours, and the claim's
other parts (side figures, the rate behind "high"), in the style of the statistics regulator's
"intelligent transparency". Generated from the real measurements, never written by hand;
synthetic figures are an analyst's illustration (`illustration`), never part of it. Each part
quotes its own figure's claim, never another's."""

from __future__ import annotations

import re

from scrutiny.checks.measurement import Measurement
from scrutiny.claims import Claim, Figure
from scrutiny.verdicts import (
    BOUND,
    BRACKET,
    CONSISTENT,
    CONTEXT,
    DATA_ISSUE,
    ILLUSTRATIVE,
    INSIDE,
    NOT_SUPPORTED,
    NOT_TESTABLE,
    OUTSIDE,
    PROXY,
    REAL,
    SUPPORTED,
    claimed_key,
    decisive,
    within,
)


def shown_context(measurement: Measurement) -> str:
    """ " (England 40%, North East 43%)" in the figure's own unit."""
    return f" ({measurement.shown_context()})" if measurement.context else ""


def source_words(measurement: Measurement) -> str:
    """Who says it, with its verb: "DfE statistics show", "the synthetic demo extract gives"."""
    if measurement.evidence == ILLUSTRATIVE:
        return "the synthetic demo extract gives"
    if measurement.figure.source == "dfe":
        release = measurement.figure.params.get("release")
        return f"DfE statistics ({release} release) show" if release else "DfE statistics show"
    return "the authority's 903 return shows"


def label_words(label: str) -> str:
    """A register label inside a sentence: no "(DfE ...)" tag, lower case unless an acronym."""
    text = re.sub(r"\s*\(DfE[^)]*\)", "", label).rstrip(". ")
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def items(measurements: list[Measurement]) -> str:
    """ "teeth checked, year to 31 March 2021: 35% (England 40%) and ...": a figure measured
    twice (one count either side of two claimed dates) is named once."""
    unique = {(m.figure.metric, repr(m.params or m.figure.params)): m for m in measurements}
    return " and ".join(
        f"{label_words(m.figure.label)}: {m.shown()}{counts(m)}{shown_context(m)}"
        for m in unique.values()
    )


def counts(measurement: Measurement) -> str:
    """ ", 16 to 25" for a change whose counts are known: the change's own two sides."""
    m = measurement
    if m.unit != "percent change" or m.numerator is None or m.denominator is None:
        return ""
    return f", {m.denominator:,} to {m.denominator + m.numerator:,}"


def phrase(measurements: list[Measurement]) -> str:
    """ "DfE statistics show teeth checked, 31 March 2021: 35% (England 40%); ..." grouped by
    source, so each source is named once."""
    groups: dict[str, list[Measurement]] = {}
    for m in measurements:
        groups.setdefault(source_words(m), []).append(m)
    return "; ".join(f"{source} {items(group)}" for source, group in groups.items())


def said_words(figures: list[Figure]) -> str:
    return " and ".join(dict.fromkeys(f.said for f in figures))


def headline_claim(claim: Claim) -> str:
    return said_words([f for f in claim.figures if f.headline] or list(claim.figures))


def sentence(claim: Claim, measurements: list[Measurement], verdict: str) -> str:
    """The claim's verdict and its argument, in three short sentences or fewer."""
    real = [m for m in measurements if m.evidence == REAL and m.value is not None]
    headline = [m for m in real if m.figure.headline]
    parts = [_verdict(claim, measurements, headline, verdict)]
    parts.append(_sides(headline, verdict))
    parts.append(_others(real))
    return " ".join(_capital(p) for p in parts if p)


def _verdict(claim, measurements, headline, verdict) -> str:
    said = headline_claim(claim)
    tested = [m for m in headline if decisive(m) and m.verdict in (SUPPORTED, CONSISTENT)]
    if verdict == SUPPORTED:
        return f"{phrase(tested)}, so the claim ({said}) is supported."
    if verdict == NOT_SUPPORTED:
        wrong = [m for m in headline if decisive(m) and m.verdict == NOT_SUPPORTED]
        return (
            f"{phrase(wrong)}, which does not match the claim "
            f"({said_words([m.figure for m in wrong])})."
        )
    if verdict == DATA_ISSUE:
        issue = next(m for m in measurements if decisive(m) and m.verdict == DATA_ISSUE)
        note = issue.notes[0] if issue.notes else "the data could not be read"
        return f"No verdict: {issue.figure.label} could not be measured ({note})."
    if verdict == CONSISTENT:
        holding = _parts(tested)
        untested = [
            m.figure
            for m in measurements
            if m.figure.headline and claimed_key(m.figure) not in _keys(tested)
        ]
        text = f"Consistent with the data but not confirmed: {holding}"
        if untested:
            text += f"; nothing real in the pack confirms {said_words(untested)}"
            reasons = _why_untested(measurements, untested)
            text += f" ({reasons[0]})" if reasons else ""
        return text + "."
    if not claim.testable:
        return (
            f"Not testable: no dataset the pack holds records this ({said}); "
            f"data that would test it: {claim.would_test.rstrip('.')}."
        )
    late = [m for m in measurements if m.verdict == NOT_TESTABLE and m.figure.source != "none"]
    reasons = [m.unmeasured for m in late if m.unmeasured]
    if reasons and not headline:  # named peers without the authority, no 903 extract...
        return f"Not testable ({said}): {reasons[0]}."
    if late and not headline:
        return f"Not testable yet: the claim's date is after this quarter ({said})."
    return f"Not testable: no real data in the pack measure the claim ({said}) itself."


def _why_untested(measurements: list[Measurement], untested: list[Figure]) -> list[str]:
    """Why a part could not be measured for this authority (named peers without it, no 903
    extract); a date after the quarter is said elsewhere."""
    return [m.unmeasured for m in measurements if m.figure in untested and m.unmeasured]


def _parts(tested: list[Measurement]) -> str:
    """Each tested part, quoting its own claim: "66% lies between the published figures either
    side", "15.1% lies within the bound (under 1 year is wider than 'at birth')"."""
    words = []
    for key in _keys(tested):
        group = [m for m in tested if claimed_key(m.figure) == key]
        figure = group[0].figure
        if figure.relation == BRACKET:
            words.append(f"{figure.said} lies {INSIDE}")
        elif figure.relation == BOUND:
            words.append(f"{figure.said} lies within the bound ({figure.why})")
        else:
            words.append(f"{figure.said} holds")
    return "; ".join(words)


def _sides(headline: list[Measurement], verdict: str) -> str:
    """The published figures behind the verdict or, for a claim they cannot decide, beside it:
    both sides of the period, with England, the region and the neighbours; a claim outside
    the years either side is named so."""
    shown = [m for m in headline if not (verdict == NOT_SUPPORTED and m.verdict == verdict)]
    if verdict == SUPPORTED or not shown:
        return ""
    text = phrase(shown)
    outside = _outside(shown)
    if outside:
        text += f"; {said_words(outside)} is {OUTSIDE}"
    proxies = [m for m in shown if m.figure.relation == PROXY]
    if proxies and verdict != CONSISTENT:
        why = "; ".join(dict.fromkeys(m.figure.why for m in proxies if m.figure.why))
        text += f" (another measure or period: {why})" if why else ""
    return text + "."


def _outside(shown: list[Measurement]) -> list[Figure]:
    """Stated values outside the range of the published periods either side of them."""
    found = []
    for key in _keys(shown):
        group = [m for m in shown if claimed_key(m.figure) == key]
        figure = group[0].figure
        if figure.relation == BRACKET and group[0].verdict == NOT_TESTABLE and len(group) > 1:
            found.append(figure)
        elif figure.relation == PROXY and len(group) > 1 and figure.claimed is not None:
            values = [m.value for m in group]
            if not within(figure, min(values), max(values)):
                found.append(figure)
    return found


def _others(real: list[Measurement]) -> str:
    """The claim's side figures: each part quoted with its own claim, or a context figure
    (the rate behind "high") beside England, the region and the neighbours."""
    side = [m for m in real if not m.figure.headline]
    words = []
    for m in side:
        if m.figure.relation == PROXY or m.verdict == CONTEXT:
            words.append(f"{m.figure.why}: {items([m])}" if m.figure.why else items([m]))
        else:
            holds = "holds" if m.verdict in (SUPPORTED, CONSISTENT) else "does not hold"
            said = f"the bound ({m.figure.said})" if m.figure.relation == BOUND else m.figure.said
            words.append(f"{items([m])}, so {said} {holds}")
    if not words:
        return ""
    return f"Also: {'; '.join(words)}."


def illustration(measurements: list[Measurement]) -> str:
    """What the synthetic demo extract gives, for the analysts' section: never a verdict."""
    shown = [m for m in measurements if m.evidence == ILLUSTRATIVE and m.value is not None]
    if not shown:
        return ""
    return _capital(f"{phrase(shown)} (an illustration of the method, not evidence).")


def _keys(measurements: list[Measurement]) -> list:
    return list(dict.fromkeys(claimed_key(m.figure) for m in measurements))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
