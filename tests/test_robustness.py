"""Bad input and killed builds: a clear message, a non-zero exit, the previous pack untouched.

One small pack is built once; every case then runs `scrutiny pack` as a user would (a
subprocess, so exit codes and stderr are real) and hashes the pack before and after.
"""

from __future__ import annotations

import contextlib
import csv
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from tiny_project import SCRUTINY, file_hashes, make_project, project_env, scrutiny

from scrutiny.contract import RESULT_MIMETYPE as RESULT

pytestmark = pytest.mark.slow

CLAIMS = ["cla-reduction-19-5", "adoptions-tees-valley"]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    folder = make_project(tmp_path_factory.mktemp("project"), CLAIMS)
    built = scrutiny(folder, "pack", "--jobs", "2", "--no-progress")
    assert built.returncode == 0, built.stderr
    return folder


def pack_of(project: Path) -> Path:
    return project / "rendered" / "2022Q1"


def copy_data(project: Path, tmp_path: Path) -> Path:
    data = tmp_path / "903"
    shutil.copytree(project / "evidence" / "data" / "synthetic", data)
    return data


def copy_published(project: Path, tmp_path: Path) -> Path:
    published = tmp_path / "published"
    shutil.copytree(project / "evidence" / "data" / "published", published)
    return published


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Overwrite one cell; `row` counts as a spreadsheet does (the header is row 1)."""
    with path.open(newline="") as handle:
        rows = list(csv.reader(handle))
    rows[row - 1][rows[0].index(column)] = value
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)


# Each case breaks one input and returns (params file text, fragments the message must hold).
Case = Callable[[Path, Path], tuple[str, list[str]]]


def no_episodes_table(project, tmp_path):
    data = copy_data(project, tmp_path)
    for path in data.rglob("episodes.csv"):
        path.unlink()
    return f"data_903: {data}\n", ["missing-table", "no episodes table"]


def bad_date(project, tmp_path):
    data = copy_data(project, tmp_path)
    set_cell(data / "2021" / "episodes.csv", 4, "DECOM", "31/02/2021")
    where = f"{data / '2021' / 'episodes.csv'}, row 4, column DECOM"
    return f"data_903: {data}\n", [where, "bad-date", "not a date in dd/mm/YYYY"]  # no value


def unknown_code(project, tmp_path):
    data = copy_data(project, tmp_path)
    set_cell(data / "2022" / "episodes.csv", 4, "PLACE", "Q9")
    where = f"{data / '2022' / 'episodes.csv'}, row 4, column PLACE"
    return f"data_903: {data}\n", [where, "unknown-code", "not in the PLACE code list"]


def empty_file(project, tmp_path):
    data = copy_data(project, tmp_path)
    (data / "2021" / "header.csv").write_text("")
    return f"data_903: {data}\n", [str(data / "2021" / "header.csv"), "empty"]


def no_data_folder(project, tmp_path):
    return f"data_903: {tmp_path / 'nowhere'}\n", [str(tmp_path / "nowhere"), "no such file"]


def params_typo(project, tmp_path):
    return "suppresion_threshold: 5\n", [
        "unknown key 'suppresion_threshold'",
        "did you mean 'suppression_threshold'?",
    ]


def params_wrong_type(project, tmp_path):
    return "suppression_threshold: five\n", ["suppression_threshold must be int", "'five'"]


def params_not_yaml(project, tmp_path):
    return "data_903: [\n", ["line 2", "not valid YAML"]


def published_file_missing(project, tmp_path):
    published = copy_published(project, tmp_path)
    (published / "measures" / "adopted.csv").unlink()
    file = str(published / "measures" / "adopted.csv")
    return f"published_extract: {published}\n", [file, "sha256-mismatch", "file missing"]


def published_file_garbled(project, tmp_path):
    published = copy_published(project, tmp_path)
    with (published / "measures" / "adopted.csv").open("a") as handle:
        handle.write("E06000002,2021,9999\n")
    file = str(published / "measures" / "adopted.csv")
    return f"published_extract: {published}\n", [file, "sha256-mismatch", "expected sha256"]


def provenance_garbled(project, tmp_path):
    published = copy_published(project, tmp_path)
    (published / "provenance.json").write_text('{"files": {')
    file = str(published / "provenance.json")
    return f"published_extract: {published}\n", [file, "not valid JSON", "scrutiny data extract"]


CASES: list[Case] = [
    no_episodes_table,
    bad_date,
    unknown_code,
    empty_file,
    no_data_folder,
    params_typo,
    params_wrong_type,
    params_not_yaml,
    published_file_missing,
    published_file_garbled,
    provenance_garbled,
]


@dataclass
class Refusal:
    fragments: list[str]
    result: subprocess.CompletedProcess


@pytest.fixture(scope="module")
def refusals(project, tmp_path_factory) -> tuple[dict[str, Refusal], dict, dict]:
    """Every case's `scrutiny pack` run (several at once, to keep the suite quick), and the
    pack's file hashes before and after them all."""
    prepared = {}
    for case in CASES:
        folder = tmp_path_factory.mktemp(case.__name__)
        text, fragments = case(project, folder)
        (folder / "params.yml").write_text(text)
        prepared[case.__name__] = (folder / "params.yml", fragments)
    before = file_hashes(pack_of(project))

    def run(params: Path) -> subprocess.CompletedProcess:
        return scrutiny(project, "pack", "--params", str(params), "--jobs", "2", "--no-progress")

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = dict(zip(prepared, pool.map(run, [p for p, _ in prepared.values()]), strict=True))
    runs = {name: Refusal(prepared[name][1], result) for name, result in results.items()}
    return runs, before, file_hashes(pack_of(project))


