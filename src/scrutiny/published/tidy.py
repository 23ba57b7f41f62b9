"""Turn official tables into one tidy long frame: one figure per row, with our measure names.

Tidy columns: release, year, geographic_level, la_code, old_la_code, la_name, region_name,
measure, value (float), marker, source. A suppressed or unavailable figure is a missing
value with its DfE marker (`c`, `z`, `x`, `low`, `k`; LAIT's `-`), never a zero; `marker`
is "" for a published number. Any other text in a value cell is an error naming file, row
and column.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from scrutiny.errors import DataError, Problem
from scrutiny.published import lait
from scrutiny.published.manifest import Source, cache_dir
from scrutiny.published.tables import REQUIRED, measures_file, read_table

MARKERS = {
    "c": "suppressed (small numbers)",
    "z": "not applicable",
    "x": "not available",
    "low": "rounds to zero",
    "k": "under 0.5%",
    "-": "not published in LAIT (suppressed, not collected or not applicable)",
}
TIDY = [
    "release",
    "year",
    "geographic_level",
    "la_code",
    "old_la_code",
    "la_name",
    "region_name",
    "measure",
    "value",
    "marker",
    "source",
]
KEY = ["measure", "release", "year", "la_code"]
READ_TABLES = set(REQUIRED)  # the CLA and ONS layouts tables.py reads


def parse_values(text: pd.Series, rows: pd.Series, file: str, column: str):
    """(float values, markers) for a column of published cells; unknown text is an error."""
    stripped = text.str.strip()
    value = pd.to_numeric(stripped, errors="coerce").astype(float)
    marker = stripped.str.lower().where(value.isna(), "")
    bad = marker.ne("") & ~marker.isin(list(MARKERS))
    if bad.any():
        problems = [
            Problem(
                "value-marker",
                f"not a number nor a DfE marker {sorted(MARKERS)}",
                file=file,
                row=int(row),
                column=column,
                value=cell,
            )
            for row, cell in zip(rows[bad], text[bad], strict=True)
        ]
        raise DataError(problems, source=file)
    return value, marker


def tidy_source(source: Source, path: Path) -> pd.DataFrame:
    """The figures our measures take from one official file, in tidy long form."""
    frame = read_table(path, source.table)
    parts = []
    for name, spec in measures_file()["measures"].items():
        if spec["table"] != source.table:
            continue
        chosen = frame[frame["item"].isin(spec["items"]) & frame["group"].eq(spec.get("group", ""))]
        if chosen.empty:
            continue
        value, marker = parse_values(
            chosen[spec["column"]], chosen["row"], source.path, spec["column"]
        )
        parts.append(chosen.assign(measure=name, value=value, marker=marker))
    if not parts:
        return pd.DataFrame(columns=TIDY)
    tidy = pd.concat(parts).assign(release=source.release, source=source.path)
    _check_keys(tidy, source.path)
    return tidy[TIDY]


def load_published(sources: list[Source], cache: Path | None = None) -> pd.DataFrame:
    """Every measure from every statistics source (CLA releases, ONS, LAIT), names and regions
    filled from the latest CLA release that gives them; sorted by measure, la_code, year,
    release. LAIT's areas are coded as the CLA files code them."""
    cache = cache or cache_dir()
    frames = [tidy_source(s, cache / s.path) for s in sources if s.table in READ_TABLES]
    tidy = pd.concat(frames, ignore_index=True)
    area_table = areas(tidy)
    known = area_table.set_index("la_code")
    for column in ("old_la_code", "la_name", "region_name"):
        tidy[column] = tidy["la_code"].map(known[column])
    dictionary = lait_dictionary(sources, cache)
    tidy = pd.concat(
        [tidy]
        + [
            lait.tidy_lait(s, cache / s.path, dictionary, area_table)
            for s in sources
            if s.table == "lait"
        ],
        ignore_index=True,
    )
    return tidy.sort_values(KEY, ignore_index=True)


def lait_dictionary(sources: list[Source], cache: Path | None = None) -> pd.DataFrame | None:
    """LAIT's data dictionary (its measures in TOPICS), when the manifest names one."""
    cache = cache or cache_dir()
    found = [s for s in sources if s.table == "lait-dictionary"]
    return lait.read_dictionary(cache / found[0].path) if found else None


def measure_records(sources: list[Source], cache: Path | None = None) -> dict[str, dict]:
    """Every measure's record: measures.yml's CLA and ONS measures, then LAIT's."""
    dictionary = lait_dictionary(sources, cache)
    held = lait.measure_records(dictionary) if dictionary is not None else {}
    return {**measures_file()["measures"], **held}


def is_lait(tidy: pd.DataFrame) -> pd.Series:
    return tidy["measure"].str.startswith(lait.PREFIX)


def areas(tidy: pd.DataFrame) -> pd.DataFrame:
    """One row per area code: its old code, name, level and region as last published, and
    the first and last year it has figures for."""
    latest = tidy.replace({"old_la_code": {"": None}, "region_name": {"": None}})
    latest = latest.sort_values(["release", "year", "source"], kind="stable")
    columns = ["old_la_code", "la_name", "geographic_level", "region_name"]
    grouped = latest.groupby("la_code")
    table = (
        grouped[columns]
        .last()
        .fillna("")
        .join(grouped["year"].agg(first_year="min", last_year="max"))
    )
    return table.reset_index().sort_values("la_code", ignore_index=True)


def _check_keys(tidy: pd.DataFrame, file: str) -> None:
    blank = tidy["la_code"].eq("")
    duplicated = tidy.duplicated(KEY, keep=False)
    problems = [
        Problem("area-code", "row has no area code", file=file, row=int(row), column="new_la_code")
        for row in tidy.loc[blank, "row"]
    ] + [
        Problem(
            "duplicate", f"second figure for {measure} {la_code} {year}", file=file, row=int(row)
        )
        for row, measure, la_code, year in tidy.loc[
            duplicated & ~blank, ["row", "measure", "la_code", "year"]
        ].itertuples(index=False)
    ]
    if problems:
        raise DataError(problems, source=file)
