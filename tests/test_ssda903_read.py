"""The 903 reader: tables by header set, years by folder, cleaning, and every bad-input case."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from scrutiny import ssda903
from scrutiny.cli import main
from scrutiny.errors import DataError, UnusableInput

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
)
OC2 = (
    "CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,"
    "HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED"
)


def write(folder: Path, name: str, header: str, *rows: str, encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(("\n".join([header, *rows]) + "\n").encode(encoding))
    return path


def good_return(folder: Path) -> Path:
    write(
        folder, "a.csv", HEADER, "1,1,01/02/2015,WBRI,A123456789012,,", "2,2,03/04/2019,BAFR,UN1,,"
    )
    write(
        folder,
        "b.csv",
        EPISODES,
        "1,01/05/2020,S,C2,N1,U4,PR1,01/08/2020,X1,,,,",
        "1,01/08/2020,P,C2,N1,U6,PR4,,,,,,",
        "2,2021-01-10,S,V2,N4,P1,PR0,,,,,,",
    )
    return folder


def test_tables_are_recognised_by_header_not_file_name(tmp_path):
    dataset = ssda903.load(good_return(tmp_path))
    assert len(dataset.header) == 2
    assert len(dataset.episodes) == 3


def test_dates_in_both_forms_and_codes_upper_cased(tmp_path):
    write(tmp_path, "h.csv", HEADER, "1, 1 ,01/02/2015, wbri ,A123456789012,,")
    write(tmp_path, "e.csv", EPISODES, "1,2020-05-01,s,c2,n1,u4,pr1,,,,,,")
    dataset = ssda903.load(tmp_path)
    episode = dataset.episodes.iloc[0]
    assert episode["DECOM"] == pd.Timestamp("2020-05-01")
    assert (episode["RNE"], episode["LS"], episode["PLACE"]) == ("S", "C2", "U4")
    assert dataset.header.iloc[0]["ETHNIC"] == "WBRI"
    assert pd.isna(episode["DEC"])


def test_year_from_folder_and_latest_year_wins(tmp_path):
    write(tmp_path / "2021", "header.csv", HEADER, "1,1,01/02/2015,WBRI,A123456789012,,")
    write(tmp_path / "2021", "episodes.csv", EPISODES, "1,01/05/2020,S,C2,N1,U4,PR1,,,,,,")
    write(tmp_path / "2022", "header.csv", HEADER, "1,1,01/02/2015,WBRI,A123456789012,,")
    write(
        tmp_path / "2022",
        "episodes.csv",
        EPISODES,
        "1,01/05/2020,S,C2,N1,U4,PR1,01/06/2021,E13,,,,",
    )
    dataset = ssda903.load(tmp_path)
    assert len(dataset.episodes) == 1
    episode = dataset.episodes.iloc[0]
    assert episode["YEAR"] == 2022
    assert episode["DEC"] == pd.Timestamp("2021-06-01")
    assert episode["REC"] == "E13"
    assert len(dataset.header) == 1


def test_year_inferred_from_episode_dates_without_year_folder(tmp_path):
    dataset = ssda903.load(good_return(tmp_path))
    # latest date 10/01/2021 falls in the year ending 31 March 2021
    assert set(dataset.episodes["YEAR"]) == {2021}
    assert set(dataset.header["YEAR"]) == {2021}


def test_oc2_rows_keep_their_own_year(tmp_path):
    good_return(tmp_path / "2021")
    write(tmp_path / "2021", "oc2.csv", OC2, "1,01/02/2015,,,,,,1,1,,,")
    good_return(tmp_path / "2022")
    write(tmp_path / "2022", "oc2.csv", OC2, "1,01/02/2015,,,,,,0,1,,,")
    oc2 = ssda903.load(tmp_path).oc2
    assert list(oc2["YEAR"]) == [2021, 2022]
    assert list(oc2["TEETH_CHECK"]) == ["1", "0"]


def problems(path: Path) -> list[tuple[str, str, int | None, str]]:
    report = ssda903.inspect(path)
    return [(p.rule, Path(p.file).name, p.row, p.column) for p in report.errors]


@pytest.mark.parametrize(
    ("episode_row", "expected"),
    [
        ("1,01/05/2020,Q,C2,N1,U4,PR1,,,,,,", ("unknown-code", "e.csv", 2, "RNE")),
        ("1,01/05/2020,S,C9,N1,U4,PR1,,,,,,", ("unknown-code", "e.csv", 2, "LS")),
        ("1,01/05/2020,S,C2,N9,U4,PR1,,,,,,", ("unknown-code", "e.csv", 2, "CIN")),
        ("1,01/05/2020,S,C2,N1,U9,PR1,,,,,,", ("unknown-code", "e.csv", 2, "PLACE")),
        ("1,01/05/2020,S,C2,N1,U4,PR7,,,,,,", ("unknown-code", "e.csv", 2, "PLACE_PROVIDER")),
        ("1,01/05/2020,S,C2,N1,U4,PR1,01/06/2020,E99X,,,,", ("unknown-code", "e.csv", 2, "REC")),
        ("1,31/02/2020,S,C2,N1,U4,PR1,,,,,,", ("bad-date", "e.csv", 2, "DECOM")),
        ("1,01/05/2020,S,C2,N1,U4,PR1,01/04/2020,E13,,,,", ("dec-before-decom", "e.csv", 2, "DEC")),
        ("1,01/05/2020,S,,N1,U4,PR1,,,,,,", ("blank-field", "e.csv", 2, "LS")),
        ("9,01/05/2020,S,C2,N1,U4,PR1,,,,,,", ("child-not-in-header", "e.csv", 2, "CHILD")),
    ],
)
def test_each_episode_rule_names_file_row_and_column(tmp_path, episode_row, expected):
    write(tmp_path, "h.csv", HEADER, "1,1,01/02/2015,WBRI,A123456789012,,")
    write(tmp_path, "e.csv", EPISODES, episode_row)
    assert expected in problems(tmp_path)


@pytest.mark.parametrize(
    ("header_row", "expected"),
    [
        ("1,3,01/02/2015,WBRI,A123456789012,,", ("unknown-code", "h.csv", 2, "SEX")),
        ("1,1,01/02/2015,XXXX,A123456789012,,", ("unknown-code", "h.csv", 2, "ETHNIC")),
        ("1,1,2015/02/01,WBRI,A123456789012,,", ("bad-date", "h.csv", 2, "DOB")),
        ("1,1,01/02/2015,WBRI,,,", ("blank-field", "h.csv", 2, "UPN")),
    ],
)
def test_each_header_rule(tmp_path, header_row, expected):
    write(tmp_path, "h.csv", HEADER, header_row)
    write(tmp_path, "e.csv", EPISODES, "1,01/05/2020,S,C2,N1,U4,PR1,,,,,,")
    assert expected in problems(tmp_path)


def test_new_sex_codes_and_oc2_flags(tmp_path):
    write(
        tmp_path,
        "h.csv",
        HEADER,
        "1,M,01/02/2015,WBRI,A123456789012,,",
        "2,U,01/02/2015,WBRI,A123456789013,,",
    )
    write(
        tmp_path,
        "e.csv",
        EPISODES,
        "1,01/05/2020,S,C2,N1,U4,PR1,,,,,,",
        "2,01/05/2020,S,C2,N1,U4,PR1,,,,,,",
    )
    write(tmp_path, "o.csv", OC2, "1,01/02/2015,,,,,,2,1,,,")
    assert problems(tmp_path) == [("unknown-code", "o.csv", 2, "TEETH_CHECK")]


def test_overlapping_episodes_of_one_child(tmp_path):
    write(tmp_path, "h.csv", HEADER, "1,1,01/02/2015,WBRI,A123456789012,,")
    write(
        tmp_path,
        "e.csv",
        EPISODES,
        "1,01/05/2020,S,C2,N1,U4,PR1,01/09/2020,X1,,,,",
        "1,01/08/2020,P,C2,N1,U6,PR4,,,,,,",
    )
    assert problems(tmp_path) == [("overlapping-episodes", "e.csv", 2, "DEC")]


def test_open_episode_followed_by_another_overlaps(tmp_path):
    write(tmp_path, "h.csv", HEADER, "1,1,01/02/2015,WBRI,A123456789012,,")
    write(
        tmp_path,
        "e.csv",
        EPISODES,
        "1,01/05/2020,S,C2,N1,U4,PR1,,,,,,",
        "1,01/08/2020,P,C2,N1,U6,PR4,,,,,,",
    )
    assert problems(tmp_path) == [("overlapping-episodes", "e.csv", 2, "DEC")]


def test_legacy_placement_code_outside_its_years_warns_but_is_accepted(tmp_path):
    write(tmp_path / "2025", "h.csv", HEADER, "1,M,01/02/2005,WBRI,A123456789012,,")
    write(tmp_path / "2025", "e.csv", EPISODES, "1,01/05/2024,S,C2,N1,H5,PR4,,,,,,")
    report = ssda903.inspect(tmp_path)
    assert report.errors == []
    assert [p.rule for p in report.warnings] == ["legacy-code"]
    assert ssda903.load(tmp_path).episodes.iloc[0]["PLACE"] == "H5"


def test_errors_carry_every_problem_not_just_the_first(tmp_path):
    write(tmp_path, "h.csv", HEADER, "1,1,01/02/2015,WBRI,A123456789012,,")
    write(
        tmp_path,
        "e.csv",
        EPISODES,
        "1,01/05/2020,Q,C2,N1,U4,PR1,,,,,,",
        "1,99/99/2021,S,C2,N1,U4,PR1,,,,,,",
    )
    with pytest.raises(DataError) as caught:
        ssda903.load(tmp_path)
    assert {p.rule for p in caught.value.problems} == {"unknown-code", "bad-date"}
    assert "e.csv, row 3, column DECOM" in str(caught.value)


# The bad-input matrix: each broken file gives its own named problem.


def test_empty_file(tmp_path):
    good_return(tmp_path)
    (tmp_path / "empty.csv").write_text("")
    assert ("empty-file", "empty.csv", None, "") in problems(tmp_path)


def test_header_only_episodes(tmp_path):
    write(tmp_path, "h.csv", HEADER, "1,1,01/02/2015,WBRI,A123456789012,,")
    write(tmp_path, "e.csv", EPISODES)
    assert ("no-rows", "e.csv", None, "") in problems(tmp_path)


def test_truncated_last_line(tmp_path):
    good_return(tmp_path)
    path = tmp_path / "b.csv"
    path.write_text(path.read_text() + "2,01/02/2021,P,V2")
    assert ("truncated-row", "b.csv", 5, "") in problems(tmp_path)


def test_header_missing_a_column(tmp_path):
    good_return(tmp_path)
    write(tmp_path, "b.csv", EPISODES.replace(",CIN", ""), "1,01/05/2020,S,C2,U4,PR1,,,,,,")
    report = ssda903.inspect(tmp_path)
    mismatch = [p for p in report.errors if p.rule == "header-mismatch"]
    assert len(mismatch) == 1
    assert "episodes table" in mismatch[0].message
    assert "missing column(s) CIN" in mismatch[0].message
    assert ("missing-table", "", None, "") in [
        (p.rule, p.file, p.row, p.column) for p in report.errors
    ]


def test_unknown_header_is_ignored_with_a_warning(tmp_path):
    good_return(tmp_path)
    write(tmp_path, "notes.csv", "NAME,COMMENT", "x,y")
    report = ssda903.inspect(tmp_path)
    assert report.errors == []
    assert [(p.rule, Path(p.file).name) for p in report.warnings] == [
        ("unknown-table", "notes.csv")
    ]


def test_wrong_encoding(tmp_path):
    good_return(tmp_path)
    write(
        tmp_path,
        "a.csv",
        HEADER,
        "1,1,01/02/2015,WBRI,A123456789012,,",
        "2,2,03/04/2019,BAFR,UN1,,é",
        encoding="cp1252",
    )
    assert ("encoding", "a.csv", 3, "") in problems(tmp_path)


def test_too_many_fields(tmp_path):
    good_return(tmp_path)
    path = tmp_path / "b.csv"
    path.write_text(path.read_text() + "2,01/02/2021,P,V2,N1,P1,PR0,,,,,,,extra,extra\n")
    assert ("malformed-row", "b.csv", 5, "") in problems(tmp_path)


def test_no_recognisable_tables_is_unusable(tmp_path):
    write(tmp_path, "notes.csv", "NAME,COMMENT", "x,y")
    with pytest.raises(UnusableInput, match="no recognisable 903 tables"):
        ssda903.load(tmp_path)


def test_missing_path_is_unusable(tmp_path):
    with pytest.raises(UnusableInput, match="no such file"):
        ssda903.load(tmp_path / "nowhere")


# The validator's fake fixtures (random codes, real shapes).


def test_reads_the_fake_fixture_csvs(fake_903_dir):
    report = ssda903.inspect(fake_903_dir)
    rows = {name: len(frame) for name, frame in report.dataset.tables.items()}
    assert rows == {
        "header": 2675,
        "episodes": 5050,
        "oc2": 2675,
        "oc3": 53,
        "ad1": 29,
        "placed_adoption": 29,
        "prev_perm": 2675,
        "missing": 43,
        "uasc": 132,
        "reviews": 12580,  # two reviews repeated verbatim are counted once
    }
    found = {}
    for problem in report.problems:
        key = (problem.severity, problem.rule)
        found[key] = found.get(key, 0) + problem.count  # a listed row and those it stands for
    assert found == {
        ("error", "overlapping-episodes"): 72,
        ("error", "unknown-code"): 1,  # MOTHER written as '1.0' on header.csv row 1273
        ("warning", "xml-ignored"): 1,
    }
    mother = next(p for p in report.errors if p.rule == "unknown-code")
    assert (Path(mother.file).name, mother.row, mother.column, mother.value) == (
        "header.csv",
        1273,
        "MOTHER",
        "1.0",
    )


def test_reads_the_fake_fixture_xml(fake_903_dir):
    report = ssda903.inspect(fake_903_dir / "fake_903.xml")
    rows = {name: len(frame) for name, frame in report.dataset.tables.items()}
    assert rows["header"] == 253
    assert rows["episodes"] == 459
    assert rows["oc2"] == 253
    assert {p.rule for p in report.problems} == {"overlapping-episodes"}
    assert sum(p.count for p in report.problems) == 7  # in 4 records, each listed once
    assert len({(p.file, p.row) for p in report.problems}) == len(report.problems) == 4
    assert all(p.row_kind == "record" for p in report.problems)


def test_xml_and_csv_give_the_same_tables(tmp_path):
    xml = """<?xml version='1.0'?><EXPSSDA903><CHILD><HEADER><CHILDID>1</CHILDID>
    <UPN>A123456789012</UPN><SEX>1</SEX><DOB>01/02/2015</DOB><ETHNIC>WBRI</ETHNIC><MOTHER />
    <MC_DOB /><OC2><TEETH_CHECK>1</TEETH_CHECK></OC2></HEADER>
    <EPISODE><DECOM>01/05/2020</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U4</PL>
    <PLACE_PROVIDER>PR1</PLACE_PROVIDER><DEC /><REC /></EPISODE></CHILD></EXPSSDA903>"""
    (tmp_path / "r.xml").write_text(xml)
    dataset = ssda903.load(tmp_path / "r.xml")
    assert dataset.episodes.iloc[0]["PLACE"] == "U4"
    assert dataset.episodes.iloc[0]["DECOM"] == pd.Timestamp("2020-05-01")
    assert dataset.header.iloc[0]["UPN"] == "A123456789012"
    assert dataset.oc2.iloc[0]["TEETH_CHECK"] == "1"


def test_truncated_xml(tmp_path):
    (tmp_path / "r.xml").write_text("<EXPSSDA903><CHILD><HEADER><CHILDID>1</CHILDID>")
    with pytest.raises(UnusableInput, match="malformed-xml"):
        ssda903.load(tmp_path / "r.xml")


# The command.


def test_validate_command_exit_codes(tmp_path, capsys):
    assert main(["validate", str(good_return(tmp_path / "good"))]) == 0
    write(tmp_path / "bad", "h.csv", HEADER, "1,1,01/02/2015,WBRI,A123456789012,,")
    write(tmp_path / "bad", "e.csv", EPISODES, "1,31/02/2020,S,C2,N1,U4,PR1,,,,,,")
    assert main(["validate", str(tmp_path / "bad")]) == 1
    out = capsys.readouterr().out
    assert "ERROR bad-date x1" in out
    assert "e.csv, row 2, column DECOM\n" in out and "31/02/2020" not in out
    assert main(["validate", "--show-values", str(tmp_path / "bad")]) == 1
    assert "e.csv, row 2, column DECOM value '31/02/2020'" in capsys.readouterr().out
    assert main(["validate", str(tmp_path / "nowhere")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_validate_json(tmp_path, capsys):
    import json

    assert main(["validate", "--json", str(good_return(tmp_path))]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == 0
    assert report["rows"] == {"episodes": 3, "header": 2}


def test_two_different_rows_for_one_episode_in_one_return_are_an_error(tmp_path):
    write(tmp_path, "h.csv", HEADER, "1,1,01/02/2015,WBRI,A123456789012,,")
    write(
        tmp_path,
        "e.csv",
        EPISODES,
        "1,01/05/2020,S,C2,N1,U4,PR1,,,,,,",
        "1,01/05/2020,S,C2,N1,U6,PR4,,,,,,",
    )
    report = ssda903.inspect(tmp_path)
    assert [(p.rule, p.row) for p in report.errors] == [("duplicate-record", 2)]
    assert report.warnings == []
