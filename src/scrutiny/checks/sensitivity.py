"""Definition sensitivity: the same figure under the plausible alternative definitions.

A reviewer sees which definition, if any, reproduces the claimed number. Each variant is the
figure with another metric or other parameters, measured exactly like the registered one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pandas as pd

from scrutiny.checks.measurement import Measurement
from scrutiny.checks.national import release_variants
from scrutiny.claims import Figure
from scrutiny.inputs import Inputs
from scrutiny.privacy.suppression import suppress_rows

Variant = tuple[str, str, dict]  # description, metric, params


def first_of_month(value) -> str:
    return pd.Timestamp(value).replace(day=1).date().isoformat()


def cla_on_date(p: dict) -> list[Variant]:
    return [
        ("month end", "cla-on-date", p),
        ("first day of the month", "cla-on-date", {"at": first_of_month(p["at"])}),
        ("average over the month", "cla-month-average", p),
    ]


def cla_change(p: dict) -> list[Variant]:
    starts = {"start": first_of_month(p["start"]), "end": first_of_month(p["end"])}
    return [
        ("month ends", "cla-change", p),
        ("first days of the months", "cla-change", starts),
        ("monthly averages", "cla-change-month-average", p),
    ]


def newborn(p: dict) -> list[Variant]:
    period = {k: v for k, v in p.items() if k != "max_age_days"}
    return [
        ("on the day of birth (0 days)", "starters-newborn", {**period, "max_age_days": 0}),
        ("under 7 days old", "starters-newborn", {**period, "max_age_days": 6}),
        ("under 28 days old", "starters-newborn", {**period, "max_age_days": 27}),
        ("under 1 year old (DfE band)", "starters-under1", period),
    ]


def oc2(metric: str):
    def variants(p: dict) -> list[Variant]:
        year = int(p["year"])
        return [
            (f"cohort at 31 March {y}", metric, {"year": y}) for y in (year - 1, year, year + 1)
        ]

    return variants


def permanence(p: dict) -> list[Variant]:
    return [
        ("placed for adoption (first A3–A6 placement)", "placed-for-adoption", p),
        ("adopted (REC E11/E12)", "adoptions", p),
        ("special guardianship orders", "sgo", p),
    ]


def placement_change(p: dict) -> list[Variant]:
    starts = {**p, "start": first_of_month(p["start"]), "end": first_of_month(p["end"])}
    return [
        ("month ends", "placement-change", p),
        ("first days of the months", "placement-change", starts),
    ]


def placement_extreme(metric: str):
    def variants(p: dict) -> list[Variant]:
        starts = {**p, "start": first_of_month(p["start"]), "end": first_of_month(p["end"])}
        return [("month ends", metric, p), ("first days of the months", metric, starts)]

    return variants


def missing(p: dict) -> list[Variant]:
    """The period as registered (dates or a collection year) and the twelve months before."""
    if "year" in p:
        year_before = {"year": int(p["year"]) - 1}
    else:
        year_before = {
            key: (pd.Timestamp(p[key]) - pd.DateOffset(years=1)).date().isoformat()
            for key in ("start", "end")
        }
    return [
        ("the registered 12 months", "missing-incidents-monthly", p),
        ("the 12 months before that", "missing-incidents-monthly", year_before),
    ]


def iso(params: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in params.items()}


def variants_for(figure: Figure, inputs: Inputs, variants: Callable | None) -> list[Variant]:
    if figure.source == "dfe":
        return release_variants(figure, inputs)
    return variants(iso(figure.params)) if variants else []


def sensitivity_table(
    figure: Figure, inputs: Inputs, measure, variants: Callable | None = None, nested=False
) -> pd.DataFrame:
    """One row per alternative definition of a resolved figure (`variants` makes the 903 ones,
    the catalogue says which); `measure(figure, inputs)` measures each variant."""
    registered_params = iso(figure.params)
    rows = []
    for description, metric, variant in variants_for(figure, inputs, variants):
        measured: Measurement = measure(replace(figure, metric=metric, params=variant), inputs)
        registered = metric == figure.metric and variant == registered_params
        rows.append(
            {
                "definition": description + (" (registered)" if registered else ""),
                "registered": registered,
                "value": measured.value,
                "measured": measured.shown(),
                "numerator": measured.numerator,
                "denominator": measured.denominator,
                "claimed": figure.claimed or figure.comparison,
                "verdict": measured.verdict,
            }
        )
    if not rows:
        return pd.DataFrame()
    table = pd.DataFrame(rows).astype({"numerator": "Int64", "denominator": "Int64"})
    if figure.source != "903":
        return table  # published figures, suppressed by the DfE; a rank is not a count
    return suppress_rows(table, nested, inputs.suppression_threshold)
