"""Children in a placement group (groups.yml) at a date, and its change between dates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from scrutiny.groups import PlacementGroup, find_group
from scrutiny.metrics.cohorts import counted_episodes, current_placements, open_on
from scrutiny.metrics.result import MetricResult, percent, percent_change
from scrutiny.privacy.suppression import CountNote
from scrutiny.ssda903.dataset import Dataset


def placement_count(
    dataset: Dataset, at: date, group: str, groups: str | Path | None = None
) -> MetricResult:
    """Children looked after on `at` whose current placement is in `group`.

    value = the count; numerator/denominator = the count and all children looked after
    that day, so the group's share is traceable (also in the breakdown).
    """
    rule = find_group(group, groups)
    current = current_placements(counted_episodes(dataset), at)
    count = int(rule.matches(current).sum())
    total = len(current)
    breakdown = pd.DataFrame(
        {
            "date": [at.isoformat()],
            "children": [count],
            "looked_after": [total],
            "percent": [percent(count, total)],
        }
    )
    return MetricResult(
        "placement-count",
        _params({"at": at.isoformat()}, group, groups),
        float(count),
        count,
        total,
        _provider_notes(rule, current),
        breakdown,
    )


def placement_change(
    dataset: Dataset, start: date, end: date, group: str, groups: str | Path | None = None
) -> MetricResult:
    """% change in children placed in `group` from `start` to `end`; numerator = the change."""
    rule = find_group(group, groups)
    episodes = counted_episodes(dataset)
    rows = []
    for day in (start, end):
        current = current_placements(episodes, day)
        count = int(rule.matches(current).sum())
        rows.append((day.isoformat(), count, len(current), percent(count, len(current))))
    breakdown = pd.DataFrame(rows, columns=["date", "children", "looked_after", "percent"])
    before, after = (int(n) for n in breakdown["children"])
    notes = [] if before else [f"no children in {group} on {start.isoformat()}: change undefined"]
    return MetricResult(
        "placement-change",
        _params({"start": start.isoformat(), "end": end.isoformat()}, group, groups),
        percent_change(before, after),
        after - before,
        before,
        notes,
        breakdown,
    )


def placement_counts_on_dates(
    dataset: Dataset, dates: Iterable, group: str, groups: str | Path | None = None
) -> pd.Series:
    """Children placed in `group` on each of `dates` (for month-end charts)."""
    rule = find_group(group, groups)
    index = pd.DatetimeIndex(pd.to_datetime(list(dates)), name="date")
    episodes = counted_episodes(dataset)
    in_group = rule.matches(episodes).to_numpy()
    child = pd.factorize(episodes["CHILD"])[0]
    counts = [int(in_group[current_rows(episodes, child, day)].sum()) for day in index]
    return pd.Series(counts, index=index, name=group, dtype="int64")


def current_rows(episodes: pd.DataFrame, child: np.ndarray, day: pd.Timestamp) -> np.ndarray:
    """Positions of `current_placements(episodes, day)`, on arrays (one call a month-end)."""
    rows = np.flatnonzero(open_on(episodes, day).to_numpy())
    latest = ~pd.Series(child[rows]).duplicated(keep="last").to_numpy()
    return rows[latest]


def _params(params: dict, group: str, groups: str | Path | None) -> dict:
    params["group"] = group
    if groups is not None:
        params["groups"] = str(groups)
    return params


def _provider_notes(rule: PlacementGroup, current: pd.DataFrame) -> list[str]:
    if rule.place_provider is None:
        return []
    candidates = current if rule.place is None else current[current["PLACE"].isin(rule.place)]
    blank = int(candidates["PLACE_PROVIDER"].isna().sum())
    if not blank:
        return []
    return [
        CountNote(blank, "{} current placements have no PLACE_PROVIDER, so cannot be in this group")
    ]


def month_ends(start: date, end: date) -> pd.DatetimeIndex:
    """Last day of each month whose end falls in [start, end]."""
    return pd.date_range(pd.Timestamp(start), pd.Timestamp(end), freq="ME")


def placement_extreme(
    dataset: Dataset, start: date, end: date, group: str, groups, pick: str
) -> MetricResult:
    """The fewest or most children in `group` at any month end from `start` to `end`, for
    a statement such as "varied between 72-77"; the breakdown is the month-end series."""
    counts = placement_counts_on_dates(dataset, month_ends(start, end), group, groups)
    day = counts.idxmin() if pick == "min" else counts.idxmax()
    word = "fewest" if pick == "min" else "most"
    breakdown = pd.DataFrame(
        {"date": [d.date().isoformat() for d in counts.index], "children": counts.to_numpy()}
    )
    return MetricResult(
        f"placement-count-{pick}",
        _params({"start": start.isoformat(), "end": end.isoformat()}, group, groups),
        float(counts[day]),
        int(counts[day]),
        None,
        [f"{word} on {day.date().isoformat()}, across {len(counts)} month ends"],
        breakdown,
    )


def placement_count_min(dataset, start, end, group, groups=None) -> MetricResult:
    return placement_extreme(dataset, start, end, group, groups, "min")


def placement_count_max(dataset, start, end, group, groups=None) -> MetricResult:
    return placement_extreme(dataset, start, end, group, groups, "max")


def placement_share_change(
    dataset: Dataset,
    start: date,
    end: date,
    group: str,
    within: str,
    groups: str | Path | None = None,
) -> MetricResult:
    """Change in `group`'s share of the children placed in `within`, in percentage points:
    "more use of in-house foster care as opposed to agency foster care" is a share of foster
    placements, which can rise while the number of in-house placements falls."""
    part, whole = find_group(group, groups), find_group(within, groups)
    episodes = counted_episodes(dataset)
    rows = []
    for day in (start, end):
        current = current_placements(episodes, day)
        inside = whole.matches(current)
        count = int((part.matches(current) & inside).sum())
        rows.append((day.isoformat(), count, int(inside.sum()), percent(count, int(inside.sum()))))
    breakdown = pd.DataFrame(rows, columns=["date", "children", within, "percent"])
    before, after = breakdown["percent"]
    params = _params({"start": start.isoformat(), "end": end.isoformat()}, group, groups)
    return MetricResult(
        "placement-share-change",
        {**params, "within": within},
        after - before,
        int(breakdown["children"].iloc[1]),
        int(breakdown[within].iloc[1]),
        [
            f"{group} was {before:.1f}% of {within} on {start.isoformat()}, {after:.1f}% on "
            f"{end.isoformat()}"
        ],
        breakdown,
    )
