"""Canary identifiers through a real pack build: none reaches the pack, and a notebook that
shows a raw 903 row makes the build fail with the previous pack left as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest
import yaml
from tiny_project import file_hashes, make_project, scrutiny

from scrutiny import synth

pytestmark = pytest.mark.slow

CLAIMS = ["placed-with-parents-halved", "born-into-care-15-1"]  # conclusion notebooks
CANARIES = ("CANARYCHILD", "Z999999", "ZZ9 ")  # prefixes of every planted identifier
POSTCODES = [f"ZZ9 {digit}ZZ" for digit in range(10)]
BIRTH_DAY = 13  # every birthday after the 13th moves back to it: mid-month, never later


def mid_month(dob: str) -> str:
    """dd/mm/YYYY moved back to the 13th of its month (earlier, so no episode precedes birth)."""
    if not dob:
        return dob
    day, month, year = dob.split("/")
    return f"{min(int(day), BIRTH_DAY):02d}/{month}/{year}"


def plant_canaries(data: Path) -> None:
    """Rewrite every CHILD id, UPN, postcode and birth date, consistently across all files."""
    tables = {p: pd.read_csv(p, dtype=str, keep_default_na=False) for p in data.rglob("*.csv")}
    children = sorted(set().union(*(set(t["CHILD"]) for t in tables.values())) - {""})
    child_ids = {c: f"CANARYCHILD{n:04d}" for n, c in enumerate(children, 1)}
    upns = {c: f"Z999999{n:06d}" for n, c in enumerate(children, 1)}
    columns = [t[c] for t in tables.values() for c in ("HOME_POST", "PL_POST") if c in t]
    postcodes = sorted(set().union(*(set(c) for c in columns)) - {""})
    canary_postcodes = {p: POSTCODES[n % len(POSTCODES)] for n, p in enumerate(postcodes)}
    canary_postcodes[""] = ""
    for path, table in tables.items():
        if "UPN" in table:
            table["UPN"] = table["CHILD"].map(upns)
        table["CHILD"] = table["CHILD"].map(child_ids).fillna("")
        for column in ("HOME_POST", "PL_POST"):
            if column in table:
                table[column] = table[column].map(canary_postcodes)
        if "DOB" in table:
            table["DOB"] = table["DOB"].map(mid_month)
        table.to_csv(path, index=False)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("canary") / "903"
    synth.generate(data, children=800)
    plant_canaries(data)
    folder = make_project(tmp_path_factory.mktemp("project"), CLAIMS, data=data)
    built = scrutiny(folder, "pack", "--jobs", "2", "--no-progress")
    assert built.returncode == 0, built.stderr
    return folder


def test_the_canaries_are_in_the_input(project):
    data = project / "evidence" / "data" / "synthetic" / "2021"
    episodes = pd.read_csv(data / "episodes.csv", dtype=str)
    header = pd.read_csv(data / "header.csv", dtype=str)
    assert episodes["CHILD"].str.fullmatch(r"CANARYCHILD\d{4}").all()
    assert episodes["HOME_POST"].dropna().str.fullmatch(r"ZZ9 \dZZ").all()
    assert header["UPN"].str.fullmatch(r"Z999999\d{6}").all()
    assert (pd.to_datetime(header["DOB"], dayfirst=True).dt.day <= BIRTH_DAY).all()


def test_no_canary_reaches_the_pack(project):
    pack = project / "rendered" / "2022Q1"
    files = [p for p in pack.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {f"{c}.html" for c in CLAIMS} | {"index.html"}
    for path in files:
        text = path.read_text("utf-8", "replace")
        assert not [c for c in CANARIES if c in text], path.name


def test_check_disclosure_finds_nothing_in_the_canary_pack(project):
    result = scrutiny(project, "check-disclosure", "rendered/2022Q1")  # the manifest's extract
    assert result.returncode == 0, result.stderr


def show_a_raw_row(notebook: Path) -> None:
    """A careless analyst's cell: the first episodes row, before the result cell."""
    book = nbformat.read(notebook, as_version=4)
    leak = nbformat.v4.new_code_cell("check.inputs.dataset.episodes.head(1)")
    book.cells.insert(len(book.cells) - 1, leak)
    nbformat.write(book, notebook)


def test_a_notebook_showing_a_raw_row_fails_the_build_and_keeps_the_pack(project, tmp_path):
    leaky = shutil.copytree(project, tmp_path / "leaky", symlinks=True)
    register = yaml.safe_load((leaky / "evidence" / "claims.yml").read_text())
    name = next(c.get("notebook", "claim") for c in register["claims"] if c["id"] == CLAIMS[0])
    show_a_raw_row(leaky / "notebooks" / f"{name}.ipynb")  # the notebook that argues the claim
    pack = leaky / "rendered" / "2022Q1"
    before = file_hashes(pack)
    result = scrutiny(leaky, "pack", "--only", CLAIMS[0], "--jobs", "1", "--no-progress")
    assert result.returncode == 1, result.stderr
    assert "would disclose child-level identifiers" in result.stderr
    assert f"{CLAIMS[0]}.ipynb: 1 child id(s)" in result.stderr
    assert f"{CLAIMS[0]}.html: 1 child id(s)" in result.stderr
    assert "postcode(s)" in result.stderr
    assert not [c for c in CANARIES if c in result.stdout + result.stderr]
    assert "Traceback" not in result.stderr
    assert file_hashes(pack) == before
    assert not list(pack.parent.glob(".building-*"))
