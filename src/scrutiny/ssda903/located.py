"""Problems located by file and row, for a data manager to fix.

A rule broken on a million rows is reported by its count and its first rows, not a million
times: a 200 MB file used 4.9 GB to validate and wrote a 943 MB JSON report. Memory and report
size now follow the number of rules broken; the count stays exact.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from scrutiny.errors import Problem

KEPT = 20  # located examples listed per rule, message and place (the text report shows 5)


def first_rows(flagged: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """At most KEPT of the `flagged` rows (then the first by `_file` and `_row`), and how
    many more there are. Fewer are returned as they are."""
    if len(flagged) <= KEPT:
        return flagged, 0
    first = flagged.sort_values(["_file", "_row"], kind="stable").head(KEPT)
    return first, len(flagged) - KEPT


def noting_more(problems: list[Problem], more: int) -> list[Problem]:
    """The examples, the last carrying the count of the rows not listed."""
    if more:
        problems[-1] = replace(problems[-1], more=more)
    return problems


def display_values(values: pd.Series) -> pd.Series:
    """Values as a data manager typed them: dates as dd/mm/YYYY, blanks as ''."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.dt.strftime("%d/%m/%Y").fillna("")
    return values.astype("object").fillna("").astype(str)


def problems_at(
    frame: pd.DataFrame,
    mask: pd.Series,
    rule: str,
    message: str,
    column: str = "",
    severity: str = "error",
) -> list[Problem]:
    """A Problem per flagged place, located by the row's source file and row number; past
    KEPT places, the first KEPT and the count of the rest (`examples.first_rows`). An XML
    record holds several episodes: two flagged in one record are listed once, counted twice."""
    selected = frame.loc[mask, ["_file", "_row", *([column] if column else [])]]
    places = selected.drop_duplicates(["_file", "_row"])
    flagged, more = first_rows(places)
    more += len(selected) - len(places)
    values = display_values(flagged[column]) if column else pd.Series("", index=flagged.index)
    kind = flagged["_file"].str.lower().str.endswith(".xml").map({True: "record", False: "row"})
    problems = [
        Problem(
            rule, message, file=f, row=int(r), column=column, value=v, severity=severity, row_kind=k
        )
        for f, r, v, k in zip(flagged["_file"], flagged["_row"], values, kind, strict=True)
    ]
    return noting_more(problems, more)
