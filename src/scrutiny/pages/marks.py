"""Published statistics marked in a page's HTML, so the disclosure scan can tell England's
32190 children starting care from a child whose id is 32190 (see `privacy.page_text`)."""

from __future__ import annotations

import pandas as pd

from scrutiny.contract import PUBLISHED_ATTRIBUTE

FLAG = "scrutiny.published"  # a DataFrame attr: every figure in it is the DfE's published one


def published_table(frame: pd.DataFrame) -> pd.DataFrame:
    frame.attrs[FLAG] = True
    return frame


def table_html(frame: pd.DataFrame) -> str | None:
    """pandas' own HTML, inside a marked element when the table is published statistics."""
    html = frame._repr_html_()
    if html is None or not frame.attrs.get(FLAG):
        return html
    return f'<div {PUBLISHED_ATTRIBUTE}="published">{html}</div>'


def install() -> None:
    """Have the kernel show DataFrames through `table_html` (no kernel: nothing to do)."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, table_html)
