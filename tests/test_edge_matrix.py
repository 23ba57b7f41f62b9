"""Issue 24 (items 2 and 5's flags): every year or date the CLI or a params file accepts is
checked at the edge; each case is one row: arguments, exit code, a fragment of the message."""

from __future__ import annotations

import pytest
from builders import child, episode, write_903

from scrutiny.cli import main

MATRIX = [
    # (arguments after `scrutiny`, exit code, fragment of stderr)
    ("measure starters --year 0", 2, "argument --year: year 0 is outside the years 1800-2200"),
    ("measure starters --year 1", 2, "argument --year: year 1 is outside the years 1800-2200"),
    ("measure starters --year 10000", 2, "argument --year: year 10000 is outside the years"),
    ("measure starters --year -5", 2, "argument --year: year -5 is outside the years"),
    ("measure starters --year twenty", 2, "argument --year: not a year: 'twenty'"),
    ("measure cla-on-date --at 9999-12-31", 2, "argument --at: date 9999-12-31 is outside"),
    ("measure cla-on-date --at 0001-01-01", 2, "argument --at: date 0001-01-01 is outside"),
    ("measure cla-on-date --at 2021-02-30", 2, "argument --at: not a date in YYYY-MM-DD form"),
    ("measure cla-change --from 2021-03-31 --to 9999-12-31", 2, "argument --to: date 9999-12-31"),
    ("measure cla-change --from 2021-03-31", 2, "cla-change needs --to; its parameters: --from,"),
    ("measure cla-change --to 2021-03-31", 2, "cla-change needs --from"),
    ("measure cla-on-date", 2, "cla-on-date needs --at; its parameters: --at"),
    (
        "measure cla-change --from 2021-03-31 --to 2020-03-31",
        2,
        "cla-change: --from 2021-03-31 is after --to 2020-03-31",
    ),
    (
        "measure starters --year 2021 --from 2020-04-01",
        2,
        "starters: give either --from and --to, or --year, not both",
    ),
    ("measure starters", 2, "starters needs a period: --from and --to (inclusive dates), or"),
    ("measure starters --at 2021-03-31", 2, "starters does not take --at"),
    (
        "measure starters-newborn --year 2021 --max-age-days -1",
        2,
        "--max-age-days must be a whole number >= 0, not -1",
    ),
    ("measure placement-count --at 2021-03-31", 2, "placement-count needs --group"),
    ("synth --first-year 0 --last-year 0", 2, "--first-year 0 is outside the years 1800-2200"),
    ("synth --last-year 10000", 2, "--last-year 10000 is outside the years 1800-2200"),
    ("pack --quarter 0000Q1", 2, "--quarter: quarter 0000Q1: year 0 is outside the years"),
    ("pack --quarter 9999Q4", 2, "--quarter: quarter 9999Q4: year 9999 is outside the years"),
    ("pack --params {params}", 2, "quarter 0001Q1: year 1 is outside the years 1800-2200"),
]


@pytest.fixture
def places(tmp_path) -> dict[str, str]:
    data = write_903(
        tmp_path / "903",
        {2021: {"header": [child("1", "2015-01-01")], "episodes": [episode("1", "2020-04-01")]}},
    )
    params = tmp_path / "params.yml"
    params.write_text('quarter: "0001Q1"\n')
    return {"data": str(data), "params": str(params), "out": str(tmp_path / "out")}


def run(arguments: list[str], capsys) -> tuple[int, str]:
    try:
        code = main(arguments)
    except SystemExit as exit_:  # argparse's own errors
        code = exit_.code
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize(("command", "code", "fragment"), MATRIX, ids=[m[0] for m in MATRIX])
def test_edge_case(command, code, fragment, places, capsys):
    arguments = command.format(**places).split()
    if arguments[0] == "measure":
        arguments += ["--data", places["data"]]
    if arguments[0] in ("synth", "pack"):
        arguments += ["--out", places["out"]]
    got, text = run(arguments, capsys)
    assert (got, fragment in text) == (code, True), text
    assert "unexpected" not in text and "Traceback" not in text
