"""The pack's accessibility statement: what was tested, with which tool, and the limits."""

from __future__ import annotations

import re
from importlib.util import find_spec
from pathlib import Path

import jinja2

from scrutiny import __version__
from scrutiny.pack.stylesheet import STYLESHEET

STATEMENT = "accessibility.html"


def axe_version() -> str:
    """axe-core as the browser test runs it (shipped by axe-playwright-python, a dev package)."""
    spec = find_spec("axe_playwright_python")
    if spec is None or spec.origin is None:
        return "axe-core"
    script = Path(spec.origin).with_name("axe.min.js")
    head = script.read_text("utf-8")[:200] if script.exists() else ""
    found = re.search(r"axe v([\d.]+)", head)
    return f"axe-core {found.group(1)}" if found else "axe-core"


def write_statement(out: Path, quarter: str | None) -> Path:
    """The statement for one quarter's pack, or (quarter None) for the index of every pack."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("scrutiny", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    page = environment.get_template("accessibility.html.j2").render(
        quarter=quarter, stylesheet=STYLESHEET, axe=axe_version(), version=__version__
    )
    target = out / STATEMENT
    target.write_text(page, encoding="utf-8")
    return target
