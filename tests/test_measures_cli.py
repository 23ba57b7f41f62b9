"""`scrutiny measures` lists the catalogue; `scrutiny measure NAME --la --year` answers a
published measure from the committed extract, with its region, England and neighbours."""

from __future__ import annotations

import json

import pytest

from scrutiny.cli import main


def run_json(capsys, argv: list[str]):
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_measures_json_lists_published_measures_with_words(capsys):
    rows = run_json(capsys, ["measures", "--json"])
    published = [r for r in rows if r["source"] == "published"]
    assert len(published) >= 150
    assert all(r["description"] and r["years"] and r["source_code"] for r in published)
    assert {"name", "source", "source_code", "description", "years"} <= set(rows[0])


def test_measures_search_finds_child_protection(capsys):
    rows = run_json(capsys, ["measures", "--search", "child protection plan", "--json"])
    assert "lait_cpp_rate" in {r["name"] for r in rows}


@pytest.mark.parametrize(
    ("measure", "la", "year", "value", "region", "england"),
    [
        # hand-read from dfe-lait/bds_long_0.parquet (CPP_rate, ReReferral, CareLeaverEET,
        # Work_Force_TO_Rate rows for 806, 980 North East and 970 England)
        ("lait_cpp_rate", "806", "2025", 99.1, 58.6, 40.6),
        ("lait_rereferral", "E06000002", "2024", 25.3, 22.2, 22.4),
        ("lait_careleavereet", "Middlesbrough", "2023", 47, 52, 56),
        ("lait_work_force_to_rate", "806", "2025", 8.6, 11.7, 11.8),
    ],
)
def test_measure_answers_a_published_measure(capsys, measure, la, year, value, region, england):
    found = run_json(capsys, ["measure", measure, "--la", la, "--year", year, "--json"])
    assert (found["value"], found["region"]["value"], found["england"]["value"]) == (
        value,
        region,
        england,
    )
    assert found["la_name"] == "Middlesbrough" and found["region"]["name"] == "North East"


def test_the_neighbour_average_is_of_the_ten_neighbours(capsys):
    found = run_json(
        capsys, ["measure", "lait_cpp_rate", "--la", "806", "--year", "2021", "--json"]
    )
    average = found["neighbour_average"]
    assert (average["edition"], average["neighbours"]) == ("2021-04", 10)
    assert average["value"] == pytest.approx(80.3, abs=0.05)


def test_a_count_has_no_neighbour_average(capsys):
    found = run_json(capsys, ["measure", "lait_lacnum", "--la", "806", "--year", "2021", "--json"])
    assert (found["value"], found["neighbour_average"]) == (570, None)


def test_a_misspelt_measure_names_the_closest(capsys):
    assert main(["measure", "lait_cpp_rte", "--la", "806", "--year", "2021"]) != 0
    assert "did you mean 'lait_cpp_rate'?" in capsys.readouterr().err


def test_a_published_measure_needs_an_la_and_a_year(capsys):
    assert main(["measure", "lait_cpp_rate", "--year", "2021"]) != 0
    assert "give --la CODE and --year YYYY" in capsys.readouterr().err


def test_a_seeded_sample_answers_as_lait_file_gives(capsys):
    """25 (measure, LA, year) drawn with a fixed seed from LAIT's long file, asked of the
    command: it prints the file's value, or null with LAIT's "-" marker."""
    import pandas as pd
    from conftest import require_shared

    from scrutiny.catalogue import published
    from scrutiny.published.lait import year_of

    path = require_shared("data", "raw", "dfe-lait", "bds_long_0.parquet")
    codes = {m.source_code: name for name, m in published().items() if name.startswith("lait_")}
    raw = pd.read_parquet(path, columns=["Short Desc", "Years", "Values", "LA Number"])
    raw = raw[raw["Short Desc"].isin(codes) & raw["LA Number"].lt(970) & raw["Years"].ne("0")]
    for code, year, value, la in raw.sample(25, random_state=30).itertuples(index=False):
        argv = ["measure", codes[code], "--la", str(int(la)), "--year", str(year_of(year))]
        found = run_json(capsys, [*argv, "--json"])
        if value == "-":
            assert (found["value"], found["marker"]) == (None, "-"), argv
        else:
            assert found["value"] == pytest.approx(float(value), abs=1e-9), argv
