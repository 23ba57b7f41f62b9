"""A line break inside a quoted CSV field is legal CSV: it is read as part of its field, and
rows keep the numbers a spreadsheet shows (issue 25, item 9)."""

from __future__ import annotations

from test_ssda903_read import EPISODES, HEADER, problems, write

from scrutiny import ssda903
from scrutiny.cli import main

CHILDREN = ("1,1,01/02/2015,WBRI,A123456789012,,", "2,2,03/04/2019,BAFR,UN1,,")
# Row 2 spans two lines of the file; row 4 (the file's fifth line) has 31 February.
EPISODE_ROWS = (
    '1,01/05/2020,S,C2,N1,U4,PR1,01/08/2020,X1,,"TS1\n4AB",,',
    "1,01/08/2020,P,C2,N1,U6,PR4,,,,,,",
    "2,31/02/2021,S,V2,N4,P1,PR0,,,,,,",
)


def test_a_quoted_line_break_is_part_of_its_field(tmp_path):
    write(tmp_path, "h.csv", HEADER, *CHILDREN)
    write(tmp_path, "e.csv", EPISODES, *EPISODE_ROWS[:2])
    episodes = ssda903.load(tmp_path).episodes
    assert list(episodes["HOME_POST"].fillna("")) == ["TS1\n4AB", ""]
    assert list(episodes["_row"]) == [2, 3]


def test_rows_after_a_quoted_line_break_are_numbered_as_a_spreadsheet_shows_them(tmp_path):
    write(tmp_path, "h.csv", HEADER, *CHILDREN)
    write(tmp_path, "e.csv", EPISODES, *EPISODE_ROWS)
    assert problems(tmp_path) == [("bad-date", "e.csv", 4, "DECOM")]


def test_a_quote_left_open_is_a_located_error(tmp_path, capsys):
    write(tmp_path, "h.csv", HEADER, *CHILDREN)
    write(tmp_path, "e.csv", EPISODES, *EPISODE_ROWS[:2], '2,01/02/2021,"S,V2,N4,P1,PR0,,,,,,')
    assert ("malformed-quote", "e.csv", 4, "") in problems(tmp_path)
    assert main(["validate", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert "ERROR malformed-quote x1: a quoted field is not closed" in captured.out
    assert "e.csv, row 4\n" in captured.out
    assert "Traceback" not in captured.out + captured.err
