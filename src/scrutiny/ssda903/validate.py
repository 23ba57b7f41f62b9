"""Validation rules over cleaned 903 tables. Each rule is one function returning Problems.

Errors are things that would make a number wrong; warnings are things that would not.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from scrutiny.errors import Problem
from scrutiny.ssda903.dataset import schema
from scrutiny.ssda903.located import problems_at
from scrutiny.ssda903.members import isin

Tables = dict[str, pd.DataFrame]


def required_tables(tables: Tables) -> list[Problem]:
    return [
        Problem("missing-table", f"no {name} table found: every metric needs it")
        for name in schema()["required_tables"]
        if name not in tables
    ]


def unknown_codes(tables: Tables) -> list[Problem]:
    """Codes outside the return's lists are errors; legacy codes outside their years warn."""
    found = []
    for name, frame in tables.items():
        for column, code_list in schema()["tables"][name]["codes"].items():
            codes = schema()["codes"][code_list]
            values = frame[column]
            legacy = codes.get("legacy", {})
            known = values.isin(codes["current"]) | values.isin(list(legacy)) | values.isna()
            found += problems_at(
                frame,
                ~known,
                "unknown-code",
                f"{column} code is not in the {code_list.upper()} code list",
                column,
            )
            for code, rule in legacy.items():
                late = (values == code) & (frame["YEAR"] > rule["last_year"]).fillna(False)
                found += problems_at(
                    frame,
                    late,
                    "legacy-code",
                    f"{column} {code} was withdrawn after the "
                    f"{rule['last_year']} return; counted as given",
                    column,
                    severity="warning",
                )
            for code, first in codes.get("since", {}).items():
                early = (values == code) & (frame["YEAR"] < first).fillna(False)
                found += problems_at(
                    frame,
                    early,
                    "early-code",
                    f"{column} {code} is only valid from the {first} return",
                    column,
                    severity="warning",
                )
    return found


def episode_dates(tables: Tables) -> list[Problem]:
    episodes = tables.get("episodes")
    if episodes is None:
        return []
    backwards = episodes["DEC"] < episodes["DECOM"]
    return problems_at(
        episodes,
        backwards,
        "dec-before-decom",
        "episode ends (DEC) before it starts (DECOM)",
        "DEC",
    )


def overlapping_episodes(tables: Tables) -> list[Problem]:
    """A child's episode must end on or before the next one starts (X1 changes are seamless)."""
    episodes = tables.get("episodes")
    if episodes is None:
        return []
    ordered = episodes.dropna(subset=["CHILD", "DECOM"]).sort_values(["CHILD", "DECOM"])
    next_start = ordered.groupby("CHILD")["DECOM"].shift(-1)
    still_open = ordered["DEC"].isna() & next_start.notna()
    runs_over = ordered["DEC"] > next_start
    return problems_at(
        ordered,
        still_open,
        "overlapping-episodes",
        "episode has no end date (DEC) but the child has a later episode",
        "DEC",
    ) + problems_at(
        ordered,
        runs_over,
        "overlapping-episodes",
        "episode ends after the child's next episode starts",
        "DEC",
    )


def children_without_header(tables: Tables) -> list[Problem]:
    episodes, header = tables.get("episodes"), tables.get("header")
    if episodes is None or header is None:
        return []
    orphan = episodes["CHILD"].notna() & ~isin(episodes["CHILD"], header["CHILD"])
    return problems_at(
        episodes,
        orphan,
        "child-not-in-header",
        "episode's CHILD has no Header row (no date of birth or sex)",
        "CHILD",
    )


RULES: list[Callable[[Tables], list[Problem]]] = [
    required_tables,
    unknown_codes,
    episode_dates,
    overlapping_episodes,
    children_without_header,
]


def validate(tables: Tables) -> list[Problem]:
    return [problem for rule in RULES for problem in rule(tables)]
