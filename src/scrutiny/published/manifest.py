"""Where the official files live and what they must hash to (evidence/sources.yml)."""

from __future__ import annotations

import os
from dataclasses import MISSING, dataclass, fields
from pathlib import Path

from scrutiny import yamlsafe
from scrutiny.errors import ConfigError, UnusableInput
from scrutiny.paths import cache_root, project_root

MANIFEST = Path("evidence/sources.yml")
EXTRACT_DIR = Path("evidence/data/published")
TABLES = {
    "rates",
    "characteristics",
    "placements",
    "population",
    "neighbours",
    "lait",
    "lait-dictionary",
}


@dataclass(frozen=True)
class Source:
    """One pinned official file."""

    id: str
    path: str
    sha256: str
    bytes: int
    table: str
    release: int
    publisher: str
    publication: str
    publication_url: str
    retrieved_from: str
    licence: str
    licence_url: str
    years: tuple[int, int] | None = None
    edition: str = ""
    note: str = ""


def cache_dir() -> Path:
    """Verified copies of the official files."""
    return cache_root() / "published"


# A developer's checkout may keep a copy of the official files in a folder beside the
# project; a user's clone has none and names its folder or URL instead.
SIBLING_MIRROR = ("shared", "data", "raw")


def default_mirror() -> str | None:
    """$SCRUTINY_MIRROR, else a shared/data/raw folder beside the project, else None."""
    if os.environ.get("SCRUTINY_MIRROR"):
        return os.environ["SCRUTINY_MIRROR"]
    sibling = project_root().parent.joinpath(*SIBLING_MIRROR)
    return str(sibling) if sibling.is_dir() else None


def load_manifest(path: Path | None = None) -> list[Source]:
    """The pinned sources, checked for the keys and tables the loaders rely on."""
    path = path or project_root() / MANIFEST
    if not path.is_file():
        raise UnusableInput(f"{path}: manifest of official files not found")
    document = yamlsafe.load_path(path) or {}
    defaults = document.get("defaults", {})
    known = {f.name for f in fields(Source)}
    sources = []
    for number, entry in enumerate(document.get("sources", []), start=1):
        record = {**defaults, **entry}
        unknown = set(record) - known
        missing = {f.name for f in fields(Source) if f.default is MISSING} - set(record)
        if unknown or missing:
            raise ConfigError(
                f"{path}: source {number} ({entry.get('id', '?')}): "
                f"unknown keys {sorted(unknown)}, missing keys {sorted(missing)}"
            )
        if record["table"] not in TABLES:
            raise ConfigError(
                f"{path}: source {record['id']}: table {record['table']!r} not one of "
                f"{sorted(TABLES)}"
            )
        if record.get("years") is not None:
            record["years"] = tuple(record["years"])
        sources.append(Source(**record))
    return sources
