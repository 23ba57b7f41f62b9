"""Children starting to be looked after in a period, and how young they were at the start."""

from __future__ import annotations

import pandas as pd

from scrutiny.metrics.cohorts import completed_years, counted_episodes, dates_of_birth
from scrutiny.metrics.result import MetricResult, Period, percent
from scrutiny.privacy.suppression import CountNote
from scrutiny.ssda903.dataset import Dataset


def starters(dataset: Dataset, period: Period) -> MetricResult:
    """Distinct children with a new period of care (RNE S) starting in the period."""
    starts = _starts(dataset, period)
    children = starts["CHILD"].nunique()
    notes = []
    if len(starts) > children:
        notes.append(
            CountNote(
                len(starts), f"{{}} periods of care started; {children} children counted once each"
            )
        )
    return MetricResult("starters", period.to_params(), float(children), children, None, notes)


def starters_newborn(dataset: Dataset, period: Period, max_age_days: int = 6) -> MetricResult:
    """% of starters whose first start in the period was at most `max_age_days` after birth."""
    first = first_starts(dataset, period)
    age_days = (first["DECOM"] - first["DOB"]).dt.days
    young = int(((age_days >= 0) & (age_days <= max_age_days)).sum())
    params = {**period.to_params(), "max_age_days": max_age_days}
    return _share("starters-newborn", params, young, first)


def starters_under1(dataset: Dataset, period: Period) -> MetricResult:
    """% of starters aged under 1 (completed years at DECOM = 0) at their first start."""
    first = first_starts(dataset, period)
    age = completed_years(first["DOB"], first["DECOM"])
    under1 = int(age.eq(0).fillna(False).sum())
    return _share("starters-under1", period.to_params(), under1, first)


def first_starts(dataset: Dataset, period: Period) -> pd.DataFrame:
    """One row a starter: CHILD, DECOM of their first start in the period, DOB from the header."""
    starts = _starts(dataset, period)
    first = starts.groupby("CHILD", as_index=False)["DECOM"].min()
    first["DOB"] = dates_of_birth(dataset, first["CHILD"])
    return first


def _starts(dataset: Dataset, period: Period) -> pd.DataFrame:
    episodes = counted_episodes(dataset)
    return episodes[(episodes["RNE"] == "S") & period.contains(episodes["DECOM"])]


def _share(metric: str, params: dict, count: int, first: pd.DataFrame) -> MetricResult:
    notes = []
    no_dob = int(first["DOB"].isna().sum())
    if no_dob:
        notes.append(f"{no_dob} starters have no date of birth in the header (not counted)")
    unborn = int((first["DECOM"] < first["DOB"]).sum())
    if unborn:
        notes.append(f"{unborn} starters start before their date of birth (not counted)")
    starters_count = len(first)
    if not starters_count:
        notes.append("no children started to be looked after in the period")
    return MetricResult(
        metric, params, percent(count, starters_count), count, starters_count, notes
    )
