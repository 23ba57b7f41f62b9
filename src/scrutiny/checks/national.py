"""Figures measured on the DfE's published statistics (the committed extract).

Each figure comes from one named release: the register's, else the latest the DfE had
published before the claim was made, else (no such release held) the earliest held. A later
release that revises the figure is named beside it. Every figure of a measure that England and
the region also publish carries their values as context.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd

from scrutiny import charts, numbers
from scrutiny.catalogue import implements, query_function
from scrutiny.checks.measurement import NEIGHBOURS, Measurement
from scrutiny.claims import Figure
from scrutiny.errors import ConfigError, Unmeasurable
from scrutiny.inputs import Inputs
from scrutiny.metrics.result import percent, percent_change
from scrutiny.published.comparison import averaged
from scrutiny.verdicts import DATA_ISSUE, figure_verdict

# The DfE publishes the year ending 31 March Y in November Y (17 Nov 2022 for 2022; the 2023
# release slipped to December). A release counts as available from the start of December.
AVAILABLE_FROM = (12, 1)


def area(params: dict, inputs: Inputs) -> str:
    return str(params.get("area", inputs.la_code))


def cite(fig) -> str:
    return f"DfE {fig.release} release, {fig.source} (sha256 {fig.sha256[:12]}…)"


def count_or_none(extract, measure: str, la: str, year: int, release) -> int | None:
    try:
        part = extract.value(measure, la, year, release)
    except ConfigError:
        return None
    return None if part.marker else int(part.value)


@implements("dfe-value")
def dfe_value(extract, p: dict, inputs: Inputs):
    fig = extract.value(p["measure"], area(p, inputs), int(p["year"]), p.get("release"))
    numerator = denominator = None
    parts = extract.catalogue[p["measure"]].parts
    if parts:
        top, bottom = parts
        numerator = count_or_none(extract, top, area(p, inputs), fig.year, fig.release)
        denominator = count_or_none(extract, bottom, area(p, inputs), fig.year, fig.release)
    unit = unit_of(extract, p["measure"])
    description = f"{p['measure']} for {fig.la_name}, year ending 31 March {fig.year}"
    return fig.value, numerator, denominator, [fig], description, unit


@implements("dfe-change")
def dfe_change(extract, p: dict, inputs: Inputs):
    la = area(p, inputs)
    years = [int(p["start_year"]), int(p["end_year"])]
    release = p.get("release") or max(releases_covering(inputs, p["measure"], years), default=None)
    before = extract.value(p["measure"], la, years[0], release)
    after = extract.value(p["measure"], la, years[1], release)
    change = percent_change(before.value, after.value)
    description = (
        f"% change in {p['measure']} for {after.la_name}, "
        f"{before.year} to {after.year} (years ending 31 March)"
    )
    return (
        change,
        round(after.value - before.value),
        round(before.value),
        [before, after],
        description,
        "percent change",
    )


@implements("dfe-rank")
def dfe_rank(extract, p: dict, inputs: Inputs):
    table = extract.rank(p["measure"], int(p["year"]), p.get("release"))
    codes = extract.la_codes(area(p, inputs))
    row = table[table["la_code"].isin(codes)].iloc[0]
    fig = extract.value(p["measure"], area(p, inputs), int(p["year"]), int(row["release"]))
    notes = (
        [f"{fig.la_name}: {numbers.published(row['value'])}; tied with another LA"]
        if row["tied"]
        else []
    )
    description = (
        f"rank of {p['measure']} among English local authorities at 31 March "
        f"{p['year']} (1 = highest; {int(row['out_of'])} with a published value)"
    )
    return (
        float(row["rank"]),
        int(row["rank"]),
        int(row["out_of"]),
        [fig],
        description,
        "rank",
        notes,
    )


@implements("dfe-rank-among")
def dfe_rank_among(extract, p: dict, inputs: Inputs):
    figs = [
        extract.value(p["measure"], peer, int(p["year"]), p.get("release")) for peer in p["peers"]
    ]
    values = pd.Series({f.la_code: f.value for f in figs})
    ranks = values.rank(method="min", ascending=False)
    own = extract.la_codes(area(p, inputs))[0]
    if own not in ranks:
        named = ", ".join(f.la_name for f in figs)
        raise Unmeasurable(
            f"the authorities the claim names ({named}) do not include "
            f"{extract.name_of(own)}, so its rank among them cannot be measured"
        )
    listing = ", ".join(
        f"{f.la_name} {numbers.published(f.value)}" for f in sorted(figs, key=lambda f: -f.value)
    )
    description = (
        f"rank of {p['measure']} among {len(figs)} named LAs, year ending 31 March "
        f"{p['year']} (1 = most)"
    )
    return float(ranks[own]), int(ranks[own]), len(figs), figs, description, "rank", [listing]


@implements("dfe-share")
def dfe_share(extract, p: dict, inputs: Inputs):
    la, year = area(p, inputs), int(p["year"])
    top = extract.value(p["numerator"], la, year, p.get("release"))
    bottom = extract.value(p["denominator"], la, year, top.release)
    description = f"{p['numerator']} as % of {p['denominator']}, {top.la_name}, {year}"
    return (
        percent(top.value, bottom.value),
        round(top.value),
        round(bottom.value),
        [top, bottom],
        description,
        "percent",
    )


@implements("dfe-neighbour-average")
def dfe_neighbour_average(extract, p: dict, inputs: Inputs):
    """The mean of a measure over the authority's statistical neighbours with a value."""
    la, year = area(p, inputs), int(p["year"])
    edition = str(p.get("edition", inputs.sn_edition))
    average = extract.neighbour_average(p["measure"], la, year, edition, p.get("release"))
    named = average.neighbours[average.neighbours["value"].notna()]
    figs = [extract.value(p["measure"], code, year, average.release) for code in named["la_code"]]
    own = extract.value(p["measure"], la, year, average.release)
    description = (
        f"average of {p['measure']} over {own.la_name}'s {len(figs)} statistical neighbours "
        f"with a value ({edition} edition), year ending 31 March {year}"
    )
    notes = [f"no value for {', '.join(average.missing)}"] if average.missing else []
    return average.value, None, None, figs, description, unit_of(extract, p["measure"]), notes


