"""Steps of the conclusion notebooks: each returns a DataFrame an analyst can inspect, filter
and re-plot. Counting stays in `metrics` and `published`; this module only assembles."""

from __future__ import annotations

import pandas as pd

from scrutiny import metrics
from scrutiny.checks import ClaimCheck
from scrutiny.checks.trend import window
from scrutiny.claimtext.register_conflicts import register_conflicts
from scrutiny.pages.claim import register_at

HEALTH = ("oc2-cohort", "oc2-dental", "oc2-health-assessment", "oc2-immunisations")


def published(check: ClaimCheck, measures: list[str]) -> pd.DataFrame:
    """Named DfE measures for the authority, its region, England and its neighbours."""
    return check.published(measures)


def looked_after_monthly(check: ClaimCheck) -> pd.DataFrame:
    """Children looked after at each month end around the claim's dates (903 extract)."""
    dates = [
        pd.Timestamp(value)
        for figure in (m.figure for m in check.measurements)
        if figure.source == "903"
        for key, value in figure.params.items()
        if key in ("at", "start", "end")
    ]
    dataset = check.inputs.dataset
    if not dates or dataset is None:
        return pd.DataFrame(columns=["month end", "children looked after"])
    days = window(min(dates), max(dates), dataset.coverage, before_months=12)
    counts = metrics.cla_on_dates(dataset, days)
    return pd.DataFrame(
        {"month end": [d.date().isoformat() for d in counts.index], "children looked after": counts}
    ).reset_index(drop=True)


def oc2_by_year(check: ClaimCheck) -> pd.DataFrame:
    """The 12-month cohort and its health checks in every year the extract covers (903)."""
    dataset = check.inputs.dataset
    if dataset is None or dataset.coverage is None:
        return pd.DataFrame()
    rows = []
    for year in dataset.coverage.years:
        results = {name: metrics.measure(dataset, name, year=year) for name in HEALTH}
        rows.append(
            {
                "cohort at 31 March": year,
                "children in the cohort": results["oc2-cohort"].numerator,
                "dental check %": round(results["oc2-dental"].value, 1),
                "health assessment %": round(results["oc2-health-assessment"].value, 1),
                "immunisations %": round(results["oc2-immunisations"].value, 1),
            }
        )
    return pd.DataFrame(rows).set_index("cohort at 31 March")


def panel_disagreements(check: ClaimCheck) -> pd.DataFrame:
    """Where the panel's own quoted figures on this claim's subject disagree."""
    register = register_at(check.inputs.register)
    rows = [
        {
            "subject": conflict["subject"],
            "disagreement": conflict["reason"],
            "one says": conflict["statements"][0]["quote"],
            "another says": conflict["statements"][1]["quote"],
        }
        for conflict in (c.to_dict() for c in register_conflicts(register))
        if conflict["subject"] == check.claim.subject
    ]
    return pd.DataFrame(rows, columns=["subject", "disagreement", "one says", "another says"])