@pytest.mark.parametrize("case", [c.__name__ for c in CASES])
def test_bad_input_is_refused_with_a_clear_message(refusals, case):
    runs, _, _ = refusals
    result = runs[case].result
    assert result.returncode != 0
    assert result.stderr.startswith("scrutiny pack: ")
    assert "Traceback" not in result.stderr
    for fragment in runs[case].fragments:
        assert fragment in result.stderr


def test_bad_input_leaves_the_previous_pack_byte_identical(refusals, project):
    _, before, after = refusals
    assert after == before
    assert not list(pack_of(project).parent.glob(".building-*"))


def start_build(project: Path, params: Path) -> subprocess.Popen:
    """`scrutiny pack` in its own process group, so a kill reaches papermill and kernels."""
    return subprocess.Popen(
        [*SCRUTINY, "pack", "--params", str(params), "--jobs", "1", "--no-progress"],
        cwd=project,
        env=project_env(project),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def wait_for(ready: Callable[[], bool], process: subprocess.Popen, seconds: int = 300) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        assert process.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline, "the build never reached the point to kill it"
        time.sleep(0.2)


def has_executed_notebook(pack: Path) -> bool:
    """True once a build folder beside `pack` holds a notebook run to its result cell."""
    building = pack.parent.glob(f".building-{pack.name}-*/*.ipynb")
    return any(RESULT in notebook.read_text(errors="replace") for notebook in building)


def kill_group(process: subprocess.Popen, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    process.wait(timeout=60)


def renamed_la(tmp_path: Path) -> Path:
    """Params that make every notebook stale, so the build has work to be killed in."""
    params = tmp_path / "renamed.yml"
    params.write_text(yaml.safe_dump({"la_name": "Killed Build Borough"}))
    return params


def test_a_build_killed_mid_run_leaves_the_previous_pack_and_the_next_build_completes(
    project, tmp_path
):
    pack = pack_of(project)
    before = file_hashes(pack)
    params = renamed_la(tmp_path)
    process = start_build(project, params)
    try:
        wait_for(lambda: has_executed_notebook(pack), process)
    finally:
        kill_group(process, signal.SIGKILL)
    assert file_hashes(pack) == before
    assert list(pack.parent.glob(".building-*"))  # killed with no chance to tidy up

    result = scrutiny(project, "pack", "--params", str(params), "--jobs", "2", "--no-progress")
    assert result.returncode == 0, result.stderr
    assert "2 notebook(s) run" in result.stdout
    assert "Killed Build Borough" in (pack / "cla-reduction-19-5.html").read_text()
    assert not list(pack.parent.glob(".building-*"))
    assert not list(pack.parent.glob(".previous-*"))
