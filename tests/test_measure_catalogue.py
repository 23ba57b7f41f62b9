"""One catalogue of measures: 903 metrics, DfE queries and published measures, each once."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from scrutiny import catalogue
from scrutiny.catalogue import CatalogueError, Measure

ROOT = Path(__file__).resolve().parents[1]


def test_a_name_registered_twice_is_refused():
    assert "cla-on-date" in catalogue.registered()
    with pytest.raises(CatalogueError, match="'cla-on-date' is registered twice"):
        catalogue.register(Measure("cla-on-date", "903", "", "", "count", "again", ()))


def test_a_function_binds_only_to_a_declared_query_and_once():
    import scrutiny.checks  # noqa: F401  (binds the queries)

    with pytest.raises(CatalogueError, match="'dfe-nothing', which is no query"):
        catalogue.implements("dfe-nothing")(lambda: None)
    with pytest.raises(CatalogueError, match="'dfe-value' is implemented twice"):
        catalogue.implements("dfe-value")(lambda: None)
    queries = [m for m in catalogue.registered().values() if m.source == catalogue.QUERY]
    # each bound where its record says, so the pack hashes the right file for it
    assert all(catalogue.query_function(m.name).__module__ == m.module for m in queries)


def test_the_catalogue_holds_903_metrics_queries_and_published_measures():
    records = catalogue.measures()
    by_source = {s: [m for m in records if m.source == s] for s in {m.source for m in records}}
    assert len(by_source["903"]) == 22
    assert len(by_source["published"]) >= 150
    assert all(m.description and m.years for m in by_source["published"])
    cpp = catalogue.published()["lait_cpp_rate"]
    assert (cpp.source_code, cpp.unit, cpp.years, cpp.topic) == (
        "CPP_rate",
        "rate per 10,000",
        (2016, 2025),
        "Child Protection",
    )
    assert "neighbour average" in cpp.tests
    assert "neighbour average" not in catalogue.published()["lait_cpp_num"].tests


def test_search_finds_child_protection_plans():
    found = {m.name for m in catalogue.search(catalogue.measures(), "child protection plan")}
    assert {"lait_cpp_rate", "lait_cpp_abuse_rate"} <= found


def test_pack_imports_nothing_from_checks():
    for path in sorted((ROOT / "src" / "scrutiny" / "pack").glob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        imported = [
            node.module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
        ] + [a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names]
        assert not [m for m in imported if m.startswith("scrutiny.checks")], path.name
