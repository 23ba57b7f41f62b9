"""From statements to a register that loads and builds: each figure with its best test.

In this order: a published measure that reproduces the figure, for a period that agrees with
the sentence's (figure search, `scrutiny.published.search`); else, for a figure at a date the
DfE does not publish (a quarter end, a month), a 903 metric with every parameter it needs;
else the one published measure the sentence's words name, for its year, as a proxy: a figure
that does not reproduce the claim may be another measure, so it is shown beside the claim and
never decides until an analyst confirms it; else `source: none`, naming the data that would
test it. Every claim is `status: proposed`: read by machine, to be confirmed by an analyst.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from scrutiny.claims import parse_number
from scrutiny.claimtext.periods import NUMBER_WORDS
from scrutiny.claimtext.register import claim_id, signed
from scrutiny.claimtext.statements import Statement
from scrutiny.claimtext.subjects import guess_metric
from scrutiny.errors import ScrutinyError
from scrutiny.published.query import Extract
from scrutiny.published.search import agrees, distinctive, edition_for, search
from scrutiny.quarters import year_label

# The 903 metrics whose period is a year to 31 March (OC2) or any start and end.
_BY_YEAR = {"oc2-dental", "oc2-health-assessment", "oc2-immunisations", "oc2-cohort"}
_BY_PERIOD = {
    "starters",
    "starters-newborn",
    "starters-under1",
    "adoptions",
    "placed-for-adoption",
    "sgo",
    "missing-incidents",
}
_AT_A_DATE = {"cla-on-date", "placement-count"}
_CHANGES = {"cla-change", "placement-change"}
NEIGHBOURS = re.compile(r"\b(?:statistical\s+)?neighbou?rs?\b", re.I)
_RATE = re.compile(r"\bper\s+10,?000\b", re.I)
_NAMING_WORDS = 2  # distinctive words a measure shares with the subject to be named by it
_RECENT = 2  # a figure said with no period is one of the latest published: years to March
_SHARES = {
    "oc2-dental",
    "oc2-health-assessment",
    "oc2-immunisations",
    "starters-newborn",
    "starters-under1",
}


@dataclass(frozen=True)
class Document:
    id: str
    file: str
    title: str
    date: date | None


def register(
    statements: Iterable[Statement],
    documents: list[Document],
    extract: Extract,
    la: str,
    edition: str | None = None,
) -> dict:
    """The register: its documents and one proposed claim per statement."""
    said_on = {d.id: d.date for d in documents}
    names = _area_names(extract, la)
    taken: dict[str, int] = {}
    claims = []
    for statement in statements:
        parts = as_numbers(statement)
        if not parts:
            continue  # a figure the register cannot hold as a number ("some", "many")
        tests = [
            best_test(part, extract, la, said_on.get(part.document), names, edition)
            for part in parts
        ]
        would_test = "; ".join(dict.fromkeys(w for _, w in tests if w)) or None
        figures = [figure for figure, _ in tests]
        entry = {
            "id": claim_id(statement, taken),
            "status": "proposed",
            "document": statement.document,
            "section": statement.section or "(no section heading)",
            "line": statement.line,
            "quote": statement.sentence,
            "subject": statement.subject or "(not named in the sentence)",
            "figures": figures,
        }
        if would_test and all(f["source"] == "none" for f in figures):
            entry["would_test"] = would_test
        claims.append(entry)
    return {
        "documents": {
            d.id: {
                "file": d.file,
                "title": d.title,
                **({"date": d.date} if d.date else {}),
            }
            for d in documents
        },
        "claims": claims,
    }


_FRACTIONS = {"half": "50%", "a third": "33%", "one third": "33%", "two thirds": "67%"}
_FRACTIONS |= {"a quarter": "25%", "one quarter": "25%", "a fifth": "20%", "one fifth": "20%"}


def as_numbers(statement: Statement) -> list[Statement]:
    """The statement with its figure as a number the register reads: "three" is 3, "a third"
    33%, and a range "72-77" two figures (its lowest and its highest)."""
    claimed = statement.claimed
    if claimed is None:
        return [statement]
    text = claimed.lower().strip()
    if text in NUMBER_WORDS:
        return [replace(statement, claimed=str(NUMBER_WORDS[text]))]
    if text in _FRACTIONS:
        return [replace(statement, claimed=_FRACTIONS[text])]
    low_high = re.fullmatch(r"(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)", text)
    if low_high:
        return [replace(statement, claimed=value) for value in low_high.groups()]
    return [statement] if re.fullmatch(r"[-+]?\d+(?:\.\d+)?%?", text.replace(",", "")) else []


def best_test(
    statement: Statement,
    extract: Extract,
    la: str,
    said_on: date | None,
    names: dict[str, str] | None = None,
    edition: str | None = None,
) -> tuple[dict, str | None]:
    """(the figure entry, a would_test line when nothing the pack holds can test it)."""
    label = " ".join(filter(None, [statement.subject, statement.period and statement.period.text]))
    base = {"label": label or statement.sentence[:80], **_said(statement)}
    published = _published(statement, extract, la, said_on, names or {}, edition)
    if published:
        return {**base, **published}, None
    local = _local(statement)
    if local:
        return {**base, **local}, None
    named = _named_measure(statement, extract, la, said_on)
    if named:
        return {**base, **named}, None
    return {**base, "source": "none"}, _would_test(statement)


def _named_measure(statement: Statement, extract: Extract, la: str, said_on) -> dict | None:
    """The one published measure of the claim's unit whose words best match the sentence's
    subject, for the year the sentence names (else the latest before the paper), as a proxy."""
    claimed = signed(statement)
    if statement.is_change or claimed is None or not statement.subject:
        return None
    unit = "percent" if claimed.endswith("%") else "count"
    if unit == "count" and _RATE.search(statement.sentence):
        unit = "rate per 10,000"
    said = distinctive(statement.subject)
    scored = {
        name: len(distinctive(measure.description) & said)
        for name, measure in extract.catalogue.items()
        if measure.unit == unit and agrees(measure.description, statement.subject)
    }
    best = max(scored.values(), default=0)
    top = [name for name, score in scored.items() if score == best]
    if best < _NAMING_WORDS or len(top) != 1:
        return None  # no measure, or several equally named: the words do not choose one
    [name] = top
    year = _year_named(statement, extract, name, la, said_on)
    if year is None or not _same_order(extract.value(name, la, year).value, claimed):
        return None
    what = extract.catalogue[name].description
    return {
        "label": f"{statement.subject}: the DfE's {what}, {year_label(year)}",
        "source": "dfe",
        "metric": "dfe-value",
        "params": {"measure": name, "year": year},
        "relation": "proxy",
        "why": (
            f"chosen by its words; no published figure gives {statement.claimed}, so confirm it "
            "is the measure and year the claim means, then set relation: exact"
        ),
    }


def _same_order(published: float, claimed: str) -> bool:
    """Within a factor of two of the claim: a measure the words name that counts something
    else (how long plans lasted, for children on plans) is rarely that close, and beside a
    claim it would only mislead."""
    value, _ = parse_number(claimed)
    return value > 0 and published == published and 0.5 <= published / value <= 2


def _year_named(statement: Statement, extract: Extract, name: str, la: str, said_on):
    """The year to 31 March the sentence's period is, else the latest the paper could cite."""
    try:
        held = set(extract.series(name, la)["year"].astype(int))
    except ScrutinyError:
        return None
    period = statement.period
    if period is not None and period.end is not None:
        year = period.end.year + (period.end.month > 3)
        row = pd.Series({"query": "value", "end_year": year})
        return year if year in held and _period_agrees(statement, row) else None
    if said_on is None:
        return max(held, default=None)
    cited = [y for y in held if y >= said_on.year - _RECENT and date(y, 3, 31) < said_on]
    return max(cited, default=None)


