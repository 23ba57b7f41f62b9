"""Only regular files are read; a link met in a folder the user gave must stay inside it.

A device or FIFO where a table, a document, a params file or a register should be is refused
at once (the FIFO has no writer: reading it would block forever); a table that is a link to a
file outside the extract is refused, naming --follow-outside-links, and read with it; a
folder that is not an extract is not searched.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from builders import child, episode, write_903

from scrutiny import cli, limits, ssda903
from scrutiny.cache import cache_key
from scrutiny.claims import load_register
from scrutiny.errors import ConfigError, OverLimit, UnusableInput
from scrutiny.params import read_yaml
from scrutiny.regular_files import FOLLOW_FLAG, walk
from scrutiny.ssda903.dataset import schema
from scrutiny.ssda903.xml import read_xml

YEARS = {2021: {"header": [child("C1", "2015-05-01")], "episodes": [episode("C1", "2020-06-01")]}}


@pytest.fixture
def extract(tmp_path) -> Path:
    return write_903(tmp_path / "903", YEARS)


@pytest.fixture
def no_outside_links(monkeypatch):
    """The default; set (not deleted), so that whatever a test's command sets is undone."""
    monkeypatch.setenv("SCRUTINY_FOLLOW_OUTSIDE_LINKS", "0")


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def test_validate_on_a_device_is_refused_at_once(capsys):
    assert cli.main(["validate", "/dev/zero"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "scrutiny validate: /dev/zero: refused: it is a character device; only regular files "
        "are read\n"
    )


def test_validate_on_a_fifo_is_refused_not_left_waiting(tmp_path, capsys):
    table = fifo(tmp_path / "header.csv")
    assert cli.main(["validate", str(table)]) == 2
    assert "it is a FIFO (named pipe); only regular files are read" in capsys.readouterr().err


def test_a_fifo_among_an_extracts_tables_is_refused(extract):
    fifo(extract / "2021" / "oc2.csv")
    with pytest.raises(UnusableInput, match=r"2021/oc2.csv: refused: it is a FIFO"):
        cache_key(extract)  # what every command does first: hash the files
    with pytest.raises(UnusableInput, match=r"2021/oc2.csv: refused: it is a FIFO"):
        ssda903.load(extract)


def test_a_table_linked_outside_the_extract_is_refused_naming_the_flag(
    extract, tmp_path, no_outside_links
):
    outside = tmp_path / "elsewhere.csv"
    (extract / "2021" / "header.csv").rename(outside)
    (extract / "2021" / "header.csv").symlink_to(outside)
    with pytest.raises(UnusableInput) as caught:
        ssda903.load(extract)
    assert str(caught.value) == (
        f"{extract / '2021' / 'header.csv'}: refused: a link to {outside}, outside {extract}; "
        f"move the file into the folder, or pass {FOLLOW_FLAG} to read it there"
    )


def test_with_the_flag_a_link_outside_is_followed(extract, tmp_path, no_outside_links, capsys):
    outside = tmp_path / "elsewhere.csv"
    (extract / "2021" / "header.csv").rename(outside)
    (extract / "2021" / "header.csv").symlink_to(outside)
    assert cli.main(["validate", str(extract)]) == 2
    assert FOLLOW_FLAG in capsys.readouterr().err
    assert cli.main(["validate", str(extract), FOLLOW_FLAG]) == 0
    assert os.environ["SCRUTINY_FOLLOW_OUTSIDE_LINKS"] == "1"  # the pack's kernels inherit it


def test_a_link_inside_the_extract_is_read(extract, no_outside_links):
    spare = extract / "_spare"
    spare.mkdir()
    (extract / "2021" / "header.csv").rename(spare / "header.csv")
    (extract / "2021" / "header.csv").symlink_to(spare / "header.csv")
    assert list(ssda903.load(extract).tables["header"]["CHILD"]) == ["C1"]


def test_a_folder_that_is_not_an_extract_is_not_searched(tmp_path, capsys):
    """`data_903: /etc`: only the folder and its year folders are read, and no other
    file's name is listed."""
    system = tmp_path / "etc"
    (system / "ssl" / "private").mkdir(parents=True)
    (system / "ssl" / "private" / "keys.csv").write_text("SECRET\n1\n")
    (system / "passwd").write_text("root:x:0:0\n")
    assert cli.main(["validate", str(system)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"scrutiny validate: {system}: no recognisable 903 tables (no CSV or XML files where an "
        "extract holds them: tables are read from the folder itself and from its "
        "collection-year sub-folders (2021/ holds the return ending 31 March 2021))\n"
    )


def test_the_walk_goes_into_year_folders_and_what_they_hold(tmp_path):
    for folder in ["2021/sub", "other", "_old"]:
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "t.csv").write_text("x")
    found = walk(tmp_path, descend=lambda p: p.name in {"2021", "sub"})
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["2021/sub/t.csv"]


def test_a_linked_loop_is_walked_once(tmp_path):
    (tmp_path / "2021").mkdir()
    (tmp_path / "2021" / "t.csv").write_text("x")
    (tmp_path / "2021" / "again").symlink_to(tmp_path / "2021")
    assert walk(tmp_path) == [tmp_path / "2021" / "t.csv"]


def test_a_table_over_the_line_limit_is_refused_before_it_is_parsed(extract, monkeypatch, capsys):
    monkeypatch.setattr(limits, "TABLE_ROWS", 1)  # the episodes file has 2 lines
    assert cli.main(["validate", str(extract)]) == 2
    assert "episodes.csv: refused: the table's number of lines is 2, over the limit of 1" in (
        capsys.readouterr().err
    )


def test_a_table_over_the_byte_limit_is_refused_unread(extract, monkeypatch):
    monkeypatch.setattr(limits, "TABLE_BYTES", 10)
    with pytest.raises(OverLimit, match=r"\.csv: refused: the table's size is \d+, over the"):
        ssda903.load(extract)


def test_an_xml_return_over_the_row_limit_stops_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "TABLE_ROWS", 3)  # each CHILD below gives 2 rows
    children = "".join(
        f"<CHILD><HEADER><CHILDID>C{n}</CHILDID></HEADER><EPISODE><DECOM>01/05/2020</DECOM>"
        "</EPISODE></CHILD>"
        for n in range(1000)
    )
    path = tmp_path / "return.xml"
    path.write_text(f"<Message><Children>{children}</Children></Message>")
    assert "header" in schema()["tables"]
    with pytest.raises(OverLimit, match=r"the number of rows it holds is 4, over the limit of 3"):
        read_xml(path, 2021)


