"""Quarter to quarter on built packs: a later quarter makes figures testable (new period); one
changed episode, rebuilt for the same quarter, moves exactly the figure it counts in (903
extract changed); a `--since` that is not a pack stops the build before it starts."""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from tiny_project import ROOT, make_project, scrutiny

pytestmark = pytest.mark.slow

QUARTER_CLAIMS = ["cla-reduction-19-5", "cla-702-to-531", "external-residential-down", "dental-66"]
EXTRACT_CLAIMS = ["cla-702-to-531", "cla-reduction-19-5"]


def project_with(folder: Path, claims: list[str]) -> Path:
    """A tiny project with the notebooks its claims are argued in and the quarters' params."""
    project = make_project(folder, claims)
    register = yaml.safe_load((project / "evidence" / "claims.yml").read_text())
    for claim in register["claims"]:
        name = claim.get("notebook", "claim")
        shutil.copy(ROOT / "notebooks" / f"{name}.ipynb", project / "notebooks" / f"{name}.ipynb")
    for quarter in ("2021Q3", "2021Q4"):
        shutil.copy(ROOT / "params" / f"{quarter}.yml", project / "params" / f"{quarter}.yml")
    return project


def changes_of(pack: Path) -> dict:
    return json.loads((pack / "changes.json").read_text())


def figures(changes: dict) -> dict[tuple[str, str], dict]:
    return {(f["claim"], f["figure"]): f for f in changes["figures"]}


def test_figures_that_come_into_the_quarter_are_a_new_period(tmp_path):
    project = project_with(tmp_path / "project", QUARTER_CLAIMS)
    packs = tmp_path / "packs"
    for quarter in ("2021Q3", "2021Q4"):
        out = packs / quarter
        run = scrutiny(project, "pack", "--quarter", quarter, "--out", str(out), "--jobs", "2")
        assert run.returncode == 0, run.stderr
    changes = changes_of(packs / "2021Q4")
    assert changes["old"]["quarter"] == "2021Q3" and changes["new"]["quarter"] == "2021Q4"
    listed = figures(changes)
    # 30 Nov 2021 and 31 Dec 2021 lie after 2021Q3's last day (30 Sep) and within 2021Q4's
    assert set(listed) == {
        ("cla-reduction-19-5", "Change in children looked after, 30 Nov 2020 to 30 Nov 2021"),
        (
            "external-residential-down",
            "Change in external residential placements, 30 Jun 2021 to 31 Dec 2021",
        ),
    }
    for change in listed.values():
        assert change["causes"] == ["new period"]
        assert change["old"]["measured"] is None
        assert change["old"]["figure_verdict"] == "not testable"
        assert change["new"]["measured"] is not None
    # dental-66's 2021/22 figure (to 31 March 2022) is after 2021Q4 too: not testable in both
    after = json.loads((packs / "2021Q4" / "verdicts.json").read_text())
    dental = [r for r in after if r["claim"] == "dental-66" and r["source"].startswith("903")]
    assert [(r["figure"][-13:], r["measured"] is None) for r in dental] == [
        ("31 March 2021", False),
        ("31 March 2022", True),
    ]
    assert changes["compared"]["claims"] == len(QUARTER_CLAIMS)
    assert 'href="changes.html"' in (packs / "2021Q4" / "index.html").read_text()
    assert not (packs / "index.html").exists()  # --out: no page is written beside the pack
    itself = scrutiny(project, "changes", str(packs / "2021Q4"), str(packs / "2021Q4"))
    assert itself.returncode == 0, itself.stderr
    assert "0 figure(s) changed, 0 verdict(s) changed" in itself.stdout


def day(text: str) -> date:
    return datetime.strptime(text, "%d/%m/%Y").date()


def read_rows(data: Path, table: str) -> list[dict]:
    return [
        row for path in sorted(data.glob(f"*/{table}.csv")) for row in csv.DictReader(path.open())
    ]


