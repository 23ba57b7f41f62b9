"""Short document ids (FR, OV, ...) for the files a panel publishes, from a small mapping.

The mapping is either a dict or a YAML file with a `documents:` section (the register's own
layout), e.g. `{FR: {file: 000_7af94297a153296b.txt, title: Final report, date: 2022-05-11}}`.
A file the mapping does not name gets an id made from its file name. Keys other than
file, title and date are ignored: the register may say more about a document.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from scrutiny import yamlsafe
from scrutiny.errors import ConfigError


@dataclass(frozen=True)
class DocumentInfo:
    id: str
    file: str
    title: str | None = None
    date: date | None = None  # the meeting or report date; "the last 12 months" ends here


def load_catalogue(source: Path | str | Mapping | None) -> dict[str, DocumentInfo]:
    """Document descriptions keyed by file name."""
    if source is None:
        return {}
    mapping = source if isinstance(source, Mapping) else _read_yaml(Path(source))
    mapping = mapping.get("documents", mapping) if isinstance(mapping, Mapping) else mapping
    if not isinstance(mapping, Mapping):
        raise ConfigError(f"{source}: expected a mapping of document ids to {{file: ...}}")
    catalogue = {}
    for doc_id, entry in mapping.items():
        if not isinstance(entry, Mapping) or not entry.get("file"):
            raise ConfigError(f"document {doc_id!r}: expected {{file: NAME, title: ...}}")
        info = DocumentInfo(str(doc_id), str(entry["file"]), entry.get("title"), _date(entry))
        catalogue[Path(info.file).name] = info
    return catalogue


def describe(path: Path, catalogue: Mapping[str, DocumentInfo]) -> DocumentInfo:
    """The catalogue's entry for this file, or one with an id derived from the file name."""
    path = Path(path)
    if path.name in catalogue:
        return catalogue[path.name]
    return DocumentInfo(derived_id(path), path.name)


def derived_id(path: Path) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", Path(path).stem).strip("-").upper() or "DOC"


def _read_yaml(path: Path):
    try:
        return yamlsafe.load_path(path) or {}
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the documents file ({error.strerror})") from error
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: not valid YAML ({error})") from error


def _date(entry: Mapping) -> date | None:
    value = entry.get("date")
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise ConfigError(f"document date {value!r} is not YYYY-MM-DD") from error
