"""Scan a rendered pack for any child identifier from the inputs: a hit fails the build.

Looks for CHILD ids, UPNs, dates of birth and postcodes (with or without the space) in the
text a reader sees of every file of the pack, whatever its suffix (`page_text`). Reports each
file by its path in the pack and the kind of identifier, never the identifier itself: a path
that holds one is printed with it masked. Not searched, because they say nothing about a
child: dates that are also reporting dates (first and last days of months), and ids shorter
than MIN_ID_LENGTH, which cannot be told apart from the counts the pack shows.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from scrutiny.cache import load_cached
from scrutiny.errors import DisclosureError, UnusableInput
from scrutiny.privacy.page_text import page_text
from scrutiny.ssda903.dataset import schema

TOKEN = re.compile(r"[A-Za-z0-9]+(?:[./-][A-Za-z0-9]+)*")
NAME_PART = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")  # of a path: `101234.html` holds 101234
MIN_ID_LENGTH = 5
POSTCODE = r"[A-Z][A-Z0-9]{1,3}[0-9][A-Z]{2}"  # without its space: outward code, inward code
POSTCODES_AT = [re.compile(f"(?=([A-Z][A-Z0-9]{{{n}}}[0-9][A-Z]{{2}}))") for n in (1, 2, 3)]
SPACE_BEFORE_INWARD = re.compile(r"\s(?=[0-9][A-Z]{2})")


@dataclass(frozen=True)
class Scanned:
    files: int  # text files read
    binary: int  # files skipped as binary (images, PDFs)


def strings(values: pd.Series) -> set[str]:
    return {str(v).strip().upper() for v in values.dropna() if str(v).strip()}


def birth_dates(values: pd.Series) -> set[str]:
    dates = pd.to_datetime(values.dropna())
    dates = dates[(dates.dt.day != 1) & ~dates.dt.is_month_end]
    return set(dates.dt.strftime("%d/%m/%Y")) | set(dates.dt.strftime("%Y-%m-%d"))


def identifier_columns() -> dict[str, tuple[str, ...]]:
    """Only the columns identifiers come from: the cache reads nothing else."""
    dob = {name: ("DOB",) for name, spec in schema()["tables"].items() if "DOB" in spec["columns"]}
    return dob | {"header": ("CHILD", "UPN", "DOB"), "episodes": ("CHILD", "HOME_POST", "PL_POST")}


def identifiers(data_903: Path) -> dict[str, set[str]]:
    dataset = load_cached(data_903, identifier_columns())
    header, episodes = dataset.header, dataset.episodes
    tables = [t for t in dataset.tables.values() if "DOB" in t]
    children = strings(pd.concat([header["CHILD"], episodes["CHILD"]]))
    postcodes = strings(pd.concat([episodes["HOME_POST"], episodes["PL_POST"]]))
    return {
        "child id": {c for c in children if len(c) >= MIN_ID_LENGTH},
        "UPN": strings(header["UPN"]) - {f"UN{i}" for i in range(1, 6)},
        "date of birth": set().union(*(birth_dates(t["DOB"]) for t in tables)),
        "postcode": {re.sub(r"\s+", "", p) for p in postcodes},
    }


def hits_in(text: str, found: dict[str, set[str]]) -> Counter:
    upper = text.upper()
    tokens = set(TOKEN.findall(upper))
    hits = Counter()
    for kind, values in found.items():
        if kind == "postcode":
            hits[kind] = postcode_hits(values, upper)
        else:
            hits[kind] = len(values & tokens)
    return +hits


def postcode_hits(values: set[str], upper: str) -> int:
    """How many `values` (without spaces) occur in `upper`, spaced or not: one regex pass per
    outward-code length finds every postcode-shaped string, overlapping ones too; only
    malformed values are searched one by one."""
    squeezed = SPACE_BEFORE_INWARD.sub("", upper)
    shaped = {v for v in values if re.fullmatch(POSTCODE, v)}
    seen = set().union(*(pattern.findall(squeezed) for pattern in POSTCODES_AT))
    return len(shaped & seen) + sum(1 for v in values - shaped if v in squeezed)


def masked(relative: str, found: dict[str, set[str]]) -> str:
    """The path as printed: any identifier in a file or folder name is replaced by its kind."""

    def mask(match: re.Match) -> str:
        kinds = hits_in(match.group(), found)
        return f"[{min(kinds)}]" if kinds else match.group()

    return NAME_PART.sub(mask, relative)


def pack_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise UnusableInput(f"{folder}: no such pack folder")
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    if not files:
        raise UnusableInput(f"{folder}: the pack folder holds no files, so nothing was scanned")
    return files


def scan_pack(folder: Path, data_903: Path) -> Scanned:
    """Raise DisclosureError naming each file and identifier kind found in the pack."""
    files = pack_files(folder)
    found = identifiers(data_903)
    problems, binary = [], 0
    for path in files:
        relative = path.relative_to(folder).as_posix()
        try:
            text = page_text(path)
        except OSError as error:
            name = masked(relative, found)
            raise UnusableInput(f"{folder}: cannot read {name} ({error.strerror})") from None
        if text is None:
            binary += 1
            continue
        counts = hits_in(text, found) + hits_in(" ".join(NAME_PART.findall(relative)), found)
        for kind, count in sorted(counts.items()):
            problems.append(f"{masked(relative, found)}: {count} {kind}(s) from the 903 input")
    if binary == len(files):
        raise UnusableInput(f"{folder}: no text files in the pack, so nothing was scanned")
    if problems:
        raise DisclosureError(
            "the pack would disclose child-level identifiers, so it was not "
            "published:\n  " + "\n  ".join(problems)
        )
    return Scanned(len(files) - binary, binary)
