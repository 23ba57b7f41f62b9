"""The text a reader of a pack file sees, for the disclosure scan, piece by piece with where
each piece sits.

HTML and SVG are read as a browser shows them: text content with tags stripped and entities
decoded (`1012<b>34</b>` and `&#49;01234` both read 101234), plus the attributes a browser or
screen reader presents (alt, title, aria-label...); CSS is not text. Each piece is placed by the
section heading above it, the table's caption and the row. JSON and notebooks give their
strings, placed by their key path (a notebook's by cell and section), HTML inside them read both
ways. Any other file is read as it is, whatever its suffix (UTF-16 with its byte-order mark
too); only files holding NUL bytes otherwise (images, PDFs) count as binary and give None.

A piece is *published* when the pack marked it as the DfE's published statistics: HTML inside
an element with `data-source="published"` (`PUBLISHED_ATTRIBUTE`: a table, a row of one, a
chart), and in JSON a figure whose `source` names the DfE or its `context` (England, region,
neighbours). A DataFrame's plain-text copy may repeat the figures its HTML marks. The scan
lets a number there be a published figure; every other piece is searched in full.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from scrutiny.contract import PUBLISHED_ATTRIBUTE

MARKUP = {".html", ".htm", ".xhtml", ".svg"}
JSON = {".json", ".ipynb"}
# Tags inside a word: no break between the text either side.
INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i"}
INLINE |= {"kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time"}
INLINE |= {"tspan", "tt", "u", "var", "wbr"}
SHOWN_ATTRIBUTES = {"alt", "title", "aria-label", "aria-description", "placeholder", "value"}
SHOWN_ATTRIBUTES |= {"label", "summary", "content"}
HEADINGS = {"h1", "h2", "h3", "h4"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
VOID |= {"track", "wbr"}
LABEL_CHARS = 40  # of a heading, caption or row label in a place name


@dataclass(frozen=True)
class Piece:
    where: str  # "section 'Verdict', table 'Each figure...', row 3 (2019/20)"; "" = the file
    text: str
    published: bool = False
    # Of raw markup (a notebook's HTML output read as source): the text of its published parts,
    # whose figures the raw source repeats.
    published_text: str = ""

    @property
    def figures_text(self) -> str:
        """The text whose numbers may be published figures."""
        return self.text if self.published else self.published_text


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


class _Pieces(HTMLParser):
    """Text pieces of a page, each with its place and whether it is marked published."""

    def __init__(self, prefix: str = "", published: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.prefix, self.outer_published = prefix, published
        self.pieces: list[tuple[str, bool, list[str]]] = []
        self.stack: list[tuple[str, bool]] = []  # open tags: (name, marks published)
        self.in_style = 0
        self.heading, self.caption, self.row, self.row_label = "", "", 0, ""
        self.capture: str | None = None  # "heading", "caption" or "row label" being read
        self.captured: list[str] = []

    @property
    def published(self) -> bool:
        return self.outer_published or any(marks for _, marks in self.stack)

    def where(self) -> str:
        parts = [self.prefix] if self.prefix else []
        parts += [f"section '{self.heading}'"] if self.heading else []
        if self.caption or self.row:
            parts.append(f"table '{self.caption}'" if self.caption else "table")
        if self.row:
            parts.append(f"row {self.row}" + (f" ({self.row_label})" if self.row_label else ""))
        return ", ".join(parts)

    def add(self, text: str) -> None:
        key = (self.where(), self.published)
        if self.pieces and self.pieces[-1][:2] == key:
            self.pieces[-1][2].append(text)
        else:
            self.pieces.append((*key, [text]))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_style += tag == "style"
        if tag not in VOID:
            self.stack.append((tag, (PUBLISHED_ATTRIBUTE, "published") in attrs))
        if tag in HEADINGS:
            self.heading, self.caption, self.row = "", "", 0
            self.capture, self.captured = "heading", []
        elif tag == "table":
            self.caption, self.row, self.row_label = "", 0, ""
        elif tag == "caption":
            self.capture, self.captured = "caption", []
        elif tag == "tr":
            self.row, self.row_label = self.row + 1, ""
        elif tag == "th" and self.row and not self.row_label:
            self.capture, self.captured = "row label", []
        for name, value in attrs:
            if name in SHOWN_ATTRIBUTES and value:
                self.add(f" {value} ")
        if tag not in INLINE:
            self.add(" ")

    def handle_endtag(self, tag: str) -> None:
        self.in_style -= tag == "style" and self.in_style > 0
        if self.capture and tag in HEADINGS | {"caption", "th"}:
            label = _short("".join(self.captured))
            if self.capture == "heading":
                self.heading = label
            elif self.capture == "caption":
                self.caption = label
            else:
                self.row_label = label
            self.capture = None
        while self.stack:
            name, _ = self.stack.pop()
            if name == tag:
                break
        if tag == "table":
            self.caption, self.row, self.row_label = "", 0, ""
        if tag not in INLINE:
            self.add(" ")

    def handle_data(self, data: str) -> None:
        if self.in_style:
            return
        if self.capture:
            self.captured.append(data)
        self.add(data)

    def result(self) -> list[Piece]:
        self.close()
        return [Piece(where, "".join(parts), published) for where, published, parts in self.pieces]


def markup_pieces(source: str, prefix: str = "", published: bool = False) -> list[Piece]:
    parser = _Pieces(prefix, published)
    parser.feed(source)
    return parser.result()


def markup_text(source: str) -> str:
    return "".join(piece.text for piece in markup_pieces(source))


def _string_pieces(value: str, where: str, published: bool) -> Iterator[Piece]:
    """A string, and when it holds markup also as a browser shows it: the source is searched
    too (a comment or an unshown attribute hides nothing)."""
    if "<" not in value:
        yield Piece(where, value, published)
        return
    shown = markup_pieces(value, where, published)
    figures = " ".join(piece.text for piece in shown if piece.published)
    yield Piece(where, value, published_text=figures)
    yield from shown


def json_pieces(value: object, where: str = "", published: bool = False) -> Iterator[Piece]:
    """Every string (and key) of a JSON value, placed by its key path. A figure whose source is
    the DfE, and any `context` mapping, is published."""
    if isinstance(value, str):
        yield from _string_pieces(value, where, published)
    elif isinstance(value, dict):
        source = value.get("source")
        published = published or (isinstance(source, str) and source.startswith("DfE"))
        for key, item in value.items():
            yield Piece(where, str(key))
            inner = f"{where}.{key}" if where else str(key)
            yield from json_pieces(item, inner, published or key == "context")
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from json_pieces(item, f"{where}[{number}]", published)
    elif value is not None and not isinstance(value, bool):
        yield Piece(where, str(value), published)


def notebook_pieces(notebook: dict) -> Iterator[Piece]:
    """A notebook's cells, each placed by its number and the markdown heading above it; a
    DataFrame's plain-text copy is as published as its HTML."""
    heading = ""
    for number, cell in enumerate(notebook.get("cells") or [], start=1):
        if not isinstance(cell, dict):
            yield from json_pieces(cell, f"cell {number}")
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        if cell.get("cell_type") == "markdown":
            titles = [ln.lstrip("#").strip() for ln in source.splitlines() if ln.startswith("#")]
            heading = _short(titles[-1]) if titles else heading
        where = f"cell {number}" + (f" (section '{heading}')" if heading else "")
        yield Piece(where, source)
        for output in cell.get("outputs") or []:
            yield from output_pieces(output, where)
        rest = {k: v for k, v in cell.items() if k not in {"source", "outputs"}}
        yield from json_pieces(rest, where)
    rest = {k: v for k, v in notebook.items() if k != "cells"}
    yield from json_pieces(rest, "notebook metadata")


