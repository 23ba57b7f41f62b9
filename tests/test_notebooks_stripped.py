"""The notebooks in notebooks/ are sources, not evidence: committed without outputs.

Outputs in the pack come only from papermill in a fresh kernel. A notebook saved after an
interactive run (outputs, execution counts, papermill's metadata) must not be committed, and
its parameters cell must hold literals only, because papermill does not re-derive a default
computed from another parameter.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def code_cells(notebook: Path) -> list:
    return [c for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"]


def literal_only(source: str) -> list[str]:
    """Statements of a parameters cell that are not `name = literal` (annotated or not)."""
    problems = []
    for statement in ast.parse(source).body:
        if isinstance(statement, ast.AnnAssign):
            targets = [statement.target]
        elif isinstance(statement, ast.Assign):
            targets = statement.targets
        else:
            problems.append(f"line {statement.lineno}: not a plain assignment")
            continue
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        if len(names) != len(targets):
            problems.append(f"line {statement.lineno}: not a plain assignment")
            continue
        try:
            ast.literal_eval(statement.value)
        except (ValueError, TypeError, SyntaxError):
            problems.append(f"line {statement.lineno}: {names[0]} is not a literal")
    return problems


def test_there_are_notebooks():
    assert NOTEBOOKS


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_no_outputs_or_execution_counts(notebook):
    for n, cell in enumerate(code_cells(notebook)):
        assert cell.get("outputs") == [], f"{notebook.name} code cell {n} has outputs"
        assert cell.get("execution_count") is None, f"{notebook.name} code cell {n} was run"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_no_papermill_traces(notebook):
    node = nbformat.read(notebook, as_version=4)
    assert "papermill" not in node.metadata
    tags = [tag for cell in node.cells for tag in cell.metadata.get("tags", [])]
    assert "injected-parameters" not in tags


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_cells_have_fixed_ids(notebook):
    """Without ids, every papermill run invents random ones and the pack's HTML changes."""
    with notebook.open() as file:
        cells = json.load(file)["cells"]
    assert all(cell.get("id") for cell in cells), f"{notebook.name} has cells without an id"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_one_tagged_parameters_cell_of_literals(notebook):
    tagged = [c for c in code_cells(notebook) if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, f"{notebook.name}: {len(tagged)} code cells tagged parameters"
    assert literal_only(tagged[0].source) == []


@pytest.mark.parametrize(
    "source, problem",
    [
        ("a = 1\nb = a * 2", "line 2: b is not a literal"),
        ("import os", "line 1: not a plain assignment"),
        ('x: str = f"{1}"', "line 1: x is not a literal"),
        ("x: int", "line 1: x is not a literal"),
        ("a.b = 1", "line 1: not a plain assignment"),
    ],
)
def test_literal_check_catches_computed_defaults(source, problem):
    assert literal_only(source) == [problem]
