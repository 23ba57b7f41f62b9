"""Read, clean and validate an authority's SSDA903 return (CSV folder or DfE XML).

`load(path)` is what metrics and notebooks call: it returns a clean `Dataset` or raises
`DataError` carrying every problem found. `inspect(path)` returns the full report without
raising, for `scrutiny validate`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scrutiny.errors import DataError, Problem
from scrutiny.ssda903.causes import knock_on
from scrutiny.ssda903.clean import clean
from scrutiny.ssda903.coverage import coverage_of
from scrutiny.ssda903.dataset import Dataset, schema
from scrutiny.ssda903.read import read_path
from scrutiny.ssda903.validate import validate

__all__ = ["Dataset", "Report", "data_error", "inspect", "load", "schema"]


@dataclass
class Report:
    source: str
    dataset: Dataset
    problems: list[Problem]
    rows: dict[str, int] = field(default_factory=dict)  # rows read per table

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]


def inspect(path: str | Path) -> Report:
    """Read, clean and validate; raises only UnusableInput (nothing readable at all)."""
    read = read_path(path)
    coverage, gaps = coverage_of(Path(path), read.tables)
    tables, cleaning = clean(read.tables)
    problems = read.problems + gaps + cleaning + validate(tables)
    rows = {name: len(frame) for name, frame in sorted(tables.items())}
    report = Report(str(path), Dataset(tables, str(path), coverage=coverage), problems, rows)
    report.dataset.warnings = report.warnings
    return report


def load(path: str | Path) -> Dataset:
    """The clean dataset, or DataError listing every problem that would make a number wrong."""
    report = inspect(path)
    if report.errors:
        raise data_error(report)
    return report.dataset


def data_error(report: Report) -> DataError:
    """The report's errors, first causes first; values hidden, as they are child-level."""
    return DataError(report.errors, report.source, False, knock_on(report.errors))
