"""The project explains itself: every counting rule is in docs/, and nothing points outside."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scrutiny.groups import load_groups
from scrutiny.metrics import METRICS

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "docs" / "counting-rules.md"
PRODUCT = ["params", "src", "notebooks", "docs", "README.md"]
OUTSIDE = re.compile(r"\.\./shared")


def product_files() -> list[Path]:
    files = []
    for part in PRODUCT:
        path = ROOT / part
        found = [path] if path.is_file() else path.rglob("*")
        files += [p for p in found if p.is_file() and "__pycache__" not in p.parts]
    return files


@pytest.mark.parametrize("name", sorted(METRICS))
def test_every_metric_has_its_rule_in_the_docs(name):
    assert f"`{name}`" in RULES.read_text("utf-8"), f"{RULES.name} does not define {name}"


def test_every_placement_group_is_in_the_docs_with_its_dfe_share():
    rows = {
        line.split("|")[1].strip(" `"): line.split("|")[-2].strip(" `")
        for line in RULES.read_text("utf-8").splitlines()
        if line.startswith("| `")
    }
    for group in load_groups(None).values():
        assert rows.get(group.name) == (group.dfe_share or "none"), group.name


def test_no_product_file_points_outside_the_project():
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in product_files()
        for number, line in enumerate(path.read_text("utf-8", errors="replace").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert not found, found
