"""One record for each 903 metric a claim can test, beyond how it is measured (that is in
`metrics`): the alternative definitions its sensitivity table shows, whether they nest, and
the chart that illustrates it. A metric with no record is measured and judged all the same,
with no sensitivity table and no chart."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

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


def _oc2(metric: str) -> FigureKind:
    return FigureKind(alternative.oc2(metric), chart=trend.oc2_chart)


def _permanence() -> FigureKind:
    return FigureKind(alternative.permanence, chart=trend.permanence_chart)


def _placement_extreme(metric: str) -> FigureKind:
    return FigureKind(alternative.placement_extreme(metric), chart=trend.placement_chart)


_AT_BIRTH = FigureKind(alternative.newborn, nested=True, charts_sensitivity=True)

KINDS: dict[str, FigureKind] = {
    "cla-on-date": FigureKind(alternative.cla_on_date, chart=trend.cla_chart),
    "cla-change": FigureKind(alternative.cla_change, chart=trend.cla_chart),
    "starters-newborn": _AT_BIRTH,
    "starters-under1": _AT_BIRTH,
    "oc2-dental": _oc2("oc2-dental"),
    "oc2-health-assessment": _oc2("oc2-health-assessment"),
    "oc2-immunisations": _oc2("oc2-immunisations"),
    "placed-for-adoption": _permanence(),
    "adoptions": _permanence(),
    "sgo": FigureKind(chart=trend.permanence_chart),
    "placement-change": FigureKind(alternative.placement_change, chart=trend.placement_chart),
    "placement-count-min": _placement_extreme("placement-count-min"),
    "placement-count-max": _placement_extreme("placement-count-max"),
    "missing-incidents-monthly": FigureKind(alternative.missing, chart=trend.missing_chart),
}


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
