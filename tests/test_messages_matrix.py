"""Issue 24 items 4 and 5: no identifier in a message unless --show-values asks for one, and a
file-level problem first, its knock-on errors in one line. One row per case: the extract,
the arguments, the exit code, fragments that must appear and text that must not."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import child, episode, write_903

from scrutiny.cli import main

ORPHAN = "100039"  # a CHILD id with episodes but no header row
BAD_DOB = "32/01/2015"


def faulty(root: Path) -> Path:
    """One child without a header row, one unreadable date of birth."""
    data = write_903(
        root,
        {
            2021: {
                "header": [child("100001", "2015-01-01"), child("100002", "2016-02-02")],
                "episodes": [episode("100001", "2020-04-01"), episode(ORPHAN, "2020-05-01")],
            }
        },
    )
    header = data / "2021" / "header.csv"
    header.write_text(header.read_text().replace("02/02/2016", BAD_DOB))
    return data


def latin1_header(root: Path) -> Path:
    """2021's header saved in Windows-1252: the children it brings then lack a header row."""
    data = write_903(
        root,
        {
            2020: {"header": [child("1", "2015-01-01")], "episodes": [episode("1", "2019-04-01")]},
            2021: {
                "header": [child(c, "2015-01-01") for c in ("2", "3")],
                "episodes": [episode(c, "2020-04-01") for c in ("2", "3")],
            },
        },
    )
    header = data / "2021" / "header.csv"
    header.write_bytes(header.read_bytes().replace(b"WBRI", b"WBR\xc9", 1))
    return data


def utf16_episodes(root: Path) -> Path:
    """2021's episodes in UTF-16: the episode left open in 2020 then seems to overlap 2022's."""
    data = write_903(
        root,
        {
            2020: {"header": [child("1", "2015-01-01")], "episodes": [episode("1", "2019-05-01")]},
            2021: {"episodes": [episode("1", "2019-05-01", "2020-06-01", "E11")]},
            2022: {"episodes": [episode("1", "2021-05-01")]},
        },
    )
    episodes = data / "2021" / "episodes.csv"
    episodes.write_bytes(episodes.read_text().encode("utf-16"))
    return data


def truncated_row(root: Path) -> Path:
    """A row cut short after RNE: its blank LS, CIN and PLACE are the same problem."""
    data = write_903(
        root,
        {2021: {"header": [child("1", "2015-01-01")], "episodes": [episode("1", "2020-04-01")]}},
    )
    episodes = data / "2021" / "episodes.csv"
    head, row = episodes.read_text().splitlines()
    episodes.write_text(f"{head}\n{','.join(row.split(',')[:3])}\n")
    return data


MATRIX = [
    # (extract, arguments, exit code, must appear, must not appear)
    (faulty, "validate {data}", 1, ["child-not-in-header x1", "bad-date x1"], [ORPHAN, BAD_DOB]),
    (faulty, "validate {data} --json", 1, ['"column": "CHILD"', '"value": ""'], [ORPHAN, BAD_DOB]),
    (faulty, "validate {data} --show-values", 1, [f"value '{ORPHAN}'", f"value '{BAD_DOB}'"], []),
    (
        faulty,
        "measure cla-on-date --at 2021-03-31 --data {data}",
        1,
        ["[child-not-in-header]", "column CHILD"],
        [ORPHAN, BAD_DOB],
    ),
    (
        faulty,
        "measure cla-on-date --at 2021-03-31 --data {data} --show-values",
        1,
        [f"(value '{ORPHAN}')"],
        [],
    ),
    (  # an extract that breaks rules still names its children: it is scanned all the same
        faulty,
        "check-disclosure {pack} --data {data}",
        0,
        ["breaks 2 validation rule(s)", "its identifiers were scanned all the same"],
        [ORPHAN],
    ),
    (
        latin1_header,
        "validate {data}",
        1,
        ["ERROR encoding x1", "2 further error(s) (child-not-in-header x2) may follow"],
        ["ERROR child-not-in-header"],
    ),
    (
        latin1_header,
        "measure cla-on-date --at 2021-03-31 --data {data}",
        1,
        ["[encoding]", "2 further error(s) (child-not-in-header x2)"],
        ["[child-not-in-header]"],
    ),
    (
        utf16_episodes,
        "validate {data}",
        1,
        ["file is not UTF-8 (UTF-16)", "1 further error(s) (overlapping-episodes x1)"],
        ["ERROR overlapping-episodes"],
    ),
    (
        truncated_row,
        "validate {data}",
        1,
        ["ERROR truncated-row x1", "3 further error(s) (blank-field x3)"],
        ["ERROR blank-field"],
    ),
]


@pytest.mark.parametrize(
    ("extract", "command", "code", "present", "absent"),
    MATRIX,
    ids=[
        f"{m[0].__name__}: {m[1].split(' {')[0]}{' --show-values' * ('show' in m[1])}"
        f"{' --json' * ('json' in m[1])}"
        for m in MATRIX
    ],
)
def test_message(extract, command, code, present, absent, tmp_path, capsys):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "index.html").write_text("<p>2 children</p>")
    data = extract(tmp_path / "903")
    try:
        got = main(command.format(data=data, pack=pack).split())
    except SystemExit as exit_:
        got = exit_.code
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert got == code, text
    for fragment in present:
        assert fragment in text
    for fragment in absent:
        assert fragment not in text
    assert "unexpected" not in text and "Traceback" not in text
