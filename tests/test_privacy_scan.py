"""The disclosure scan and `scrutiny check-disclosure`: each identifier kind is found, named by
file and kind, and the identifier itself is never printed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from builders import child, episode, write_903

from scrutiny.pack.disclosure_scan import DisclosureError, scan_pack

CHILD_ID = "CANARYCHILD0001"
UPN = "Z999999999001"
HOME = "ZZ9 9ZZ"
PLACEMENT = "ZZ9 9ZY"
DOB = "2010-05-17"
LEAKS = {
    "child id": CHILD_ID,
    "UPN": UPN,
    "date of birth": "17/05/2010",
    "postcode": HOME,
}


@pytest.fixture(scope="module")
def data_903(tmp_path_factory) -> Path:
    header = [child(CHILD_ID, DOB) | {"UPN": UPN}, child("CANARYCHILD0002", "2012-09-30")]
    episodes = [
        episode(CHILD_ID, "2020-04-15") | {"HOME_POST": HOME, "PL_POST": PLACEMENT},
        episode("CANARYCHILD0002", "2020-06-11"),
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


def check_disclosure(pack: Path, data_903: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "scrutiny.cli",
            "check-disclosure",
            str(pack),
            "--data",
            str(data_903),
        ],
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
    with pytest.raises(DisclosureError, match=r"leaky.json: 1 date of birth\(s\)") as caught:
        scan_pack(pack, data_903)
    assert "leaky.json: 1 postcode(s)" in str(caught.value)


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
    for kind in ("child id", "UPN", "postcode"):
        assert f"leaky.ipynb: 1 {kind}(s)" in result.stderr
    for identifier in (CHILD_ID, UPN, HOME, "CANARYCHILD"):
        assert identifier not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_check_disclosure_on_a_missing_folder_says_so(tmp_path, data_903):
    result = check_disclosure(tmp_path / "no-pack", data_903)
    assert result.returncode == 2
    assert "no such pack folder" in result.stderr