def output_pieces(output: object, where: str) -> Iterator[Piece]:
    if not isinstance(output, dict):
        yield from json_pieces(output, where)
        return
    data = output.get("data") if isinstance(output.get("data"), dict) else {}
    html = data.get("text/html")
    html = "".join(html) if isinstance(html, list) else html
    shown = markup_pieces(html, where) if isinstance(html, str) else []
    figures = " ".join(piece.text for piece in shown if piece.published)
    for mime, value in data.items():
        # A notebook stores a text output as a list of lines: one text, one markup to parse.
        text = "".join(value) if isinstance(value, list) else value
        if mime == "text/plain" and figures and isinstance(text, str):
            yield Piece(where, text, published_text=figures)  # the same table, as plain text
        else:
            yield from json_pieces(text, where)
    rest = {k: v for k, v in output.items() if k != "data"}
    yield from json_pieces(rest, where)


def decode(data: bytes) -> str:
    """UTF-8, else Windows-1252/Latin-1: a file in another encoding is still read."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def page_pieces(path: Path) -> list[Piece] | None:
    """What a reader sees of the file at `path`, piece by piece (None for a binary file);
    raises OSError."""
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", "replace")
    elif b"\x00" in data:
        return None
    else:
        text = decode(data)
    suffix = path.suffix.lower()
    if suffix in MARKUP:
        return markup_pieces(text)
    if suffix in JSON:
        try:
            loaded = json.loads(text)
        except ValueError:
            return [Piece("", text)]
        if suffix == ".ipynb" and isinstance(loaded, dict):
            return list(notebook_pieces(loaded))
        return list(json_pieces(loaded))
    return [Piece("", text)]


def page_text(path: Path) -> str | None:
    """All the text a reader sees of the file, in one string (None for a binary file)."""
    pieces = page_pieces(path)
    return None if pieces is None else "\n".join(piece.text for piece in pieces)
