"""Which dates an extract covers: one rule for the reader, `scrutiny measure` and the pack.

A 903 return for collection year Y records every episode open at any time from 1 April Y-1 to
31 March Y. An extract of returns 2020 to 2022 therefore covers 1 April 2019 to 31 March 2022;
a date or period outside that is not partially counted but refused, naming what would cover it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from scrutiny.errors import OutsideCoverage, Problem
from scrutiny.ssda903.raw import YEAR_FOLDER, RawTable

NEEDED = ("header", "episodes")  # a year without both cannot count anyone


def return_year(day: date) -> int:
    """The collection year whose return records `day` (years end on 31 March)."""
    return day.year + (day.month >= 4)


@dataclass(frozen=True)
class Coverage:
    years: tuple[int, ...]  # collection years present, consecutive, oldest first

    @property
    def start(self) -> date:
        return date(self.years[0] - 1, 4, 1)

    @property
    def end(self) -> date:
        return date(self.years[-1], 3, 31)

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end

    def describe(self) -> str:
        returns = (
            f"the {self.years[0]} return"
            if len(self.years) == 1
            else f"returns {self.years[0]} to {self.years[-1]}"
        )
        return f"the extract covers {self.start:%-d %b %Y} to {self.end:%-d %b %Y} ({returns})"

    def require(self, days: list[date], what: str) -> None:
        """Refuse a figure any of whose dates lies outside the extract."""
        outside = [d for d in days if not self.covers(d)]
        if outside:
            needed = sorted({return_year(d) for d in outside})
            returns = " and ".join(f"the {y} return" for y in needed)
            shown = ", ".join(f"{d:%-d %b %Y}" for d in outside)
            raise OutsideCoverage(
                f"{what} reaches {shown}: that needs {returns}; {self.describe()}"
            )


def coverage_of(path: Path, tables: list[RawTable]) -> tuple[Coverage | None, list[Problem]]:
    """The years the extract covers, and an error for a year that cannot be counted.

    None when no file sits in a year folder (a single file): its years are inferred from its
    dates and its coverage cannot be known, so it is not checked.
    """
    found: dict[int, set[str]] = {}
    for table in tables:
        if table.year is not None:
            found.setdefault(table.year, set()).add(table.name)
    if path.is_dir():
        for folder in path.iterdir():
            if YEAR_FOLDER.match(folder.name):
                found.setdefault(int(folder.name), set())
    if not found:
        return None, []
    problems = [
        Problem(
            "incomplete-year",
            f"the {year} return has no {' or '.join(n for n in NEEDED if n not in names)} "
            "table, so no child can be counted in 1 April "
            f"{year - 1} to 31 March {year}; add it or remove the folder",
            file=str(path / str(year)) if path.is_dir() else str(path),
        )
        for year, names in sorted(found.items())
        if not set(NEEDED) <= names
    ]
    years = sorted(found)
    gaps = sorted(set(range(years[0], years[-1] + 1)) - set(years))
    problems += [
        Problem(
            "missing-year",
            f"no {year} return between {years[0]} and {years[-1]}: dates from 1 April "
            f"{year - 1} to 31 March {year} would be counted wrongly; add the {year} folder",
            file=str(path / str(year)) if path.is_dir() else str(path),
        )
        for year in gaps
    ]
    return Coverage(tuple(years)), problems
