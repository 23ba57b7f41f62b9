"""Read a PDF panel paper into lines, page by page, as a reader sees them.

pypdfium2 gives the text runs in the author's order (columns stay whole, a table row stays
on one line, bullets keep their glyph); pypdf splits table rows cell by cell and pdfplumber
interleaves columns. The layout adds what text files show with blank lines: a gap wider than
half a line ends a paragraph. Page numbers and a running header or footer repeated in the
page margins are dropped, so they do not break a sentence that runs on to the next page.
Line numbers count the visual lines of each page from the top, header included. The pages
are read in a process of their own held to the limits (`scrutiny.pdf_pages`).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from scrutiny import limits
from scrutiny.claimtext.lines import Line
from scrutiny.claimtext.tables import text_table_lines
from scrutiny.errors import OverLimit, UnusableInput
from scrutiny.lifetime import helper_environment
from scrutiny.pdf_pages import Row as _Row
from scrutiny.pdf_pages import bounds

_MARGIN = 0.07  # share of the page height at the top and bottom where headers and footers sit
_PARAGRAPH_GAP = 0.5  # a gap above a line wider than this many line heights ends a paragraph
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–(]?\s*\d{1,4}\s*[-–)]?(?:\s+of\s+\d{1,4})?$", re.I)


def pdf_lines(path: Path) -> list[Line]:
    """Each page's lines, a blank line between paragraphs; an unreadable PDF, or one over a
    limit, names the file (and the page)."""
    pages = [(height, [_Row(*row) for row in rows]) for height, rows in _read_pages(path)]
    if not any(rows for _, rows in pages):
        message = f"{path}: no text on any of its {len(pages)} page(s) (a scanned image?)"
        raise UnusableInput(message + "; run OCR on it first")
    return text_table_lines(_lines(pages))


def _read_pages(path: Path) -> list:
    """The pages' rows, read by `scrutiny.pdf_pages` in a process held to limits."""
    held = bounds()
    command = [sys.executable, "-m", "scrutiny.pdf_pages", str(path), json.dumps(held)]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=held["seconds"],
            env=helper_environment(),
        )
    except subprocess.TimeoutExpired as stopped:
        raise OverLimit(
            f"{path}{_last_page(stopped.stderr)}: refused: reading it took longer than the "
            f"limit of {held['seconds']} s (scrutiny.limits; see the README's 'Limits')"
        ) from None
    try:
        found = json.loads(done.stdout) if done.returncode == 0 else {}
    except ValueError:
        found = {}
    if "refused" in found:
        raise OverLimit(f"{path}: {found['refused']}")
    if "error" in found:
        raise UnusableInput(f"{path}: {found['error']}")
    if "pages" not in found and not _out_of_bounds(done):
        said = [line for line in done.stderr.splitlines() if line.strip()]
        raise UnusableInput(f"{path}: the PDF reader failed ({said[-1] if said else 'silently'})")
    if "pages" not in found:
        page = _last_page(done.stderr)
        raise OverLimit(
            f"{path}{page}: refused: reading it took more than the {limits.size(held['memory'])}"
            f" of memory or the {held['seconds']} s of CPU one PDF may use (a stream that "
            "inflates hugely?) (scrutiny.limits; see the README's 'Limits')"
        )
    return found["pages"]


def _out_of_bounds(done: subprocess.CompletedProcess) -> bool:
    """Killed by a signal (pdfium aborts when an allocation fails; the CPU limit sends
    SIGXCPU) or out of memory in Python: a limit, not a fault of the reader."""
    return done.returncode < 0 or "MemoryError" in done.stderr


def _last_page(stderr: str | bytes | None) -> str:
    """ ", page N": the page the reader had reached, from what it wrote before each page."""
    if isinstance(stderr, bytes):
        stderr = stderr.decode(errors="replace")
    numbers = [line for line in (stderr or "").split() if line.isdigit()]
    return f", page {numbers[-1]}" if numbers else ""


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
