"""Where did the panel's number come from? Every published figure that reproduces it.

A claimed figure is looked for in every published measure of the catalogue (CLA releases and
LAIT) for the authority, its region and England: each measure's value in each year (a
percentage claim matches published percentages, a count matches counts) and each year-on-year
% change, at the precision the claim was written with ("23%" matches -23.3%, not -22.4%).
Matches closest in subject come first, so "23% fewer children looked after" leads with what
the panel most likely read.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from scrutiny import numbers
from scrutiny.claims import parse_number
from scrutiny.metrics.result import percent_change
from scrutiny.published.query import Extract
from scrutiny.quarters import year_label

COLUMNS = ["what", "area", "period", "published", "value", "kind", "subject match"]
STOPWORDS = {"the", "of", "a", "to", "in", "at", "and", "or", "by", "for", "who", "with", "had"}


def words(text: str) -> set[str]:
    """Content words, singular, so "placements" meets "placement"."""
    return {w.rstrip("s") for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOPWORDS}


def latest_figures(extract: Extract, areas: list[str]) -> pd.DataFrame:
    """measure, la_code, year, value: the latest release's published number, markers dropped."""
    codes = {code: area for area in areas for code in extract.la_codes(area)}
    rows = extract.figures[
        extract.figures["la_code"].isin(codes) & extract.figures["value"].notna()
    ]
    rows = rows[
        rows["release"].eq(rows.groupby(["measure", "la_code", "year"])["release"].transform("max"))
    ]
    names = extract.areas.drop_duplicates("la_code").set_index("la_code")["la_name"]
    units = {name: record.unit for name, record in extract.catalogue.items()}
    return rows.assign(area=rows["la_code"].map(names), unit=rows["measure"].map(units))[
        ["measure", "area", "year", "value", "unit"]
    ]


def levels(figures: pd.DataFrame, percent: bool) -> pd.DataFrame:
    """Published values of the claim's kind: percentages for a %, counts for a count (the
    catalogue's unit; population estimates are not counts a panel quotes)."""
    wanted = "percent" if percent else "count"
    chosen = figures[figures["unit"].eq(wanted) & ~figures["measure"].str.contains("population")]
    return chosen.assign(
        period=chosen["year"].map(year_label),
        published=chosen["value"].map(numbers.published),
        kind="level",
    )


def changes(figures: pd.DataFrame) -> pd.DataFrame:
    """Every year-on-year % change of every count and rate (not of a percentage)."""
    base = figures[figures["unit"].ne("percent")].sort_values("year")
    after = base.assign(year=base["year"] - 1).rename(columns={"value": "after"})
    pairs = base.merge(after.drop(columns="unit"), on=["measure", "area", "year"])
    pairs = pairs[pairs["value"].ne(0)]
    return pairs.assign(
        value=[percent_change(b, a) for b, a in zip(pairs["value"], pairs["after"], strict=True)],
        period=[f"{year_label(y)} to {year_label(y + 1)}" for y in pairs["year"]],
        published=[
            f"{numbers.published(b)} to {numbers.published(a)}"
            for b, a in zip(pairs["value"], pairs["after"], strict=True)
        ],
        kind="change",
    )


def trace(
    extract: Extract, claimed: str, subject: str, la: str, before: date | None = None
) -> pd.DataFrame:
    """Published figures for the LA, its region and England that reproduce `claimed` and
    share at least two words of `subject` (all of a shorter one); with `before`, only years
    that had ended by then (a figure for a later year cannot be where the number came from)."""
    value, precision = parse_number(claimed)
    percent = claimed.strip().endswith("%")
    signed = claimed.strip()[:1] in "+-"
    figures = latest_figures(extract, [la, extract.region_of(la), "England"])
    if before is not None:
        figures = figures[[date(int(y), 3, 31) < before for y in figures["year"]]]
    candidates = [levels(figures, percent)] + ([changes(figures)] if percent else [])
    found = pd.concat(candidates, ignore_index=True)
    measured = found["value"] if signed or not percent else found["value"].abs()
    target = value if signed or not percent else abs(value)
    found = found[(measured - target).abs() <= precision / 2 + 1e-9]
    descriptions = {name: record.description for name, record in extract.catalogue.items()}
    wanted = words(subject)
    found = found.assign(
        what=found["measure"].map(descriptions),
        value=[
            numbers.measured(v, precision, signed=True) + "%"
            if kind == "change"
            else numbers.published(v) + ("%" if percent else "")
            for v, kind in zip(found["value"], found["kind"], strict=True)
        ],
    )
    found["subject match"] = [len(wanted & words(text)) for text in found["what"]]
    found = found[found["subject match"] >= min(2, len(wanted))]
    order = {name: rank for rank, name in enumerate(figures["area"].drop_duplicates())}
    found = found.assign(_area=found["area"].map(order)).sort_values(
        ["subject match", "_area", "year"], ascending=[False, True, False], kind="stable"
    )
    return found[COLUMNS].reset_index(drop=True)


def sentence(row: pd.Series, claimed: str) -> str:
    """ "23% matches: children who started to be looked after, 2019/20 to 2020/21, -23.3%"."""
    return (
        f"{claimed} matches: {row['what']}, {row['area']}, {row['period']} "
        f"({row['published']}), {row['value']}"
    )