def _said(statement: Statement) -> dict:
    comparison = statement.comparison
    if statement.claimed is not None and comparison in {"increase", "reduction"}:
        comparison = "="
    said = {"comparison": comparison}
    if statement.claimed is not None:
        said["claimed"] = signed(statement)
    return said


def _published(statement, extract, la, said_on, names, edition) -> dict | None:
    claimed = signed(statement)
    try:
        parse_number(claimed or "")
    except ValueError:
        return None
    sentence = statement.sentence.lower()
    named = tuple(code for name, code in names.items() if name in sentence)
    # the metric the words around the figure point to ("had a dental check") names it too
    topical = statement.metric if statement.metric in _SHARES | _BY_PERIOD else ""
    subject = " ".join(filter(None, [statement.subject, topical.replace("-", " ")]))
    try:
        found = search(
            extract,
            claimed,
            subject or statement.sentence,
            la,
            said_on,
            named,
            edition,
            change=statement.is_change,
        )
    except ScrutinyError:
        return None
    queries = ["change"] if statement.is_change else ["value"]
    if not statement.is_change and NEIGHBOURS.search(statement.sentence):
        queries.append("neighbour average")
    found = found[found["agrees"] & found["query"].isin(queries)]
    if statement.comparison in {">", "<"}:  # "more than 90%": a value that is 90 is no test
        found = found[found["match"].eq("exact")]
    found = _where(found, [_area_said(extract, la, area, statement) for area in found["area"]])
    found = _where(found, [_period_agrees(statement, row) for _, row in found.iterrows()])
    if said_on is not None:  # a figure for a year that ended after the paper cannot be its source
        found = _where(found, [date(int(y), 3, 31) < said_on for y in found["end_year"]])
        if statement.period is None:  # no period said: one of the last years before the paper
            found = _where(found, [int(y) >= said_on.year - _RECENT for y in found["end_year"]])
    if found.empty:
        return None
    # the exact match first, then the latest year the authors could have read
    found = found.assign(_exact=found["match"].eq("exact"))
    row = found.sort_values(["_exact", "end_year"], ascending=False, kind="stable").iloc[0]
    params: dict = {"measure": row["measure"], "release": int(row["release"])}
    if row["query"] == "change":
        metric = "dfe-change"
        params |= {"start_year": int(row["start_year"]), "end_year": int(row["end_year"])}
    elif row["query"] == "neighbour average":
        metric = "dfe-neighbour-average"
        params["year"] = int(row["end_year"])
        params["edition"] = edition or edition_for(extract, said_on)
        label = (
            f"{statement.subject or 'figure'}, statistical neighbours' average ({row['period']})"
        )
        return {"label": label, "source": "dfe", "metric": metric, "params": params}
    else:
        metric = "dfe-value"
        params["year"] = int(row["end_year"])
    area = _area(extract, row, la)
    if area:
        params["area"] = area
    figure = {"source": "dfe", "metric": metric, "params": params}
    if area:
        figure["label"] = f"{statement.subject or 'figure'}, {area} ({row['period']})"
    if row["match"] == "near":
        figure["label"] = (
            f"{statement.subject or 'figure'}: {statement.claimed} said, {row['value']} "
            f"published ({row['what']}, {row['area']}, {row['period']}): perhaps a provisional "
            "figure"
        )
    return figure


