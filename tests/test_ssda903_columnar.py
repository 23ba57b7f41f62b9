"""The columnar fast path reads a plain file exactly as the record-by-record reader does;
anything else (quotes, blank lines, ragged rows) goes to the exact reader (issue 22)."""

from __future__ import annotations

import pandas as pd
from test_ssda903_read import EPISODES, problems

from scrutiny.ssda903.read import read_csv, read_exact

ROWS = ("1,01/05/2020,S,C2,N1,U4,PR1,01/08/2020,X1,,TS1 4AB,,", " 2 ,31/02/2021,s,V2,,,,,,,,,")


def both(path):
    fast, fast_problems = read_csv(path, 2021)
    exact, exact_problems = read_exact(path, path.read_bytes(), 2021)
    return fast, exact, fast_problems, exact_problems


def test_a_plain_file_reads_the_same_both_ways(tmp_path):
    path = tmp_path / "e.csv"
    path.write_bytes(("\ufeff" + "\r\n".join([EPISODES, *ROWS]) + "\r\n").encode())
    fast, exact, fast_problems, exact_problems = both(path)
    pd.testing.assert_frame_equal(fast.frame, exact.frame, check_index_type=False)
    assert list(fast.frame.index) == [2, 3]
    assert (fast.name, fast_problems) == ("episodes", exact_problems)


def test_a_blank_line_keeps_spreadsheet_row_numbers(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text("\n".join([EPISODES, ROWS[0], "", ROWS[1]]) + "\n")
    assert ("bad-date", "e.csv", 4, "DECOM") in problems(tmp_path)