def unit_of(extract, measure: str) -> str:
    """percent, or count for a count or a rate (as the figure is read)."""
    return "percent" if extract.catalogue[measure].unit == "percent" else "count"


def measure_national(figure: Figure, inputs: Inputs) -> Measurement:
    years = figure_years(figure.params)
    measures = [figure.params[k] for k in ("measure", "numerator") if k in figure.params]
    if not all(releases_covering(inputs, m, years) for m in measures):
        note = (
            f"no release in the published extract gives {', '.join(measures)} for "
            f"{', '.join(map(str, years))}; {inputs.extract.coverage(measures[0])}"
        )
        return Measurement(figure, None, DATA_ISSUE, figure.metric, "DfE", notes=[note])
    answer = query_function(figure.metric)(inputs.extract, figure.params, inputs)
    value, numerator, denominator, figs, description, unit, *extra = answer
    notes = list(extra[0]) if extra else []
    suppressed = [f for f in figs if f.marker]
    if suppressed:
        notes += [
            f"{f.la_name} {f.year}: published as '{f.marker}' (suppressed or not "
            "applicable), so no verdict"
            for f in suppressed
        ]
        value = None
    elif value != value:  # NaN: a change from 0, or a share of 0
        notes.append("the published base figure is 0, so the change or share is undefined")
        value = None
    return Measurement(
        figure,
        value,
        figure_verdict(figure, value),
        description,
        "; ".join(dict.fromkeys(cite(f) for f in figs)),
        numerator,
        denominator,
        dict(figure.params),
        notes,
        unit,
        context=context(figure, inputs) if value is not None else {},
        as_published=figure.metric == "dfe-value",
    )


def context(figure: Figure, inputs: Inputs) -> dict:
    """The same query for England, the region and the statistical-neighbour average."""
    if figure.metric not in {"dfe-value", "dfe-change", "dfe-share"}:
        return {}
    own = area(figure.params, inputs)
    if own == "England":
        return {}
    extract, query = inputs.extract, query_function(figure.metric)
    found = {}
    for name in ("England", extract.region_of(own)):
        try:
            value = query(extract, {**figure.params, "area": name}, inputs)[0]
        except ConfigError:
            continue
        if value == value:
            found[name] = round(float(value), 6)
    measure = figure.params.get("measure", "")
    if figure.metric == "dfe-share":  # the share as the DfE publishes it, where it does
        share = extract.published_share(figure.params["numerator"], figure.params["denominator"])
        measure = share or measure
    if figure.metric in ("dfe-value", "dfe-share") and averaged(extract, measure):
        try:
            average = extract.neighbour_average(
                measure,
                own,
                int(figure.params["year"]),
                inputs.sn_edition,
                figure.params.get("release"),
            )
        except ConfigError:
            average = None
        if average is not None and average.value == average.value:
            found[NEIGHBOURS] = round(average.value, 6)
    return found


def release_published(release: int) -> date:
    return date(release, *AVAILABLE_FROM)


