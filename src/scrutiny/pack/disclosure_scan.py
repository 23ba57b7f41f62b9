"""Scan a rendered pack for any child identifier from the inputs: a hit fails the build.

Looks for CHILD ids, UPNs, dates of birth and postcodes in every .ipynb, .html and .json file.
Reports the file and the kind of identifier, never the identifier itself. Not searched, because
they say nothing about a child: dates that are also reporting dates (first and last days of
months), and tokens the empty HTML page template already holds (a CSS `z-index: 100000` is not
child 100000).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import nbformat
import pandas as pd

from scrutiny.cache import load_cached
from scrutiny.errors import ScrutinyError
from scrutiny.pack.render import exporter

TOKEN = re.compile(r"[A-Za-z0-9]+(?:[./-][A-Za-z0-9]+)*")
SCANNED = {".ipynb", ".html", ".json"}
MIN_ID_LENGTH = 5  # shorter ids cannot be told apart from the counts the pack shows
POSTCODE = r"[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}"  # at most one match starts at any position
POSTCODES_AT = re.compile(f"(?=({POSTCODE}))")


class DisclosureError(ScrutinyError):
    exit_code = 1


def strings(values: pd.Series) -> set[str]:
    return {str(v).strip().upper() for v in values.dropna() if str(v).strip()}


def birth_dates(values: pd.Series) -> set[str]:
    dates = pd.to_datetime(values.dropna())
    dates = dates[(dates.dt.day != 1) & ~dates.dt.is_month_end]
    return set(dates.dt.strftime("%d/%m/%Y")) | set(dates.dt.strftime("%Y-%m-%d"))


def identifiers(data_903: Path) -> dict[str, set[str]]:
    dataset = load_cached(data_903)
    header, episodes = dataset.header, dataset.episodes
    tables = [t for t in dataset.tables.values() if "DOB" in t]
    children = strings(pd.concat([header["CHILD"], episodes["CHILD"]]))
    return {
        "child id": {c for c in children if len(c) >= MIN_ID_LENGTH},
        "UPN": strings(header["UPN"]) - {f"UN{i}" for i in range(1, 6)},
        "date of birth": set().union(*(birth_dates(t["DOB"]) for t in tables)),
        "postcode": strings(pd.concat([episodes["HOME_POST"], episodes["PL_POST"]])),
    }


@cache
def template_tokens() -> frozenset[str]:
    body, _ = exporter().from_notebook_node(nbformat.v4.new_notebook())
    return frozenset(t.upper() for t in TOKEN.findall(body))


def hits_in(text: str, found: dict[str, set[str]]) -> Counter:
    tokens = {t.upper() for t in TOKEN.findall(text)} - template_tokens()
    upper = text.upper()
    hits = Counter()
    for kind, values in found.items():
        if kind == "postcode":
            hits[kind] = postcode_hits(values, upper)
        else:
            hits[kind] = len(values & tokens)
    return +hits


def postcode_hits(values: set[str], upper: str) -> int:
    """How many `values` occur anywhere in `upper`: one regex pass finds every well-formed
    postcode in the text (overlapping too); only malformed values are searched one by one."""
    shaped = {v for v in values if re.fullmatch(POSTCODE, v)}
    found = shaped & set(POSTCODES_AT.findall(upper))
    return len(found) + sum(1 for v in values - shaped if v in upper)


def scan_pack(folder: Path, data_903: Path) -> None:
    """Raise DisclosureError naming each file and identifier kind found in the pack."""
    found = identifiers(data_903)
    problems = []
    for path in sorted(p for p in folder.rglob("*") if p.suffix in SCANNED):
        for kind, count in sorted(hits_in(path.read_text("utf-8", "replace"), found).items()):
            problems.append(f"{path.name}: {count} {kind}(s) from the 903 input")
    if problems:
        raise DisclosureError(
            "the pack would disclose child-level identifiers, so it was not "
            "published:\n  " + "\n  ".join(problems)
        )
