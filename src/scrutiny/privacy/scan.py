"""Scan a rendered pack for any child identifier from the inputs: a hit fails the build.

Looks for CHILD ids, UPNs, dates of birth and postcodes (with or without the space) in the
text a reader sees of every file of the pack, whatever its suffix (`page_text`), in the forms
a page or a spreadsheet may write them: `100184`, `100184.0`, `child-100184`, `ref_100184`;
`24/05/2018`, `2018-05-24T00:00:00`, `24-05-2018`, `24 May 2018`, `May 24, 2018`.

Reports each file by its path in the pack, the place in it (section, table, row) and the kind
of identifier, with how many; never the identifier itself unless asked (`show_values`, for the
data team's eyes): a path or place that holds one is printed with it masked.

Not identifiers: a number in a part of a page the pack marked as published statistics that is
a figure of the published extract (England's 32190 starters is not child 32190); dates that are
also reporting dates (first and last days of months); ids shorter than MIN_ID_LENGTH, which
cannot be told apart from the counts the pack shows.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from scrutiny.cache import inspect_cached
from scrutiny.errors import DisclosureError, UnusableInput
from scrutiny.privacy.page_text import Piece, page_pieces
from scrutiny.ssda903.dataset import schema

TOKEN = re.compile(r"[A-Za-z0-9]+(?:[./-][A-Za-z0-9]+)*")
# Of a token: `child-100184` and `ref/100184` hold 100184; `10.100286` (a time, a decimal)
# holds no id after its point.
PART = re.compile(r"[A-Za-z0-9.]+")
FIGURE = re.compile(r"[A-Za-z0-9.]+(?:-[A-Za-z0-9.]+)*")  # what a page writes as one figure
WHOLE_NUMBER = re.compile(r"([0-9]+)\.0+")  # `100184.0`, as a spreadsheet writes an id
NAME_PART = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")  # of a path: `101234.html` holds 101234
MIN_ID_LENGTH = 5
POSTCODE = r"[A-Z][A-Z0-9]{1,3}[0-9][A-Z]{2}"  # without its space: outward code, inward code
POSTCODES_AT = [re.compile(f"(?=([A-Z][A-Z0-9]{{{n}}}[0-9][A-Z]{{2}}))") for n in (1, 2, 3)]
SPACE_BEFORE_INWARD = re.compile(r"\s(?=[0-9][A-Z]{2})")
KINDS = ("child id", "UPN", "date of birth", "postcode")  # the order a refusal lists them in
SHOWN_PER_FILE = 10  # places listed for one file before "and N more"
SHOWN_FILES = 20

MONTHS = {name.upper(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.upper(): n for n, name in enumerate(calendar.month_abbr) if name}
MONTHS["SEPT"] = 9
MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DAY = r"([0-9]{1,2})(?:ST|ND|RD|TH)?"
DATES = [  # (pattern, order of its groups as year, month, day)
    (re.compile(r"(?<![0-9])([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})(?![0-9])"), (1, 2, 3)),
    (re.compile(r"(?<![0-9])([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})(?![0-9])"), (3, 2, 1)),
    (re.compile(rf"\b{DAY}[ -]{MONTH}[ ,-]*([0-9]{{4}})\b"), (3, 2, 1)),
    (re.compile(rf"\b{MONTH} {DAY},? ([0-9]{{4}})\b"), (3, 1, 2)),
]


@dataclass(frozen=True)
class Scanned:
    files: int  # text files read
    binary: int  # files skipped as binary (images, PDFs)
    unvalidated: int = 0  # validation rules the extract breaks (its identifiers were still read)


@dataclass
class Found:
    """Where identifiers sit in one file: place -> kind -> how many, and by kind the distinct
    identifiers of the whole file."""

    places: dict[str, Counter] = field(default_factory=dict)
    by_kind: dict[str, set[str]] = field(default_factory=dict)

    def add(self, where: str, kind: str, matched: set[str]) -> None:
        self.places.setdefault(where, Counter())[kind] += len(matched)
        self.by_kind.setdefault(kind, set()).update(matched)

    @property
    def values(self) -> set[str]:
        return set().union(*self.by_kind.values())


def strings(values: pd.Series) -> set[str]:
    return {str(v).strip().upper() for v in values.dropna() if str(v).strip()}


def birth_dates(values: pd.Series) -> set[str]:
    dates = pd.to_datetime(values.dropna(), errors="coerce").dropna()
    dates = dates[(dates.dt.day != 1) & ~dates.dt.is_month_end]
    return set(dates.dt.strftime("%Y-%m-%d"))


def identifier_columns() -> dict[str, tuple[str, ...]]:
    """Only the columns identifiers come from: the cache reads nothing else."""
    dob = {name: ("DOB",) for name, spec in schema()["tables"].items() if "DOB" in spec["columns"]}
    return dob | {"header": ("CHILD", "UPN", "DOB"), "episodes": ("CHILD", "HOME_POST", "PL_POST")}


def identifiers(data_903: Path) -> tuple[dict[str, set[str]], int]:
    """The extract's identifiers by kind, and how many validation rules it breaks: an extract
    that breaks rules still names its children, so it is scanned all the same."""
    report = inspect_cached(data_903, identifier_columns())
    dataset = report.dataset
    header, episodes = dataset.header, dataset.episodes
    tables = [t for t in dataset.tables.values() if "DOB" in t]
    children = strings(pd.concat([header["CHILD"], episodes["CHILD"]]))
    postcodes = strings(pd.concat([episodes["HOME_POST"], episodes["PL_POST"]]))
    found = {
        "child id": {normal(c) for c in children if len(c) >= MIN_ID_LENGTH},
        "UPN": strings(header["UPN"]) - {f"UN{i}" for i in range(1, 6)},
        "date of birth": set().union(*(birth_dates(t["DOB"]) for t in tables)),
        "postcode": {re.sub(r"\s+", "", p) for p in postcodes},
    }
    return found, len({problem.rule for problem in report.errors})


def normal(token: str) -> str:
    """`100184.0` as `100184`: a number written with a zero fraction is the same id."""
    whole = WHOLE_NUMBER.fullmatch(token)
    return whole.group(1) if whole else token


def tokens(upper: str) -> set[str]:
    """Every token, each part of a joined one, and each number without a zero fraction."""
    found = set()
    for token in TOKEN.findall(upper):
        found.add(normal(token))
        found.update(normal(part) for part in PART.findall(token))
    return found


def dates_in(upper: str) -> set[str]:
    """Every date written in `upper`, in ISO form, whatever the notation."""
    found = set()
    for pattern, (y, m, d) in DATES:
        for match in pattern.finditer(upper):
            month = match.group(m)
            month = MONTHS.get(month.rstrip(".")) if not month.isdigit() else int(month)
            try:
                found.add(date(int(match.group(y)), month, int(match.group(d))).isoformat())
            except (TypeError, ValueError):
                continue
    return found


def matches(text: str, found: dict[str, set[str]]) -> dict[str, set[str]]:
    """kind -> the identifiers of that kind in `text`."""
    upper = text.upper()
    hits: dict[str, set[str]] = {}
    words = tokens(upper)
    for kind, values in found.items():
        if kind == "postcode":
            matched = postcode_hits(values, upper)
        elif kind == "date of birth":
            matched = values & (dates_in(upper) | words)
        else:
            matched = values & words
        if matched:
            hits[kind] = matched
    return hits


def postcode_hits(values: set[str], upper: str) -> set[str]:
    """Which `values` (without spaces) occur in `upper`, spaced or not: one regex pass per
    outward-code length finds every postcode-shaped string, overlapping ones too; only
    malformed values are searched one by one."""
    squeezed = SPACE_BEFORE_INWARD.sub("", upper)
    shaped = {v for v in values if re.fullmatch(POSTCODE, v)}
    seen = set().union(*(pattern.findall(squeezed) for pattern in POSTCODES_AT))
    return (shaped & seen) | {v for v in values - shaped if v in squeezed}


def masked(text: str, found: dict[str, set[str]]) -> str:
    """`text` as printed: any identifier in it is replaced by its kind."""

    def mask(match: re.Match) -> str:
        kinds = matches(match.group(), found)
        return f"[{min(kinds)}]" if kinds else match.group()

    return NAME_PART.sub(mask, text)


def published_figures(extract: Path | None) -> set[str]:
    """Every figure of the published extract as a page writes it (`32190`, `12.5`)."""
    if extract is None or not (extract / "measures").is_dir():
        return set()
    values: set[str] = set()
    for table in sorted((extract / "measures").glob("*.csv")):
        column = pd.read_csv(table, usecols=["value"])["value"].dropna()
        values |= {f"{v:g}" if v != int(v) else str(int(v)) for v in column}
    return values


def piece_hits(piece: Piece, found: dict[str, set[str]], figures: set[str]) -> dict[str, set]:
    """Identifiers in one piece, less the child ids that are published figures where the
    pack marked published statistics."""
    hits = matches(piece.text, found)
    if "child id" in hits and piece.figures_text:
        written = {normal(word) for word in FIGURE.findall(piece.figures_text.upper())}
        allowed = figures & written  # a whole figure (`780/80000` holds two), not `child-100184`
        hits["child id"] -= allowed
        if not hits["child id"]:
            del hits["child id"]
    return hits


def file_hits(pieces: list[Piece], ids: dict[str, set[str]], figures: set[str]) -> Found:
    """Where in a file its identifiers sit. The file's whole text is searched for all of the
    extract's identifiers once; only those it holds are then placed piece by piece (a page has
    thousands of pieces, an extract tens of thousands of identifiers). A match that no single
    piece holds is reported for the file as a whole."""
    found = Found()
    candidates = matches("\n".join(piece.text for piece in pieces), ids)
    if not candidates:
        return found
    for piece in pieces:
        for kind, matched in piece_hits(piece, candidates, figures).items():
            found.add(piece.where, kind, matched)
    for kind, values in candidates.items():
        rest = values - found.values
        if kind == "child id":
            rest -= figures  # found only where the pack marked published statistics
        if rest:
            found.add("", kind, rest)
    return found


def pack_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise UnusableInput(f"{folder}: no such pack folder")
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    if not files:
        raise UnusableInput(f"{folder}: the pack folder holds no files, so nothing was scanned")
    return files


def file_report(name: str, found: Found, ids: dict[str, set[str]]) -> list[str]:
    kinds = sorted(found.by_kind.items(), key=lambda item: KINDS.index(item[0]))
    counted = ", ".join(f"{len(values)} {kind}(s)" for kind, values in kinds)
    lines = [f"{name}: {counted} from the 903 input, at"]
    places = sorted(found.places.items())
    for where, kinds in places[:SHOWN_PER_FILE]:
        counted = ", ".join(f"{n} {kind}(s)" for kind, n in sorted(kinds.items()))
        lines.append(f"    {masked(where, ids) or 'the file as a whole'}: {counted}")
    if len(places) > SHOWN_PER_FILE:
        lines.append(f"    ... and {len(places) - SHOWN_PER_FILE} more place(s) in this file")
    return lines


def scan_pack(
    folder: Path, data_903: Path, published: Path | None = None, show_values: bool = False
) -> Scanned:
    """Raise DisclosureError naming each file, place and identifier kind found in the pack.
    `published`: the published extract the pack read, whose figures are not identifiers where
    the pack marked published statistics."""
    files = pack_files(folder)
    ids, errors = identifiers(data_903)
    figures = published_figures(published)
    by_file: dict[str, Found] = {}
    binary = 0
    for path in files:
        relative = path.relative_to(folder).as_posix()
        try:
            pieces = page_pieces(path)
        except OSError as error:
            name = masked(relative, ids)
            raise UnusableInput(f"{folder}: cannot read {name} ({error.strerror})") from None
        if pieces is None:
            binary += 1
            continue
        name_piece = Piece("the file's name", " ".join(NAME_PART.findall(relative)))
        found = file_hits([*pieces, name_piece], ids, figures)
        if found.places:
            by_file[relative] = found
    if binary == len(files):
        raise UnusableInput(f"{folder}: no text files in the pack, so nothing was scanned")
    if by_file:
        raise DisclosureError(refusal(by_file, ids, show_values))
    return Scanned(len(files) - binary, binary, errors)


def refusal(by_file: dict[str, Found], ids: dict[str, set[str]], show_values: bool) -> str:
    lines = []
    for relative, found in list(by_file.items())[:SHOWN_FILES]:
        lines += file_report(masked(relative, ids), found, ids)
        if show_values:
            lines.append(f"    values: {', '.join(sorted(found.values))}")
    if len(by_file) > SHOWN_FILES:
        lines.append(f"... and {len(by_file) - SHOWN_FILES} more file(s)")
    hint = "" if show_values else " (`check-disclosure --show-values` prints them, for your eyes)"
    return (
        "the pack would disclose child-level identifiers, so it was not published. Each file, "
        f"the place in it and how many identifiers sit there{hint}:\n  " + "\n  ".join(lines)
    )
