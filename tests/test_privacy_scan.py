"""The disclosure scan and `scrutiny check-disclosure`: each identifier kind is found, named by
file and kind, and the identifier itself is never printed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from builders import child, episode, write_903

from scrutiny.errors import DisclosureError
from scrutiny.privacy.scan import scan_pack

CHILD_ID = "CANARYCHILD0001"
UPN = "Z999999999001"
HOME = "ZZ9 9ZZ"
PLACEMENT = "ZZ9 9ZY"
DOB = "2010-05-17"
NUMERIC_ID = "101234"
LEAKS = {
    "child id": CHILD_ID,
    "UPN": UPN,
    "date of birth": "17/05/2010",
    "postcode": HOME,
}


@pytest.fixture(scope="module")
def data_903(tmp_path_factory) -> Path:
    header = [
        child(CHILD_ID, DOB) | {"UPN": UPN},
        child("CANARYCHILD0002", "2012-09-30"),
        child(NUMERIC_ID, "2011-07-13"),
    ]
    episodes = [
        episode(CHILD_ID, "2020-04-15") | {"HOME_POST": HOME, "PL_POST": PLACEMENT},
        episode("CANARYCHILD0002", "2020-06-11"),
        episode(NUMERIC_ID, "2020-06-12"),
    ]
    return write_903(
        tmp_path_factory.mktemp("903"), {2021: {"header": header, "episodes": episodes}}
    )


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SCRUTINY_CACHE", str(tmp_path / "cache"))


def clean_pack(folder: Path) -> Path:
    """A pack of aggregates: counts, reporting dates (month ends are not birthdays), a verdict."""
    folder.mkdir()
    (folder / "index.html").write_text(
        "<table><tr><td>2 children</td><td>31/05/2010</td><td>2010-05-31</td></tr></table>"
    )
    (folder / "verdicts.json").write_text('{"claim": "cla-on-date", "measured": 2}')
    (folder / "claim.ipynb").write_text('{"cells": [], "metadata": {}}')
    return folder


def check_disclosure(pack: Path, data_903: Path | None) -> subprocess.CompletedProcess:
    data = ["--data", str(data_903)] if data_903 else []
    return subprocess.run(
        [sys.executable, "-m", "scrutiny.cli", "check-disclosure", str(pack), *data],
        capture_output=True,
        text=True,
        cwd=pack.parent,
        env=dict(os.environ),
        timeout=300,
    )


def test_a_pack_of_aggregates_passes(tmp_path, data_903):
    scan_pack(clean_pack(tmp_path / "pack"), data_903)


@pytest.mark.parametrize("kind", LEAKS)
def test_each_kind_of_identifier_fails_the_scan_without_being_named(tmp_path, data_903, kind):
    pack = clean_pack(tmp_path / "pack")
    (pack / "leaky-claim.html").write_text(f"<td>{LEAKS[kind]}</td>")
    with pytest.raises(DisclosureError) as caught:
        scan_pack(pack, data_903)
    message = str(caught.value)
    assert f"leaky-claim.html: 1 {kind}(s) from the 903 input" in message
    assert LEAKS[kind] not in message
    assert "index.html" not in message


def test_a_placement_postcode_and_an_iso_birth_date_are_found(tmp_path, data_903):
    pack = clean_pack(tmp_path / "pack")
    (pack / "leaky.json").write_text(f'{{"where": "{PLACEMENT}", "born": "{DOB}"}}')
    with pytest.raises(DisclosureError) as caught:
        scan_pack(pack, data_903)
    assert "leaky.json: 1 date of birth(s), 1 postcode(s) from the 903 input" in str(caught.value)


def test_check_disclosure_exits_0_on_a_clean_pack(tmp_path, data_903):
    result = check_disclosure(clean_pack(tmp_path / "pack"), data_903)
    assert result.returncode == 0, result.stderr
    assert "no child identifiers" in result.stdout


def test_check_disclosure_exits_1_naming_file_and_kind_but_not_the_identifier(tmp_path, data_903):
    pack = clean_pack(tmp_path / "pack")
    nested = pack / "claims"
    nested.mkdir()
    (nested / "leaky.ipynb").write_text(f'{{"outputs": ["{CHILD_ID}", "{UPN}", "{HOME}"]}}')
    result = check_disclosure(pack, data_903)
    assert result.returncode == 1
    assert "leaky.ipynb: 1 child id(s), 1 UPN(s), 1 postcode(s) from the 903 input" in (
        result.stderr
    )
    for place, kind in enumerate(("child id", "UPN", "postcode")):
        assert f"notebook metadata.outputs[{place}]: 1 {kind}(s)" in result.stderr
    for identifier in (CHILD_ID, UPN, HOME, "CANARYCHILD"):
        assert identifier not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_check_disclosure_searches_for_the_extract_the_manifest_names(tmp_path, data_903):
    """Issue 25 item 5: without --data the scan looks for the pack's own children, not the demo
    extract's (which a real pack never contains, so the old default always passed)."""
    pack = clean_pack(tmp_path / "pack")
    (pack / "manifest.json").write_text(json.dumps({"params": {"data_903": str(data_903)}}))
    (pack / "leaky.html").write_text(f"<p>{CHILD_ID}</p>")
    result = check_disclosure(pack, None)
    assert result.returncode == 1, result.stdout
    assert "leaky.html: 1 child id(s)" in result.stderr


