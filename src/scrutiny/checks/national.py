"""Figures measured on the DfE's published statistics (the committed extract)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from scrutiny import charts
from scrutiny.checks.inputs import Inputs
from scrutiny.checks.measurement import Measurement
from scrutiny.claims import DATA_ISSUE, Figure, verdict
from scrutiny.errors import ConfigError

# A published percentage and the two counts it is made of, so the page shows both.
PARTS = {
    "teeth_checked_pct": ("teeth_checked", "health_cohort"),
    "health_assessment_pct": ("health_assessment", "health_cohort"),
    "immunisations_pct": ("immunisations", "health_cohort"),
    "starters_under_1_pct": ("starters_under_1", "starters"),
    "placed_with_parents_pct": ("placed_with_parents", "cla_at_31_march"),
    "adopted_pct": ("adopted", "ceased"),
    "sgo_pct": ("sgo", "ceased"),
    "cla_rate_per_10000": ("cla_at_31_march", "population_0_17_rate_denominator"),
}


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


def dfe_value(extract, p: dict, inputs: Inputs):
    fig = extract.value(p["measure"], area(p, inputs), int(p["year"]), p.get("release"))
    numerator = denominator = None
    if p["measure"] in PARTS:
        top, bottom = PARTS[p["measure"]]
        numerator = count_or_none(extract, top, area(p, inputs), fig.year, fig.release)
        denominator = count_or_none(extract, bottom, area(p, inputs), fig.year, fig.release)
    unit = "percent" if p["measure"].endswith("_pct") else "count"
    definition = f"{p['measure']} for {fig.la_name}, year ending 31 March {fig.year}"
    return fig.value, numerator, denominator, [fig], definition, unit


def dfe_change(extract, p: dict, inputs: Inputs):
    la = area(p, inputs)
    years = [int(p["start_year"]), int(p["end_year"])]
    release = p.get("release") or max(releases_covering(inputs, p["measure"], years), default=None)
    before = extract.value(p["measure"], la, years[0], release)
    after = extract.value(p["measure"], la, years[1], release)
    change = 100.0 * (after.value - before.value) / before.value
    definition = (
        f"% change in {p['measure']} for {after.la_name}, "
        f"{before.year} to {after.year} (years ending 31 March)"
    )
    return (
        change,
        round(after.value - before.value),
        round(before.value),
        [before, after],
        definition,
        "percent change",
    )


def dfe_rank(extract, p: dict, inputs: Inputs):
    table = extract.rank(p["measure"], int(p["year"]), p.get("release"))
    codes = extract.la_codes(area(p, inputs))
    row = table[table["la_code"].isin(codes)].iloc[0]
    fig = extract.value(p["measure"], area(p, inputs), int(p["year"]), int(row["release"]))
    notes = [f"{fig.la_name}: {row['value']:g}; tied with another LA"] if row["tied"] else []
    definition = (
        f"rank of {p['measure']} among English local authorities at 31 March "
        f"{p['year']} (1 = highest; {int(row['out_of'])} with a published value)"
    )
    return (
        float(row["rank"]),
        int(row["rank"]),
        int(row["out_of"]),
        [fig],
        definition,
        "rank",
        notes,
    )


def dfe_rank_among(extract, p: dict, inputs: Inputs):
    figs = [
        extract.value(p["measure"], peer, int(p["year"]), p.get("release")) for peer in p["peers"]
    ]
    values = pd.Series({f.la_code: f.value for f in figs})
    ranks = values.rank(method="min", ascending=False)
    own = extract.la_codes(area(p, inputs))[0]
    listing = ", ".join(f"{f.la_name} {f.value:g}" for f in sorted(figs, key=lambda f: -f.value))
    definition = (
        f"rank of {p['measure']} among {len(figs)} named LAs, year ending 31 March "
        f"{p['year']} (1 = most)"
    )
    return float(ranks[own]), int(ranks[own]), len(figs), figs, definition, "rank", [listing]


def dfe_share(extract, p: dict, inputs: Inputs):
    la, year = area(p, inputs), int(p["year"])
    top = extract.value(p["numerator"], la, year, p.get("release"))
    bottom = extract.value(p["denominator"], la, year, top.release)
    definition = f"{p['numerator']} as % of {p['denominator']}, {top.la_name}, {year}"
    return (
        100.0 * top.value / bottom.value,
        round(top.value),
        round(bottom.value),
        [top, bottom],
        definition,
        "percent",
    )


QUERIES: dict[str, Callable] = {
    "dfe-value": dfe_value,
    "dfe-change": dfe_change,
    "dfe-rank": dfe_rank,
    "dfe-rank-among": dfe_rank_among,
    "dfe-share": dfe_share,
}


def measure_national(figure: Figure, inputs: Inputs) -> Measurement:
    answer = QUERIES[figure.metric](inputs.extract, figure.params, inputs)
    value, numerator, denominator, figs, definition, unit, *extra = answer
    notes = list(extra[0]) if extra else []
    suppressed = [f for f in figs if f.marker]
    if suppressed:
        notes += [
            f"{f.la_name} {f.year}: published as '{f.marker}' (suppressed or not "
            "applicable), so no verdict"
            for f in suppressed
        ]
        return Measurement(
            figure,
            None,
            DATA_ISSUE,
            definition,
            cite(figs[0]),
            notes=notes,
            params=dict(figure.params),
            unit=unit,
        )
    return Measurement(
        figure,
        value,
        verdict(figure, value),
        definition,
        "; ".join(dict.fromkeys(cite(f) for f in figs)),
        numerator,
        denominator,
        dict(figure.params),
        notes,
        unit,
    )


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
        title = f"{p['measure']}, {p['year']}: " + (
            "top ten English LAs" if figure.metric == "dfe-rank" else "the LAs compared"
        )
        return charts.bars(
            frame, "authority", p["measure"], title, sort=frame["authority"].tolist()
        )
    measure = p.get("measure") or p.get("numerator")
    areas = [area(p, inputs)] + (
        ["England"] if area(p, inputs) != "England" and measure.endswith("_pct") else []
    )
    rows = []
    for name in areas:
        series = extract.series(measure, name)
        rows += [
            {"date": pd.Timestamp(int(y), 3, 31), "value": v, "series": name}
            for y, v in zip(series["year"], series["value"], strict=True)
        ]
    chart = charts.line_over_time(pd.DataFrame(rows), measure, f"{measure} at 31 March, by year")
    if figure.metric == "dfe-value" and figure.claimed:
        marks = pd.DataFrame(
            {"value": [figure.claimed_value], "label": [f"claimed {figure.claimed}"]}
        )
        return charts.claimed_rules(chart, marks)
    return chart
