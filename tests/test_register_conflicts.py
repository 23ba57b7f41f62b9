"""The register's own quotes disagree, and a clone with no documents folder still shows it."""

from __future__ import annotations

from pathlib import Path

from scrutiny.catalogue import figure_metrics
from scrutiny.claims import load_register
from scrutiny.claimtext.register_conflicts import register_conflicts

ROOT = Path(__file__).resolve().parents[1]


def test_the_702_and_the_19_5_against_23_percent_disagreements():
    register = load_register(ROOT / "evidence" / "claims.yml", figure_metrics())
    found = {
        (c.reason, tuple(sorted(s["document"] for s in c.to_dict()["statements"])))
        for c in register_conflicts(register)
    }
    assert found == {
        ("same figure, different dates", ("LW", "OV")),  # 702: August 2019 and August 2020
        ("different changes over the same period", ("FR", "LW")),  # -19.5% and -23%
    }


def test_the_committed_index_lists_them():
    index = (ROOT / "rendered" / "2022Q1" / "index.html").read_text()
    table = index[index.index('id="conflict-table"') :]
    assert table.count("<tr><td>") >= 2
    assert "same figure, different dates" in table
    assert "different changes over the same period" in table


def test_since_runs_to_each_documents_date_and_a_level_never_meets_a_change(tmp_path):
    """157 fewer since September 2020 (September minutes) and 167 fewer (November minutes) are
    one trend; "increased by 6 to 535" is a change of 6 and a level of 535, not a conflict."""
    from scrutiny.claimtext.conflicts import find_conflicts

    september = tmp_path / "september.txt"
    september.write_text(
        "Minutes of the meeting held on 24 September 2021\n\n"
        "There had been a reduction of 157 children looked after since September 2020.\n\n"
        "There were 529 children looked after at the end of August 2021.\n",
        encoding="utf-8",
    )
    november = tmp_path / "november.txt"
    november.write_text(
        "Minutes of the meeting held on 22 November 2021\n\n"
        "There had been a reduction of 167 children looked after since September 2020.\n\n"
        "Children looked after increased by 6 to 535 in October 2021.\n",
        encoding="utf-8",
    )
    assert find_conflicts([september, november]) == []
