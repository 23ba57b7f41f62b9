"""The text a reader of a pack file sees, for the disclosure scan.

HTML and SVG are read as a browser shows them: text content with tags stripped and entities
decoded (`1012<b>34</b>` and `&#49;01234` both read 101234), plus the attributes a browser or
screen reader presents (alt, title, aria-label...); CSS is not text. JSON and notebooks give
their strings, HTML inside them read both ways. Any other file is read as it is, whatever its
suffix (UTF-16 with its byte-order mark too); only files holding NUL bytes otherwise (images,
PDFs) count as binary and give None.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

MARKUP = {".html", ".htm", ".xhtml", ".svg"}
JSON = {".json", ".ipynb"}
# Tags inside a word: no break between the text either side.
INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i"}
INLINE |= {"kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time"}
INLINE |= {"tspan", "tt", "u", "var", "wbr"}
SHOWN_ATTRIBUTES = {"alt", "title", "aria-label", "aria-description", "placeholder", "value"}
SHOWN_ATTRIBUTES |= {"label", "summary", "content"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.in_style = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_style += tag == "style"
        self.parts += [f" {value} " for name, value in attrs if name in SHOWN_ATTRIBUTES and value]
        if tag not in INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.in_style -= tag == "style" and self.in_style > 0
        if tag not in INLINE:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.in_style:
            self.parts.append(data)


def markup_text(source: str) -> str:
    parser = _Text()
    parser.feed(source)
    parser.close()
    return "".join(parser.parts)


def json_strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
        if "<" in value:
            yield markup_text(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


def decode(data: bytes) -> str:
    """UTF-8, else Windows-1252/Latin-1: a file in another encoding is still read."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def page_text(path: Path) -> str | None:
    """What a reader sees of the file at `path` (None for a binary file); raises OSError."""
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", "replace")
    elif b"\x00" in data:
        return None
    else:
        text = decode(data)
    suffix = path.suffix.lower()
    if suffix in MARKUP:
        return markup_text(text)
    if suffix in JSON:
        try:
            return "\n".join(json_strings(json.loads(text)))
        except ValueError:
            return text
    return text
