"""Figure search: every published figure that reproduces a number a council wrote.

It searches whatever the extract holds (every measure, every release), for the authority, its
region, England, the average of its statistical neighbours and any council the sentence names:
each value, each change over any span of years one release holds (in % for a % claim, in
numbers for a signed count), a yearly count per month (/12), and, for "6th", the authority's
rank among English authorities. The release the DfE had published by the document's date comes
first; a later release that revises the figure is named. A value close to the claim but not
equal at its precision is a near miss ("867 said, 869 published"). A measure whose words
disagree with the sentence's subject (a dental check for a sentence about adoptions) is listed
last and never proposed: the subject guard.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from scrutiny import numbers
from scrutiny.claims import parse_number
from scrutiny.published.query import LA_LEVEL, Extract
from scrutiny.quarters import year_label

# The DfE publishes the year ending 31 March Y in November Y; a release counts from December.
AVAILABLE_FROM = (12, 1)
MONTHLY = re.compile(r"\b(?:a|per|each|every)\s+month\b|\bmonthly\b", re.I)
ORDINAL = re.compile(r"^\s*(\d+)(?:st|nd|rd|th)\s*$", re.I)
NEAR_RELATIVE = 0.01  # a count within 1% (at least one unit beyond the precision) is near
NEAR_COUNT_FLOOR = 100  # smaller counts are too often near something by chance
MONEY = "£"  # the catalogue's unit for spending

KEY = ["query", "measure", "area", "start_year", "end_year"]  # one figure, in any release
COLUMNS = [
    "what",
    "measure",
    "query",
    "area",
    "period",
    "release",
    "published",
    "value",
    "match",
    "agrees",
    "note",
    "year",
    "start_year",
    "end_year",
]
# Words that say nothing about which measure a sentence means (cut to five letters).
GENERIC = {
    "child",
    "young",
    "peopl",
    "looke",
    "after",
    "care",
    "cla",
    "march",
    "year",
    "durin",
    "perce",
    "numbe",
    "total",
    "aged",
    "who",
    "were",
    "was",
    "whose",
    "their",
    "had",
    "have",
    "has",
    "in",
    "of",
    "the",
    "at",
    "to",
    "for",
    "per",
    "by",
    "on",
    "and",
    "or",
    "a",
    "an",
    "with",
    "all",
    "cohor",
    "month",
    "conti",
    "rate",
    "estim",
    "0",
    "1",
    "12",
    "17",
    "31",
    "10",
    "000",
    "000s",
    "our",
    "its",
    "we",
    "they",
    "there",
    "since",
    "as",
    "is",
    "are",
    "those",
    "these",
    "them",
    "this",
    "that",
}
# A few words councils use for what the DfE words differently (stems of five letters).
SYNONYMS = {"denta": {"teeth", "denti"}, "teeth": {"denta"}, "adopt": {"adopt"}}


def stems(text: str) -> set[str]:
    """Content words cut to five letters: "started", "starters" and "start" meet."""
    found = set()
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        stem = word[:5]
        found.add(stem)
        found |= SYNONYMS.get(stem, set())
    return found


def distinctive(text: str) -> set[str]:
    return stems(text) - GENERIC


def agrees(description: str, subject: str) -> bool:
    """The subject guard: a measure named by distinctive words ("teeth", "started") needs one
    of them in the subject; a plain measure ("children looked after at 31 March") needs a plain
    subject (no "protection", "dental", ...)."""
    own, said = distinctive(description), distinctive(subject)
    if not own:
        return not said
    return bool(said) and len(own & said) >= min(2, len(said))


def release_published(release: int) -> date:
    return date(int(release), *AVAILABLE_FROM)


def search(
    extract: Extract,
    claimed: str,
    subject: str,
    la: str,
    said_on: date | None = None,
    named: tuple[str, ...] = (),
    edition: str | None = None,
    change: bool | None = None,
) -> pd.DataFrame:
    """Published figures that reproduce `claimed` (exact) or come close (near), best first."""
    rank = ORDINAL.match(claimed)
    value, precision = (float(rank.group(1)), 1.0) if rank else parse_number(claimed)
    percent = claimed.strip().endswith("%")
    signed = claimed.strip()[:1] in "+-"
    change = signed if change is None else change
    figures = _figures(extract, [la, extract.region_of(la), "England", *named], said_on)
    if rank:
        candidates = _ranks(extract, la, said_on)
    else:
        candidates = [_levels(figures, percent, change)]
        candidates.append(_changes(figures, percent, percent or change))
        if not percent and not change and MONTHLY.search(subject):
            candidates.append(_per_month(figures))
        average = _neighbour_average(extract, la, said_on, edition)
        if average is not None:
            candidates.append(_levels(average, percent, change))
        candidates = pd.concat(candidates, ignore_index=True)
    if said_on is not None:  # a year that ended after the document cannot be where it came from
        candidates = candidates[candidates["end_year"].map(lambda y: date(int(y), 3, 31) < said_on)]
    if candidates.empty:
        return pd.DataFrame(columns=COLUMNS)
    measured = candidates["raw"] if signed or not percent else candidates["raw"].abs()
    target = value if signed or not percent else abs(value)
    gap = (measured - target).abs()
    exact = gap <= precision / 2 + 1e-9
    near = ~exact & _near(gap, target, precision, percent, bool(rank))
    candidates = candidates.assign(
        match=["exact" if e else "near" if n else "" for e, n in zip(exact, near, strict=True)]
    )
    # every release of a figure that matches in one of them: to name a revision
    matched = candidates.loc[candidates["match"].ne(""), KEY].drop_duplicates()
    pool = candidates.merge(matched, on=KEY)
    if pool.empty:
        return pd.DataFrame(columns=COLUMNS)
    descriptions = {m: extract.provenance["measures"][m]["description"] for m in extract.measures}
    pool = pool.assign(what=pool["measure"].map(descriptions))
    pool["agrees"] = [agrees(what, subject) for what in pool["what"]]
    found = _one_release_each(pool, said_on)
    found = found[found["match"].eq("exact") | found["agrees"]]
    if found.empty:
        return pd.DataFrame(columns=COLUMNS)
    found["value"] = [
        _shown(raw, query, precision, percent)
        for raw, query in zip(found["raw"], found["query"], strict=True)
    ]
    said = stems(subject)
    found["_words"] = [len(distinctive(w) & said) for w in found["what"]]
    order = {name: i for i, name in enumerate(dict.fromkeys(found["area"]))}
    found = found.assign(_area=found["area"].map(order), _exact=found["match"].eq("exact"))
    found = found.sort_values(
        ["agrees", "_exact", "_words", "current", "_area", "end_year"],
        ascending=[False, False, False, False, True, False],
        kind="stable",
    )
    return found[COLUMNS].reset_index(drop=True)


def _near(gap, target, precision, percent, rank) -> pd.Series:
    if rank:
        return gap < 0  # a rank is either right or wrong
    if percent:
        return gap <= precision + 1e-9
    return (gap <= max(precision, abs(target) * NEAR_RELATIVE) + 1e-9) & (
        abs(target) >= NEAR_COUNT_FLOOR
    )


def _figures(extract: Extract, areas: list[str], said_on: date | None) -> pd.DataFrame:
    """measure, release, year, la_code, area, value, unit: every release's number, markers
    dropped."""
    codes: dict[str, str] = {}
    for area in areas:
        try:
            for code in extract.la_codes(area):
                codes.setdefault(code, area)
        except Exception:  # a named council the extract does not know: nothing to add
            continue
    rows = extract.figures[
        extract.figures["la_code"].isin(codes) & extract.figures["value"].notna()
    ]
    names = extract.areas.drop_duplicates("la_code").set_index("la_code")["la_name"]
    return _with_units(extract, rows.assign(area=rows["la_code"].map(names)))[
        ["measure", "release", "year", "la_code", "area", "value", "unit"]
    ]


def _with_units(extract: Extract, rows: pd.DataFrame) -> pd.DataFrame:
    """The rows with each measure's unit, as the catalogue records it."""
    units = {name: measure.unit for name, measure in extract.catalogue.items()}
    return rows.assign(unit=rows["measure"].map(units).fillna(""))


