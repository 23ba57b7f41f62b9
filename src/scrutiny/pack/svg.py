"""A chart's SVG as the page shows it: vega's inert markup dropped, the drawing unchanged.

vl-convert writes, for every mark and axis, an ARIA role and label, an empty background and
foreground path, default values (`opacity="1"`, `stroke-width="1"`), `pointer-events="none"`,
points as two-arc paths, and coordinates to many decimals: half the bytes of the scorecard's
chart. On the page the chart is one image with one text alternative, so the per-mark ARIA only
repeats it. The executed notebook keeps vl-convert's SVG as it was; only the page's copy is
compacted.
"""

from __future__ import annotations

import re

from scrutiny.contract import PUBLISHED_ATTRIBUTE

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
# vega draws a point as a path of two half-circle arcs; a <circle> is the same shape in 10 bytes.
POINT = re.compile(
    r'<path\b([^>]*?) d="M([\d.]+),0A\2,\2,0,1,1,-\2,0A\2,\2,0,1,1,\2,0"([^>]*?)(?:/>|></path>)'
)
DESCRIPTION = re.compile(r'<desc id="([\w-]+)">(.*?)</desc>', re.DOTALL)
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
    body = POINT.sub(r'<circle\1 r="\2"\3/>', body)
    body = INERT_ATTRIBUTE.sub("", body)
    body = GEOMETRY.sub(rounded, body)
    return head + sep + body


def figure(svg: str) -> str:
    """The chart and, under it, its data in words: the SVG's <desc> moved into a visible
    caption that the image's aria-describedby still names (printed in the PDF, not repeated)."""
    found = DESCRIPTION.search(svg)
    if not found:
        return svg
    key, text = found.groups()
    drawing = svg[: found.start()] + svg[found.end() :]
    mark = f' {PUBLISHED_ATTRIBUTE}="published"'
    published = mark if mark in drawing.partition(">")[0] else ""  # the chart's data, too
    return (
        f'<figure class="chart"{published}>{drawing}'
        f'<figcaption class="chart-text" id="{key}">Chart data: {text}</figcaption></figure>'
    )
