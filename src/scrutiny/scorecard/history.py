"""Each indicator's published years: the authority, its statistical neighbours, region, England.

Every figure of a year comes from the release the authority's own figure for that year comes
from (the latest release publishing it), so a row compares like with like and cites one file.
"""

from __future__ import annotations

import math

import pandas as pd

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
    releases = set(series["release"])
    region = area_values(extract, indicator.measure, extract.region_of(la), releases)
    england = area_values(extract, indicator.measure, "England", releases)
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
                "region": region.get((year, release), math.nan),
                "england": england.get((year, release), math.nan),
                "release": int(release),
                "source": source,
                "sha256": sha[source],
            }
        )
    return rows


def area_values(extract: Extract, measure: str, area: str, releases: set[int]) -> dict:
    """(year, release) -> a region's or England's figure in each of `releases`."""
    return {
        (int(year), release): value
        for release in sorted(releases)
        for year, value in extract.series(measure, area, release)[["year", "value"]].itertuples(
            index=False
        )
    }
