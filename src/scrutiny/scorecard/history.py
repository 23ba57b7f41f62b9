"""Each indicator's published years: the authority, its statistical neighbours, region, England.

Every figure of a year comes from the release the authority's own figure for that year comes
from (the latest release publishing it), so a row compares like with like and cites one file.
"""

from __future__ import annotations

import math

import pandas as pd

from scrutiny.errors import ConfigError
from scrutiny.published import Extract
from scrutiny.quarters import Quarter
from scrutiny.scorecard.indicators import Indicator, collection_year

COLUMNS = [
    "indicator",
    "title",
    "measure",
    "year",
    "authority",
    "marker",
    "neighbour_average",
    "neighbour_min",
    "neighbour_max",
    "neighbours_with_value",
    "region",
    "england",
    "release",
    "source",
    "sha256",
]


def published_history(
    extract: Extract,
    indicators: list[Indicator],
    la: str,
    edition: str,
    quarter: Quarter | None = None,
) -> pd.DataFrame:
    """One row per indicator and published year (up to the quarter's latest collection year)."""
    rows = [
        row
        for indicator in indicators
        for row in indicator_years(extract, indicator, la, edition, quarter)
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def indicator_years(
    extract: Extract, indicator: Indicator, la: str, edition: str, quarter: Quarter | None
) -> list[dict]:
    series = extract.series(indicator.measure, la)
    if quarter is not None:
        series = series[series["year"] <= collection_year(quarter)]
    sha = {s["path"]: s["sha256"] for s in extract.provenance["sources"]}
    region = extract.region_of(la)
    rows = []
    for year, value, marker, release, source in series.itertuples(index=False):
        group = extract.neighbour_average(indicator.measure, la, year, edition, release)
        values = group.neighbours["value"]
        rows.append(
            {
                "indicator": indicator.id,
                "title": indicator.title,
                "measure": indicator.measure,
                "year": int(year),
                "authority": value,
                "marker": marker,
                "neighbour_average": group.value,
                "neighbour_min": values.min(),
                "neighbour_max": values.max(),
                "neighbours_with_value": int(values.notna().sum()),
                "region": area_value(extract, indicator.measure, region, year, release),
                "england": area_value(extract, indicator.measure, "England", year, release),
                "release": int(release),
                "source": source,
                "sha256": sha[source],
            }
        )
    return rows


def area_value(extract: Extract, measure: str, area: str, year: int, release: int) -> float:
    """A region's or England's figure, NaN when that release does not publish one."""
    try:
        return extract.value(measure, area, year, release).value
    except ConfigError:
        return math.nan
