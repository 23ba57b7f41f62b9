"""`scrutiny changes OLD NEW --markdown`: a table a pull-request comment can hold, every cell
escaped so text from a pack is never markup."""

from __future__ import annotations

import pytest
from packs import BASE, row, write_pack

from scrutiny.cli import main
from scrutiny.pack.changes import compare, load_pack
from scrutiny.pack.changes_markdown import MAX_CELL, cell, markdown


def test_the_table_gives_verdicts_first_then_figures_with_old_new_and_cause(tmp_path, capsys):
    old = write_pack(tmp_path / "a", "2021Q4", BASE)
    after = [*BASE[:2], row("dental", "Dental checks", 71.0, "not supported", "not supported")]
    new = write_pack(tmp_path / "b", "2022Q1", after, inputs={"903": "b" * 32})
    assert main(["changes", "--markdown", str(old), str(new)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "### Verdicts and figures that moved: pack 2021Q4 to 2022Q1",
        "",
        "Compared 3 figures of 2 claims: **1 verdict(s) changed**, 1 figure(s) changed, "
        "0 claim(s) new, 0 removed.",
        "",
        "| claim | figure | old | new | cause |",
        "|---|---|---|---|---|",
        "| dental | claim's verdict | supported | not supported | 903 extract changed |",
        "| dental | Dental checks | 66 (supported, real) | 71 (not supported, real) "
        "| 903 extract changed |",
    ]


def test_nothing_moved_says_so_without_a_table(tmp_path):
    pack = load_pack(write_pack(tmp_path / "a", "2022Q1", BASE))
    text = markdown(compare(pack, pack))
    assert text.endswith("0 removed.\n\nNo verdict or figure changed.\n")
    assert "|" not in text


def test_rows_past_the_limit_are_counted_not_listed(tmp_path):
    before = [row(f"claim-{n:02}", "Figure", float(n)) for n in range(30)]
    after = [row(f"claim-{n:02}", "Figure", float(n) + 1) for n in range(30)]
    comparison = compare(
        load_pack(write_pack(tmp_path / "a", "2022Q1", before)),
        load_pack(write_pack(tmp_path / "b", "2022Q1", after)),
    )
    lines = markdown(comparison, limit=25).splitlines()
    assert sum(line.startswith("| claim-") for line in lines) == 25
    assert lines[-1] == "… and 5 more: `scrutiny changes OLD NEW` lists them all."


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a | b", "a \\| b"),
        ("line one\nline two\r\n\tthree", "line one line two three"),
        ("`code` and ``more``", "\\`code\\` and \\`\\`more\\`\\`"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("[link](https://example.org) *bold* _it_ ~~gone~~", None),
        ("AT&T @council", "AT&amp;T &#64;council"),
        ("\\| still one cell", "\\\\\\| still one cell"),
        ("red \x1b[31m bell \x07", "red \\\\x1b\\[31m bell \\\\x07"),
        ("$x^2$", "\\$x^2\\$"),
    ],
)
def test_every_cell_is_escaped(text, escaped):
    got = cell(text)
    if escaped is not None:
        assert got == escaped
    for mark in "[]*_~":
        assert got.count(mark) == got.count("\\" + mark)  # each one escaped
    assert "\n" not in got and "<" not in got and "\x1b" not in got


def test_a_long_cell_is_cut_before_it_is_escaped():
    assert cell("x" * 500) == "x" * (MAX_CELL - 1) + "…"
    assert len(cell("|" * 500)) == 2 * (MAX_CELL - 1) + 1  # each pipe escaped, one row
