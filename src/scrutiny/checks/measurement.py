"""A figure of a claim, measured: the number, its counts, its definition, its verdict."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from scrutiny.claims import Figure
from scrutiny.verdicts import REAL


@dataclass
class Measurement:
    figure: Figure
    value: float | None
    verdict: str
    definition: str
    source: str
    numerator: int | None = None
    denominator: int | None = None
    params: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    unit: str = "count"  # "count", "percent", "percent change", "percentage points", "rank"
    evidence: str = REAL  # "real" or "illustrative" (synthetic 903): only real decides
    context: dict = field(default_factory=dict)  # area name -> the same measure there

    def shown(self) -> str:
        """The measured value as a reader expects it, to one more decimal than the claim."""
        if self.value is None or math.isnan(self.value):
            return "–"
        if self.unit == "percentage points":
            return f"{self.value:+.1f} points"
        if self.unit == "percent change":
            return f"{self.value:+.1f}%"
        if self.unit == "percent":
            return f"{self.value:.0f}%" if float(self.value).is_integer() else f"{self.value:.1f}%"
        return f"{self.value:,.0f}" if float(self.value).is_integer() else f"{self.value:,.1f}"

    def to_dict(self) -> dict:
        value = None if self.value is None or math.isnan(self.value) else round(self.value, 6)
        return {
            "label": self.figure.label,
            "claimed": self.figure.claimed,
            "comparison": self.figure.comparison,
            "said": self.figure.said,
            "measured": value,
            "shown": self.shown(),
            "numerator": self.numerator,
            "denominator": self.denominator,
            "unit": self.unit,
            "verdict": self.verdict,
            "relation": self.figure.relation,
            "headline": self.figure.headline,
            "evidence": self.evidence,
            "context": self.context,
            "definition": self.definition,
            "source": self.source,
            "params": self.params,
            "notes": self.notes,
        }
