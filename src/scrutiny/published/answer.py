"""One published figure for an LA, with its region, England and its statistical neighbours'
average beside it: what `scrutiny measure NAME --la CODE --year YYYY` prints."""

from __future__ import annotations

import math

from scrutiny.errors import ConfigError
from scrutiny.published.comparison import averaged
from scrutiny.published.query import Extract, Figure


def edition_for(extract: Extract, year: int) -> str:
    """The latest statistical-neighbour edition drawn up by the end of `year`, else the first."""
    editions = sorted(extract.neighbours["edition"].unique())
    held = [e for e in editions if int(e[:4]) <= year]
    return (held or editions)[-1]


def answer(extract: Extract, measure: str, la: str, year: int, edition: str | None = None) -> dict:
    """The LA's figure as published, then the same figure for its region and England, and the
    neighbour average for a rate or a percentage (a count of unlike LAs is not averaged)."""
    record = extract.catalogue[measure]
    own = extract.value(measure, la, year)
    edition = edition or edition_for(extract, year)
    result = {
        "measure": measure,
        "description": record.description,
        "unit": record.unit,
        "source_code": record.source_code,
        **_figure(own),
        "release": own.release,
        "source": own.source,
        "sha256": own.sha256,
        "region": _beside(extract, measure, extract.region_of(la), year),
        "england": _beside(extract, measure, "England", year),
        "neighbour_average": None,
    }
    if averaged(extract, measure):
        average = extract.neighbour_average(measure, la, year, edition)
        result["neighbour_average"] = {
            "value": None if math.isnan(average.value) else round(average.value, 6),
            "edition": edition,
            "neighbours": int(average.neighbours["value"].notna().sum()),
            "without_value": average.missing,
        }
    return result


def _figure(figure: Figure) -> dict:
    return {
        "la_code": figure.la_code,
        "la_name": figure.la_name,
        "year": figure.year,
        "value": None if math.isnan(figure.value) else figure.value,
        "marker": figure.marker,
    }


def _beside(extract: Extract, measure: str, area: str, year: int) -> dict | None:
    try:
        figure = extract.value(measure, area, year)
    except ConfigError:
        return None
    shown = _figure(figure)
    return {"name": shown["la_name"], "value": shown["value"], "marker": shown["marker"]}
