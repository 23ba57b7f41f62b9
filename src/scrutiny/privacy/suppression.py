"""Disclosure control for breakdowns of child-level counts.

Counts from 1 to threshold-1 are suppressed (primary). Where a breakdown's total is published,
one suppressed cell could be recovered by subtraction, so one more cell is suppressed too
(secondary): the smallest count above the threshold, else a zero. Zeros are otherwise shown:
they disclose nothing about a child. Headline totals are not suppressed. Suppressed cells of
both kinds read the same ('c', as in DfE tables), so a reader cannot tell which was small.

The threshold has a floor: DfE convention suppresses counts under 5, and a pack may go lower
only when its params say why (`suppression_override_reason`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MARKER = "c"


class CountNote(str):
    """A data-quality note about a number of children or records ("3 children on a short break
    ..."): the full text for the data team, and the count, so that a page can put the note
    through the small-count rule as it does any breakdown (`shown_note`)."""

    def __new__(cls, count: int, text: str):
        """`text` holds "{}" where the count goes."""
        note = super().__new__(cls, text.format(count))
        note.count, note.text = int(count), text
        return note

    def __getnewargs__(self):
        return self.count, self.text


def shown_note(note: str, threshold: int) -> str:
    """A note as a page shows it: a count from 1 to threshold-1 (as `primary`) reads
    "fewer than <threshold>"."""
    if isinstance(note, CountNote) and 0 < note.count < threshold:
        return note.text.format(f"fewer than {threshold}")
    return str(note)


def primary(values: pd.Series, threshold: int) -> pd.Series:
    """True where a count is from 1 to threshold-1 (False where it is missing)."""
    return ((values > 0) & (values < threshold)).fillna(False).astype(bool)


def suppress_counts(counts: pd.Series, threshold: int) -> pd.Series:
    """One breakdown (the cells that add up to a shown total) with small cells set to NA."""
    values = counts.astype("Int64")
    hidden = primary(values, threshold).to_numpy(copy=True)
    if hidden.sum() == 1:
        order = np.argsort(values.fillna(0).to_numpy(), kind="stable")
        open_cells = [i for i in order if values.notna().iloc[i] and not hidden[i]]
        bigger = [i for i in open_cells if values.iloc[i] > 0]
        hidden[(bigger or open_cells)[:1]] = True
    return values.mask(hidden)


def suppress_each(counts: pd.Series, threshold: int) -> pd.Series:
    """Counts that are each their own total (a month-end series, not parts of one shown total):
    small ones set to NA, with no secondary cell needed."""
    values = counts.astype("Int64")
    return values.mask(primary(values, threshold).to_numpy())


def suppress_nested(counts: pd.Series, threshold: int, keep: int | None = None) -> pd.Series:
    """Counts under nested definitions (0 days old, under 7 days, under 28 days, under 1): the
    difference of two shown counts is itself a count of children, so a count is shown only if
    it and its difference from every other shown count are 0 or at least `threshold`.
    Position `keep` (the headline definition) is always shown."""
    values = counts.astype("Int64")
    order = sorted(range(len(values)), key=lambda i: (i != keep, values.iloc[i]))
    kept: list[int] = []
    for i in order:
        value = values.iloc[i]
        safe = (
            pd.notna(value)
            and all(not 0 < abs(int(value) - int(values.iloc[j])) < threshold for j in kept)
            and not 0 < int(value) < threshold
        )
        if i == keep or safe:
            kept.append(i)
    return values.where(pd.Series(range(len(values)), index=values.index).isin(kept))


FLOOR = 5  # DfE convention: counts from 1 to 4 could identify a child


def threshold_problems(threshold: int, reason: str, where: str) -> list[str]:
    """Why a pack's suppression threshold may not be used, if it may not."""
    if threshold < 1:
        return [f"{where}: suppression_threshold must be at least 1, not {threshold}"]
    if threshold < FLOOR and not reason.strip():
        return [
            f"{where}: suppression_threshold {threshold} is below {FLOOR}, the DfE convention "
            f"(counts of 1 to {FLOOR - 1} could identify a child); to publish them anyway, "
            "say why in suppression_override_reason"
        ]
    return []


def too_small(count: int, denominator: int | None, threshold: int) -> bool:
    """A figure shown outside a claim (a scorecard cell): a count from 1 to threshold-1, or
    (for a share) that many in or out of the group."""
    counts = [count] if denominator is None else [count, denominator - count]
    return any(0 < c < threshold for c in counts)


def small_rows(table: pd.DataFrame, threshold: int, keep: int | None = None) -> pd.Series:
    """Rows of a table of measurements, each its own total, whose numerator or denominator
    is a count from 1 to threshold-1; row `keep` (the headline, shown in full) excepted."""
    small = primary(table["numerator"].astype("Int64"), threshold)
    small |= primary(table["denominator"].astype("Int64"), threshold)
    return small & (table.index != keep)


def suppress_rows(table: pd.DataFrame, nested: bool, threshold: int) -> pd.DataFrame:
    """A sensitivity table (one row per definition: numerator, denominator, measured, value,
    registered) with every row through disclosure control but the registered one, which is
    the claim's own figure; nested definitions (newborn ages) also hide a count that
    subtracting two shown ones would reveal."""
    registered = table.index[table["registered"]]
    keep = int(registered[0]) if len(registered) else None
    hidden = small_rows(table, threshold, keep)
    table.loc[hidden & primary(table["denominator"], threshold), "denominator"] = pd.NA
    if nested:
        shown = suppress_nested(table["numerator"], threshold, keep)
        hidden |= shown.isna() & table["numerator"].notna()
    table.loc[hidden, "numerator"] = pd.NA
    table.loc[hidden, "measured"] = MARKER
    table.loc[hidden, "value"] = float("nan")
    return table
