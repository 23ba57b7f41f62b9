"""A rule broken on many rows is reported by its exact count and its first KEPT rows, so
memory and report size follow the problems, not the file (issue 25, item 13)."""

from __future__ import annotations

import json

import pytest
from builders import child, episode, write_903

from scrutiny import ssda903
from scrutiny.cli import main
from scrutiny.errors import DataError, total
from scrutiny.ssda903.located import KEPT

CHILDREN = [str(n) for n in range(1, 31)]  # episodes.csv rows 2..31, each LS "ZZ"
REPEATED = CHILDREN[3:]  # rows 32..58 repeat rows 5..31 word for word (the later row is kept)
YEARS = {
    2021: {
        "header": [child(c, "2012-05-05") for c in CHILDREN],
        "episodes": [episode(c, "2019-01-01", ls="ZZ", place="Q9") for c in CHILDREN[:3]]
        + [episode(c, "2019-01-01", ls="ZZ") for c in REPEATED + REPEATED],
    }
}
LS = "LS code is not in the LS code list"


@pytest.fixture
def root(tmp_path):
    return write_903(tmp_path, YEARS)


def listed(problems, message: str) -> list:
    return [p for p in problems if p.message == message]


def test_examples_are_capped_and_counts_exact(root):
    report = ssda903.inspect(root)
    ls = listed(report.errors, LS)
    assert len(ls) == KEPT < 30
    assert total(ls) == 30
    assert [p.row for p in ls] == [2, 3, 4, *range(32, 32 + KEPT - 3)]  # the first rows
    assert {(p.file, p.column, p.rule) for p in ls} == {
        (str(root / "2021" / "episodes.csv"), "LS", "unknown-code")
    }
    place = [p for p in report.errors if p.column == "PLACE"]
    assert [(p.row, p.more) for p in place] == [(2, 0), (3, 0), (4, 0)]  # few: all listed
    repeats = [p for p in report.warnings if p.rule == "repeated-row"]
    assert (len(repeats), total(repeats)) == (KEPT, 27)
    assert [p.row for p in repeats] == list(range(5, 5 + KEPT))


def test_json_report_lists_examples_and_exact_counts(root, capsys):
    assert main(["validate", str(root), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    [rule] = [r for r in report["rules"] if r["message"] == LS]
    assert rule["count"] == 30
    ls = [p for p in report["problems"] if p["message"] == LS]
    assert len(ls) == KEPT
    assert sum(1 + p["more"] for p in ls) == 30
    assert report["errors"] == 30 + 3
    assert report["warnings"] == 27


def test_text_report_and_error_give_the_full_count(root, capsys):
    assert main(["validate", str(root)]) == 1
    text = capsys.readouterr().out
    assert f"ERROR unknown-code x30: {LS}" in text
    assert "  ... and 25 more" in text
    assert "33 error(s), 27 warning(s)" in text
    with pytest.raises(DataError) as caught:
        ssda903.load(root)
    summary = str(caught.value)
    assert summary.startswith("33 problem(s) in ")
    assert "episodes.csv, row 2, column LS: [unknown-code]" in summary
    assert summary.endswith("... and 13 more")  # 20 of 33 listed
