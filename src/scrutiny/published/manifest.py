"""Where the official files live and what they must hash to (evidence/sources.yml)."""

from __future__ import annotations

import os
from dataclasses import MISSING, dataclass, fields
from pathlib import Path

from scrutiny import yamlsafe
from scrutiny.errors import ConfigError, UnusableInput

MANIFEST = Path("evidence/sources.yml")
EXTRACT_DIR = Path("evidence/data/published")
TABLES = {"rates", "characteristics", "placements", "population", "neighbours"}


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


def project_root() -> Path:
    """The project root is the working directory (the Makefile runs from there)."""
    return Path.cwd()


def cache_dir() -> Path:
    """Verified copies of the official files: $SCRUTINY_CACHE, else .cache/published/."""
    override = os.environ.get("SCRUTINY_CACHE")
    return Path(override) if override else project_root() / ".cache" / "published"


def default_mirror() -> str:
    """$SCRUTINY_MIRROR, else ../shared/data/raw beside the project when it exists."""
    if os.environ.get("SCRUTINY_MIRROR"):
        return os.environ["SCRUTINY_MIRROR"]
    shared = project_root().parent / "shared" / "data" / "raw"
    if shared.is_dir():
        return str(shared)
    raise ConfigError(
        "no mirror of the official files: pass --mirror DIR|URL or set SCRUTINY_MIRROR "
        f"(looked for {shared})"
    )


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