def test_check_disclosure_without_a_manifest_asks_for_the_extract(tmp_path):
    result = check_disclosure(clean_pack(tmp_path / "pack"), None)
    assert result.returncode == 2
    assert "manifest.json: no manifest naming the pack's 903 input" in result.stderr
    assert "pass --data" in result.stderr


def test_check_disclosure_on_a_missing_folder_says_so(tmp_path, data_903):
    result = check_disclosure(tmp_path / "no-pack", data_903)
    assert result.returncode == 2
    assert "no such pack folder" in result.stderr


# Issue 24 item 3: what a reader sees, in every file of the pack. One row per planted form:
# (file in the pack, its bytes, the line the scan must report).
PLANTED = [
    ("split.html", b"<td>1012<b>34</b></td>", "split.html: 1 child id(s)"),
    ("entity.html", b"<p>&#49;01234</p>", "entity.html: 1 child id(s)"),
    ("hex-entity.html", b"<p>&#x31;&#x30;1234</p>", "hex-entity.html: 1 child id(s)"),
    ("no-space.html", b"<p>home ZZ99ZZ</p>", "no-space.html: 1 postcode(s)"),
    ("nbsp.html", b"<p>ZZ9&nbsp;9ZZ</p>", "nbsp.html: 1 postcode(s)"),
    ("split-postcode.svg", b"<svg><text>ZZ9 <tspan>9ZZ</tspan></text></svg>", "1 postcode(s)"),
    ("chart.svg", b"<svg><text>17/05/2010</text></svg>", "chart.svg: 1 date of birth(s)"),
    ("X.HTML", f"<p>{CHILD_ID}</p>".encode(), "X.HTML: 1 child id(s)"),
    ("ids.csv", f"child,count\n{CHILD_ID},2\n".encode(), "ids.csv: 1 child id(s)"),
    ("notes.txt", f"UPN {UPN}".encode(), "notes.txt: 1 UPN(s)"),
    ("README", f"{CHILD_ID}".encode(), "README: 1 child id(s)"),
    ("latin1.csv", f"caf\xe9,{CHILD_ID}".encode("cp1252"), "latin1.csv: 1 child id(s)"),
    ("utf16.txt", f"{CHILD_ID}".encode("utf-16"), "utf16.txt: 1 child id(s)"),
    ("alt.html", f'<img alt="{CHILD_ID}">'.encode(), "alt.html: 1 child id(s)"),
    ("escaped.json", b'{"x": "\\u0031\\u00301234"}', "escaped.json: 1 child id(s)"),
    ("cell.ipynb", b'{"outputs": ["<td>1012<b>34</b></td>"]}', "cell.ipynb: 1 child id(s)"),
    ("deep/er/page.html", f"<p>{UPN}</p>".encode(), "deep/er/page.html: 1 UPN(s)"),
    (f"{NUMERIC_ID}.html", b"<p>2 children</p>", "[child id].html: 1 child id(s)"),
]
# Not identifiers to a reader: CSS, and two numbers in separate cells.
UNSEEN = [
    ("style.html", f"<style>.x {{ z-index: {NUMERIC_ID} }}</style><p>2</p>".encode()),
    ("cells.html", b"<table><tr><td>10</td><td>1234</td></tr></table>"),
    ("pixel.png", b"\x89PNG\r\n\x00\x00" + NUMERIC_ID.encode()),
]


