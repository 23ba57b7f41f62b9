"""A stray copy of a table is an error, an excluded one is set aside, and no warning changes
a count (issue 25, item 4)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from builders import COVERAGE_RULES, child, episode, oc2, write_903

from scrutiny import ssda903
from scrutiny.cli import main
from scrutiny.metrics import measure
from scrutiny.ssda903.dataset import schema

# Three children looked after all year to 31/03/2021: two had a dental check (2/3 = 66.7%).
YEARS = {
    2021: {
        "header": [child(c, "2012-05-05") for c in ("1", "2", "3")],
        "episodes": [episode(c, "2019-01-01") for c in ("1", "2", "3")],
        "oc2": [oc2("1", teeth="1"), oc2("2", teeth="1"), oc2("3", teeth="0")],
    }
}
NO_CHECKS = [oc2(c, teeth="0") for c in ("1", "2", "3")]


def write_oc2(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=schema()["tables"]["oc2"]["columns"])
        writer.writeheader()
        writer.writerows({**{c: "" for c in writer.fieldnames}, **row} for row in rows)


def problems(root: Path) -> tuple[ssda903.Report, list[tuple[str, str]]]:
    report = ssda903.inspect(root)
    found = [(p.rule, p.severity) for p in report.problems if p.rule not in COVERAGE_RULES]
    return report, found


def dental(report: ssda903.Report) -> tuple[float, int, int]:
    result = measure(report.dataset, "oc2-dental", year=2021)
    return round(result.value, 1), result.numerator, result.denominator


def test_the_return_alone_gives_two_of_three(tmp_path):
    report, found = problems(write_903(tmp_path, YEARS))
    assert found == []
    assert dental(report) == (66.7, 2, 3)


def test_a_draft_copy_of_a_table_is_an_error_naming_both_files(tmp_path, capsys):
    root = write_903(tmp_path, YEARS)
    write_oc2(root / "2021" / "oc2_draft.csv", NO_CHECKS)
    report, found = problems(root)
    assert ("duplicate-table", "error") in found
    [copy] = [p for p in report.errors if p.rule == "duplicate-table"]
    assert f"{root / '2021' / 'oc2.csv'} and {root / '2021' / 'oc2_draft.csv'}" in copy.message
    assert "rename it to start with _ (e.g. _oc2_draft.csv)" in copy.message
    assert main(["validate", str(root)]) == 1
    out = capsys.readouterr().out
    assert "ERROR duplicate-table x1: two copies of the oc2 table in collection year 2021" in out
    assert "may follow from the file problem(s) above" in out  # the repeats, as knock-ons


@pytest.mark.parametrize("stray", ["_oc2_draft.csv", "~$oc2.csv", "_old/oc2.csv"])
def test_a_copy_set_aside_by_its_name_is_not_read(tmp_path, stray):
    root = write_903(tmp_path, YEARS)
    write_oc2(root / "2021" / stray, NO_CHECKS)
    report, found = problems(root)
    assert found == [("excluded-file", "warning")]
    assert report.problems[0].file == str(root / "2021" / stray)
    assert dental(report) == (66.7, 2, 3)


def test_a_row_repeated_word_for_word_warns_and_changes_no_count(tmp_path):
    years = {2021: {**YEARS[2021], "oc2": [*YEARS[2021]["oc2"], oc2("3", teeth="0")]}}
    report, found = problems(write_903(tmp_path, years))
    assert found == [("repeated-row", "warning")]
    assert dental(report) == (66.7, 2, 3)


def test_two_different_rows_for_one_record_are_an_error(tmp_path):
    years = {2021: {**YEARS[2021], "oc2": [*YEARS[2021]["oc2"], oc2("3", teeth="1")]}}
    report, found = problems(write_903(tmp_path, years))
    assert found == [("duplicate-record", "error")]
    assert (report.errors[0].file, report.errors[0].row) == (str(tmp_path / "2021" / "oc2.csv"), 4)
