"""A parsed-data cache: cleaned 903 tables and their validation report, stored once per input.

Twenty notebooks and every `scrutiny measure`, `validate` or `check-disclosure` call on the
same extract parse it once. The key is the content hash of every input file plus the library
version and the 903 schema, so a changed input (or a new release of the reader) never serves
stale tables. The report (errors and warnings) is stored with the tables, so invalid data raises
the same DataError from the cache as from a parse, and a warm `validate` prints the same report.
A warm read loads a table only when it is used, and only the columns asked for.
"""

from __future__ import annotations

import functools
import hashlib
import json
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

import pandas as pd

from scrutiny import __version__, ssda903
from scrutiny.errors import ConfigError, Problem
from scrutiny.hashing import file_sha256
from scrutiny.paths import cache_root
from scrutiny.ssda903.coverage import Coverage
from scrutiny.ssda903.dataset import empty_table
from scrutiny.ssda903.read import extract_files

FORMAT = "1"  # of the inputs' key, which the pack's provenance shows: changing it moves every page
LAYOUT = "3"  # of an entry's files (2: the report stored with the tables; 3: coverage)
Columns = Mapping[str, tuple[str, ...]]  # table -> the only columns to read


def cache_key(path: Path) -> str:
    digest = hashlib.sha256(f"{FORMAT}|{__version__}".encode())
    digest.update(json.dumps(ssda903.schema(), sort_keys=True).encode())
    for file in extract_files(path):
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
    """The entry's name: the inputs' key, the entry layout, the reader's source, and the path
    as given (which the tables record)."""
    key = f"{cache_key(path)}|{LAYOUT}|{reader_hash()}|{path}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def cache_dir() -> Path | None:
    """Parsed tables, or None outside a project (then nothing is cached)."""
    try:
        return cache_root() / "903"
    except ConfigError:
        return None


def load_cached(path: str | Path, columns: Columns | None = None) -> ssda903.Dataset:
    """Like `ssda903.load`, but served from the parquet cache when the inputs are unchanged.

    `columns` limits the named tables to those columns (what a metric reads); other tables
    are read whole, and only if used.
    """
    report = inspect_cached(path, columns)
    if report.errors:
        raise ssda903.data_error(report)
    return report.dataset


def inspect_cached(path: str | Path, columns: Columns | None = None) -> ssda903.Report:
    """Like `ssda903.inspect` (the full report, errors included), served from the cache."""
    path = Path(path)
    base = cache_dir()
    if base is None or not path.exists():
        return ssda903.inspect(path)
    entry = base / entry_key(path)
    if (entry / "done").exists():
        return read_entry(entry, str(path), columns or {})
    shutil.rmtree(entry, ignore_errors=True)  # debris of a crash: entries appear only whole
    report = ssda903.inspect(path)
    write_entry(entry, report)
    return report


class StoredTables(Mapping):
    """The tables of one cache entry, each read from parquet on first use."""

    def __init__(self, entry: Path, columns: Columns):
        self.entry, self.columns = entry, columns
        self.names = sorted(p.stem for p in entry.glob("*.parquet"))
        self.loaded: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self.names:
            raise KeyError(name)
        if name not in self.loaded:
            self.loaded[name] = read_table(self.entry / f"{name}.parquet", self.columns.get(name))
        return self.loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def read_entry(entry: Path, source: str, columns: Columns) -> ssda903.Report:
    stored = json.loads((entry / "report.json").read_text())
    years = stored["coverage"]
    coverage = Coverage(tuple(years)) if years else None
    dataset = ssda903.Dataset(StoredTables(entry, columns), source, coverage=coverage)
    problems = [Problem(**p) for p in stored["problems"]]
    report = ssda903.Report(source, dataset, problems, stored["rows"])
    dataset.warnings = report.warnings
    return report


def read_table(file: Path, columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    """A stored table with the reader's dtypes (an empty column may come back otherwise)."""
    dtypes = empty_table(file.stem).dtypes.to_dict()
    if columns is not None:
        dtypes = {column: dtypes[column] for column in columns}
    return pd.read_parquet(file, columns=list(dtypes)).astype(dtypes)


def write_entry(entry: Path, report: ssda903.Report) -> None:
    """Write into a temporary folder and rename: readers never see a half-written entry."""
    entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    scratch = Path(tempfile.mkdtemp(dir=entry.parent, prefix=".tmp-"))
    try:
        for name, frame in report.dataset.tables.items():
            frame.to_parquet(scratch / f"{name}.parquet", index=False)
        stored = {
            "rows": report.rows,
            "problems": [p.to_dict() for p in report.problems],
            "coverage": list(report.dataset.coverage.years) if report.dataset.coverage else [],
        }
        (scratch / "report.json").write_text(json.dumps(stored))
        (scratch / "done").write_text("")
        scratch.rename(entry)
    except OSError:
        shutil.rmtree(scratch, ignore_errors=True)  # another process won the race: fine
