"""Write yearly returns as the CSV files an authority uploads (DfE headers, column order)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def write_year(folder: Path, tables: dict[str, pd.DataFrame]) -> list[Path]:
    """One CSV per table, UTF-8 without BOM, `\\n` line ends, blanks as empty cells."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables.items():
        path = folder / f"{name}.csv"
        frame.to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    return written
