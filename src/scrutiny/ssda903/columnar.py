"""The fast path of the CSV reader: a plain file parsed column by column in Arrow.

Parsing cell by cell in Python costs a list per row and a string object per cell: 200 MB of
CSV became several GB, and time grew faster than rows. Arrow parses into one compact buffer
per column. It is used only when its result is the same as the exact reader's (`read.py`),
which handles everything else: quotes (a quoted line break makes one record of two lines),
blank lines (rows are numbered as a spreadsheet shows them), rows of the wrong width,
NUL bytes or text that is not UTF-8.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv


def plain_header(data: bytes) -> list[str] | None:
    """The header's fields when the file has nothing that needs the exact reader."""
    if not data.strip() or b'"' in data or b"\0" in data:
        return None
    first = data.split(b"\n", 1)[0].rstrip(b"\r")
    try:
        return first.decode("utf-8-sig").split(",")
    except UnicodeDecodeError:
        return None


def plain_frame(data: bytes, columns: list[str]) -> pd.DataFrame | None:
    """Every record of a plain file as strings, indexed by spreadsheet row; None when a row
    is blank or of the wrong width (then the exact reader numbers and reports it)."""
    odd = []

    def flag(row) -> str:
        odd.append(row)
        return "skip"

    try:
        table = pacsv.read_csv(
            pa.py_buffer(data),
            read_options=pacsv.ReadOptions(column_names=columns, skip_rows=1),
            parse_options=pacsv.ParseOptions(invalid_row_handler=flag),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(columns, pa.large_string()),
                strings_can_be_null=False,
                null_values=[],
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None
    lines = data.count(b"\n") + (not data.endswith(b"\n"))
    if odd or table.num_rows + 1 != lines:
        return None
    frame = table.to_pandas()
    frame.index = pd.RangeIndex(2, table.num_rows + 2)
    return frame
