"""Read a PDF panel paper into lines, page by page, as a reader sees them.

pypdfium2 gives the text runs in the author's order (columns stay whole, a table row stays
on one line, bullets keep their glyph); pypdf splits table rows cell by cell and pdfplumber
interleaves columns. The layout adds what text files show with blank lines: a gap wider than
half a line ends a paragraph. Page numbers and a running header or footer repeated in the
page margins are dropped, so they do not break a sentence that runs on to the next page.
Line numbers count the visual lines of each page from the top, header included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pypdfium2

from scrutiny.claimtext.lines import Line
from scrutiny.claimtext.tables import text_table_lines
from scrutiny.errors import UnusableInput

_MARGIN = 0.07  # share of the page height at the top and bottom where headers and footers sit
_PARAGRAPH_GAP = 0.5  # a gap above a line wider than this many line heights ends a paragraph
_CELL_GAP = 1.5  # runs on one line further apart than this many line heights are table cells
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–(]?\s*\d{1,4}\s*[-–)]?(?:\s+of\s+\d{1,4})?$", re.I)


@dataclass
class _Row:
    """One visual line: its text runs joined left to right, and its vertical extent."""

    text: str
    bottom: float
    top: float
    right: float

    def takes(self, left: float, bottom: float, top: float) -> bool:
        middle = (bottom + top) / 2
        return self.bottom <= middle <= self.top and left >= self.right - 1

    def add(self, text: str, left: float, bottom: float, top: float, right: float) -> None:
        gap = left - self.right
        self.text = self.text.rstrip() + ("\t" if gap > _CELL_GAP * self.height else " ") + text
        self.bottom, self.top = min(self.bottom, bottom), max(self.top, top)
        self.right = right

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)


def pdf_lines(path: Path) -> list[Line]:
    """Each page's lines, a blank line between paragraphs; an unreadable PDF names the file."""
    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as error:
        raise UnusableInput(f"{path}: not a readable PDF ({error})") from None
    try:
        pages = [_page_rows(path, document, index) for index in range(len(document))]
    finally:
        document.close()
    if not any(rows for _, rows in pages):
        message = f"{path}: no text on any of its {len(pages)} page(s) (a scanned image?)"
        raise UnusableInput(message + "; run OCR on it first")
    return text_table_lines(_lines(pages))


def _page_rows(path: Path, document, index: int) -> tuple[float, list[_Row]]:
    try:
        page = document[index]
        height = page.get_height()
        text = page.get_textpage()
        rows: list[_Row] = []
        for number in range(text.count_rects()):
            left, bottom, right, top = text.get_rect(number)
            run = " ".join(text.get_text_bounded(left, bottom, right, top).split())
            if not run:
                continue
            bottom, top = _line_height(text, left, bottom, top)
            if rows and rows[-1].takes(left, bottom, top):
                rows[-1].add(run, left, bottom, top, right)
            else:
                rows.append(_Row(run, bottom, top, right))
        return height, rows
    except pypdfium2.PdfiumError as error:
        raise UnusableInput(f"{path}: page {index + 1} cannot be read ({error})") from None


def _line_height(text, left: float, bottom: float, top: float) -> tuple[float, float]:
    """The run's extent from its font (ascent to descent), not from its glyphs: "The" and
    "·" are as tall as any line set in the same type, so gaps between lines compare."""
    index = text.get_index(left + 0.5, (bottom + top) / 2, 2, 2)
    if index is None or index < 0:  # no character at that point (pypdfium2 says None)
        return bottom, top
    _, loose_bottom, _, loose_top = text.get_charbox(index, loose=True)
    return loose_bottom, loose_top


def _lines(pages: list[tuple[float, list[_Row]]]) -> list[Line]:
    lines: list[Line] = []
    seen_in_margins: set[str] = set()
    for page_number, (height, rows) in enumerate(pages, 1):
        above: _Row | None = None
        for row, number in zip(rows, _from_top(rows), strict=True):
            in_margin = row.top > (1 - _MARGIN) * height or row.bottom < _MARGIN * height
            if in_margin and _running(row.text, seen_in_margins):
                continue
            if _new_paragraph(above, row, lines):
                lines.append(Line(number, "", page=page_number))
            lines.append(Line(number, row.text, page=page_number))
            above = row
    return lines


def _new_paragraph(above: _Row | None, row: _Row, lines: list[Line]) -> bool:
    """A wide gap or a move up the page (a new column) ends a paragraph; a new page ends one
    only when the last line ended a sentence, so a sentence runs on over the page break."""
    if above is None:
        last = next((line.text for line in reversed(lines) if line.text), "")
        return not last or last.rstrip()[-1] in ".!?:;"
    return above.bottom - row.top > _PARAGRAPH_GAP * above.height or row.top > above.top


def _from_top(rows: list[_Row]) -> list[int]:
    """Each row's visual line number: 1 + the number of distinct rows higher on the page."""
    tops = sorted({round(row.top) for row in rows}, reverse=True)
    rank = {top: index for index, top in enumerate(tops, 1)}
    return [rank[round(row.top)] for row in rows]


def _running(text: str, seen: set[str]) -> bool:
    """A page number, or margin text already seen on an earlier page (digits ignored)."""
    if _PAGE_NUMBER.match(text.strip()):
        return True
    shape = re.sub(r"\d+", "#", text.strip().lower())
    if shape in seen:
        return True
    seen.add(shape)
    return False