def _area_said(extract: Extract, la: str, area: str, statement: Statement) -> bool:
    """The authority's own figure, unless the sentence names England, the region, its
    statistical neighbours or the council the figure is for."""
    sentence = statement.sentence.lower()
    if area == "statistical neighbours' average":
        return bool(NEIGHBOURS.search(sentence))
    own = {extract.areas.set_index("la_code")["la_name"].get(c) for c in extract.la_codes(la)}
    if area in own:
        return True
    if area == "England":
        return statement.national or "england" in sentence or "national" in sentence
    return area.lower() in sentence or (area == extract.region_of(la) and "region" in sentence)


def _where(frame: pd.DataFrame, mask: list[bool]) -> pd.DataFrame:
    return frame[pd.Series(mask, index=frame.index, dtype=bool)]


def _period_agrees(statement: Statement, row: pd.Series) -> bool:
    """A published year agrees with the sentence's period when it is that year (to 31 March),
    that 31 March, or the same span of years; a sentence with no period takes the year found."""
    period = statement.period
    if period is None or period.start is None or period.end is None:
        return statement.kind != "change" or row["query"] == "change"
    if row["query"] == "change":
        return (period.start.year, period.end.year) == (row["start_year"], row["end_year"]) and (
            (period.start.month, period.end.month) == (3, 3)
        )
    year = int(row["end_year"])
    at_year_end = period.end == date(year, 3, 31)
    whole_year = period.start == date(year - 1, 4, 1)
    return at_year_end and (period.kind in {"point", "financial-year"} or whole_year)


def _area(extract: Extract, row: pd.Series, la: str) -> str | None:
    """The register's `area:` for a figure not of the authority itself."""
    if row["area"] == "England":
        return "England"
    own = {extract.areas.set_index("la_code")["la_name"].get(c) for c in extract.la_codes(la)}
    return None if row["area"] in own else row["area"]


def _local(statement: Statement) -> dict | None:
    """A 903 metric with every parameter it needs, for a date or period of the sentence."""
    metric, period = statement.metric, statement.period
    if metric != guess_metric(statement.subject, statement.key, statement.is_change)[0]:
        return None  # the metric was read from words about another figure, not this subject
    if metric is None or period is None or period.start is None or period.end is None:
        return None
    if (statement.kind == "share") != (metric in _SHARES):
        return None  # a share is not a count at a date, nor a count a share
    params = {k: v for k, v in statement.params.items() if k in {"group", "max_age_days"}}
    if metric in _AT_A_DATE:
        if statement.is_change:
            metric = "cla-change" if metric == "cla-on-date" else "placement-change"
        else:
            params["at"] = period.end.isoformat()
    if metric in _CHANGES:
        if statement.claimed is not None and not statement.claimed.endswith("%"):
            return None  # the 903 changes are in %, not in children
        if period.start == period.end:
            return None
        params |= {"start": period.start.isoformat(), "end": period.end.isoformat()}
    elif metric in _BY_YEAR:
        params["year"] = period.end.year + (period.end.month > 3)
    elif metric in _BY_PERIOD:
        params |= {"start": period.start.isoformat(), "end": period.end.isoformat()}
    elif "at" not in params:
        return None
    from scrutiny.metrics.registry import resolve

    try:
        resolve(metric, **params)
    except ScrutinyError:
        return None
    return {"source": "903", "metric": metric, "params": params}


def _would_test(statement: Statement) -> str:
    what = statement.subject or "this figure"
    when = f" ({statement.period.text})" if statement.period else ""
    return (
        f"the council's own records of {what}{when}: not in the SSDA903 return's metrics, and no "
        "published DfE figure held for the authority, its region, England or its neighbours "
        "reproduces it for that period"
    )


def _area_names(extract: Extract, la: str) -> dict[str, str]:
    """Other councils' names (lower case) and codes, to find a council a sentence names."""
    own = set(extract.la_codes(la))
    local = extract.areas[extract.areas["geographic_level"].eq("Local authority")]
    return {
        name.lower(): code
        for name, code in zip(local["la_name"], local["la_code"], strict=True)
        if code not in own and len(name) > 3
    }
