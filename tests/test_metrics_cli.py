"""`scrutiny measure`: JSON shape, readable output, --list and clear errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from builders import child, episode, write_903

from scrutiny.cli import main
from scrutiny.metrics import METRICS


@pytest.fixture
def data(tmp_path):
    return write_903(
        tmp_path / "903",
        {
            2020: {"header": [child("2", "2015-01-01")], "episodes": [episode("2", "2019-04-01")]},
            2021: {
                "header": [child("1", "2020-03-30"), child("2", "2015-01-01")],
                "episodes": [episode("1", "2020-04-01"), episode("2", "2019-04-01")],
            },
        },
    )


def test_json_output(data, capsys):
    code = main(["measure", "starters-newborn", "--data", str(data), "--year", "2021", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert list(out) == [
        "metric",
        "params",
        "value",
        "numerator",
        "denominator",
        "notes",
        "breakdown",
    ]
    assert out["metric"] == "starters-newborn"
    assert out["params"] == {
        "start": "2020-04-01",
        "end": "2021-03-31",
        "year": 2021,
        "max_age_days": 6,
    }
    assert (out["value"], out["numerator"], out["denominator"]) == (100.0, 1, 1)


def test_readable_output(data, capsys):
    args = ["measure", "cla-change", "--data", str(data), "--from", "2020-03-31"]
    assert main([*args, "--to", "2021-03-31"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("cla-change: +100.00% (change +1 from 1)")
    assert "description: % change in cla-on-date" in out


def test_readable_placement_share(data, capsys):
    args = ["measure", "placement-count", "--data", str(data), "--at", "2021-03-31"]
    assert main([*args, "--group", "fostering"]) == 0
    assert "placement-count: 2 (2 of 2 looked after, 100.00%)" in capsys.readouterr().out


def test_list_shows_metrics_and_groups(capsys):
    assert main(["measure", "--list"]) == 0
    out = capsys.readouterr().out
    for name in [*METRICS, "in-house-fostering", "external-residential"]:
        assert name in out
    assert "--from DATE --to DATE | --year YYYY [--max-age-days N, default 6]" in out


def test_bad_metric_name(data, capsys):
    assert main(["measure", "looked-after", "--data", str(data), "--at", "2021-03-31"]) == 2
    assert "unknown metric 'looked-after'" in capsys.readouterr().err


def test_bad_date(data, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["measure", "cla-on-date", "--data", str(data), "--at", "31/03/2021"])
    assert exit_.value.code == 2
    assert "not a date in YYYY-MM-DD form: '31/03/2021'" in capsys.readouterr().err


def test_wrong_option_for_the_metric(data, capsys):
    assert main(["measure", "starters", "--data", str(data), "--at", "2021-03-31"]) == 2
    assert "starters does not take --at" in capsys.readouterr().err


def test_data_is_required(capsys):
    assert main(["measure", "cla-on-date", "--at", "2021-03-31"]) == 2
    assert "--data PATH is required" in capsys.readouterr().err


def test_invalid_data_is_reported_by_the_reader(tmp_path, capsys):
    bad = write_903(
        tmp_path,
        {
            2021: {
                "header": [child("1", "2015-01-01")],
                "episodes": [episode("1", "2021-01-01", "2020-01-01", "E8")],
            }
        },
    )
    assert main(["measure", "cla-on-date", "--data", str(bad), "--at", "2021-03-31"]) == 1
    assert "dec-before-decom" in capsys.readouterr().err


def test_measure_imports_no_other_command(capsys):
    """A warm `measure` costs about its imports: the pack's nbconvert and altair stay out."""
    code = (
        "import sys; from scrutiny.cli import build_parser; build_parser(['measure']); "
        "print(sorted({'nbconvert', 'altair', 'playwright'} & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("check-disclosure", "claims", "measure", "pack", "validate"):
        assert command in out


def test_json_carries_the_breakdown(data, capsys):
    args = ["measure", "cla-by-ethnicity", "--data", str(data), "--at", "2021-03-31", "--json"]
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    white = next(row for row in out["breakdown"] if row["group"] == "White")
    assert (out["value"], white["children"], white["percent"]) == (2.0, 2, 100.0)


def test_a_reader_that_stops_early_is_no_error():
    """`scrutiny measure --list | head -1`: the closed pipe ends the command quietly."""
    run = subprocess.Popen(
        [sys.executable, "-m", "scrutiny.cli", "measure", "--list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    run.stdout.close()
    err = run.stderr.read().decode()
    assert run.wait(timeout=120) == 0
    assert err == ""


def test_a_missing_option_names_the_optional_file_without_a_none(data, capsys):
    args = ["measure", "placement-count", "--data", str(data), "--at", "2021-03-31"]
    assert main(args) == 2
    assert capsys.readouterr().err == (
        "scrutiny measure: placement-count needs --group; its parameters: --at, --group, "
        "[--groups]\n"
    )
