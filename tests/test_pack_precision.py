"""Honest precision, read off a built pack's pages: no count written as a decimal, no column
of whole numbers padded with ".0", no measured figure more precise than its claim allows, and
no small count in the notes on the data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from tiny_project import make_project, scrutiny

from scrutiny.claims import parse_number
from scrutiny.numbers import decimals

# a published % with its counts and neighbours, a measured % of a claim to 0.1, a month-end
# count with its short-break note, a DfE count beside 903 counts, a monthly average
CLAIMS = [
    "dental-66",
    "born-into-care-15-1",
    "cla-702-to-531",
    "external-placements-72-77",
    "missing-third-cla",
]
NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.(\d+))?")
COUNT_HEADERS = ("numerator", "denominator", "children", "903 counts")
BLANK = {"", "c", "–", "<NA>"}

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("precision"), CLAIMS)
    built = scrutiny(project, "pack", "--quarter", "2022Q1", "--jobs", "2")
    assert built.returncode == 0, built.stderr
    return project / "rendered" / "2022Q1"


def pages(pack: Path) -> list[tuple[str, BeautifulSoup]]:
    return [
        (p.name, BeautifulSoup(p.read_text("utf-8"), "html.parser")) for p in pack.glob("*.html")
    ]


def columns(table) -> dict[str, list[str]]:
    """Header -> the text of its cells, for a table with one header row."""
    head = [th.get_text(" ", strip=True) for th in table.thead.find_all("th")]
    rows = [
        [c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
        for tr in table.tbody.find_all("tr")
    ]
    return {
        name: [row[i - len(head) + len(row)] for row in rows if len(row) >= len(head) - i]
        for i, name in enumerate(head)
    }


def test_counts_are_whole_numbers(pack):
    wrong = []
    for name, page in pages(pack):
        for table in page.find_all("table"):
            for header, cells in columns(table).items():
                if header.startswith(COUNT_HEADERS):
                    parts = [p.strip() for cell in cells for p in cell.split("/")]
                    wrong += [f"{name}: {header} {p}" for p in parts if "." in p]
    assert wrong == []


def test_no_column_of_whole_numbers_is_padded_with_decimals(pack):
    """Published figures and counts; measured figures and averages are the next test's."""
    padded = []
    for name, page in pages(pack):
        for table in page.find_all("table"):
            for header, cells in columns(table).items():
                if header == "measured" or header.startswith("statistical neighbours"):
                    continue
                numbers = [c.rstrip("%") for c in cells if NUMBER.fullmatch(c.rstrip("%"))]
                if numbers and all(n.endswith(".0") for n in numbers):
                    padded.append(f"{name}: {header} {numbers}")
    assert padded == []


def test_measured_figures_have_one_digit_more_than_their_claim_at_most(pack):
    too_precise = []
    for row in json.loads((pack / "verdicts.json").read_text()):
        precision = parse_number(row["claimed"])[1] if row["claimed"] else 1.0
        digits = [len(d) for d in re.findall(r"\.(\d+)", row["shown"])]
        if any(d > decimals(precision) for d in digits):
            too_precise.append((row["claim"], row["figure"], row["shown"]))
        if row["numerator"] == row["measured"] and "." in row["shown"]:
            too_precise.append((row["claim"], row["figure"], row["shown"]))  # a count
    assert too_precise == []


def test_the_published_percentage_is_shown_as_published_with_its_counts(pack):
    rows = json.loads((pack / "verdicts.json").read_text())
    teeth = next(r for r in rows if r["figure"] == "Teeth checked, year to 31 March 2021 (DfE)")
    assert (teeth["shown"], teeth["numerator"], teeth["denominator"]) == ("35%", 150, 432)
    assert "England 40%, North East 43%, statistical neighbours 37.7%" in teeth["sentence"]


def test_notes_on_the_data_hide_small_counts(pack):
    shown = []
    for name, page in pages(pack):
        heading = page.find(string=re.compile("Notes on the data"))
        if heading is not None:
            notes = heading.find_parent().find_next("ul").get_text(" ")
            shown += [f"{name}: {m}" for m in re.findall(r"(?<![\d.,/-])[1-4] [a-z]+", notes)]
    assert shown == []
