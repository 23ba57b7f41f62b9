"""The cleaned 903 dataset every metric reads: one tidy pandas frame per table."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import pandas as pd

from scrutiny import yamlsafe
from scrutiny.errors import Problem
from scrutiny.ssda903.coverage import Coverage


@cache
def schema() -> dict:
    """Tables, columns and code lists of the SSDA903 return (schema.yml)."""
    text = resources.files("scrutiny.ssda903").joinpath("schema.yml").read_text("utf-8")
    return yamlsafe.safe_load(text, "schema.yml")


def empty_table(name: str) -> pd.DataFrame:
    """A cleaned table with no rows but the right columns and dtypes."""
    spec = schema()["tables"][name]
    frame = pd.DataFrame({c: pd.Series(dtype="str") for c in spec["columns"]})
    for column in spec["dates"]:
        frame[column] = pd.Series(dtype="datetime64[ns]")
    frame["YEAR"] = pd.Series(dtype="Int64")
    frame["_file"] = pd.Series(dtype="str")  # where each row came from, for error messages
    frame["_row"] = pd.Series(dtype="int64")
    return frame


@dataclass
class Dataset:
    """Cleaned SSDA903 tables.

    Contract for every table: columns named as in the return, upper case; codes stripped and
    upper-cased strings of pandas' Arrow-backed `str` dtype (compact, so large extracts scale),
    blank -> missing (NaN); date columns datetime64 (NaT when blank);
    `YEAR` = collection year (year ending 31 March) of the file a row came from.
    Episodes are de-duplicated on (CHILD, DECOM), latest YEAR wins, sorted by CHILD, DECOM;
    Header has one row per child (latest YEAR wins); OC2 one row per (CHILD, YEAR); Missing one
    row per (CHILD, MIS_START). `_file` and `_row` say where each row was read, for messages.
    V3/V4 episodes are kept: metrics exclude them, because the OC2 cohort needs to see them.
    """

    tables: dict[str, pd.DataFrame]
    source: str = ""
    warnings: list[Problem] = field(default_factory=list)
    coverage: Coverage | None = None  # None: not known (no year folders), so not checked

    def table(self, name: str) -> pd.DataFrame:
        if name not in schema()["tables"]:
            raise KeyError(f"unknown 903 table {name!r}")
        frame = self.tables.get(name)
        return empty_table(name) if frame is None else frame

    def has(self, name: str) -> bool:
        return name in self.tables

    @property
    def header(self) -> pd.DataFrame:
        return self.table("header")

    @property
    def episodes(self) -> pd.DataFrame:
        return self.table("episodes")

    @property
    def oc2(self) -> pd.DataFrame:
        return self.table("oc2")

    @property
    def ad1(self) -> pd.DataFrame:
        return self.table("ad1")

    @property
    def missing(self) -> pd.DataFrame:
        return self.table("missing")
