"""Read a PDF's text runs page by page, in a process of its own held to the limits.

pdfium inflates a page's content stream whole and cannot be told to stop, so a small "deflate
bomb" would take gigabytes: this process caps its own address space and CPU time, counts the
pages before reading any, and stops once the pages read give more text than one document may.
`python -m scrutiny.pdf_pages FILE LIMITS` (LIMITS: `bounds()` as JSON, read in the caller so
one module holds them) prints the rows of each page as JSON, or {"refused": ...} or {"error":
...}; before each page it writes the page's number to stderr, so the caller can name the page
that broke a limit. `scrutiny.claimtext.pdf` runs it and lays the rows out (it lives outside
`claimtext` so the process starts without importing the claim finder).
"""

from __future__ import annotations

import json
import resource
import sys
from dataclasses import dataclass

from scrutiny import limits
from scrutiny.lifetime import die_with_parent

_CELL_GAP = 1.5  # runs on one line further apart than this many line heights are table cells


@dataclass
class Row:
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


def page_rows(page) -> tuple[float, list[Row]]:
    """The page's height and its visual lines, runs in the author's order."""
    height = page.get_height()
    text = page.get_textpage()
    rows: list[Row] = []
    for number in range(text.count_rects()):
        left, bottom, right, top = text.get_rect(number)
        run = " ".join(text.get_text_bounded(left, bottom, right, top).split())
        if not run:
            continue
        bottom, top = _line_height(text, left, bottom, top)
        if rows and rows[-1].takes(left, bottom, top):
            rows[-1].add(run, left, bottom, top, right)
        else:
            rows.append(Row(run, bottom, top, right))
    return height, rows


def _line_height(text, left: float, bottom: float, top: float) -> tuple[float, float]:
    """The run's extent from its font (ascent to descent), not from its glyphs: "The" and
    "·" are as tall as any line set in the same type, so gaps between lines compare."""
    index = text.get_index(left + 0.5, (bottom + top) / 2, 2, 2)
    if index is None or index < 0:  # no character at that point (pypdfium2 says None)
        return bottom, top
    _, loose_bottom, _, loose_top = text.get_charbox(index, loose=True)
    return loose_bottom, loose_top


def bounds() -> dict[str, int]:
    """The limits this process is held to, from `scrutiny.limits`."""
    return {
        "memory": limits.PDF_MEMORY,
        "seconds": limits.PDF_SECONDS,
        "pages": limits.PDF_PAGES,
        "text": limits.DOCUMENT_TEXT,
    }


def read(path: str, bounds: dict[str, int]) -> dict:
    """{"pages": [[height, [[text, bottom, top, right], ...]], ...]}, or {"refused": message}
    over a limit, or {"error": message}."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError as error:
        return {"error": f"not a readable PDF ({error})"}
    pages, characters = [], 0
    try:
        count = len(document)
        if count > bounds["pages"]:
            return {
                "refused": str(limits.refuse("", "its number of pages", count, bounds["pages"]))
            }
        for index in range(count):
            print(index + 1, file=sys.stderr, flush=True)
            try:
                height, rows = page_rows(document[index])
            except pypdfium2.PdfiumError as error:
                return {"error": f"page {index + 1} cannot be read ({error})"}
            characters += sum(len(row.text) for row in rows)
            if characters > bounds["text"]:
                found = f"over {limits.size(bounds['text'])} characters by page {index + 1}"
                return {"refused": str(limits.refuse("", "its text", found, bounds["text"]))}
            pages.append([height, [[r.text, r.bottom, r.top, r.right] for r in rows]])
    finally:
        document.close()
    return {"pages": pages}


def hold_to(bounds: dict[str, int]) -> None:
    """Cap this process: memory (what pdfium may inflate) and CPU time."""
    resource.setrlimit(resource.RLIMIT_AS, (bounds["memory"], bounds["memory"]))
    resource.setrlimit(resource.RLIMIT_CPU, (bounds["seconds"], bounds["seconds"] + 1))


if __name__ == "__main__":
    die_with_parent()
    held = json.loads(sys.argv[2])
    hold_to(held)
    json.dump(read(sys.argv[1], held), sys.stdout)
