"""Tables as figures: each number in a table, with its row and column headers as its subject
and period, written as a sentence the claim finder reads ("Children looked after (2020/21)
was 570.") on the line the number stands on.

An HTML table gives its cells; a PDF gives lines, and a table there is a header line of periods
("2019/20 2020/21 2021/22", "Mar 2021 Mar 2022") followed by lines of a label and as many
numbers as there are periods.
"""

from __future__ import annotations

import re

from scrutiny.claimtext.lines import Line

VALUE = re.compile(r"^[<>~]?\s*-?\d[\d,]*(?:\.\d+)?\s*%?$")
_PERIOD = (
    r"(?:(?:19|20)\d\d(?:\s*[/-]\s*\d\d(?:\d\d)?)?|[A-Z][a-z]{2,8}\.?\s+(?:19|20)?\d\d|Q[1-4])"
)
_HEADER = re.compile(
    rf"^\s*(?:[A-Za-z][\w ,()%-]*?\s+)??(?P<periods>(?:{_PERIOD})(?:\s+{_PERIOD})+)\s*$"
)
_ROW = re.compile(
    r"^(?P<label>.*?[A-Za-z)%].*?)\s+(?P<values>(?:[<>~]?-?\d[\d,]*(?:\.\d+)?%?\s*)+)$"
)


def sentence(row: str, column: str, value: str) -> str:
    """ "Children looked after (2020/21) was 570." """
    row, column = " ".join(row.split()), " ".join(column.split())
    where = f" ({column})" if column and column != row else ""
    return f"{row}{where} was {value.strip()}."


def cell_lines(rows: list[list[tuple[int, str, bool]]]) -> list[Line]:
    """An HTML table's rows of (line, text, is_header) cells as one line per number."""
    if not rows:
        return []
    header = rows[0] if len(rows) > 1 and not any(VALUE.match(t) for _, t, _ in rows[0][1:]) else []
    body = rows[1:] if header else rows
    lines: list[Line] = []
    for cells in body:
        label = cells[0][1] if cells and not VALUE.match(cells[0][1]) else ""
        for index, (number, text, _) in enumerate(cells):
            if not VALUE.match(text) or not label:
                continue
            column = header[index][1] if index < len(header) else ""
            lines.append(Line(number, sentence(label, column, text)))
            lines.append(Line(number, ""))  # each figure its own paragraph: no carry-over
    return lines


def text_table_lines(lines: list[Line]) -> list[Line]:
    """Lines of a PDF with each table row under a header of periods read as figures."""
    out: list[Line] = []
    periods: list[str] = []
    for line in lines:
        header = _HEADER.match(line.text)
        if header:
            periods = re.findall(_PERIOD, header.group("periods"))
            out.append(line)
            continue
        row = _ROW.match(line.text) if periods else None
        values = row.group("values").split() if row else []
        if row and len(values) == len(periods):
            for period, value in zip(periods, values, strict=True):
                out.append(
                    Line(line.number, sentence(row.group("label"), period, value), page=line.page)
                )
                out.append(Line(line.number, "", page=line.page))
            continue
        if line.text.strip():
            periods = []  # any other line ends the table
        out.append(line)
    return out
