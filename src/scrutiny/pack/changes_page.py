"""changes.html and changes.json: a pack's comparison with the pack before it, for the panel.

Built with every pack, so a reader sees at once what moved since last quarter and why.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from scrutiny.errors import ConfigError
from scrutiny.pack.changes import MEANINGS, Pack, compare, counts, load_pack
from scrutiny.pack.index import write_json
from scrutiny.pack.stylesheet import STYLESHEET
from scrutiny.quarters import Quarter

PAGE = "changes.html"


def default_since(target: Path, quarter: str) -> Path:
    """The previous quarter's pack beside this one: rendered/2021Q4 for rendered/2022Q1."""
    return target.parent / Quarter.parse(quarter).previous.label


def previous_pack(target: Path, quarter: str, since: Path | None) -> Pack | None:
    """The pack to compare with: `--since` (which must be a pack), else the previous quarter's
    folder beside this one when it holds a pack."""
    if since is not None:
        return load_pack(since)
    try:
        return load_pack(default_since(target, quarter))
    except ConfigError:
        return None  # no pack there: the page says so, and the build goes on


def old_link(old: Pack, target: Path) -> str | None:
    """A link to the older pack's front page when it sits beside this one."""
    if old.folder.resolve().parent == target.resolve().parent:
        return f"../{old.folder.name}/index.html"
    return None


def write_changes(build: Path, target: Path, old: Pack | None) -> dict:
    """Compare the pack in `build` (to be swapped in at `target`) with `old`; write both files
    and return the counts the front page shows."""
    new = load_pack(build)
    comparison = compare(old, new) if old else None
    data = comparison or {"old": None, "new": new.describe(), "figures": [], "verdicts": []}
    write_json(build / "changes.json", data)
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("scrutiny", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    page = environment.get_template("changes.html.j2").render(
        stylesheet=STYLESHEET,
        quarter=new.quarter,
        comparison=comparison,
        counts=counts(comparison) if comparison else None,
        meanings=MEANINGS,
        old_link=old_link(old, target) if old else None,
        illustrative=bool(comparison)
        and any(
            (side or {}).get("evidence") == "illustrative"
            for figure in comparison["figures"]
            for side in (figure.get("old"), figure.get("new"))
        ),
        looked=default_since(target, new.quarter).name,
    )
    (build / PAGE).write_text(page, encoding="utf-8")
    return {"since": old.quarter if old else None, **(counts(comparison) if comparison else {})}
