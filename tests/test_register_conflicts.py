"""The register's own quotes disagree, and a clone with no documents folder still shows it."""

from __future__ import annotations

from pathlib import Path

from scrutiny.checks import KNOWN_METRICS
from scrutiny.claims import load_register
from scrutiny.claimtext.register_conflicts import register_conflicts

ROOT = Path(__file__).resolve().parents[1]


def test_the_702_and_the_19_5_against_23_percent_disagreements():
    register = load_register(ROOT / "evidence" / "claims.yml", KNOWN_METRICS)
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
