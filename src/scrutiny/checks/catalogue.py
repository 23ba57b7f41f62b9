"""One record for each 903 metric a claim can test, beyond how it is measured (that is in
`metrics`): the alternative definitions its sensitivity table shows, whether they nest, and
the chart that illustrates it. A metric with no record is measured and judged all the same,
with no sensitivity table and no chart."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from scrutiny import catalogue
from scrutiny.checks import sensitivity as alternative
from scrutiny.checks import trend
from scrutiny.claims import Figure
from scrutiny.inputs import Inputs


@dataclass(frozen=True)
class FigureKind:
    variants: Callable | None = None  # params -> the sensitivity table's definitions
    nested: bool = False  # each definition contains the narrower ones (ages at birth)
    chart: Callable | None = None  # (figures, inputs, params) -> the series around the figure
    charts_sensitivity: bool = False  # the chart is the sensitivity table itself


KINDS: dict[str, FigureKind] = {}


def _record(kind: FigureKind, *names: str) -> None:
    """How pages show each named 903 metric: one record a metric, and only for a metric the
    catalogue holds, so this table cannot drift from it."""
    held = catalogue.registered()
    for name in names:
        if held.get(name) is None or held[name].source != catalogue.SOURCE_903:
            raise catalogue.CatalogueError(f"{name!r} is no 903 metric in the catalogue")
        if name in KINDS:
            raise catalogue.CatalogueError(f"{name!r} has two figure kinds")
        KINDS[name] = kind


_record(FigureKind(alternative.cla_on_date, chart=trend.cla_chart), "cla-on-date")
_record(FigureKind(alternative.cla_change, chart=trend.cla_chart), "cla-change")
_record(
    FigureKind(alternative.newborn, nested=True, charts_sensitivity=True),
    "starters-newborn",
    "starters-under1",
)
for _metric in ("oc2-dental", "oc2-health-assessment", "oc2-immunisations"):
    _record(FigureKind(alternative.oc2(_metric), chart=trend.oc2_chart), _metric)
_record(FigureKind(alternative.permanence, chart=trend.permanence_chart), "placed-for-adoption")
_record(FigureKind(alternative.permanence, chart=trend.permanence_chart), "adoptions")
_record(FigureKind(chart=trend.permanence_chart), "sgo")
_record(FigureKind(alternative.placement_change, chart=trend.placement_chart), "placement-change")
for _metric in ("placement-count-min", "placement-count-max"):
    _record(
        FigureKind(alternative.placement_extreme(_metric), chart=trend.placement_chart), _metric
    )
_record(FigureKind(alternative.missing, chart=trend.missing_chart), "missing-incidents-monthly")


def kind_of(figure: Figure) -> FigureKind:
    return KINDS.get(figure.metric, FigureKind()) if figure.source == "903" else FigureKind()


def sensitivity(figure: Figure, inputs: Inputs, measure) -> pd.DataFrame:
    kind = kind_of(figure)
    return alternative.sensitivity_table(figure, inputs, measure, kind.variants, kind.nested)


def local_chart(figures: list[Figure], inputs: Inputs, table: pd.DataFrame):
    """The chart for a claim's resolved 903 figures (those sharing the first one's family),
    drawn with the params they were measured with; `table` is the first one's sensitivity."""
    kind = kind_of(figures[0])
    if inputs.dataset is None:
        return None
    if kind.charts_sensitivity:
        return trend.newborn_chart(figures[0], table, inputs.suppression_threshold)
    return kind.chart(figures, inputs, figures[0].params) if kind.chart else None