def with_release(figure: Figure, inputs: Inputs, said_on: date | None) -> tuple[Figure, str]:
    """The figure pinned to one release, and why that release (for the page)."""
    if figure.source != "dfe" or "release" in figure.params:
        return figure, ""
    measure = figure.params.get("measure") or figure.params.get("numerator")
    held = releases_covering(inputs, measure, figure_years(figure.params))
    if not held:
        return figure, ""
    before = [r for r in held if said_on and release_published(r) <= said_on]
    if before:
        chosen = max(before)
        why = f"the {chosen} release: the latest published before the claim ({said_on:%-d %b %Y})"
    else:
        chosen = min(held)
        why = f"the {chosen} release: the earliest the pack holds" + (
            f"; the one current when the claim was made ({said_on:%-d %b %Y}) is not held"
            if said_on
            else ""
        )
    return replace(figure, params={**figure.params, "release": chosen}), why


def later_release_note(measurement: Measurement, inputs: Inputs) -> str:
    """What the newest release says, when it revises the figure used."""
    figure = measurement.figure
    measure = figure.params.get("measure") or figure.params.get("numerator")
    held = releases_covering(inputs, measure, figure_years(figure.params))
    latest = max(held, default=None)
    if measurement.value is None or latest is None or latest == figure.params.get("release"):
        return ""
    newer = measure_national(replace(figure, params={**figure.params, "release": latest}), inputs)
    if newer.value is None or newer.shown() == measurement.shown():
        return ""
    return f"the {latest} release revises it to {newer.shown()}"


def figure_years(params: dict) -> list[int]:
    return [int(params[k]) for k in ("year", "start_year", "end_year") if k in params]


def releases_covering(inputs: Inputs, measure: str, years: list[int]) -> list[int]:
    """Releases that publish `measure` for every one of `years`, oldest first."""
    releases = inputs.extract.provenance["measures"][measure]["releases"]
    return sorted(
        int(r)
        for r, entry in releases.items()
        if all(entry["years"][0] <= y <= entry["years"][1] for y in years)
    )


def release_variants(figure: Figure, inputs: Inputs) -> list[tuple[str, str, dict]]:
    """The same query in every release that publishes it (figures are revised)."""
    measure = figure.params.get("measure") or figure.params.get("numerator")
    return [
        (f"DfE {release} release", figure.metric, {**figure.params, "release": release})
        for release in releases_covering(inputs, measure, figure_years(figure.params))
    ]


def national_chart(figures: list[Figure], inputs: Inputs):
    figure, p = figures[0], figures[0].params
    extract = inputs.extract
    if figure.metric in {"dfe-rank", "dfe-rank-among"}:
        if figure.metric == "dfe-rank":
            table = extract.rank(p["measure"], int(p["year"])).head(10)
        else:
            table = pd.DataFrame(
                [
                    {"la_name": f.la_name, "value": f.value}
                    for f in (
                        extract.value(p["measure"], peer, int(p["year"])) for peer in p["peers"]
                    )
                ]
            )
        frame = table[["la_name", "value"]].rename(columns={"la_name": "authority"})
        what = described(extract, p["measure"])
        title = f"{what}, {p['year']}: " + (
            "top ten English LAs" if figure.metric == "dfe-rank" else "the LAs compared"
        )
        return charts.bars(frame, "authority", what, title, sort=frame["authority"].tolist())
    measure = p.get("measure") or p.get("numerator")
    areas = [area(p, inputs)] + (
        ["England"]
        if area(p, inputs) != "England" and extract.catalogue[measure].unit == "percent"
        else []
    )
    rows = []
    for name in areas:
        series = extract.series(measure, name)
        series = series[series["year"] <= inputs.quarter.last_year]  # the years the pack covers
        rows += [
            {"date": pd.Timestamp(int(y), 3, 31), "value": v, "series": shown_area(name, inputs)}
            for y, v in zip(series["year"], series["value"], strict=True)
        ]
    what = described(extract, measure)
    chart = charts.line_over_time(pd.DataFrame(rows), what, f"{what}, by year to 31 March")
    if figure.metric == "dfe-value" and figure.claimed:
        marks = pd.DataFrame(
            {"value": [figure.claimed_value], "label": [f"claimed {figure.claimed}"]}
        )
        return charts.claimed_rules(chart, marks)
    return chart


def described(extract, measure: str) -> str:
    """A measure as the DfE describes it, for a chart's title: words, not the measure's id."""
    what = extract.catalogue[measure].description
    return what[:1].upper() + what[1:]


def shown_area(area_code: str, inputs: Inputs) -> str:
    return inputs.la_name if area_code == inputs.la_code else area_code
