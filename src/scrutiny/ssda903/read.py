"""Read 903 files into raw string tables, recognising each table by its header set."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from scrutiny.errors import Problem, UnusableInput
from scrutiny.ssda903.dataset import schema
from scrutiny.ssda903.raw import RawTable, ReadResult, folder_year
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


def decode(path: Path) -> tuple[str | None, Problem | None]:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        byte = data[error.start : error.start + 1].hex()
        found = "UTF-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else f"byte 0x{byte}"
        message = f"file is not UTF-8 ({found}); save it as 'CSV UTF-8'"
        return None, Problem("encoding", message, file=str(path), row=row)


def read_csv(path: Path, year: int | None) -> tuple[RawTable | None, list[Problem]]:
    text, problem = decode(path)
    if problem:
        return None, [problem]
    if not text.strip():
        return None, [Problem("empty-file", "file is empty: no header row", file=str(path))]
    lines = pd.Series(text.splitlines())
    header = next(csv.reader([lines.iloc[0]]))
    name, reason = identify(header)
    if name is None:
        severity = "warning" if reason.startswith("not a 903") else "error"
        rule = "unknown-table" if severity == "warning" else "header-mismatch"
        return None, [Problem(rule, reason, file=str(path), row=1, severity=severity)]
    columns = [c.strip().upper() for c in header]
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            dtype=str,
            keep_default_na=False,
            na_values=[],
            header=0,
            names=columns,
            skip_blank_lines=True,
        )
    except pd.errors.ParserError as error:
        match = re.search(r"line (\d+), saw (\d+)", str(error))
        row = int(match.group(1)) if match else None
        message = f"row has more fields than the header's {len(columns)}"
        return None, [Problem("malformed-row", message, file=str(path), row=row)]
    data_lines = lines.iloc[1:][lines.iloc[1:].str.strip() != ""]
    frame.index = data_lines.index + 1  # spreadsheet row numbers
    problems = short_rows(data_lines, len(columns), path)
    if frame.empty:
        required = name in schema()["required_tables"]
        problems.append(
            Problem(
                "no-rows",
                f"the {name} table has a header but no rows",
                file=str(path),
                severity="error" if required else "warning",
            )
        )
    return RawTable(name, frame, str(path), year), problems


def short_rows(data_lines: pd.Series, width: int, path: Path) -> list[Problem]:
    """Rows with fewer fields than the header (a truncated line); pandas pads them silently."""
    short = data_lines.str.count(",") < width - 1
    return [
        Problem(
            "truncated-row",
            f"row has fewer fields than the header's {width} (truncated line?)",
            file=str(path),
            row=int(line) + 1,
        )
        for line in data_lines.index[short]
    ]


def read_folder(root: Path) -> ReadResult:
    """Every CSV under the folder; XML files only when the folder holds no CSV (never both)."""
    tables: list[RawTable] = []
    problems: list[Problem] = []
    found = sorted(p for p in root.rglob("*") if p.is_file())
    files = [p for p in found if not excluded(p, root)]
    problems += [
        Problem(
            "excluded-file",
            "not read: its name (or a folder's) starts with _ or ~",
            file=str(path),
            severity="warning",
        )
        for path in found
        if excluded(path, root) and path.suffix.lower() in {".csv", ".xml"}
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
    elif path.suffix.lower() == ".xml":
        result = ReadResult(*read_xml(path, folder_year(path, path.parent)))
    else:
        table, issues = read_csv(path, folder_year(path, path.parent))
        result = ReadResult([table] if table else [], issues)
    if not result.tables:
        found = "; ".join(p.describe() for p in result.problems[:5]) or "no CSV or XML files"
        raise UnusableInput(f"{path}: no recognisable 903 tables ({found})")
    return result
