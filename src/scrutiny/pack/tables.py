"""Tables as a screen reader needs them (WCAG 1.3.1): a caption, scoped headers, one header row.

pandas writes a DataFrame with a named index as two header rows: the column names, then a row
holding only the index names. The page merges the second into the first's empty corner cells,
marks column and row headers with `scope`, and captions the table. The executed notebook keeps
pandas' HTML as it was; only the page's copy changes.
"""

from __future__ import annotations

from bs4 import BeautifulSoup

from scrutiny.numbers import MISSING


def merge_index_row(table) -> None:
    """Fold pandas' index-name header row into the column-name row above it."""
    rows = table.thead.find_all("tr", recursive=False) if table.thead else []
    if len(rows) != 2:
        return
    names, upper = rows[1].find_all(["th", "td"]), rows[0].find_all(["th", "td"])
    named = [cell for cell in names if cell.get_text(strip=True)]
    corner = [cell for cell in upper[: len(named)] if not cell.get_text(strip=True)]
    rest = names[len(named) :]
    if not named or len(corner) != len(named) or any(c.get_text(strip=True) for c in rest):
        return
    for blank, name in zip(corner, named, strict=True):
        blank.string = name.get_text(strip=True)
    rows[1].decompose()


BLANKS = {"<NA>", "NaN", "None", "nan"}  # how pandas writes a missing value


def accessible_tables(fragment: str, caption: str | None) -> str:
    """Every <table> in an HTML output: one header row, scoped headers, `caption`, and a
    missing figure written as the pages write one (`numbers.MISSING`), not as pandas does."""
    if "<table" not in fragment:
        return fragment
    soup = BeautifulSoup(fragment, "html.parser")
    for table in soup.find_all("table"):
        merge_index_row(table)
        for header in table.find_all("th"):
            header["scope"] = "col" if header.find_parent("thead") else "row"
        for cell in table.find_all("td"):
            if cell.get_text(strip=True) in BLANKS:
                cell.string = MISSING
        if caption and table.caption is None:
            node = soup.new_tag("caption")
            node.string = caption
            table.insert(0, node)
    return str(soup)
