"""changes.html and changes.json: a pack's comparison with the pack before it, for the panel.

Built with every pack, so a reader sees at once what moved since last quarter and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from scrutiny.pack.changes import MEANINGS, Pack, compare, counts, load_pack
from scrutiny.pack.index import write_json
from scrutiny.pack.stylesheet import STYLESHEET
from scrutiny.pack.trust import NotAPack, UntrustedPack
from scrutiny.quarters import Quarter

PAGE = "changes.html"


def default_since(target: Path, quarter: str) -> Path:
    """The previous quarter's pack beside this one: rendered/2021Q4 for rendered/2022Q1."""
    return target.parent / Quarter.parse(quarter).previous.label


@dataclass(frozen=True)
class SetAside:
    """An earlier pack that could not be trusted: named, with why, instead of compared."""

    folder: Path
    reason: str

    @property
    def warning(self) -> str:
        return (
            f"the previous pack {self.folder} could not be trusted: changes not computed "
            f"({self.reason})"
        )


def previous_pack(target: Path, quarter: str, since: Path | None) -> Pack | SetAside | None:
    """The pack to compare with: `--since` (which must hold a pack), else the previous
    quarter's folder beside this one when it holds one. A pack that fails its recorded hashes,
    a limit or a type is set aside, so one corrupt old pack never blocks a new build."""
    folder = default_since(target, quarter) if since is None else since
    try:
        return load_pack(folder)
    except NotAPack:
        if since is not None:
            raise
        return None  # no pack there: the page says so, and the build goes on
    except UntrustedPack as error:
        return SetAside(folder, error.reason)


def old_link(old: Pack, target: Path) -> str | None:
    """A link to the older pack's front page when it sits beside this one."""
    if old.folder.resolve().parent == target.resolve().parent:
        return f"../{old.folder.name}/index.html"
    return None


def write_changes(build: Path, target: Path, old: Pack | SetAside | None, new: Pack) -> dict:
    """Compare `new` (built in `build`, to be swapped in at `target`) with `old`; write both
    files and return the counts the front page shows."""
    set_aside = old if isinstance(old, SetAside) else None
    old = None if set_aside else old
    comparison = compare(old, new) if old else None
    data = comparison or {"old": None, "new": new.describe(), "figures": [], "verdicts": []}
    if set_aside:
        data["set_aside"] = {"folder": set_aside.folder.name, "reason": set_aside.reason}
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
        set_aside=set_aside,
    )
    (build / PAGE).write_text(page, encoding="utf-8")
    return {
        "since": old.quarter if old else None,
        "set_aside": set_aside.folder.name if set_aside else None,
        **(counts(comparison) if comparison else {}),
    }
