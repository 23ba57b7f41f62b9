"""Check one claim of the register: measure every figure, give verdicts, show the working."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

import pandas as pd

from scrutiny.checks.inputs import Inputs
from scrutiny.checks.local import LOCAL_METRICS, measure_local
from scrutiny.checks.measurement import Measurement
from scrutiny.checks.national import QUERIES, measure_national, national_chart
from scrutiny.checks.sensitivity import sensitivity_table
from scrutiny.checks.trend import local_chart
from scrutiny.claims import NOT_TESTABLE, Claim, Figure, overall
from scrutiny.metrics import to_date

KNOWN_METRICS = LOCAL_METRICS | set(QUERIES)

__all__ = ["KNOWN_METRICS", "ClaimCheck", "Inputs", "Measurement", "run_check"]


def after_quarter(figure: Figure, inputs: Inputs) -> list[str]:
    """The figure's dates that fall after the quarter: data for them may not exist yet."""
    if figure.source != "903":
        return []
    dates = [
        to_date(inputs.quarter.resolve(v), k)
        for k, v in figure.params.items()
        if k in {"at", "end"}
    ]
    late = [d for d in dates if d > inputs.quarter.end]
    if "year" in figure.params:
        year_end = date(int(figure.params["year"]), 3, 31)
        late += [year_end] if year_end > inputs.quarter.end else []
    return [d.isoformat() for d in late]


def measure_figure(figure: Figure, inputs: Inputs) -> Measurement:
    if figure.source == "none":
        return Measurement(
            figure, None, NOT_TESTABLE, "no dataset in the pack records this", "none"
        )
    late = after_quarter(figure, inputs)
    if late:
        return Measurement(
            figure,
            None,
            NOT_TESTABLE,
            "the figure's date is after this quarter",
            inputs.source_903,
            notes=[
                f"{', '.join(late)} is after the quarter end "
                f"{inputs.quarter.end.isoformat()}: not yet in the data"
            ],
        )
    if figure.source == "903":
        return measure_local(figure, inputs)
    return measure_national(figure, inputs)


@dataclass
class ClaimCheck:
    claim: Claim
    inputs: Inputs
    measurements: list[Measurement]
    definition: dict = field(default_factory=dict)  # parameters changed from the register

    @property
    def verdict(self) -> str:
        return overall([m.verdict for m in self.measurements])

    @property
    def uses_synthetic(self) -> bool:
        return self.inputs.synthetic and any(
            m.figure.source == "903" and m.value is not None for m in self.measurements
        )

    def figures_table(self) -> pd.DataFrame:
        rows = [
            {
                "figure": m.figure.label,
                "claimed": m.figure.claimed or "",
                "test": m.figure.comparison,
                "measured": m.shown(),
                "numerator": m.numerator,
                "denominator": m.denominator,
                "verdict": m.verdict,
                "source": m.figure.source,
            }
            for m in self.measurements
        ]
        return pd.DataFrame(rows).astype({"numerator": "Int64", "denominator": "Int64"})

    def sensitivity(self) -> pd.DataFrame:
        tables = []
        for m in self.measurements:
            if m.value is None:
                continue
            table = sensitivity_table(m.figure, self.inputs, measure_figure)
            if not table.empty:
                tables.append(table.assign(figure=m.figure.label))
        if not tables:
            return pd.DataFrame()
        table = pd.concat(tables, ignore_index=True).drop(columns=["registered", "value"])
        return table.set_index(["figure", "definition"])

    def chart(self):
        for m in self.measurements:
            if m.value is None:
                continue
            family = [
                x.figure
                for x in self.measurements
                if x.figure.source == m.figure.source and x.value is not None
            ]
            if m.figure.source == "903":
                return local_chart(family, self.inputs)
            return national_chart(family, self.inputs)
        return None

    def notes(self) -> list[str]:
        return [f"{m.figure.label}: {note}" for m in self.measurements for note in m.notes]

    def verdicts_by_source(self) -> dict[str, str]:
        """The verdict on the published figures apart from the 903 ones (which may be synthetic)."""
        sources = sorted({m.figure.source for m in self.measurements} - {"none"})
        return {
            source: overall([m.verdict for m in self.measurements if m.figure.source == source])
            for source in sources
        }

    def result(self) -> dict:
        return {
            "claim": self.claim.id,
            "document": self.claim.document,
            "section": self.claim.section,
            "subject": self.claim.subject,
            "verdict": self.verdict,
            "definition": self.definition,
            "by_source": self.verdicts_by_source(),
            "synthetic": self.uses_synthetic,
            "quarter": self.inputs.quarter.label,
            "figures": [m.to_dict() for m in self.measurements],
        }


def with_definition(figure: Figure, definition: dict) -> Figure:
    """The figure with any of its parameters that `definition` names replaced."""
    changed = {k: v for k, v in definition.items() if k in figure.params}
    return replace(figure, params={**figure.params, **changed}) if changed else figure


def run_check(claim: Claim, inputs: Inputs, definition: dict | None = None) -> ClaimCheck:
    """Measure every figure; `definition` (e.g. {"max_age_days": 27}) overrides the register's
    parameters of the same name, for an analyst trying another definition."""
    figures = [with_definition(f, definition or {}) for f in claim.figures]
    used = {k: v for k, v in (definition or {}).items() if any(k in f.params for f in figures)}
    return ClaimCheck(claim, inputs, [measure_figure(f, inputs) for f in figures], used)
