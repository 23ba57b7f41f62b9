"""Issue 29: another council's first pack. A claim the council cannot be measured on is a page
saying why; a pack from a council's own extract never lands in a folder git tracks; a pack
can be built from published statistics alone (no extract)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from test_checks import EXTRACT, ROOT, dfe

from scrutiny.checks import Inputs, measure_figure
from scrutiny.checks.local import NO_EXTRACT
from scrutiny.claims import Figure
from scrutiny.errors import ConfigError
from scrutiny.pack.build import build_pack
from scrutiny.pack.private import default_target, git_tracks, refuse_tracked
from scrutiny.quarters import Quarter
from scrutiny.verdicts import DATA_ISSUE, NO_DATA, NOT_TESTABLE

TEES_VALLEY = ["E06000005", "E06000001", "E06000002", "E06000003", "E06000004"]


def council(la_code: str, la_name: str, data_903: Path | None = None) -> Inputs:
    return Inputs(
        root=ROOT,
        quarter=Quarter.parse("2022Q1"),
        data_903=data_903,
        synthetic=False,
        published=EXTRACT,
        la_code=la_code,
        la_name=la_name,
    )


def test_named_peers_without_the_authority_are_not_testable_with_the_reason():
    figure = dfe("dfe-rank-among", "1", measure="adopted", year=2022, peers=TEES_VALLEY)
    m = measure_figure(figure, council("E08000025", "Birmingham"))
    assert (m.value, m.verdict) == (None, NOT_TESTABLE)
    assert m.notes == [
        "the authorities the claim names (Darlington, Hartlepool, Middlesbrough, Redcar and "
        "Cleveland, Stockton-on-Tees) do not include Birmingham, so its rank among them "
        "cannot be measured"
    ]


def test_a_measure_not_published_for_the_authority_is_a_data_issue():
    """Cumberland (E06000063) was created in 2023: the DfE published nothing for it in 2019."""
    figure = dfe("dfe-value", "20", measure="adopted", year=2019)
    m = measure_figure(figure, council("E06000063", "Cumberland"))
    assert (m.value, m.verdict) == (None, DATA_ISSUE)
    assert m.notes[0].startswith("no adopted figure for 'E06000063' in 2019")


def test_without_an_extract_a_903_figure_is_not_testable_and_nothing_measured_it():
    figure = Figure("looked after", "=", "903", "702", "cla-on-date", {"at": "2020-08-31"})
    m = measure_figure(figure, council("E06000002", "Middlesbrough"))
    assert (m.value, m.verdict, m.evidence, m.notes) == (
        None,
        NOT_TESTABLE,
        NO_DATA,
        [NO_EXTRACT],
    )


def test_a_council_extract_goes_to_the_private_folder_by_default(tmp_path):
    own = tmp_path / "903"
    own.mkdir()
    demo = tmp_path / "synthetic"
    demo.mkdir()
    (demo / "SYNTHETIC").write_text("")
    assert default_target(tmp_path, "2022Q1", own) == tmp_path / "rendered/private/2022Q1"
    assert default_target(tmp_path, "2022Q1", demo) == tmp_path / "rendered/2022Q1"
    assert default_target(tmp_path, "2022Q1", None) == tmp_path / "rendered/2022Q1"


@pytest.fixture
def repository(tmp_path) -> Path:
    repo = tmp_path / "repo"
    (repo / "rendered" / "2022Q1").mkdir(parents=True)
    (repo / ".gitignore").write_text("rendered/private/\n")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    return repo


def test_git_tracks_a_plain_folder_but_not_an_ignored_one(repository, tmp_path):
    assert git_tracks(repository / "rendered" / "2022Q1")
    assert git_tracks(repository / "rendered" / "2023Q1")  # not there yet: git would track it
    assert not git_tracks(repository / "rendered" / "private" / "2022Q1")
    outside = tmp_path / "outside"
    outside.mkdir()
    assert not git_tracks(outside / "pack")


def test_a_council_pack_into_a_tracked_folder_is_refused_naming_the_way_out(repository):
    own = repository / "evidence" / "903"
    own.mkdir(parents=True)
    with pytest.raises(ConfigError) as refused:
        refuse_tracked(repository / "rendered" / "2022Q1", own, repository, "2022Q1")
    message = str(refused.value)
    assert "git tracks that folder" in message
    assert str(repository / "rendered" / "private" / "2022Q1") in message
    refuse_tracked(repository / "rendered" / "private" / "2022Q1", own, repository, "2022Q1")
    refuse_tracked(repository / "rendered" / "2022Q1", None, repository, "2022Q1")


def own_project(folder: Path) -> Path:
    """A project holding an extract that is not the demo (its SYNTHETIC marker removed)."""
    from tiny_project import make_project

    project = make_project(folder, ["adoptions-tees-valley", "external-residential-down"])
    own = project / "evidence" / "data" / "private" / "903"
    shutil.copytree(project / "evidence" / "data" / "synthetic", own)
    (own / "SYNTHETIC").unlink()
    return project


def rows(pack: Path, claim: str) -> list[dict]:
    """verdicts.json's rows (one a figure) for `claim`."""
    return [r for r in json.loads((pack / "verdicts.json").read_text()) if r["claim"] == claim]


@pytest.mark.slow
def test_another_council_gets_a_whole_pack_first_time_outside_git(tmp_path, monkeypatch):
    monkeypatch.setenv("SCRUTINY_CACHE", str(tmp_path / "cache"))
    project = own_project(tmp_path / "project")
    ours = project / "params" / "ours.yml"
    ours.write_text(
        "data_903: evidence/data/private/903\nla_code: E08000025\nla_name: Birmingham\n"
    )
    report = build_pack(project, "2022Q1", params_file=ours, jobs=2, progress=False)
    assert report.out == project / "rendered" / "private" / "2022Q1"
    ranks = [r for r in rows(report.out, "adoptions-tees-valley") if "rank" in r["figure"].lower()]
    assert ranks and {row["figure_verdict"] for row in ranks} == {NOT_TESTABLE}
    page = (report.out / "adoptions-tees-valley.html").read_text()
    assert "do not include Birmingham, so its rank among them cannot be measured" in page


@pytest.mark.slow
def test_a_pack_of_published_statistics_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("SCRUTINY_CACHE", str(tmp_path / "cache"))
    project = own_project(tmp_path / "project")
    mine = project / "params" / "published-only.yml"
    mine.write_text('data_903: ""\n')
    report = build_pack(project, "2022Q1", params_file=mine, jobs=2, progress=False)
    assert report.out == project / "rendered" / "2022Q1"
    placements = rows(report.out, "external-residential-down")
    assert {row["verdict"] for row in placements} == {NOT_TESTABLE}
    assert {row["evidence"] for row in placements} == {NO_DATA}
    page = (report.out / "external-residential-down.html").read_text()
    assert "No 903 extract was given for this pack" in page
    for html in report.out.glob("*.html"):
        assert "SYNTHETIC DATA" not in html.read_text(), html.name


def test_the_argument_says_why_a_part_could_not_be_measured():
    """Consistent on the part that holds, and the rank part says why it is untested."""
    from scrutiny.catalogue import figure_metrics
    from scrutiny.checks import run_check
    from scrutiny.claims import load_register

    register = load_register(ROOT / "evidence" / "claims.yml", figure_metrics())
    check = run_check(register.get("adoptions-tees-valley"), council("E06000047", "County Durham"))
    assert "do not include County Durham, so its rank among them cannot be measured" in (
        check.sentence
    )
