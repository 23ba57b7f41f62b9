"""Disclosure control for breakdowns of child-level counts.

Counts from 1 to threshold-1 are suppressed (primary). Where a breakdown's total is published,
one suppressed cell could be recovered by subtraction, so the next smallest cell is suppressed
too (secondary). Zeros are shown: they disclose nothing about a child. Headline totals are not
suppressed.
"""

from __future__ import annotations

import pandas as pd

MARKER = "<{threshold}"


def suppress_counts(counts: pd.Series, threshold: int) -> pd.Series:
    """One breakdown (the cells that add up to a shown total) with small cells set to NA."""
    values = counts.astype("Int64")
    small = (values > 0) & (values < threshold)
    if small.sum() == 1:
        rest = values[~small & (values > 0)]
        if not rest.empty:
            small[rest.idxmin()] = True
    return values.mask(small)


def suppress_table(frame: pd.DataFrame, columns: list[str], threshold: int) -> pd.DataFrame:
    """Suppress each row's cells across `columns` (a row = one breakdown of its total)."""
    out = frame.copy()
    if out.empty:
        return out
    out[columns] = out[columns].apply(lambda row: suppress_counts(row, threshold), axis=1)
    return out


def shown(values: pd.Series, threshold: int) -> pd.Series:
    """Counts as text for a table: suppressed cells read '<5'."""
    marker = MARKER.format(threshold=threshold)
    return values.astype("Int64").astype("string").fillna(marker)
