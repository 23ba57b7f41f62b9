"""The claim finder on other councils' papers (tests/data/papers, issue 31): precision and
recall against the hand-read gold list, and each way councils write a figure."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from scrutiny.claimtext.extract import extract_statements
from scrutiny.claimtext.score import load_gold, score_statements

PAPERS = Path(__file__).parent / "data" / "papers"


def test_recall_and_precision_on_eleven_papers_of_eight_councils():
    gold = load_gold(PAPERS / "gold.yml")
    paths = [PAPERS / d["file"] for d in gold.documents.values()]
    found = score_statements(extract_statements(paths, gold.documents), gold)
    assert found.expected == 82
    assert found.precision >= 0.95, f"not in the gold list: {found.extra}"
    assert found.recall >= 0.9, f"missed: {found.missed}"


def read(tmp_path: Path, text: str, said_on: date | None = date(2021, 11, 22)):
    path = tmp_path / "paper.txt"
    path.write_text(text + "\n", encoding="utf-8")
    documents = {"P": {"file": "paper.txt", "title": "paper", "date": said_on}}
    return [
        (s.claimed, s.kind, s.comparison, s.period.text if s.period else None)
        for s in extract_statements([path], documents)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The rate of children looked after was 37/10000 at 31 March 2021.",
            [("37", "level", "=", "31 March 2021")],
        ),
        (
            "Children in care numbered 535, compared with the North East average (60.4).",
            [("60.4", "level", "=", None)],
        ),
        (
            "The number of children subject to a plan was 151 at 31 December 2020.",
            [("151", "level", "=", "31 December 2020")],
        ),
        (
            "Children looked after increased by 6 to 535 in Q3 2020/21.",
            [
                ("6", "change", "increase", "Q3 2020/21 (October to December 2020)"),
                ("535", "level", "=", "Q3 2020/21 (October to December 2020)"),
            ],
        ),
        (
            "There were 22 unaccompanied asylum seekers at 31 March, 1 fewer than the 23 in 2020.",
            [
                ("22", "level", "=", "31 March 2021"),
                ("1", "change", "reduction", "2020"),
                ("23", "level", "=", "2020"),
            ],
        ),
        (
            "Care leavers in education rose by 3.2 percentage points in 2020/21.",
            [("3.2", "change", "increase", "2020/21")],
        ),
        ("Eight percent of children had three or more moves.", [("8%", "share", "=", None)]),
    ],
)
def test_how_councils_write_a_figure(tmp_path, text, expected):
    assert read(tmp_path, text) == expected


def test_a_metric_is_not_carried_to_the_next_figure(tmp_path):
    path = tmp_path / "paper.txt"
    path.write_text(
        "66% of children had a dental check, and in the year 142 children started to be "
        "looked after.\n",
        encoding="utf-8",
    )
    dental, starters = extract_statements([path])
    assert (dental.claimed, dental.metric) == ("66%", "oc2-dental")
    assert (starters.claimed, starters.metric) == ("142", None)