def run_check(pack: Path, data_903: Path, capsys) -> tuple[int, str]:
    from scrutiny.cli import main

    code = main(["check-disclosure", str(pack), "--data", str(data_903)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize(("name", "content", "line"), PLANTED, ids=[p[0] for p in PLANTED])
def test_planted_identifier_is_found_as_a_reader_sees_it(
    tmp_path, data_903, capsys, name, content, line
):
    pack = clean_pack(tmp_path / "pack")
    (pack / name).parent.mkdir(parents=True, exist_ok=True)
    (pack / name).write_bytes(content)
    code, text = run_check(pack, data_903, capsys)
    assert (code, line in text) == (1, True), text
    for identifier in (CHILD_ID, UPN, NUMERIC_ID, HOME, "ZZ99ZZ", "17/05/2010"):
        assert identifier not in text


@pytest.mark.parametrize(("name", "content"), UNSEEN, ids=[u[0] for u in UNSEEN])
def test_what_no_reader_sees_is_not_a_hit(tmp_path, data_903, capsys, name, content):
    pack = clean_pack(tmp_path / "pack")
    (pack / name).write_bytes(content)
    code, text = run_check(pack, data_903, capsys)
    assert code == 0, text


def test_empty_pack_is_refused(tmp_path, data_903, capsys):
    (tmp_path / "pack").mkdir()
    code, text = run_check(tmp_path / "pack", data_903, capsys)
    assert (code, "holds no files, so nothing was scanned" in text) == (2, True), text


def test_pack_of_binary_files_only_is_refused(tmp_path, data_903, capsys):
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "chart.png").write_bytes(b"\x89PNG\x00")
    code, text = run_check(tmp_path / "pack", data_903, capsys)
    assert (code, "no text files in the pack, so nothing was scanned" in text) == (2, True)


def test_a_directory_named_like_a_page_is_a_folder(tmp_path, data_903, capsys):
    pack = clean_pack(tmp_path / "pack")
    (pack / "dir.html").mkdir()
    code, text = run_check(pack, data_903, capsys)
    assert (code, "3 file(s) scanned" in text) == (0, True), text


def test_an_unreadable_file_is_refused_by_name(tmp_path, data_903, capsys, monkeypatch):
    pack = clean_pack(tmp_path / "pack")
    real = Path.read_bytes

    def locked(path):
        if path.name == "verdicts.json":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", locked)
    code, text = run_check(pack, data_903, capsys)
    assert (code, "cannot read verdicts.json (Permission denied)" in text) == (2, True), text


# Issue 29: identifiers in the disguises a spreadsheet or a page gives them.
DISGUISED = [
    ("float.html", f"<td>{NUMERIC_ID}.0</td>", "child id"),
    ("prefixed.html", f"<p>child-{NUMERIC_ID}</p>", "child id"),
    ("ref.txt", f"ref-{NUMERIC_ID}", "child id"),
    ("underscore.csv", f"ref_{NUMERIC_ID},2", "child id"),
    ("iso-time.json", '{"born": "2010-05-17T00:00:00"}', "date of birth"),
    ("words.html", "<p>born 17 May 2010</p>", "date of birth"),
    ("ordinal.html", "<p>born 17th May 2010</p>", "date of birth"),
    ("dashes.txt", "17-05-2010", "date of birth"),
    ("american.txt", "May 17, 2010", "date of birth"),
    ("dots.txt", "17.05.2010", "date of birth"),
]


@pytest.mark.parametrize(("name", "content", "kind"), DISGUISED, ids=[d[0] for d in DISGUISED])
def test_a_disguised_identifier_is_still_found(tmp_path, data_903, name, content, kind):
    pack = clean_pack(tmp_path / "pack")
    (pack / name).write_text(content)
    with pytest.raises(DisclosureError, match=rf"{name}: 1 {kind}\(s\)"):
        scan_pack(pack, data_903)


def published_extract(folder: Path, values: list[float]) -> Path:
    (folder / "measures").mkdir(parents=True)
    rows = "".join(f"2022,2018,E92000001,{v},\n" for v in values)
    (folder / "measures" / "starters.csv").write_text("release,year,la_code,value,marker\n" + rows)
    return folder


MARKED = '<div data-source="published"><table><tr><td>{}</td></tr></table></div>'


def test_a_published_figure_in_a_published_table_is_not_an_identifier(tmp_path, data_903):
    """England's count that equals a child's id, in a table the pack marked as published."""
    extract = published_extract(tmp_path / "published", [float(NUMERIC_ID), 5.5])
    pack = clean_pack(tmp_path / "pack")
    (pack / "page.html").write_text("<h2>What the DfE says</h2>" + MARKED.format(NUMERIC_ID))
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "source": "t",
                "outputs": [
                    {
                        "data": {
                            "text/html": MARKED.format(NUMERIC_ID),
                            "text/plain": f"x  {NUMERIC_ID}",
                        }
                    }
                ],
            }
        ]
    }
    (pack / "page.ipynb").write_text(json.dumps(notebook))
    (pack / "verdicts.json").write_text(
        json.dumps(
            [{"source": "DfE 2022 release", "numerator": int(NUMERIC_ID), "context": {"E": 1}}]
        )
    )
    assert scan_pack(pack, data_903, extract).files == 5