def _kind(figures: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Which figures a % claim can be (percentages) and which a number can be (counts, rates,
    scores): money is neither, as a count of children is never a sum of pounds."""
    is_percent = figures["unit"].eq("percent")
    return is_percent, ~is_percent & figures["unit"].ne(MONEY)


def _levels(figures: pd.DataFrame, percent: bool, change: bool) -> pd.DataFrame:
    if change:
        return figures.iloc[:0].assign(
            raw=[], query=[], period=[], published=[], start_year=[], end_year=[]
        )
    is_percent, is_number = _kind(figures)
    chosen = figures[is_percent if percent else is_number]
    return chosen.assign(
        raw=chosen["value"],
        query=chosen.get("query", pd.Series("value", index=chosen.index)),
        period=chosen["year"].map(year_label),
        published=chosen["value"].map(numbers.published),
        start_year=chosen["year"],
        end_year=chosen["year"],
    )


def _changes(figures: pd.DataFrame, percent: bool, wanted: bool) -> pd.DataFrame:
    """Every change over a span of years one release holds: % for a % claim (of counts and
    rates), in numbers for a signed count."""
    if not wanted:
        return _levels(figures, percent, True)
    _, is_number = _kind(figures)
    base = figures[is_number]
    pairs = base.merge(base, on=["measure", "release", "la_code", "area"], suffixes=("_a", "_b"))
    pairs = pairs[pairs["year_a"] < pairs["year_b"]]
    if percent:
        pairs = pairs[pairs["value_a"].ne(0)]
        raw = (pairs["value_b"] - pairs["value_a"]) / pairs["value_a"] * 100
    else:
        raw = pairs["value_b"] - pairs["value_a"]
    return pd.DataFrame(
        {
            "measure": pairs["measure"],
            "release": pairs["release"],
            "la_code": pairs["la_code"],
            "area": pairs["area"],
            "year": pairs["year_b"],
            "raw": raw,
            "query": "change",
            "period": [
                f"{year_label(a)} to {year_label(b)}"
                for a, b in zip(pairs["year_a"], pairs["year_b"], strict=True)
            ],
            "published": [
                f"{numbers.published(a)} to {numbers.published(b)}"
                for a, b in zip(pairs["value_a"], pairs["value_b"], strict=True)
            ],
            "start_year": pairs["year_a"],
            "end_year": pairs["year_b"],
        }
    )


def _per_month(figures: pd.DataFrame) -> pd.DataFrame:
    """A year's count over twelve ("9 a month" = 108 starters a year): counts during a year."""
    counts = figures[
        figures["unit"].eq("count")
        & ~figures["measure"].str.contains("population|at_31_march|cohort", regex=True)
    ]
    return counts.assign(
        raw=counts["value"] / 12,
        query="per month",
        period=counts["year"].map(year_label),
        published=[f"{numbers.published(v)} a year" for v in counts["value"]],
        start_year=counts["year"],
        end_year=counts["year"],
    )


def _neighbour_average(extract: Extract, la: str, said_on: date | None, edition: str | None):
    """The mean over the authority's statistical neighbours, per measure, year and release."""
    if extract.neighbours.empty:
        return None
    edition = edition or edition_for(extract, said_on)
    try:
        group = extract.statistical_neighbours(la, edition)
    except Exception:  # an authority with no neighbours in that edition
        return None
    codes = [code for old in group["old_la_code"] for code in extract.la_codes(old)]
    rows = extract.figures[
        extract.figures["la_code"].isin(codes) & extract.figures["value"].notna()
    ]
    mean = rows.groupby(["measure", "release", "year"], as_index=False)["value"].mean()
    return _with_units(extract, mean).assign(
        la_code="", area="statistical neighbours' average", query="neighbour average"
    )


def edition_for(extract: Extract, said_on: date | None) -> str:
    """The statistical-neighbour edition current on the date (the latest, without one)."""
    editions = sorted(extract.neighbours["edition"].unique())
    held = [e for e in editions if said_on is None or e <= f"{said_on:%Y-%m}"]
    return (held or editions)[-1]


def _ranks(extract: Extract, la: str, said_on: date | None) -> pd.DataFrame:
    """The authority's rank (1 = highest, and 1 = lowest) for every measure, year and release."""
    codes = set(extract.la_codes(la))
    local = set(extract.areas.loc[extract.areas["geographic_level"].eq(LA_LEVEL), "la_code"])
    rows = extract.figures[
        extract.figures["la_code"].isin(local) & extract.figures["value"].notna()
    ]
    names = extract.areas.drop_duplicates("la_code").set_index("la_code")["la_name"]
    frames = []
    for descending, query in ((True, "rank (1 = highest)"), (False, "rank (1 = lowest)")):
        ranked = rows.assign(
            raw=rows.groupby(["measure", "release", "year"])["value"].rank(
                method="min", ascending=not descending
            )
        )
        own = ranked[ranked["la_code"].isin(codes)]
        frames.append(
            own.assign(
                query=query,
                area=own["la_code"].map(names),
                period=own["year"].map(year_label),
                published=own["value"].map(numbers.published),
                start_year=own["year"],
                end_year=own["year"],
            )
        )
    return pd.concat(frames, ignore_index=True)


def _one_release_each(pool: pd.DataFrame, said_on: date | None) -> pd.DataFrame:
    """One row per figure: the release published by the document's date when it matches, else
    the first later release that does; the note says when the figure was revised."""
    pool = pool.assign(
        available=[said_on is None or release_published(r) <= said_on for r in pool["release"]]
    )
    rows = []
    for _, group in pool.groupby(KEY, sort=False):
        group = group.sort_values("release")
        current = group[group["available"]]
        latest = current.iloc[-1] if not current.empty else None
        matching = group[group["match"].ne("")]
        exact = matching[matching["match"].eq("exact")]
        note = ""
        if latest is not None and latest["match"]:
            chosen = latest
        else:
            chosen = (exact if not exact.empty else matching).iloc[0]
            if latest is not None:
                note = (
                    f"matches the {chosen['release']} release; the {latest['release']} release, "
                    f"current on the document's date, gave {latest['published']}"
                )
        newest = group.iloc[-1]
        ranked = str(chosen["query"]).startswith("rank")
        shown = "rank {:.0f}".format if ranked else str
        then, now = (
            (chosen["raw"], newest["raw"])
            if ranked
            else (
                chosen["published"],
                newest["published"],
            )
        )
        if newest["release"] > chosen["release"] and now != then:
            revised = f"since revised to {shown(now)} ({newest['release']} release)"
            note = "; ".join(filter(None, [note, revised]))
        rows.append({**chosen.to_dict(), "note": note, "current": bool(chosen["available"])})
    return pd.DataFrame(rows)


def _shown(raw: float, query: str, precision: float, percent: bool) -> str:
    if query.startswith("rank"):
        return f"{int(raw)}"
    if query == "change" and percent:
        return numbers.measured(raw, precision, signed=True) + "%"
    if query == "change":
        return f"{raw:+g}"
    if query in {"per month", "neighbour average"}:
        return numbers.measured(raw, precision) + ("%" if percent else "")
    return numbers.published(raw) + ("%" if percent else "")


def describe(row: pd.Series, claimed: str) -> str:
    """One line: "23% matches: children who started ..., Middlesbrough, 2019/20 to 2020/21
    (296 to 227), -23.3%"; a near miss says so."""
    verb = "matches" if row["match"] == "exact" else "is near"
    query = "" if row["query"] in {"value", "change"} else f" ({row['query']})"
    line = (
        f"{claimed} {verb}: {row['what']}{query}, {row['area']}, {row['period']} "
        f"({row['published']}), {row['value']}"
    )
    if row["match"] == "near":
        line += f" ({claimed} said, {row['value']} published: perhaps a provisional figure)"
    if not row["agrees"]:
        line += " [another subject than the sentence's]"
    if row["note"]:
        line += f"; {row['note']}"
    return line