def last_episode_ended(data: Path, start: date, end: date) -> dict:
    """A child's last episode, begun before July 2021 and ended between `start` and `end`
    (not by adoption), with no missing spell recorded after it began."""
    missing = {row["CHILD"] for row in read_rows(data, "missing")}
    children: dict[str, list[dict]] = {}
    for row in read_rows(data, "episodes"):
        children.setdefault(row["CHILD"], []).append(row)
    for child, rows in children.items():
        last = max(rows, key=lambda r: day(r["DECOM"]))
        if child in missing or not last["DEC"] or last["REC"].startswith("E1"):
            continue
        if start <= day(last["DEC"]) <= end and day(last["DECOM"]) < date(2021, 7, 1):
            return last
    raise AssertionError(f"no child in {data} left care in the window")


def end_on(data: Path, episode: dict, dec: str) -> int:
    """End that episode on `dec` in every year's file that holds it; how many rows changed."""
    moved = 0
    for path in sorted(data.glob("*/episodes.csv")):
        with path.open() as stream:
            reader = csv.DictReader(stream)
            fields, rows = reader.fieldnames, list(reader)
        for row in rows:
            if row == episode:
                row["DEC"], moved = dec, moved + 1
        with path.open("w", newline="") as stream:
            writer = csv.DictWriter(stream, fieldnames=fields)
            writer.writeheader()
            writer.writerows(rows)
    return moved


def test_one_changed_episode_lists_exactly_the_figure_it_moves(tmp_path):
    project = project_with(tmp_path / "project", EXTRACT_CLAIMS)
    first = scrutiny(project, "pack", "--quarter", "2022Q1", "--jobs", "2")
    assert first.returncode == 0, first.stderr
    pack = project / "rendered" / "2022Q1"
    before = tmp_path / "before"
    shutil.copytree(pack, before)
    data = project / "evidence" / "data" / "synthetic"
    # a child who left care between August and November 2021 now leaves on 15 July: no longer
    # looked after on 31 July 2021; on 31 Aug 2020 and 30 Nov 2021 as before
    episode = last_episode_ended(data, date(2021, 8, 2), date(2021, 11, 1))
    assert end_on(data, episode, "15/07/2021") == 1
    second = scrutiny(project, "pack", "--quarter", "2022Q1", "--since", str(before), "--jobs", "2")
    assert second.returncode == 0, second.stderr
    changes = changes_of(pack)
    july = ("cla-702-to-531", "Children looked after, 31 July 2021")
    assert list(figures(changes)) == [july]
    change = figures(changes)[july]
    assert change["causes"] == ["903 extract changed"]
    assert change["new"]["measured"] == change["old"]["measured"] - 1
    # the folder of packs gets its index, listing this pack
    index = (project / "rendered" / "index.html").read_text()
    assert 'href="2022Q1/index.html"' in index and 'href="2022Q1/changes.html"' in index
    # the earlier pack edited by hand: set aside with a warning, the build goes on
    rows = json.loads((before / "verdicts.json").read_text())
    for row in rows:
        row["verdict"] = "supported"
    (before / "verdicts.json").write_text(json.dumps(rows))
    third = scrutiny(project, "pack", "--quarter", "2022Q1", "--since", str(before), "--jobs", "2")
    assert third.returncode == 0, third.stderr
    assert (
        f"scrutiny pack: warning: the previous pack {before} could not be trusted: changes not "
        "computed (verdicts.json does not match the sha256 its manifest records"
    ) in third.stderr
    assert changes_of(pack)["old"] is None and changes_of(pack)["figures"] == []
    assert changes_of(pack)["set_aside"]["folder"] == "before"


def test_a_since_folder_that_is_not_a_pack_stops_the_build(tmp_path):
    project = project_with(tmp_path / "project", ["cla-702-to-531"])
    run = scrutiny(project, "pack", "--quarter", "2022Q1", "--since", str(tmp_path))
    assert run.returncode == 2
    assert f"scrutiny pack: {tmp_path} is not a pack: it has no manifest.json" in run.stderr
    assert "Traceback" not in run.stderr
    assert not (project / "rendered").exists()
