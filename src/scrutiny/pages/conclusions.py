"""Steps of the conclusion notebooks: each returns a DataFrame an analyst can inspect, filter
and re-plot. Counting stays in `metrics` and `published`; this module only assembles, and sends
every breakdown of the 903 extract through `disclosure` before a page shows it."""

from __future__ import annotations

import functools

import altair as alt
import pandas as pd

from scrutiny import charts, metrics
from scrutiny.checks import ClaimCheck
from scrutiny.checks.sensitivity import newborn
from scrutiny.checks.trend import window
from scrutiny.claimtext.register_conflicts import register_conflicts
from scrutiny.groups import find_group, load_groups
from scrutiny.numbers import published_column
from scrutiny.pages.claim import note_unpublished, register_at
from scrutiny.pages.marks import published_table
from scrutiny.privacy.suppression import MARKER, suppress_each, suppress_nested
from scrutiny.published.comparison import areas_table, labelled
from scrutiny.quarters import year_label

LOOKED_AFTER = "children looked after"


class NoExtract:
    """What a step on the 903 extract shows in a pack built without one: a line, no table."""

    TEXT = (
        "No 903 extract was given for this pack, so this step, which counts the authority's "
        "own return, has nothing to show."
    )

    def _repr_html_(self) -> str:
        return f"<p>{self.TEXT}</p>"

    def __repr__(self) -> str:
        return self.TEXT


def needs_extract(step):
    """A step on the 903 extract (or on what such a step returned) gives NoExtract when the
    pack has none, so the notebook runs through and the page says why."""

    @functools.wraps(step)
    def wrapped(first, *args, **kwargs):
        if isinstance(first, NoExtract) or (
            isinstance(first, ClaimCheck) and first.inputs.data_903 is None
        ):
            return NoExtract()
        return step(first, *args, **kwargs)

    return wrapped


def published(check: ClaimCheck, measures: list[str]) -> pd.DataFrame:
    """Named DfE measures for the authority, its region, England and its neighbours."""
    note_unpublished(check, measures)
    return published_table(check.published(measures))


def published_among(check: ClaimCheck, measure: str) -> pd.DataFrame:
    """A DfE measure by year for the authorities the claim compares (the peers it names, else
    the authority and its statistical neighbours): real figures, as published."""
    inputs, extract = check.inputs, check.inputs.extract
    peers = next((f.params["peers"] for f in check.claim.figures if "peers" in f.params), None)
    if peers is None:
        neighbours = extract.statistical_neighbours(inputs.la_code, inputs.sn_edition)
        peers = [inputs.la_code, *neighbours["la_code"]]
    table = areas_table(extract, measure, list(peers), inputs.quarter.last_year)
    return published_table(labelled(table.apply(published_column)))


def claim_groups(check: ClaimCheck) -> list[str]:
    """The placement groups the claim's 903 figures count, in the order it names them."""
    named = [
        value
        for figure in check.claim.figures
        if figure.source == "903"
        for key, value in figure.params.items()
        if key in ("group", "within")
    ]
    return list(dict.fromkeys(named))


def placement_measures(check: ClaimCheck) -> list[str]:
    """The DfE placement shares for the claim's groups (their `dfe_share` in the groups file),
    then the claim's own DfE measures. When no group has a share (the DfE publishes nothing on
    who provides a placement), the claim's own measures come first (the page charts the first)
    and every group's share follows."""
    groups = load_groups(check.inputs.groups)
    every = [g.dfe_share for g in groups.values() if g.dfe_share]
    shares = [groups[g].dfe_share for g in claim_groups(check) if g in groups]
    shares = [share for share in shares if share]
    own = check.published_measures()
    ordered = [*shares, *own] if shares else [*own, *every]
    return list(dict.fromkeys(ordered))


