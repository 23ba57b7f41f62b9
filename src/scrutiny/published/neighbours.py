"""DfE statistical neighbour groups: each LA's ten nearest LAs, from the LAIT workbooks.

Sheet "LA SN Groups": a header row starting "LA num", then one row per LA with its old code,
name, and ten (SNk, SNP) pairs: the k-th neighbour's old LA code and its closeness band.
"-" in both means the edition gives that LA no group (Cumberland, Westmorland and Furness
in April 2021): such pairs are left out.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from scrutiny.errors import DataError, Problem, UnusableInput

SHEET = "LA SN Groups"
COLUMNS = ["edition", "old_la_code", "la_name", "rank", "neighbour_old_la_code", "closeness"]


def read_neighbours(path: Path, edition: str) -> pd.DataFrame:
    """Long table: one row per (LA, rank 1..10) with the neighbour's old code and closeness."""
    try:
        sheet = pd.read_excel(path, sheet_name=SHEET, header=None, dtype=str)
    except (OSError, ValueError) as error:
        raise UnusableInput(f"{path}: cannot read sheet {SHEET!r} ({error})") from error
    starts = sheet.index[sheet[0].str.strip().eq("LA num")]
    if starts.empty:
        raise UnusableInput(f"{path}: sheet {SHEET!r} has no header row starting 'LA num'")
    header = sheet.loc[starts[0]].str.strip().tolist()
    expected = [name for k in range(1, 11) for name in (f"SN{k}", "SNP")]
    if header[5:25] != expected:
        raise UnusableInput(
            f"{path}: columns F:Y should be SN1, SNP ... SN10, SNP; found {header[5:25]}"
        )
    body = sheet.loc[starts[0] + 1 :].dropna(subset=[0])
    parts = [
        pd.DataFrame(
            {
                "old_la_code": body[0].str.strip(),
                "la_name": body[1].str.strip(),
                "rank": k,
                "neighbour_old_la_code": body[3 + 2 * k].str.strip(),
                "closeness": body[4 + 2 * k].str.strip(),
                "row": body.index + 1,
            }
        )
        for k in range(1, 11)
    ]
    table = pd.concat(parts).assign(edition=edition)
    table = table[table["neighbour_old_la_code"].ne("-")]
    _check_codes(table, path)
    return table.sort_values(["old_la_code", "rank"], ignore_index=True)[COLUMNS]


def _check_codes(table: pd.DataFrame, path: Path) -> None:
    problems = [
        Problem(
            "la-code",
            "old LA codes are three digits",
            file=str(path),
            row=int(row),
            column=column,
            value=str(value),
        )
        for column in ("old_la_code", "neighbour_old_la_code")
        for row, value in table.loc[
            ~table[column].str.fullmatch(r"\d{3}", na=False), ["row", column]
        ].itertuples(index=False)
    ]
    if problems:
        raise DataError(problems, source=str(path))
