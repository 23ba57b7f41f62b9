"""Read 903 files into raw string tables, recognising each table by its header set."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from scrutiny import limits
from scrutiny.errors import Problem, UnusableInput
from scrutiny.regular_files import read_bytes, require_regular, walk
from scrutiny.ssda903.columnar import plain_frame, plain_header
from scrutiny.ssda903.dataset import schema
from scrutiny.ssda903.raw import YEAR_FOLDER, RawTable, ReadResult, folder_year
from scrutiny.ssda903.xml import read_xml


def identify(columns: list[str]) -> tuple[str | None, str]:
    """Name the table whose header set this is; else explain the nearest miss."""
    found = {c.strip().upper() for c in columns}
    best, best_overlap = None, 0.0
    for name, spec in schema()["tables"].items():
        expected = set(spec["columns"])
        if found == expected:
            return name, ""
        overlap = len(found & expected) / len(expected | found)
        if overlap > best_overlap:
            best, best_overlap = name, overlap
    if best is None or best_overlap < 0.5:
        return None, "not a 903 table (its header matches no table)"
    expected = set(schema()["tables"][best]["columns"])
    missing = sorted(expected - found)
    extra = sorted(found - expected)
    detail = []
    if missing:
        detail.append("missing column(s) " + ", ".join(missing))
    if extra:
        detail.append("unexpected column(s) " + ", ".join(extra))
    return None, f"looks like the {best} table but has " + "; ".join(detail)


def decode(path: Path, data: bytes) -> tuple[str | None, Problem | None]:
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        byte = data[error.start : error.start + 1].hex()
        found = "UTF-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else f"byte 0x{byte}"
        message = f"file is not UTF-8 ({found}); save it as 'CSV UTF-8'"
        return None, Problem("encoding", message, file=str(path), row=row)


def read_csv(path: Path, year: int | None) -> tuple[RawTable | None, list[Problem]]:
    """One CSV as a raw table, by the columnar fast path when the file is plain."""
    data = read_bytes(path, limits.TABLE_BYTES, "the table")
    limits.check(path, "the table's number of lines", data.count(b"\n"), limits.TABLE_ROWS)
    header = plain_header(data)
    name = identify(header)[0] if header else None
    columns = [c.strip().upper() for c in header or []]
    frame = plain_frame(data, columns) if name and len(set(columns)) == len(columns) else None
    if frame is None:
        return read_exact(path, data, year)
    return RawTable(name, frame, str(path), year), no_rows(name, frame, path)


def read_exact(path: Path, data: bytes, year: int | None) -> tuple[RawTable | None, list[Problem]]:
    """Record by record: quoted line breaks, blank lines and ragged rows numbered exactly."""
    text, problem = decode(path, data)
    if problem:
        return None, [problem]
    if not text.strip():
        return None, [Problem("empty-file", "file is empty: no header row", file=str(path))]
    rows, problem = records(text, path)
    if not rows:
        return None, [problem]
    header = rows[0][1]
    name, reason = identify(header)
    if name is None:
        severity = "warning" if reason.startswith("not a 903") else "error"
        rule = "unknown-table" if severity == "warning" else "header-mismatch"
        return None, [Problem(rule, reason, file=str(path), row=1, severity=severity)]
    if problem:
        return None, [problem]
    columns = [c.strip().upper() for c in header]
    data = [(row, fields) for row, fields in rows[1:] if not blank_line(fields)]
    long = [row for row, fields in data if len(fields) > len(columns)]
    if long:
        message = f"row has more fields than the header's {len(columns)}"
        return None, [Problem("malformed-row", message, file=str(path), row=long[0])]
    problems = [
        Problem(
            "truncated-row",
            f"row has fewer fields than the header's {len(columns)} (truncated line?)",
            file=str(path),
            row=row,
        )
        for row, fields in data
        if len(fields) < len(columns)
    ]
    frame = pd.DataFrame(
        [fields + [""] * (len(columns) - len(fields)) for _, fields in data],
        index=[row for row, _ in data],  # spreadsheet row numbers
        columns=columns,
        dtype=str,
    )
    return RawTable(name, frame, str(path), year), problems + no_rows(name, frame, path)


def no_rows(name: str, frame: pd.DataFrame, path: Path) -> list[Problem]:
    if not frame.empty:
        return []
    required = name in schema()["required_tables"]
    severity = "error" if required else "warning"
    message = f"the {name} table has a header but no rows"
    return [Problem("no-rows", message, file=str(path), severity=severity)]


def blank_line(fields: list[str]) -> bool:
    """A line with nothing on it, or only spaces (a row of commas is a row of blanks)."""
    return len(fields) <= 1 and not "".join(fields).strip()


def records(text: str, path: Path) -> tuple[list[tuple[int, list[str]]], Problem | None]:
    """Each record with its row as a spreadsheet shows it: a quoted field may hold a line
    break (legal CSV), and its record is still one row. A quote left open is an error."""
    found: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for row, fields in enumerate(reader, start=1):
            found.append((row, fields))
    except csv.Error as error:
        message = (
            f"a quoted field is not closed, or has text after its closing quote ({error}); "
            'a quote inside a field is written twice ("")'
        )
        return found, Problem("malformed-quote", message, file=str(path), row=len(found) + 1)
    return found, None


TABLE_SUFFIXES = {".csv", ".xml"}
WHERE_TABLES_ARE = (
    "tables are read from the folder itself and from its collection-year sub-folders "
    "(2021/ holds the return ending 31 March 2021)"
)


def extract_files(path: Path) -> list[Path]:
    """The CSV and XML files of an extract (those set aside included), or the one file given.

    Only the folder itself and its collection-year sub-folders (and what they hold) are
    walked: a folder that is not an extract (`data_903: /etc`) is not searched."""
    if not path.is_dir():
        require_regular(path)
        return [path]

    def descend(folder: Path) -> bool:
        parts = (path.name, *folder.relative_to(path).parts)
        return any(YEAR_FOLDER.match(part) or part.startswith(("_", "~")) for part in parts)

    return walk(path, keep=lambda p: p.suffix.lower() in TABLE_SUFFIXES, descend=descend)


def read_folder(root: Path) -> ReadResult:
    """Every CSV of the extract; XML files only when the folder holds no CSV (never both)."""
    tables: list[RawTable] = []
    problems: list[Problem] = []
    found = extract_files(root)
    files = [p for p in found if not excluded(p, root)]
    problems += [
        Problem(
            "excluded-file",
            "not read: its name (or a folder's) starts with _ or ~",
            file=str(path),
            severity="warning",
        )
        for path in found
        if excluded(path, root)
    ]
    csvs = [p for p in files if p.suffix.lower() == ".csv"]
    xmls = [p for p in files if p.suffix.lower() == ".xml"]
    for path in csvs:
        table, issues = read_csv(path, folder_year(path, root))
        tables.extend([table] if table else [])
        problems.extend(issues)
    for path in xmls:
        if csvs:
            problems.append(
                Problem(
                    "xml-ignored",
                    "XML file ignored: this folder's CSV files are "
                    "read instead (give the XML path to read it)",
                    file=str(path),
                    severity="warning",
                )
            )
            continue
        parsed, issues = read_xml(path, folder_year(path, root))
        tables.extend(parsed)
        problems.extend(issues)
    return ReadResult(tables, problems + second_copies(tables))


def read_file(path: Path, year: int | None) -> ReadResult:
    if path.suffix.lower() == ".xml":
        return ReadResult(*read_xml(path, year))
    table, issues = read_csv(path, year)
    return ReadResult([table] if table else [], issues)


def excluded(path: Path, root: Path) -> bool:
    """Set aside on purpose: a draft renamed `_oc2_draft.csv`, an `_old/` folder, or an
    Office lock file `~$oc2.csv`."""
    return any(part.startswith(("_", "~")) for part in path.relative_to(root).parts)


def second_copies(tables: list[RawTable]) -> list[Problem]:
    """Two files of one table in one collection year: either could be the right one, and
    reading both would change the figures silently."""
    first: dict[tuple, RawTable] = {}
    problems = []
    for table in tables:
        key = (table.name, table.year or str(Path(table.file).parent))
        if key not in first:
            first[key] = table
            continue
        year = f"collection year {table.year}" if table.year else "one folder"
        rename = "_" + Path(table.file).name
        problems.append(
            Problem(
                "duplicate-table",
                f"two copies of the {table.name} table in {year}: {first[key].file} and "
                f"{table.file}; delete one, or rename it to start with _ (e.g. {rename}) so "
                "it is not read",
                file=table.file,
            )
        )
    return problems


def read_path(path: str | Path) -> ReadResult:
    """Read a folder of 903 files (recursively) or one CSV/XML file."""
    path = Path(path)
    if not path.exists():
        raise UnusableInput(f"{path}: no such file or folder")
    if path.is_dir():
        result = read_folder(path)
    else:
        require_regular(path)  # /dev/zero would grow without end, a FIFO never answer
        result = read_file(path, folder_year(path, path.parent))
    if not result.tables:
        found = "; ".join(p.describe() for p in result.problems[:5])
        found = found or f"no CSV or XML files where an extract holds them: {WHERE_TABLES_ARE}"
        raise UnusableInput(f"{path}: no recognisable 903 tables ({found})")
    return result