def covered_years(check: ClaimCheck) -> list[int]:
    """Collection years the 903 extract covers, to the pack's quarter (later ones were not
    known then); none when the extract is unusable."""
    dataset = check.inputs.dataset
    if dataset is None or dataset.coverage is None:
        return []
    return [y for y in dataset.coverage.years if y <= check.inputs.quarter.last_year]


def marked(table: pd.DataFrame) -> pd.DataFrame:
    """Suppressed cells read 'c', as in DfE tables."""
    return table.astype(object).where(table.notna(), MARKER)


def month_ends(check: ClaimCheck) -> pd.DatetimeIndex:
    """Month ends from a year before the claim's first 903 date to after its last, within
    what the extract covers."""
    dates = [
        pd.Timestamp(value)
        for figure in (m.figure for m in check.measurements)
        if figure.source == "903"
        for key, value in figure.params.items()
        if key in ("at", "start", "end")
    ]
    dataset = check.inputs.dataset
    if not dates or dataset is None:
        return pd.DatetimeIndex([])
    return window(min(dates), max(dates), dataset.coverage, before_months=12)


@needs_extract
def looked_after_monthly(check: ClaimCheck) -> pd.DataFrame:
    """Children looked after at each month end around the claim's dates (903 extract)."""
    days = month_ends(check)
    if days.empty:
        return pd.DataFrame(columns=["month end", LOOKED_AFTER]).set_index("month end")
    counts = metrics.cla_on_dates(check.inputs.dataset, days)
    return pd.DataFrame(
        {"month end": [d.date().isoformat() for d in counts.index], LOOKED_AFTER: counts}
    ).set_index("month end")  # the month labels each row, not a running number


@needs_extract
def placement_monthly(check: ClaimCheck) -> pd.DataFrame:
    """Children in each placement group the claim names at each month end around its dates
    (903 extract). Two groups may be nested (in-house foster care within foster care), so each
    month end goes through the nested-definitions rule; one group alone, through the small
    counts rule it reduces to."""
    days, groups = month_ends(check), claim_groups(check)
    if days.empty or not groups:
        return pd.DataFrame(columns=["month end"])
    inputs = check.inputs
    table = pd.DataFrame(
        {
            find_group(group, inputs.groups).shown: metrics.placement_counts_on_dates(
                inputs.dataset, days, group, inputs.groups
            ).to_numpy()
            for group in groups
        },
        index=pd.Index([d.date().isoformat() for d in days], name="month end"),
    )
    threshold = inputs.suppression_threshold
    return marked(table.apply(lambda month: suppress_nested(month, threshold), axis=1))


@needs_extract
def placement_mix(check: ClaimCheck) -> pd.DataFrame:
    """Children looked after at 31 March of each year, and how many were in each placement
    group of the groups file, in its order (903 extract). The groups overlap (relatives'
    foster care is foster care), so a count is hidden when it, or its difference from any
    other shown count of the year, is small: the nested-definitions rule."""
    years = covered_years(check)
    if not years:
        return pd.DataFrame()
    inputs = check.inputs
    days = pd.DatetimeIndex([pd.Timestamp(y, 3, 31) for y in years])
    rows = {LOOKED_AFTER: metrics.cla_on_dates(inputs.dataset, days).to_numpy()}
    for group in load_groups(inputs.groups).values():
        counts = metrics.placement_counts_on_dates(inputs.dataset, days, group.name, inputs.groups)
        rows[group.shown] = counts.to_numpy()
    table = pd.DataFrame(rows, index=[f"31 March {y}" for y in years]).T
    table.index.name = "placement"
    threshold = inputs.suppression_threshold
    return marked(table.apply(lambda year: suppress_nested(year, threshold, keep=0)))


