"""The counting rules (docs/counting-rules.md) as pure functions of a cleaned 903 dataset.

Use `measure(dataset, name, **params)` or call a metric's function directly; `METRICS` lists
every metric with its one-line description and parameters; `in_topic` those a page lists
together.
"""

from scrutiny.metrics.cohorts import cla_on_dates, looked_after_on, oc2_cohort
from scrutiny.metrics.placements import placement_counts_on_dates
from scrutiny.metrics.registry import (
    HEALTH,
    METRICS,
    PERMANENCE,
    MetricSpec,
    in_topic,
    measure,
    resolve,
    to_date,
)
from scrutiny.metrics.result import MetricResult, Period

__all__ = [
    "HEALTH",
    "METRICS",
    "PERMANENCE",
    "MetricResult",
    "MetricSpec",
    "Period",
    "cla_on_dates",
    "in_topic",
    "looked_after_on",
    "measure",
    "oc2_cohort",
    "placement_counts_on_dates",
    "resolve",
    "to_date",
]
