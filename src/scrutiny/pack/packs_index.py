"""rendered/index.html: every quarter's pack, newest first, with its date, commit and verdicts.

Rebuilt after every pack build from the packs' own manifest.json, verdicts.json and
changes.json, so it lists exactly the packs that are there.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import jinja2

from scrutiny.pack.changes import Pack, load_pack
from scrutiny.pack.changes_page import PAGE as CHANGES
from scrutiny.pack.changes_page import SetAside
from scrutiny.pack.statement import write_statement
from scrutiny.pack.stylesheet import STYLESHEET, own_css
from scrutiny.pack.trust import NotAPack, UntrustedPack, read_sealed
from scrutiny.verdicts import VERDICTS


def packs_in(folder: Path) -> list[Pack | SetAside]:
    """The packs in `folder`, newest quarter first (scratch folders and other files skipped),
    then any that could not be trusted, by folder name."""
    found, set_aside = [], []
    for path in sorted(folder.iterdir()):
        if path.is_dir() and not path.name.startswith(".") and (path / "index.html").exists():
            try:
                found.append(load_pack(path))
            except NotAPack:
                continue  # not a pack of this tool: nothing to list
            except UntrustedPack as error:
                set_aside.append(SetAside(path, error.reason))
    return sorted(found, key=lambda p: (p.quarter, p.folder.name), reverse=True) + set_aside


def verdict_counts(pack: Pack) -> list[tuple[str, int]]:
    """Claims by verdict on real evidence, in the vocabulary's order."""
    counts = Counter(pack.verdicts().values())
    return [(word, counts[word]) for word in VERDICTS if counts[word]]


def changed_verdicts(pack: Pack) -> int | None:
    """Verdicts changed since the pack it was compared with; None when it was compared with none
    (or its changes.json, checked against its hash by `load_pack`, is not the shape written)."""
    data = read_sealed(pack.folder, pack.manifest, "changes.json")
    try:
        if not data.get("old"):
            return None
        return sum(1 for row in data["verdicts"] if row["old"] and row["new"])
    except (AttributeError, KeyError, TypeError):
        return None


def entry(pack: Pack | SetAside) -> dict:
    if isinstance(pack, SetAside):
        return {"folder": pack.folder.name, "untrusted": pack.reason}
    return {
        "untrusted": None,
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
