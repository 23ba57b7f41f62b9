"""How many children are looked after: at a date, its change, and by ethnic group."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from scrutiny.metrics.cohorts import SHORT_BREAKS, cla_on_dates, looked_after_on, open_on
from scrutiny.metrics.result import MetricResult, percent, percent_change
from scrutiny.privacy.suppression import CountNote
from scrutiny.ssda903.dataset import Dataset
from scrutiny.ssda903.members import isin

ETHNIC_GROUPS = ("White", "Mixed", "Asian", "Black", "Other", "Refused/not obtained", "Unknown")


def cla_on_date(dataset: Dataset, at: date) -> MetricResult:
    """Children looked after on `at` (DfE rule: open episode, short breaks excluded)."""
    children = looked_after_on(dataset, at)
    notes = _short_break_note(dataset, at, children)
    return MetricResult(
        "cla-on-date", {"at": at.isoformat()}, float(len(children)), len(children), None, notes
    )


def cla_change(dataset: Dataset, start: date, end: date) -> MetricResult:
    """% change in children looked after from `start` to `end`; numerator = the change."""
    before, after = len(looked_after_on(dataset, start)), len(looked_after_on(dataset, end))
    notes = [] if before else [f"no children looked after on {start.isoformat()}: change undefined"]
    counts = pd.DataFrame(
        {"date": [start.isoformat(), end.isoformat()], "looked_after": [before, after]}
    )
    return MetricResult(
        "cla-change",
        {"start": start.isoformat(), "end": end.isoformat()},
        percent_change(before, after),
        after - before,
        before,
        notes,
        counts,
    )


def cla_by_ethnicity(dataset: Dataset, at: date) -> MetricResult:
    """Children looked after on `at`, split by the major group of their ETHNIC code."""
    children = pd.Series(looked_after_on(dataset, at))
    header = dataset.header.drop_duplicates("CHILD", keep="last").set_index("CHILD")["ETHNIC"]
    codes = children.map(header)
    groups = ethnic_group(codes)
    counts = groups.value_counts().reindex(ETHNIC_GROUPS, fill_value=0)
    total = len(children)
    breakdown = pd.DataFrame(
        {
            "group": list(ETHNIC_GROUPS),
            "children": counts.to_numpy(),
            "percent": [percent(int(n), total) for n in counts],
        }
    )
    notes = []
    no_header = int((~isin(children, header.index)).sum())
    if no_header:
        notes.append(
            CountNote(no_header, "{} children looked after have no header row (counted as Unknown)")
        )
    return MetricResult(
        "cla-by-ethnicity", {"at": at.isoformat()}, float(total), total, None, notes, breakdown
    )


def ethnic_group(codes: pd.Series) -> pd.Series:
    """Major ethnic group of each ETHNIC code; blank or unrecognised -> Unknown."""
    code = codes.fillna("").astype(str)
    conditions = [
        code.str.startswith("W"),
        code.str.startswith("M"),
        code.str.startswith("A"),
        code.str.startswith("B"),
        code.isin(["CHNE", "OOTH"]),
        code.isin(["REFU", "NOBT"]),
    ]
    return pd.Series(
        np.select(conditions, list(ETHNIC_GROUPS[:-1]), default="Unknown"), index=codes.index
    )


def _short_break_note(dataset: Dataset, at: date, counted: pd.Index) -> list[str]:
    episodes = dataset.episodes
    short = episodes[episodes["LS"].isin(SHORT_BREAKS)]
    only_short = set(short.loc[open_on(short, at), "CHILD"]) - set(counted)
    if not only_short:
        return []
    return [
        CountNote(
            len(only_short), "{} children on a short break (LS V3/V4) that day are not counted"
        )
    ]


def month_days(at: date) -> pd.DatetimeIndex:
    """Every day of the calendar month that holds `at`."""
    day = pd.Timestamp(at)
    return pd.date_range(day.replace(day=1), day + pd.offsets.MonthEnd(0), freq="D")


def cla_month_average(dataset: Dataset, at: date) -> MetricResult:
    """Children looked after, averaged over the days of the month holding `at`: what a
    monthly report means by "in August 2020" when it does not name a day."""
    daily = cla_on_dates(dataset, month_days(at))
    return MetricResult(
        "cla-month-average",
        {"at": at.isoformat(), "month": pd.Timestamp(at).strftime("%B %Y")},
        float(daily.mean()),
        int(daily.sum()),
        len(daily),
        [f"{pd.Timestamp(at):%B %Y}: from {daily.min()} to {daily.max()} on a day"],
    )


def cla_change_month_average(dataset: Dataset, start: date, end: date) -> MetricResult:
    """% change in the monthly average of children looked after, month of `start` to month
    of `end`; numerator = the change in the averages (rounded), denominator = the first."""
    before = float(cla_on_dates(dataset, month_days(start)).mean())
    after = float(cla_on_dates(dataset, month_days(end)).mean())
    return MetricResult(
        "cla-change-month-average",
        {"start": start.isoformat(), "end": end.isoformat()},
        percent_change(before, after),
        round(after - before),
        round(before),
        [] if before else [f"no children looked after in {start:%B %Y}: change undefined"],
    )