@pytest.mark.parametrize(
    ("page", "values"),
    [
        (f"<p>{NUMERIC_ID}</p>" + MARKED.format(NUMERIC_ID), [float(NUMERIC_ID)]),  # outside
        (MARKED.format(NUMERIC_ID), [5.5]),  # marked, but not a published figure
        (MARKED.format(f"child-{NUMERIC_ID}"), [float(NUMERIC_ID)]),  # marked, not a number
    ],
    ids=["outside-the-marked-table", "not-a-published-figure", "not-a-figure"],
)
def test_a_number_is_an_identifier_unless_both_marked_and_published(
    tmp_path, data_903, page, values
):
    extract = published_extract(tmp_path / "published", values)
    pack = clean_pack(tmp_path / "pack")
    (pack / "page.html").write_text(page)
    with pytest.raises(DisclosureError, match=r"page.html: 1 child id\(s\)"):
        scan_pack(pack, data_903, extract)


def test_the_refusal_names_section_table_and_row(tmp_path, data_903):
    pack = clean_pack(tmp_path / "pack")
    (pack / "page.html").write_text(
        "<h2>Month by month</h2><table><caption>Counts</caption>"
        f"<tr><th>2019</th><td>1</td></tr><tr><th>2020</th><td>{NUMERIC_ID}</td></tr></table>"
    )
    with pytest.raises(DisclosureError) as caught:
        scan_pack(pack, data_903)
    assert "section 'Month by month', table 'Counts', row 2 (2020): 1 child id(s)" in str(
        caught.value
    )
    assert NUMERIC_ID not in str(caught.value)


def test_a_long_list_of_places_is_cut_with_how_many_more(tmp_path, data_903):
    pack = clean_pack(tmp_path / "pack")
    rows = "".join(f"<tr><th>{n}</th><td>{CHILD_ID}</td></tr>" for n in range(13))
    (pack / "page.html").write_text(f"<table>{rows}</table>")
    with pytest.raises(DisclosureError) as caught:
        scan_pack(pack, data_903)
    assert "page.html: 1 child id(s)" in str(caught.value)  # one child, in 13 places
    assert "... and 3 more place(s) in this file" in str(caught.value)


def test_show_values_prints_the_identifiers_found(tmp_path, data_903, capsys):
    from scrutiny.cli import main

    pack = clean_pack(tmp_path / "pack")
    (pack / "page.html").write_text(f"<p>{CHILD_ID}</p>")
    code = main(["check-disclosure", str(pack), "--data", str(data_903), "--show-values"])
    assert code == 1
    assert f"values: {CHILD_ID}" in capsys.readouterr().err


def test_an_extract_with_validation_errors_is_still_scanned(tmp_path, capsys):
    from scrutiny.cli import main

    broken = [child(NUMERIC_ID, "2011-07-13") | {"SEX": "9"}]  # 9: not a code of SEX
    data = write_903(
        tmp_path / "903",
        {2021: {"header": broken, "episodes": [episode(NUMERIC_ID, "2020-06-12")]}},
    )
    pack = clean_pack(tmp_path / "pack")
    assert main(["check-disclosure", str(pack), "--data", str(data)]) == 0
    assert "its identifiers were scanned all the same" in capsys.readouterr().out
    (pack / "leak.html").write_text(f"<p>{NUMERIC_ID}</p>")
    assert main(["check-disclosure", str(pack), "--data", str(data)]) == 1


def test_the_demo_pack_marks_every_published_figure_it_prints(tmp_path, monkeypatch):
    """Every published whole number of five or more digits, taken as a child's id, passes the
    scan of the committed pack: each place that prints a DfE figure (tables, charts, the
    index) is marked as published statistics. The same figure anywhere else is refused."""
    from scrutiny.privacy import scan

    root = Path(__file__).resolve().parents[1]
    published = root / "evidence" / "data" / "published"
    figures = {v for v in scan.published_figures(published) if v.isdigit() and len(v) >= 5}
    figures.discard("10000")  # "per 10,000" names a rate, and is no child's id
    assert len(figures) > 1000
    kinds = {"child id": figures, "UPN": set(), "date of birth": set(), "postcode": set()}
    monkeypatch.setattr(scan, "identifiers", lambda data: (kinds, 0))
    pack = tmp_path / "pack"
    shutil.copytree(root / "rendered" / "2022Q1", pack)
    scan.scan_pack(pack, tmp_path, published)
    (pack / "index.html").write_text("<p>England 82090</p>")
    with pytest.raises(DisclosureError, match=r"index.html: 1 child id\(s\)"):
        scan.scan_pack(pack, tmp_path, published)
