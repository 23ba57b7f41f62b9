"""Read one official CSV into a common layout, whatever release or table it comes from.

Common layout (all strings except `year` and `row`): year, row (as a spreadsheet numbers it),
geographic_level, la_code, old_la_code, la_name, region_code, region_name, group, item, number,
percentage, rate_per_10000, population_estimate. `la_code` is the area's current-style code:
the new LA code, the region code for regions, E92000001 for England. The 2025 release's renamed
columns are mapped back to the earlier names; the UTF-8 byte-order mark is dropped.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import pandas as pd

from scrutiny import yamlsafe
from scrutiny.errors import DataError, Problem, UnusableInput

ENGLAND = ("E92000001", "England")
COMMON = [
    "year",
    "row",
    "geographic_level",
    "la_code",
    "old_la_code",
    "la_name",
    "region_code",
    "region_name",
    "group",
    "item",
    "number",
    "percentage",
    "rate_per_10000",
    "population_estimate",
]
RENAMED_2025 = {
    "population_type": "population_count",
    "children_count": "number",
    "children_percent": "percentage",
}
ITEM_COLUMN = {
    "rates": "population_count",
    "characteristics": "characteristic",
    "population": "age_group",
}
# The geography every EES local-authority table carries, then each table's own columns.
GEOGRAPHY = [
    "time_period",
    "geographic_level",
    "country_code",
    "region_code",
    "region_name",
    "old_la_code",
    "new_la_code",
    "la_name",
]
REQUIRED = {
    "rates": [*GEOGRAPHY, "population_count", "population_estimate", "number", "rate_per_10000"],
    "characteristics": [*GEOGRAPHY, "cla_group", "characteristic", "number", "percentage"],
    "placements": [
        "time_period",
        "geographic_level",
        "geo_breakdown",
        "new_la_code",
        "old_la_code",
        "cla_group",
        "characteristic",
        "number",
        "percentage",
    ],
    "population": [*GEOGRAPHY, "age_group", "population_estimate"],
}


@cache
def measures_file() -> dict:
    """Each published measure's source (file, item, column) and the region codes (measures.yml)."""
    text = resources.files("scrutiny.published").joinpath("measures.yml").read_text("utf-8")
    return yamlsafe.safe_load(text, "measures.yml")


def read_table(path: Path, table: str) -> pd.DataFrame:
    """The file at `path`, laid out as `table`, in the common layout."""
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as error:
        raise UnusableInput(f"{path}: cannot read as a UTF-8 CSV ({error})") from error
    raw = _harmonise_columns(raw)
    missing = [c for c in REQUIRED[table] if c not in raw.columns]
    if missing:
        raise UnusableInput(f"{path}: missing column(s) {missing} for a {table} table")
    raw["row"] = raw.index + 2
    raw["year"] = _years(raw, path)
    shaped = _placements(raw) if table == "placements" else _coded_areas(raw, table)
    return shaped[COMMON].reset_index(drop=True)


def _harmonise_columns(raw: pd.DataFrame) -> pd.DataFrame:
    raw = raw.rename(columns=lambda c: c.strip())
    if "breakdown" in raw.columns:  # 2025: characteristic holds the group, breakdown the item
        raw = raw.rename(columns={"characteristic": "cla_group", "breakdown": "characteristic"})
    return raw.rename(columns=RENAMED_2025)


def _years(raw: pd.DataFrame, path: Path) -> pd.Series:
    bad = ~raw["time_period"].str.fullmatch(r"\d{4}")
    if bad.any():
        problems = [
            Problem(
                "time-period",
                "time_period must be a 4-digit year",
                file=str(path),
                row=int(row),
                column="time_period",
                value=value,
            )
            for row, value in raw.loc[bad, ["row", "time_period"]].itertuples(index=False)
        ]
        raise DataError(problems, source=str(path))
    return raw["time_period"].astype(int)


def _coded_areas(raw: pd.DataFrame, table: str) -> pd.DataFrame:
    level = raw["geographic_level"]
    national, regional = level.eq("National"), level.eq("Regional")
    out = raw.assign(
        la_code=raw["new_la_code"].mask(regional, raw["region_code"]).mask(national, ENGLAND[0]),
        la_name=raw["la_name"].mask(regional, raw["region_name"]).mask(national, ENGLAND[1]),
        group=raw["cla_group"] if table == "characteristics" else "",
        item=raw[ITEM_COLUMN[table]],
    )
    for column in ("number", "percentage", "rate_per_10000", "population_estimate"):
        if column not in out.columns:
            out[column] = ""
    return out


def _placements(raw: pd.DataFrame) -> pd.DataFrame:
    """Dashboard placements file: areas named in geo_breakdown, no region columns."""
    raw = raw[raw["geographic_level"].isin(["National", "Regional", "Local authority"])]
    level, name = raw["geographic_level"], raw["geo_breakdown"]
    region_codes = name.map(measures_file()["regions"]).fillna("")
    return raw.assign(
        la_code=raw["new_la_code"]
        .mask(level.eq("Regional"), region_codes)
        .mask(level.eq("National"), ENGLAND[0]),
        la_name=name.mask(level.eq("National"), ENGLAND[1]),
        region_code=region_codes.where(level.eq("Regional"), ""),
        region_name=name.where(level.eq("Regional"), ""),
        group=raw["cla_group"],
        item=raw["characteristic"],
        rate_per_10000="",
        population_estimate="",
    )
