"""Check one claim of the register: measure every figure, give verdicts, show the working."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

import pandas as pd

from scrutiny import charts
from scrutiny.checks.catalogue import local_chart, sensitivity
from scrutiny.checks.local import measure_local
from scrutiny.checks.measurement import AFTER_QUARTER, Measurement
from scrutiny.checks.national import (
    later_release_note,
    measure_national,
    national_chart,
    with_release,
)
from scrutiny.checks.sentence import sentence
from scrutiny.claims import Claim, Figure
from scrutiny.errors import Unmeasurable
from scrutiny.inputs import Inputs
from scrutiny.metrics import to_date
from scrutiny.published.comparison import comparison_table, unpublished
from scrutiny.published.trace import trace
from scrutiny.verdicts import (
    ILLUSTRATIVE,
    NO_DATA,
    NOT_TESTABLE,
    REAL,
    claim_verdict,
    settle_brackets,
)

RANKS = {"dfe-rank", "dfe-rank-among"}  # a rank of 2 is not a figure to look for

__all__ = ["ClaimCheck", "Inputs", "Measurement", "run_check"]


def after_quarter(figure: Figure, inputs: Inputs) -> list[str]:
    """The figure's dates that fall after the quarter: data for them may not exist yet, and a
    pack for the quarter must not lean on them (903 dates, and the years to 31 March of 903
    and DfE figures alike)."""
    dates = []
    if figure.source == "903":
        dates += [to_date(v, k) for k, v in figure.params.items() if k in {"at", "end"}]
    years = [figure.params[k] for k in ("year", "end_year") if k in figure.params]
    dates += [date(int(year), 3, 31) for year in years]
    return [d.isoformat() for d in dates if d > inputs.quarter.end]


def measure_figure(figure: Figure, inputs: Inputs) -> Measurement:
    if figure.source == "none":
        return Measurement(
            figure,
            None,
            NOT_TESTABLE,
            "no dataset in the pack records this",
            "none",
            evidence=NO_DATA,
        )
    evidence = inputs.evidence_903 if figure.source == "903" else REAL
    late = after_quarter(figure, inputs)
    if late:
        return Measurement(
            figure,
            None,
            NOT_TESTABLE,
            AFTER_QUARTER,
            inputs.source_903 if figure.source == "903" else "DfE",
            notes=[
                f"{', '.join(late)} is after the quarter end "
                f"{inputs.quarter.end.isoformat()}: not yet in the data"
            ],
            evidence=evidence,
        )
    try:
        if figure.source == "903":
            return measure_local(figure, inputs)
        return measure_national(figure, inputs)
    except Unmeasurable as error:  # e.g. named peers without the authority: a page says why
        source = inputs.source_903 if figure.source == "903" else "DfE"
        why = str(error)
        return Measurement(
            figure,
            None,
            error.verdict,
            figure.metric,
            source,
            notes=[why],
            evidence=evidence,
            unmeasured=why,
        )


@dataclass
class ClaimCheck:
    claim: Claim
    inputs: Inputs
    measurements: list[Measurement]
    definition: dict = field(default_factory=dict)  # parameters changed from the register

    @property
    def verdict(self) -> str:
        """Decided by real evidence only (see scrutiny.verdicts)."""
        return claim_verdict(self.measurements)

    @property
    def sentence(self) -> str:
        return sentence(self.claim, self.measurements, self.verdict)

    @property
    def uses_synthetic(self) -> bool:
        return any(m.evidence == ILLUSTRATIVE and m.value is not None for m in self.measurements)

    def figures_table(self) -> pd.DataFrame:
        rows = [
            {
                "figure": m.figure.label,
                "claimed": m.figure.claimed or "",
                "test": m.figure.comparison
                + (f" of at least {m.figure.at_least:g}%" if m.figure.at_least else ""),
                "measured": m.shown(),
                "numerator": m.numerator,
                "denominator": m.denominator,
                "verdict": m.verdict,
                "relation": m.figure.relation,
                "evidence": m.evidence,
                "England, region, neighbours": m.shown_context(),
                "source": m.figure.source,
            }
            for m in self.measurements
        ]
        return pd.DataFrame(rows).astype({"numerator": "Int64", "denominator": "Int64"})

    @cached_property
    def variants(self) -> list[pd.DataFrame]:
        """Each measured figure under its alternative definitions, computed once for the
        sensitivity table and any chart drawn from it (empty where there are none)."""
        return [
            sensitivity(m.figure, self.inputs, measure_figure)
            if m.value is not None
            else pd.DataFrame()
            for m in self.measurements
        ]

    def sensitivity(self) -> pd.DataFrame:
        tables = [
            table.assign(figure=m.figure.label)
            for m, table in zip(self.measurements, self.variants, strict=True)
            if not table.empty
        ]
        if not tables:
            return pd.DataFrame()
        table = pd.concat(tables, ignore_index=True).drop(columns=["registered", "value"])
        return table.set_index(["figure", "definition"])

    def chart(self):
        """The trend behind the first measured figure, real evidence first."""
        measured = [(i, m) for i, m in enumerate(self.measurements) if m.value is not None]
        for index, m in sorted(measured, key=lambda pair: pair[1].evidence != REAL):
            family = [
                x.figure
                for x in self.measurements
                if x.figure.source == m.figure.source and x.value is not None
            ]
            if m.figure.source == "903":
                chart = local_chart(family, self.inputs, self.variants[index])
                return synthetic_titled(chart) if m.evidence == ILLUSTRATIVE else chart
            return charts.published_chart(national_chart(family, self.inputs))
        return None

    def published_measures(self) -> list[str]:
        """The DfE measures the claim's figures use, as published (a share's own percentage
        where the DfE publishes one), ranks and named-LA comparisons aside."""
        extract, found = self.inputs.extract, []
        for figure in self.claim.figures:
            if figure.source != "dfe" or figure.metric in RANKS:
                continue
            measure = figure.params.get("measure")
            if "numerator" in figure.params:
                numerator, denominator = figure.params["numerator"], figure.params["denominator"]
                measure = extract.published_share(numerator, denominator) or numerator
            found.append(measure)
        return list(dict.fromkeys(found))

    def _each_measure(self, measures: list[str] | None, answer) -> dict:
        """`answer(measure)` for each measure (default: the claim's own), keyed by what the
        extract calls it."""
        described = self.inputs.extract.catalogue
        chosen = self.published_measures() if measures is None else measures
        return {described[m].description: answer(m) for m in chosen}

    def published(self, measures: list[str] | None = None) -> pd.DataFrame:
        """Published measures (default: the claim's own) for the LA, its region, England and
        its statistical neighbours, by year to the pack's quarter."""
        extract, inputs = self.inputs.extract, self.inputs
        tables = self._each_measure(
            measures,
            lambda m: comparison_table(
                extract, m, inputs.la_code, inputs.sn_edition, inputs.quarter.last_year
            ),
        )
        return pd.concat(tables, names=["measure"]) if tables else pd.DataFrame()

    def unpublished(self, measures: list[str] | None = None) -> dict[str, list[str]]:
        """The cells of `published` the DfE did not publish, by measure, with its reasons."""
        extract, inputs = self.inputs.extract, self.inputs
        found = self._each_measure(
            measures, lambda m: unpublished(extract, m, inputs.la_code, inputs.quarter.last_year)
        )
        return {what: cells for what, cells in found.items() if cells}

    def traced(self) -> pd.DataFrame:
        """Published figures that reproduce each number the claim states (ranks aside, and
        thresholds: "more than 90%" is not a figure of 90%), years ended before the claim was
        made: where the panel's number may have come from."""
        said = dict.fromkeys(
            f.claimed
            for f in self.claim.figures
            if f.claimed and f.comparison == "=" and f.source != "none" and f.metric not in RANKS
        )
        tables = [
            trace(
                self.inputs.extract,
                claimed,
                self.claim.subject,
                self.inputs.la_code,
                self.claim.said_on,
            ).assign(claimed=claimed)
            for claimed in said
        ]
        found = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()
        return found

    def notes(self) -> list[str]:
        return [f"{m.figure.label}: {note}" for m in self.measurements for note in m.notes]

    def result(self) -> dict:
        return {
            "claim": self.claim.id,
            "document": self.claim.document,
            "section": self.claim.section,
            "subject": self.claim.subject,
            "says": self.claim.name,
            "verdict": self.verdict,
            "sentence": self.sentence,
            "definition": self.definition,
            "synthetic": self.uses_synthetic,
            "quarter": self.inputs.quarter.label,
            "figures": [m.to_dict() for m in self.measurements],
        }


SYNTHETIC_TITLE = "Synthetic demo data, an illustration"


def synthetic_titled(chart):
    """A chart of the synthetic demo extract says so in its title, where a reader looks: the
    title's first line (on the layer that carries it, else the chart's own)."""
    if chart is None:
        return None
    chart = chart.copy(deep=True)
    holders = [chart, *getattr(chart, "layer", [])]
    holder = next((c for c in holders if isinstance(c.title, str | list)), chart)
    title = holder.title
    if isinstance(title, list):
        holder.title = [f"{SYNTHETIC_TITLE}:", *title]
    elif isinstance(title, str):
        holder.title = f"{SYNTHETIC_TITLE}: {title}"
    else:
        holder.title = SYNTHETIC_TITLE
    return chart


def with_definition(figure: Figure, definition: dict) -> Figure:
    """The figure with any of its parameters that `definition` names replaced; its label
    says so, since the register's label describes the register's definition."""
    changed = {k: v for k, v in definition.items() if k in figure.params}
    if not changed:
        return figure
    shown = ", ".join(f"{k} {v}" for k, v in changed.items())
    return replace(
        figure,
        params={**figure.params, **changed},
        label=f"{figure.label} [definition changed: {shown}]",
    )


def resolved(figure: Figure, inputs: Inputs) -> Figure:
    """The figure with concrete parameters, once for the check, the sensitivity table and the
    chart: date tokens replaced, and a custom placement groups file named where it applies."""
    params = inputs.quarter.resolve_params(figure.params)
    if figure.source == "903" and inputs.groups is not None and "group" in params:
        params["groups"] = str(inputs.groups)
    return replace(figure, params=params)


def measure_claim_figure(figure: Figure, inputs: Inputs, said_on) -> Measurement:
    """Measure one figure, its DfE release chosen for the claim's date and named."""
    figure, why = with_release(figure, inputs, said_on)
    measured = measure_figure(figure, inputs)
    if why and measured.value is not None:
        revised = later_release_note(measured, inputs)
        measured.notes.append(f"release used: {why}" + (f"; {revised}" if revised else ""))
    return measured


def run_check(claim: Claim, inputs: Inputs, definition: dict | None = None) -> ClaimCheck:
    """Measure every figure; `definition` (e.g. {"max_age_days": 27}) overrides the register's
    parameters of the same name, for an analyst trying another definition."""
    figures = [resolved(with_definition(f, definition or {}), inputs) for f in claim.figures]
    used = {k: v for k, v in (definition or {}).items() if any(k in f.params for f in figures)}
    measured = [measure_claim_figure(f, inputs, claim.said_on) for f in figures]
    settle_brackets(measured)
    return ClaimCheck(claim, inputs, measured, used)
