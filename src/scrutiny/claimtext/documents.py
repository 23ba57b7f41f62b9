"""Read a panel document (plain text, Markdown, HTML or PDF) into numbered lines of plain text.

Line numbers always refer to the source file (in a PDF, the line on its page), so a locator
can be checked by opening it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from scrutiny import limits
from scrutiny.claimtext.lines import Line
from scrutiny.claimtext.tables import cell_lines
from scrutiny.errors import UnusableInput
from scrutiny.regular_files import read_bytes


def read_lines(path: Path, budget: limits.TextBudget | None = None) -> list[Line]:
    """The file's lines as plain text; the format is chosen by suffix or by its opening.

    Within the limits: the file's bytes, a PDF's pages, the text it gives, and the text of
    every document of the run together (`budget`)."""
    path = Path(path)
    if not path.exists():
        raise UnusableInput(
            f"{path}: no such document (expected a text, Markdown, HTML or PDF file)"
        )
    data = read_bytes(path, limits.DOCUMENT_BYTES, "the document")  # a regular file only
    if path.suffix.lower() == ".pdf" or data.startswith(b"%PDF-"):
        from scrutiny.claimtext.pdf import pdf_lines  # pypdfium2 loads only for PDFs

        lines = pdf_lines(path)
        characters = sum(len(line.text) for line in lines)
    else:
        raw = _decode(path, data)
        characters = len(raw)
        limits.check(path, "the text's length in characters", characters, limits.DOCUMENT_TEXT)
        lines = _text_lines(path, raw)
    (budget or limits.TextBudget()).spend(path, characters)
    return lines


def _text_lines(path: Path, raw: str) -> list[Line]:
    opening = raw.lstrip()[:200].lower()
    if path.suffix.lower() in {".html", ".htm"} or opening.startswith(("<!doctype html", "<html")):
        return html_lines(raw)
    if path.suffix.lower() in {".md", ".markdown"}:
        return markdown_lines(raw)
    return text_lines(raw)


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise UnusableInput(f"{path}: looks binary (a Word file?); save it as text or PDF first")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnusableInput(f"{path}: cannot be decoded as UTF-8 or Windows-1252 text")


_INLINE_TAG = re.compile(r"</?(?:p|br|span|b|i|em|strong|u|div)\b[^>]*>", re.IGNORECASE)
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")


def _clean(text: str) -> str:
    text = _INLINE_TAG.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text).replace("`", "")
    return text.replace("\u00a0", " ").rstrip()


def text_lines(raw: str) -> list[Line]:
    """Plain text: stray inline tags and emphasis marks (seen in exported minutes) removed."""
    return [Line(number, _clean(text)) for number, text in enumerate(raw.splitlines(), 1)]


def markdown_lines(raw: str) -> list[Line]:
    """Markdown: `#` headings flagged; links, emphasis and code marks reduced to their text."""
    lines = []
    for number, text in enumerate(raw.splitlines(), 1):
        heading = _MD_HEADING.match(text)
        if heading:
            lines.append(Line(number, _clean(heading.group(1)), heading=True))
        else:
            lines.append(Line(number, _clean(text)))
    return lines


_BLOCK_TAGS = {
    "p",
    "div",
    "li",
    "tr",
    "td",
    "th",
    "ul",
    "ol",
    "table",
    "section",
    "article",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "footer",
    "dd",
    "dt",
}
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIPPED_TAGS = {"script", "style", "head", "title", "noscript"}


class _TextCollector(HTMLParser):
    """Collects visible text per source line; every block element ends a paragraph."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self._pending: dict[int, str] = {}
        self._skip_depth = 0
        self._heading_depth = 0
        self._pending_heading = False
        self._table: list | None = None  # rows of (line, text, is_header) cells
        self._cell: list[str] | None = None
        self._cell_start = (0, False)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIPPED_TAGS:
            self._skip_depth += 1
        if self._table_tag(tag, start=True):
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag in _HEADING_TAGS:
            self._heading_depth += 1
        if tag == "li":
            self._add("- ", self.getpos()[0])

    def _table_tag(self, tag: str, start: bool) -> bool:
        """A table is read whole: each number with its row and column headers (tables.py)."""
        if tag == "table":
            self._flush()
            if start and self._table is None:
                self._table = []
            elif not start and self._table is not None:
                self.lines.extend(cell_lines(self._table))
                self._table = None
            return True
        if self._table is None or tag not in {"tr", "td", "th"}:
            return False
        if tag == "tr" and start:
            self._table.append([])
        elif start:
            self._cell, self._cell_start = [], (self.getpos()[0], tag == "th")
        elif self._cell is not None:
            if not self._table:
                self._table.append([])
            line, header = self._cell_start
            self._table[-1].append((line, " ".join(" ".join(self._cell).split()), header))
            self._cell = None
        return True

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        if self._table_tag(tag, start=False):
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag in _HEADING_TAGS:
            self._heading_depth = max(0, self._heading_depth - 1)

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        if self._cell is not None:
            self._cell.append(data)
            return
        first_line = self.getpos()[0]
        for offset, piece in enumerate(data.split("\n")):
            self._add(piece, first_line + offset)

    def _add(self, text: str, number: int) -> None:
        if not text.strip() and number not in self._pending:
            return
        self._pending[number] = self._pending.get(number, "") + text
        self._pending_heading = self._pending_heading or self._heading_depth > 0

    def _flush(self) -> None:
        texts = [(n, " ".join(t.split())) for n, t in sorted(self._pending.items())]
        texts = [(n, t) for n, t in texts if t and t != "-"]
        for number, text in texts:
            self.lines.append(Line(number, text.replace("\u00a0", " "), self._pending_heading))
        if texts:
            self.lines.append(Line(texts[-1][0], ""))  # paragraph break
        self._pending = {}
        self._pending_heading = False


def html_lines(raw: str) -> list[Line]:
    """HTML: visible text only, split at block elements, keeping source line numbers."""
    collector = _TextCollector()
    collector.feed(raw)
    collector.close()
    collector._flush()
    return collector.lines
