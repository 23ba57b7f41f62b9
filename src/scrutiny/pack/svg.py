"""A chart's SVG as the page shows it: vega's inert markup dropped, the drawing unchanged.

vl-convert writes, for every mark and axis, an ARIA role and label, an empty background and
foreground path, default values (`opacity="1"`, `stroke-width="1"`), `pointer-events="none"`,
and coordinates to many decimals: half the bytes of the scorecard's chart. On the page the
chart is one image with one text alternative, so the per-mark ARIA only repeats it. The executed
notebook keeps vl-convert's SVG as it was; only the page's copy is compacted.
"""

from __future__ import annotations

import re

PATH = re.compile(r"<path\b([^>]*?)(?:/>|></path>)")
FRAME = re.compile(r'class="(?:background|foreground)"')
PAINT = re.compile(r" (?:fill|stroke)=")
# ARIA the page's one text alternative replaces; pointer events on a page with no scripts; and
# values that draw as the default does (vega sets these on marks, never on the groups above them,
# so nothing inherits a different value).
INERT_ATTRIBUTE = re.compile(
    r' (?:aria-[\w-]+|role|pointer-events)="[^"]*"'
    r'| (?:opacity="1"|stroke-width="1"|stroke-dasharray="1,0"|transform="translate\(0,0\)")'
    r"(?=[\s/>])"
)
GEOMETRY = re.compile(r' (d|transform|x|y|x1|y1|x2|y2|width|height)="([^"]*)"')
LONG_DECIMAL = re.compile(r"(\d\.\d\d)\d+")  # hundredths of a pixel: below what a screen shows


def rounded(attribute: re.Match) -> str:
    name, value = attribute.groups()
    short = LONG_DECIMAL.sub(r"\1", value)
    return f' {name}="{short}"'


def drawn(path: re.Match) -> str:
    """A group's background or foreground path with neither fill nor stroke draws nothing."""
    attributes = path.group(1)
    return "" if FRAME.search(attributes) and not PAINT.search(attributes) else path.group(0)


def compact(svg: str) -> str:
    """The same drawing in fewer bytes (the root <svg>'s own attributes are kept)."""
    head, sep, body = svg.partition(">")
    body = PATH.sub(drawn, body)
    body = INERT_ATTRIBUTE.sub("", body)
    body = GEOMETRY.sub(rounded, body)
    return head + sep + body
