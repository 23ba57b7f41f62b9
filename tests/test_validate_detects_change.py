"""nbval over the committed pack fails when an input record changes, and names where.

A copy of the project's inputs and two claim notebooks of the committed pack goes to a tmp
folder. Unchanged, nbval passes. With one child's episode ended a little before 30 November
2020, the looked-after count that cla-reduction-19-5 starts from drops by one, and nbval must
fail on that claim's notebook, on a cell whose stored output shows the number. The other claim
does not use that count: only its provenance cell (the 903 extract's hash) may differ.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from scrutiny.contract import RESULT_MIMETYPE as RESULT
from scrutiny.pack.execute import read_result

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "rendered" / "2022Q1"
SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"
NBVAL_KERNEL = "scrutiny.pack.nbval_kernel"  # as `make validate` loads it
CHANGED = "cla-reduction-19-5"  # measures the count on 2020-11-30
UNAFFECTED = "dental-66"  # a 12-month cohort: a child in care under 12 months is not in it

COUNT_DATE = pd.Timestamp("2020-11-30")
FAILED_CELL = re.compile(r"^FAILED (\S+\.ipynb)::Cell (\d+)", re.MULTILINE)


def copy_project(target: Path) -> Path:
    """The inputs the claim notebooks read, and two notebooks of the committed pack."""
    for part in ("evidence/claims.yml", "evidence/data/published", "evidence/data/synthetic"):
        source, dest = ROOT / part, target / part
        dest.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, dest)
    shutil.copytree(ROOT / "params", target / "params")
    pack = target / "rendered" / "2022Q1"
    pack.mkdir(parents=True)
    for claim in (CHANGED, UNAFFECTED):
        shutil.copy2(PACK / f"{claim}.ipynb", pack)
    return pack


def end_one_episode_early(data_903: Path) -> str:
    """Close, ten days before COUNT_DATE, the episode of a child in care only then; its id."""
    path = data_903 / "2021" / "episodes.csv"
    episodes = pd.read_csv(path, dtype=str, keep_default_na=False)
    every_year = pd.concat(
        pd.read_csv(p, dtype=str, usecols=["CHILD"]) for p in data_903.glob("*/episodes.csv")
    )
    only_one = every_year["CHILD"].value_counts().loc[lambda n: n == 1].index
    start = pd.to_datetime(episodes["DECOM"], format="%d/%m/%Y")
    end = pd.to_datetime(episodes["DEC"], format="%d/%m/%Y", errors="coerce")
    early = COUNT_DATE - pd.Timedelta(days=10)
    open_then = (
        episodes["CHILD"].isin(only_one)
        & (start < early)
        & (end > COUNT_DATE)
        & (end < pd.Timestamp("2021-03-31"))
    )
    row = open_then.idxmax()
    assert open_then[row], "no child in the synthetic data has one episode open on 2020-11-30"
    episodes.loc[row, "DEC"] = early.strftime("%d/%m/%Y")
    episodes.to_csv(path, index=False)
    return episodes.loc[row, "CHILD"]


def run_nbval(pack: Path, project: Path, cache: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "SCRUTINY_ROOT": str(project), "SCRUTINY_CACHE": str(cache)}
    # --rootdir: otherwise pytest roots at this project (it sees the sanitize file's path) and
    # gives every copied notebook's cells the same ids, so xdist would run only one notebook.
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", NBVAL_KERNEL]
    command += ["--rootdir", str(pack)]
    command += ["-rf", "--nbval"]
    command += ["--nbval-current-env", "--nbval-sanitize-with", str(SANITIZE)]
    command += ["-n", "2", "--dist", "loadscope", *sorted(p.name for p in pack.glob("*.ipynb"))]
    return subprocess.run(command, cwd=pack, env=env, capture_output=True, text=True)


def code_cells(notebook: Path) -> list:
    """The notebook's code cells, in the order nbval numbers them (from 0)."""
    return [c for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"]


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    if not (PACK / f"{CHANGED}.ipynb").exists():
        pytest.fail(f"{PACK} has no {CHANGED}.ipynb: run `make pack`")
    project = tmp_path / "project"
    return project, copy_project(project)


def test_unchanged_inputs_pass(project, tmp_path):
    root, pack = project
    run = run_nbval(pack, root, tmp_path / "cache")
    assert run.returncode == 0, run.stdout[-4000:]
    cells = sum(len(code_cells(notebook)) for notebook in pack.glob("*.ipynb"))
    assert re.search(rf"\b{cells} passed\b", run.stdout), run.stdout[-2000:]


def test_changed_record_fails_on_the_claim_and_the_number(project, tmp_path):
    root, pack = project
    end_one_episode_early(root / "evidence" / "data" / "synthetic")
    run = run_nbval(pack, root, tmp_path / "cache")
    assert run.returncode == 1, run.stdout[-4000:]
    assert "Cell outputs differ" in run.stdout
    failed: dict[str, set[int]] = {}
    for name, cell in FAILED_CELL.findall(run.stdout):
        failed.setdefault(name, set()).add(int(cell))
    assert f"{CHANGED}.ipynb" in failed, run.stdout[-4000:]

    figure = read_result(pack / f"{CHANGED}.ipynb", RESULT)["figures"][0]
    changed = code_cells(pack / f"{CHANGED}.ipynb")
    showing = [
        n
        for n in failed[f"{CHANGED}.ipynb"]
        if figure["shown"] in (text := json.dumps(changed[n].outputs))
        and str(figure["denominator"]) in text
    ]
    assert showing, f"no failed cell shows {figure['shown']} of {figure['denominator']}"

    unaffected = code_cells(pack / f"{UNAFFECTED}.ipynb")
    for n in failed.get(f"{UNAFFECTED}.ipynb", set()):
        assert "provenance" in unaffected[n].source, f"{UNAFFECTED} cell {n} changed"
