"""Precision and recall of the claim finder against the hand-labelled gold file (issue 20)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import require_shared

from scrutiny.claimtext.conflicts import conflicts_between
from scrutiny.claimtext.extract import extract_statements
from scrutiny.claimtext.score import load_gold, score_conflicts, score_statements
from scrutiny.errors import ConfigError

GOLD = Path(__file__).parent / "data" / "claimtext_gold.yml"
FLOOR = 0.9  # the bar; Full Fact's claim detection reaches F1 0.83 on open text


def test_statements_and_conflicts_in_the_panels_documents():
    gold = load_gold(GOLD)
    seeds = require_shared("seeds")
    statements = extract_statements(
        [seeds / d["file"] for d in gold.documents.values()], gold.documents
    )
    found = score_statements(statements, gold)
    assert (found.expected, len(gold.conflicts)) == (61, 2)
    assert found.precision >= FLOOR, f"not in the gold file: {found.extra}"
    assert found.recall >= FLOOR, f"missed: {found.missed}"
    conflicts = score_conflicts(conflicts_between(statements), gold)
    assert (conflicts.precision, conflicts.recall) == (1.0, 1.0), (
        conflicts.missed,
        conflicts.extra,
    )


def write_gold(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "gold.yml"
    path.write_text(text, encoding="utf-8")
    return path


GOLD_TEXT = """\
documents: {M: {file: minutes.txt}}
statements:
  - {id: M-1, document: M, line: 1, value: "480", kind: level}
  - {id: M-2, document: M, line: 3, value: 12%, kind: change}
  - {id: M-3, document: M, line: 3, value: reduction, kind: change}
  - {id: M-4, document: M, line: 5, value: "480", kind: level}
conflicts:
  - [M-1, M-4]
"""
MINUTES = (
    "In May 2021 the council looked after 480 children.\n\n"
    "Children looked after fell by 12% from May 2020 to May 2021.\n\n"
    "In May 2020 the council looked after 480 children.\n\n"
    "We support 12 families.\n"
)


def test_scores_count_matches_by_document_line_value_and_kind(tmp_path):
    gold = load_gold(write_gold(tmp_path, GOLD_TEXT))
    (tmp_path / "minutes.txt").write_text(MINUTES, encoding="utf-8")
    statements = extract_statements([tmp_path / "minutes.txt"], gold.documents)
    found = score_statements(statements, gold)
    # Found: 480, 12%, 480, 12 families; M-3 (a change with no figure) is not found.
    assert (found.found, found.expected, found.matched) == (4, 4, 3)
    assert (found.precision, found.recall) == (0.75, 0.75)
    assert found.missed == (("M", 3, "reduction", "change"),)
    assert found.extra == (("M", 7, "12", "level"),)
    conflicts = score_conflicts(conflicts_between(statements), gold)
    assert (conflicts.found, conflicts.matched) == (1, 1)  # 480 in May 2021 and in May 2020


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("statements:\n  - {id: A, document: M, line: 1}\n", "statement 1: missing kind, value"),
        (
            "statements:\n  - {id: A, document: M, line: 1, value: '1', kind: level}\n"
            "conflicts:\n  - [A, B]\n",
            "conflicts name unknown statement id\\(s\\) B",
        ),
        ("statements: [\n", "cannot read the gold file"),
    ],
)
def test_a_faulty_gold_file_is_named(tmp_path, text, message):
    with pytest.raises(ConfigError, match=f"gold.yml: {message}"):
        load_gold(write_gold(tmp_path, text))