def test_an_xml_child_too_large_to_hold_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "XML_CHILD_ELEMENTS", 50)
    episodes = "<EPISODE><DECOM>01/05/2020</DECOM></EPISODE>" * 30  # 60 elements
    path = tmp_path / "return.xml"
    path.write_text(f"<Message><CHILD>{episodes}</CHILD></Message>")
    with pytest.raises(OverLimit, match=r"a CHILD's number of elements is 51, over the limit"):
        read_xml(path, 2021)


def test_a_binary_params_file_is_a_named_error(tmp_path, capsys):
    params = tmp_path / "ours.yml"
    params.write_bytes(b"la_code: E1\n\x8b\x00\xff")
    with pytest.raises(ConfigError) as caught:
        read_yaml(params)
    assert str(caught.value) == (
        f"{params}, line 2: not UTF-8 text (byte 0x8b); a YAML file is text: is this the "
        "right file?"
    )


def test_a_params_file_or_register_that_is_a_fifo_is_refused(tmp_path):
    with pytest.raises(UnusableInput, match="it is a FIFO"):
        read_yaml(fifo(tmp_path / "ours.yml"))
    with pytest.raises(UnusableInput, match="it is a FIFO"):
        load_register(fifo(tmp_path / "claims.yml"), {})
    with pytest.raises(UnusableInput, match="it is a character device"):
        read_yaml(Path("/dev/zero"))
