"""A parsed-data cache: cleaned 903 tables stored once per input as parquet.

Twenty notebooks reading the same extract parse it once. The key is the content hash of every
input file plus the library version and the 903 schema, so a changed input (or a new release
of the reader) never serves stale tables. Invalid data is never cached: it re-raises each time.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from scrutiny import __version__, ssda903
from scrutiny.errors import ConfigError, Problem
from scrutiny.hashing import file_sha256
from scrutiny.paths import project_root
from scrutiny.ssda903.coverage import Coverage
from scrutiny.ssda903.dataset import empty_table

FORMAT = "2"  # 2: coverage.json


def input_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(
        p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in {".csv", ".xml"}
    )


def cache_key(path: Path) -> str:
    digest = hashlib.sha256(f"{FORMAT}|{__version__}".encode())
    digest.update(json.dumps(ssda903.schema(), sort_keys=True).encode())
    for file in input_files(path):
        digest.update(f"{file.relative_to(path) if path.is_dir() else file.name}|".encode())
        digest.update(file_sha256(file).encode())
    return digest.hexdigest()[:32]


@functools.cache
def reader_hash() -> str:
    """The reader's own source: a change to how files are cleaned must not serve old tables."""
    package = Path(ssda903.__file__).parent
    digest = hashlib.sha256()
    for source in sorted(package.glob("*.py")):
        digest.update(file_sha256(source).encode())
    return digest.hexdigest()


def entry_key(path: Path) -> str:
    """The entry's name: the inputs' key, the reader's source, and the path as given (which
    the tables record)."""
    return hashlib.sha256(f"{cache_key(path)}|{reader_hash()}|{path}".encode()).hexdigest()[:32]


def cache_dir() -> Path | None:
    if os.environ.get("SCRUTINY_CACHE"):
        return Path(os.environ["SCRUTINY_CACHE"]) / "903"
    try:
        return project_root() / ".cache" / "903"
    except ConfigError:
        return None


def load_cached(path: str | Path) -> ssda903.Dataset:
    """Like `ssda903.load`, but served from the parquet cache when the inputs are unchanged."""
    path = Path(path)
    base = cache_dir()
    if base is None or not path.exists():
        return ssda903.load(path)
    entry = base / entry_key(path)
    if (entry / "done").exists():
        return read_entry(entry, str(path))
    shutil.rmtree(entry, ignore_errors=True)  # debris of a crash: entries appear only whole
    dataset = ssda903.load(path)
    write_entry(entry, dataset)
    return dataset


def read_entry(entry: Path, source: str) -> ssda903.Dataset:
    tables = {p.stem: read_table(p) for p in sorted(entry.glob("*.parquet"))}
    warnings = [Problem(**w) for w in json.loads((entry / "warnings.json").read_text())]
    years = json.loads((entry / "coverage.json").read_text())
    return ssda903.Dataset(tables, source, warnings, Coverage(tuple(years)) if years else None)


def read_table(file: Path) -> pd.DataFrame:
    """A stored table with the reader's dtypes and blanks (parquet gives back `str` and None)."""
    frame = pd.read_parquet(file).astype(empty_table(file.stem).dtypes.to_dict())
    codes = frame.select_dtypes("object").columns
    frame[codes] = frame[codes].where(frame[codes].notna(), float("nan"))
    return frame


def write_entry(entry: Path, dataset: ssda903.Dataset) -> None:
    """Write into a temporary folder and rename: readers never see a half-written entry."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(dir=entry.parent, prefix=".tmp-"))
    try:
        for name, frame in dataset.tables.items():
            frame.to_parquet(scratch / f"{name}.parquet", index=False)
        (scratch / "warnings.json").write_text(json.dumps([w.to_dict() for w in dataset.warnings]))
        years = list(dataset.coverage.years) if dataset.coverage else []
        (scratch / "coverage.json").write_text(json.dumps(years))
        (scratch / "done").write_text("")
        scratch.rename(entry)
    except OSError:
        shutil.rmtree(scratch, ignore_errors=True)  # another process won the race: fine
