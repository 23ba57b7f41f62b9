"""A published measure for the authority beside its region, England and its statistical
neighbours, year by year: the real series a claim page opens with."""

from __future__ import annotations

import pandas as pd

from scrutiny import catalogue
from scrutiny.errors import ConfigError
from scrutiny.numbers import published_column
from scrutiny.published.query import Extract
from scrutiny.published.tidy import MARKERS
from scrutiny.quarters import year_label

NEIGHBOURS = "statistical neighbours (average)"


def averaged(extract: Extract, measure: str) -> bool:
    """Rates and percentages can be averaged over neighbours; counts of unlike LAs cannot."""
    return catalogue.NEIGHBOURS in extract.catalogue[measure].tests


def comparison_table(
    extract: Extract, measure: str, la: str, edition: str, last_year: int
) -> pd.DataFrame:
    """One row per year to `last_year` (the pack's quarter: later years were not known then),
    latest release: the LA, its region, England and, for a rate or a percentage, the neighbour
    average (to one decimal). Published figures read as published, suppressed ones blank."""
    areas = [la, extract.region_of(la), "England"]
    table = areas_table(extract, measure, areas, last_year).apply(published_column)
    if averaged(extract, measure):
        table[NEIGHBOURS] = [
            neighbour_average(extract, measure, la, y, edition) for y in table.index
        ]
    return labelled(table)


def named_series(extract: Extract, measure: str, area: str) -> tuple[str, pd.DataFrame]:
    """An area's series of a measure, and the area's name as the DfE's latest figure gives it."""
    series = extract.series(measure, area)
    return extract.value(measure, area, int(series["year"].iloc[-1])).la_name, series


def areas_table(extract: Extract, measure: str, areas: list[str], last_year: int) -> pd.DataFrame:
    """One column per area, named as the DfE names it, one row per year to `last_year`."""
    columns = {}
    for area in areas:
        name, series = named_series(extract, measure, area)
        columns[name] = series.set_index("year")["value"]
    table = pd.DataFrame(columns)
    return table[table.index <= last_year]


def unpublished(extract: Extract, measure: str, la: str, last_year: int) -> list[str]:
    """The comparison's cells the DfE did not publish, each with its marker and what the marker
    means ("Middlesbrough 2021/22: c, suppressed (small numbers)"): the table shows a dash."""
    cells = []
    for area in [la, extract.region_of(la), "England"]:
        name, series = named_series(extract, measure, area)
        for year, marker in zip(series["year"], series["marker"], strict=True):
            if marker and year <= last_year:
                cells.append(f"{name} {year_label(year)}: {marker}, {MARKERS[marker]}")
    return cells


def labelled(table: pd.DataFrame) -> pd.DataFrame:
    table.index = [year_label(y) for y in table.index]
    table.index.name = "year to 31 March"
    return table


def neighbour_average(extract: Extract, measure: str, la: str, year: int, edition: str) -> float:
    try:
        return round(extract.neighbour_average(measure, la, year, edition).value, 1)
    except ConfigError:
        return float("nan")


def comparison_frame(table: pd.DataFrame) -> pd.DataFrame:
    """The table as chart data: date (31 March), value, series."""
    years = [int(label[:4]) + 1 for label in table.index]
    long = table.assign(date=[pd.Timestamp(y, 3, 31) for y in years]).melt(
        id_vars="date", var_name="series", value_name="value"
    )
    return long.dropna(subset=["value"]).reset_index(drop=True)
