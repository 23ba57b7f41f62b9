"""Membership of strings in a large set (children of one table among another's), in Arrow.

pandas' `str` dtype `isin` builds a Python object for every member of the set it is given:
for "episodes whose CHILD is in the header" that was most of a metric's time on a large
extract. Arrow hashes both sides natively. Blank (missing) matches blank, as in pandas.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc


def strings(values) -> pa.Array:
    """Any sequence of strings and blanks (Series, Index, array) as one Arrow array."""
    array = pa.array(pd.array(values, dtype="str"))
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    return array.cast(pa.large_string())


def isin(values, pool) -> np.ndarray:
    """Boolean mask: which of `values` are in `pool`."""
    found = pc.is_in(strings(values), value_set=strings(pool))
    return found.fill_null(False).to_numpy(zero_copy_only=False)
