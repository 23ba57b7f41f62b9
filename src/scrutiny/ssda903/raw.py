"""Raw tables as read from files, before cleaning: every cell a string."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from scrutiny.errors import Problem

YEAR_FOLDER = re.compile(r"^(19|20)\d{2}$")


@dataclass
class RawTable:
    """One table as read from one file: every cell a string ("" when blank)."""

    name: str
    frame: pd.DataFrame
    file: str
    year: int | None
    row_kind: str = "row"  # the frame's index: spreadsheet "row" (CSV) or CHILD "record" (XML)


@dataclass
class ReadResult:
    tables: list[RawTable]
    problems: list[Problem]


def folder_year(path: Path, root: Path) -> int | None:
    """Collection year from the nearest 4-digit folder name between the file and the root."""
    for parent in path.relative_to(root).parents:
        if parent.name and YEAR_FOLDER.match(parent.name):
            return int(parent.name)
    if YEAR_FOLDER.match(root.name):
        return int(root.name)
    return None
