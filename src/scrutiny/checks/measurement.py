"""A figure of a claim, measured: the number, its counts, its definition, its verdict."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from scrutiny import numbers
from scrutiny.claims import Figure
from scrutiny.verdicts import REAL

NEIGHBOURS = "statistical neighbours"  # a context entry that is an average, never published
AFTER_QUARTER = "the figure's date is after this quarter"  # a not-testable figure's definition


@dataclass
class Measurement:
    figure: Figure
    value: float | None
    verdict: str
    description: str  # what the figure counts, in words
    source: str
    numerator: int | None = None
    denominator: int | None = None
    params: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    unit: str = "count"  # "count", "percent", "percent change", "percentage points", "rank"
    evidence: str = REAL  # "real" or "illustrative" (synthetic 903): only real decides
    context: dict = field(default_factory=dict)  # area name -> the same measure there
    as_published: bool = False  # the DfE's own figure, shown as published (not recomputed)
    unmeasured: str = ""  # why the data cannot measure it for this authority (no extract...)

    def shown(self) -> str:
        """The value as a reader should see it: see `scrutiny.numbers`."""
        return self._shown(self.value, self.as_published)

    def shown_context(self) -> str:
        """ "England 40%, North East 43%, statistical neighbours 37.7%" in the figure's unit."""
        return ", ".join(
            f"{name} {self._shown(value, self.as_published and name != NEIGHBOURS)}"
            for name, value in self.context.items()
        )

    def _shown(self, value: float | None, as_published: bool) -> str:
        return numbers.figure(value, self.unit, 2 * self.figure.tolerance, as_published)

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
            "description": self.description,
            "source": self.source,
            "params": self.params,
            "notes": self.notes,
        }
