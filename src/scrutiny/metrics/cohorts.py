"""Who is counted: the cohort helpers every metric shares, written once.

All helpers are vectorised over the whole episodes table, so they scale to 100,000 children.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import numpy as np
import pandas as pd

from scrutiny.metrics.result import Period
from scrutiny.ssda903.dataset import Dataset
from scrutiny.ssda903.members import isin

SHORT_BREAKS = ("V3", "V4")
_OPEN_END = np.iinfo(np.int64).max  # day number standing for a blank DEC (still looked after)


def counted_episodes(dataset: Dataset) -> pd.DataFrame:
    """Episodes DfE statistics count: short breaks (legal status V3/V4) are excluded.

    Rows stay sorted by CHILD and DECOM (the reader's contract), so a child's previous or
    latest episode is the neighbouring row.
    """
    episodes = dataset.episodes
    return episodes[~episodes["LS"].isin(SHORT_BREAKS)]


def open_on(episodes: pd.DataFrame, at: date) -> pd.Series:
    """Mask of episodes open on `at`: DECOM <= at and (DEC blank or DEC > at).

    An episode ending on `at` is closed; an X1 change that day is seamless because the next
    episode starts (DECOM = at) the same day.
    """
    day = pd.Timestamp(at)
    return (episodes["DECOM"] <= day) & (episodes["DEC"].isna() | (episodes["DEC"] > day))


def looked_after_on(dataset: Dataset, at: date) -> pd.Index:
    """Distinct children looked after on `at` (short breaks excluded)."""
    episodes = counted_episodes(dataset)
    return pd.Index(episodes.loc[open_on(episodes, at), "CHILD"].unique(), name="CHILD")


def current_placements(episodes: pd.DataFrame, at: date) -> pd.DataFrame:
    """One row a child looked after on `at`: the open episode with the latest DECOM.

    `episodes` are counted episodes, sorted by CHILD and DECOM as the reader leaves them.
    """
    return episodes[open_on(episodes, at)].drop_duplicates("CHILD", keep="last")


def cla_on_dates(dataset: Dataset, dates: Iterable) -> pd.Series:
    """Children looked after on each of `dates`, in one pass (for month-end charts).

    Each child's episodes are merged into disjoint spells of care [DECOM, DEC); the count on a
    day is then (spells started by that day) - (spells ended by that day).
    """
    index = pd.DatetimeIndex(pd.to_datetime(list(dates)), name="date")
    spells = care_spells(counted_episodes(dataset))
    days = _day_numbers(index)
    started = np.searchsorted(np.sort(spells["start"].to_numpy()), days, side="right")
    ended = np.searchsorted(np.sort(spells["end"].to_numpy()), days, side="right")
    return pd.Series(started - ended, index=index, name="looked_after", dtype="int64")


def care_spells(episodes: pd.DataFrame) -> pd.DataFrame:
    """Disjoint spells of care per child: CHILD, start, end as day numbers, end exclusive.

    Overlapping or touching episodes of one child merge into one spell, so no child is
    counted twice on a day. Episodes with DEC <= DECOM cover no day and are dropped.
    """
    start = _day_numbers(episodes["DECOM"])
    end = _day_numbers(episodes["DEC"])
    end = np.where(episodes["DEC"].isna().to_numpy(), _OPEN_END, end)
    frame = pd.DataFrame({"CHILD": episodes["CHILD"].to_numpy(), "start": start, "end": end})
    frame = frame[episodes["DECOM"].notna().to_numpy() & (end > start)]
    frame = frame.sort_values(["CHILD", "start"], kind="stable").reset_index(drop=True)
    reach = frame.groupby("CHILD", sort=False)["end"].cummax().to_numpy()
    child = frame["CHILD"].to_numpy()
    new_spell = np.ones(len(frame), dtype=bool)
    new_spell[1:] = (child[1:] != child[:-1]) | (frame["start"].to_numpy()[1:] > reach[:-1])
    spell = np.cumsum(new_spell)
    return (
        frame.groupby(spell)
        .agg(CHILD=("CHILD", "first"), start=("start", "min"), end=("end", "max"))
        .reset_index(drop=True)
    )


def oc2_cohort(dataset: Dataset, year: int) -> pd.Index:
    """Children looked after continuously for at least 12 months at 31 March `year`.

    Looked after on 31 March, and during the collection year: no new period of care
    (RNE S with DECOM in (1 Apr, 31 Mar]), no episode ending other than by X1 (DEC in
    [1 Apr, 31 Mar)), and no short-break (V3/V4) episode overlapping the year.
    """
    period = Period.collection_year(year)
    first, last = pd.Timestamp(period.start), pd.Timestamp(period.end)
    episodes = dataset.episodes
    started = (episodes["RNE"] == "S") & (episodes["DECOM"] > first) & (episodes["DECOM"] <= last)
    left = (episodes["DEC"] >= first) & (episodes["DEC"] < last) & (episodes["REC"] != "X1")
    short_break = (
        episodes["LS"].isin(SHORT_BREAKS)
        & (episodes["DECOM"] <= last)
        & (episodes["DEC"].isna() | (episodes["DEC"] >= first))
    )
    broken = episodes.loc[started | left | short_break, "CHILD"].unique()
    on_31_march = looked_after_on(dataset, period.end)
    return on_31_march[~isin(on_31_march, broken)]


def completed_years(dob: pd.Series, on: pd.Series) -> pd.Series:
    """Age in completed years on `on` (birthday not yet reached that year -> one less)."""
    before_birthday = (on.dt.month < dob.dt.month) | (
        (on.dt.month == dob.dt.month) & (on.dt.day < dob.dt.day)
    )
    return on.dt.year - dob.dt.year - before_birthday.astype("Int64")


def dates_of_birth(dataset: Dataset, children: pd.Series) -> pd.Series:
    """DOB from the header for each of `children` (NaT where the child has no header row)."""
    dob = dataset.header.drop_duplicates("CHILD", keep="last").set_index("CHILD")["DOB"]
    return pd.Series(dob.reindex(children.to_numpy()).to_numpy(), index=children.index, name="DOB")


def _day_numbers(dates: pd.Series | pd.DatetimeIndex) -> np.ndarray:
    """Days since 1970-01-01 as int64 (NaT becomes a meaningless number: mask it first)."""
    return np.asarray(dates, dtype="datetime64[D]").astype(np.int64)
