"""Published statistics marked in a page's HTML, so the disclosure scan can tell England's
32190 children starting care from a child whose id is 32190 (see `privacy.page_text`)."""

from __future__ import annotations

import pandas as pd

from scrutiny.contract import PUBLISHED_ATTRIBUTE

FLAG = "scrutiny.published"  # a DataFrame attr: every figure in it is the DfE's published one
ROWS = "scrutiny.published_rows"  # a DataFrame attr: which rows hold DfE figures only
MARK = f'{PUBLISHED_ATTRIBUTE}="published"'


def published_table(frame: pd.DataFrame) -> pd.DataFrame:
    frame.attrs[FLAG] = True
    return frame


def published_rows(frame: pd.DataFrame, rows: list[bool]) -> pd.DataFrame:
    """Mark the rows whose figures are all the DfE's (a table of a claim's figures may mix
    the DfE's with the 903 extract's)."""
    frame.attrs[ROWS] = list(rows)
    return frame


def marked_rows(html: str, rows: list[bool]) -> str:
    """pandas' HTML with each published row's <tr> marked (rows in the body's order)."""
    head, body_tag, body = html.partition("<tbody>")
    if not body_tag:
        return html
    parts = body.split("<tr>")
    marked = [parts[0]]
    for number, part in enumerate(parts[1:]):
        published = number < len(rows) and rows[number]
        marked.append((f"<tr {MARK}>" if published else "<tr>") + part)
    return head + body_tag + "".join(marked)


def table_html(frame: pd.DataFrame) -> str | None:
    """pandas' own HTML, inside a marked element when the table is published statistics, or
    with its published rows marked."""
    html = frame._repr_html_()
    if html is None:
        return html
    if frame.attrs.get(FLAG):
        return f"<div {MARK}>{html}</div>"
    if any(frame.attrs.get(ROWS, [])):
        return marked_rows(html, frame.attrs[ROWS])
    return html


def install() -> None:
    """Have the kernel show DataFrames through `table_html` (no kernel: nothing to do)."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, table_html)