@needs_extract
def permanence_by_year(check: ClaimCheck) -> pd.DataFrame:
    """Children placed for adoption, adopted and leaving care on an SGO in each collection
    year (903 extract); each count is its own total, so only small counts are suppressed."""
    years = covered_years(check)
    if not years:
        return pd.DataFrame()
    dataset, threshold = check.inputs.dataset, check.inputs.suppression_threshold
    table = pd.DataFrame(
        {
            spec.label: suppress_each(
                pd.Series([metrics.measure(dataset, spec.name, year=y).numerator for y in years]),
                threshold,
            ).to_numpy()
            for spec in metrics.in_topic(metrics.PERMANENCE)
        },
        index=years,
    )
    return marked(labelled(table))


@needs_extract
def newborn_by_year(check: ClaimCheck) -> pd.DataFrame:
    """Starters in each collection year and how many were newborn under each definition of
    'at birth' (903 extract). The definitions are nested, so a count is hidden when it, or its
    difference from another shown count, is small; the claim's own figure is always shown,
    as in the sensitivity table."""
    years = covered_years(check)
    if not years:
        return pd.DataFrame()
    inputs = check.inputs
    registered = [
        (m.figure.metric, inputs.quarter.resolve_params(m.figure.params))
        for m in check.measurements
        if m.figure.source == "903"
    ]
    rows = []
    for year in years:
        variants = newborn({"year": year})
        results = [metrics.measure(inputs.dataset, metric, **p) for _, metric, p in variants]
        keep = next(
            (i for i, (_, metric, p) in enumerate(variants) if (metric, p) in registered), None
        )
        counts = pd.Series([r.numerator for r in results])
        shown = suppress_nested(counts, inputs.suppression_threshold, keep)
        starters = suppress_each(pd.Series([results[0].denominator]), inputs.suppression_threshold)
        for (definition, _, _), result, count in zip(variants, results, shown, strict=True):
            rows.append(
                {
                    "year to 31 March": year_label(year),
                    "definition": definition,
                    "newborn starters": count,
                    "all starters": starters.iloc[0],
                    "% of starters": round(result.value, 1) if pd.notna(count) else pd.NA,
                }
            )
    return marked(pd.DataFrame(rows).set_index(["year to 31 March", "definition"]))


@needs_extract
def newborn_by_year_chart(table: pd.DataFrame) -> alt.Chart:
    """The shares of `newborn_by_year`, a group of bars a year; suppressed shares left out."""
    frame = table.reset_index().rename(
        columns={"year to 31 March": "year", "definition": "series", "% of starters": "value"}
    )
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    return charts.bars(
        frame.dropna(subset=["value"])[["year", "series", "value"]],
        "year",
        "% of children starting to be looked after",
        "Starters who were newborn at their first start, by year and definition of 'at birth'",
    )


@needs_extract
def oc2_by_year(check: ClaimCheck) -> pd.DataFrame:
    """The 12-month cohort and its health checks in every year the extract covers (903):
    every metric of the health topic, headed by its label."""
    years = covered_years(check)
    if not years:
        return pd.DataFrame()
    rows = []
    for year in years:
        row = {"cohort at 31 March": year}
        for spec in metrics.in_topic(metrics.HEALTH):
            result = metrics.measure(check.inputs.dataset, spec.name, year=year)
            if spec.unit == "count":
                row[spec.label] = result.numerator
            else:
                row[f"{spec.label} (%)"] = round(result.value, 1)
        rows.append(row)
    return pd.DataFrame(rows).set_index("cohort at 31 March")


def panel_disagreements(check: ClaimCheck) -> pd.DataFrame:
    """Where the panel's own quoted figures on this claim's subject disagree."""
    register = register_at(check.inputs.register)
    rows = [
        {
            "subject": conflict["subject"],
            "disagreement": conflict["reason"],
            "one says": conflict["statements"][0]["quote"],
            "another says": conflict["statements"][1]["quote"],
        }
        for conflict in (c.to_dict() for c in register_conflicts(register))
        if conflict["subject"] == check.claim.subject
    ]
    columns = ["subject", "disagreement", "one says", "another says"]
    return pd.DataFrame(rows, columns=columns).set_index("disagreement")
