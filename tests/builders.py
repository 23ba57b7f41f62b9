"""Test helpers: tiny 903 returns written as CSVs (one folder per collection year) and loaded.

Rows are dicts built by `child`, `episode`, `oc2` and `missing`; dates are given as ISO
strings and written as dd/mm/YYYY, so tests go through the reader's cleaning.
"""

from __future__ import annotations

import csv
from pathlib import Path

from scrutiny import ssda903
from scrutiny.errors import DataError
from scrutiny.ssda903.dataset import Dataset, schema


def child(child_id: str, dob: str, ethnic: str = "WBRI", sex: str = "1") -> dict:
    return {"CHILD": child_id, "SEX": sex, "DOB": dob, "ETHNIC": ethnic, "UPN": "UN1"}


def episode(
    child_id: str,
    decom: str,
    dec: str = "",
    rec: str = "",
    rne: str = "S",
    ls: str = "C2",
    place: str = "U4",
    provider: str = "PR1",
) -> dict:
    return {
        "CHILD": child_id,
        "DECOM": decom,
        "RNE": rne,
        "LS": ls,
        "CIN": "N1",
        "PLACE": place,
        "PLACE_PROVIDER": provider,
        "DEC": dec,
        "REC": rec,
    }


def oc2(child_id: str, teeth: str = "", health: str = "", immunisations: str = "") -> dict:
    return {
        "CHILD": child_id,
        "TEETH_CHECK": teeth,
        "HEALTH_ASSESSMENT": health,
        "IMMUNISATIONS": immunisations,
    }


def missing(child_id: str, start: str, kind: str = "M") -> dict:
    return {"CHILD": child_id, "MISSING": kind, "MIS_START": start}


def write_903(root: Path, years: dict[int, dict[str, list[dict]]]) -> Path:
    """Write `{year: {table: rows}}` as root/<year>/<table>.csv with the return's full header."""
    for year, tables in years.items():
        folder = root / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        for name, rows in tables.items():
            spec = schema()["tables"][name]
            with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, fieldnames=spec["columns"], restval="")
                writer.writeheader()
                for row in rows:
                    writer.writerow({k: _as_written(k, v, spec["dates"]) for k, v in row.items()})
    return root


COVERAGE_RULES = {"incomplete-year", "missing-year"}


def load_903(
    root: Path, years: dict[int, dict[str, list[dict]]], coverage: bool = False
) -> Dataset:
    """Write the return under `root` and read it back as `ssda903.load` does.

    Metric tests check counting rules on a few rows, not which years a return covers: unless
    `coverage` is asked for, the coverage rules (tested on their own) are left out.
    """
    report = ssda903.inspect(write_903(root, years))
    errors = [p for p in report.errors if coverage or p.rule not in COVERAGE_RULES]
    if errors:
        raise DataError(errors, str(root))
    if not coverage:
        report.dataset.coverage = None
    return report.dataset


def _as_written(column: str, value: str, dates: list[str]) -> str:
    """ISO dates as the return writes them (dd/mm/YYYY); everything else unchanged."""
    if column in dates and value:
        year, month, day = value.split("-")
        return f"{day}/{month}/{year}"
    return value


AREA_COLUMNS = [
    "la_code",
    "old_la_code",
    "la_name",
    "geographic_level",
    "region_name",
    "first_year",
    "last_year",
]


def areas_table(rows: list[tuple]):
    """The published extract's areas.csv as a DataFrame, from (code, old code, name, level,
    region, first year, last year) rows."""
    import pandas as pd

    return pd.DataFrame(rows, columns=AREA_COLUMNS)
