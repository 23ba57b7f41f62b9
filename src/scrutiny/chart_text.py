"""A chart's text alternative, written from the data the chart draws (WCAG 1.1.1).

A reader who cannot see the SVG gets its title and, in numbers, every value it plots: series by
series, panel by panel, with the claimed value it is marked against. The words come from the
Vega-Lite spec (its datasets and encodings), so they cannot drift from the drawing.
"""

from __future__ import annotations

import hashlib
import html
from datetime import datetime

from scrutiny import chart_service, numbers

DRAWN = {"line", "bar", "point", "area", "circle", "square", "tick"}


def one_line(title) -> str:
    """A title as one line of text (a chart may give it as a list of lines)."""
    return " ".join(title) if isinstance(title, list) else str(title)


def title_of(spec: dict) -> str:
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    if title:
        return one_line(title)
    return next((t for t in map(title_of, spec.get("layer", [])) if t), "")


def number(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "no value"
    if isinstance(value, int | float):
        return numbers.short(value)
    return str(value)


def position(value, channel: dict) -> str:
    """An x value as the axis labels it: dates as month and year, years as whole numbers."""
    if channel.get("type") == "temporal" and isinstance(value, str):
        return datetime.fromisoformat(value).strftime("%d %b %Y").lstrip("0")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def folded(rows: list[dict], transforms: list[dict]) -> list[dict]:
    """Rows after a fold transform (columns -> series, value), the one transform charts use."""
    for transform in transforms:
        if "fold" in transform:
            key, value = transform.get("as", ["key", "value"])
            rows = [
                {**row, key: column, value: row.get(column)}
                for row in rows
                for column in transform["fold"]
            ]
    return rows


def field(channel: dict | None) -> str | None:
    return channel.get("field") if isinstance(channel, dict) else None


def describe_unit(unit: dict, rows: list[dict]) -> str:
    """One layer: its values by series, a range band, or the labels it marks."""
    mark = unit.get("mark")
    mark = mark.get("type") if isinstance(mark, dict) else mark
    encoding = unit.get("encoding", {})
    rows = folded(rows, unit.get("transform", []))
    x, y, y2 = (encoding.get(c, {}) for c in ("x", "y", "y2"))
    series = field(encoding.get("color")) or field(encoding.get("xOffset"))
    if mark == "text" and field(encoding.get("text")):
        label = field(encoding["text"])
        return "; ".join(f"{r[label]} (marked at {number(r.get(field(y)))})" for r in rows)
    if mark not in DRAWN or not field(x) or not field(y):
        return ""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(str(row.get(series, "")) if series else "", []).append(row)
    parts = []
    for name, members in groups.items():
        if field(y2):
            points = ", ".join(
                f"{position(r[field(x)], x)} {number(r.get(field(y)))} to "
                f"{number(r.get(field(y2)))}"
                for r in members
            )
            parts.append(f"range {points}")
        else:
            points = ", ".join(
                f"{position(r[field(x)], x)} {number(r.get(field(y)))}" for r in members
            )
            parts.append(f"{name}: {points}" if name else points)
    return "; ".join(parts)


def describe_layers(spec: dict, rows: list[dict], datasets: dict) -> list[str]:
    units = spec.get("layer", [spec])
    described = []
    for unit in units:
        data = unit.get("data", {}).get("name")
        unit_rows = datasets.get(data, []) if data else rows
        text = describe_unit(unit, unit_rows) if "layer" not in unit else ""
        if "layer" in unit:
            text = ". ".join(describe_layers(unit, unit_rows, datasets))
        axis = field(unit.get("encoding", {}).get("y"))
        title = one_line((unit.get("encoding", {}).get("y") or {}).get("title") or "")
        if text and title and axis and not text.startswith(title):
            text = f"{title}: {text}"
        if text:
            described.append(text)
    return described


def describe(spec: dict) -> str:
    """Every value the chart plots, in words and numbers."""
    datasets = spec.get("datasets", {})
    rows = datasets.get(spec.get("data", {}).get("name"), [])
    if "facet" in spec:
        facet = spec["facet"].get("facet", spec["facet"])
        name = field(facet)
        panels = list(dict.fromkeys(r.get(name) for r in rows))
        inner = spec["spec"]
        return " ".join(
            f"{panel}: "
            + ". ".join(describe_layers(inner, [r for r in rows if r.get(name) == panel], {}))
            + "."
            for panel in panels
        )
    described = describe_layers(spec, rows, datasets)
    return ". ".join(described) + "." if described else ""


def with_text(svg: str, title: str, description: str) -> str:
    """The SVG as one image (role="img") named by its <title>, described by its <desc>."""
    key = hashlib.sha256((title + description).encode()).hexdigest()[:8]
    head, sep, body = svg.partition(">")
    head += f' role="img" aria-labelledby="chart-{key}-title"'
    text = f'<title id="chart-{key}-title">{html.escape(title or "Chart")}</title>'
    if description:
        head += f' aria-describedby="chart-{key}-desc"'
        text += f'<desc id="chart-{key}-desc">{html.escape(description)}</desc>'
    return head + sep + text + body


def text_alternative(svg: str, spec: dict) -> str:
    return with_text(svg, title_of(spec), describe(spec))


def accessible_svg(spec: dict) -> str:
    """The chart as static SVG (vl-convert) carrying its data-derived text alternative."""
    return text_alternative(chart_service.svg(spec), spec)
