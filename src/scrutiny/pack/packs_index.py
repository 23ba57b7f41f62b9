"""rendered/index.html: every quarter's pack, newest first, with its date, commit and verdicts.

Rebuilt after every pack build from the packs' own manifest.json, verdicts.json and
changes.json, so it lists exactly the packs that are there.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import jinja2

from scrutiny.errors import ConfigError
from scrutiny.pack.changes import Pack, load_pack
from scrutiny.pack.changes_page import PAGE as CHANGES
from scrutiny.pack.statement import write_statement
from scrutiny.pack.stylesheet import STYLESHEET, own_css
from scrutiny.verdicts import VERDICTS


def packs_in(folder: Path) -> list[Pack]:
    """The packs in `folder`, newest quarter first (scratch folders and other files skipped)."""
    found = []
    for path in sorted(folder.iterdir()):
        if path.is_dir() and not path.name.startswith(".") and (path / "index.html").exists():
            try:
                found.append(load_pack(path))
            except ConfigError:
                continue  # not a pack of this tool: nothing to list
    return sorted(found, key=lambda p: (p.quarter, p.folder.name), reverse=True)


def verdict_counts(pack: Pack) -> list[tuple[str, int]]:
    """Claims by verdict on real evidence, in the vocabulary's order."""
    counts = Counter(pack.verdicts().values())
    return [(word, counts[word]) for word in VERDICTS if counts[word]]


def changed_verdicts(pack: Pack) -> int | None:
    """Verdicts changed since the pack it was compared with; None when it was compared with none."""
    try:
        data = json.loads((pack.folder / "changes.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not data.get("old"):
        return None
    return sum(1 for row in data["verdicts"] if row["old"] and row["new"])


def entry(pack: Pack) -> dict:
    return {
        **pack.describe(),
        "folder": pack.folder.name,
        "counts": verdict_counts(pack),
        "changes": (pack.folder / CHANGES).exists(),
        "changed": changed_verdicts(pack),
    }


def write_packs_index(folder: Path) -> Path:
    """index.html (with its stylesheet and accessibility statement) in the packs' folder."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("scrutiny", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    page = environment.get_template("packs.html.j2").render(
        stylesheet=STYLESHEET, packs=[entry(p) for p in packs_in(folder)]
    )
    (folder / STYLESHEET).write_text(own_css(), encoding="utf-8")
    write_statement(folder, None)
    target = folder / "index.html"
    partial = folder / f".index-{os.getpid()}.html"  # two builds may finish at once
    partial.write_text(page, encoding="utf-8")
    partial.replace(target)
    return target
