"""The analyst's loop: notebooks saved from JupyterLab, or stripped by hand, keep no outputs."""

from __future__ import annotations

import copy
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from scrutiny.lab import main, pre_save_hook, strip

ROOT = Path(__file__).resolve().parents[1]
RUN = ROOT / "rendered" / "2022Q1" / "dental-66.ipynb"  # a notebook as papermill left it


def run_notebook() -> dict:
    with RUN.open() as file:
        return json.load(file)


def authored_sources(notebook: dict) -> list:
    """The cells an analyst wrote (papermill's injected parameters cell left out)."""
    return [
        cell["source"]
        for cell in notebook["cells"]
        if "injected-parameters" not in cell["metadata"].get("tags", [])
    ]


def assert_stripped(notebook: dict) -> None:
    assert "papermill" not in notebook["metadata"]
    for cell in notebook["cells"]:
        assert "injected-parameters" not in cell["metadata"].get("tags", [])
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


def test_a_run_notebook_has_outputs_to_strip():
    notebook = run_notebook()
    assert any(cell.get("outputs") for cell in notebook["cells"])
    assert "papermill" in notebook["metadata"]


def test_the_save_hook_strips_a_notebook_model():
    model = {"type": "notebook", "format": "json", "content": run_notebook()}
    pre_save_hook(model=model, path="claim.ipynb", contents_manager=None)
    assert_stripped(model["content"])
    assert authored_sources(model["content"]) == authored_sources(run_notebook())


def test_the_save_hook_leaves_other_files_alone():
    model = {"type": "file", "format": "text", "content": '{"outputs": [1]}'}
    before = copy.deepcopy(model)
    pre_save_hook(model=model, path="notes.json", contents_manager=None)
    assert model == before


def test_stripping_a_stripped_notebook_changes_nothing():
    notebook = json.loads((ROOT / "notebooks" / "claim.ipynb").read_text())
    assert strip(copy.deepcopy(notebook)) == notebook


def test_make_strip_strips_files_in_place_and_says_so(tmp_path, capsys):
    saved = tmp_path / "claim.ipynb"
    shutil.copy(RUN, saved)
    clean = tmp_path / "scorecard.ipynb"
    shutil.copy(ROOT / "notebooks" / "scorecard.ipynb", clean)
    assert main([str(saved), str(clean)]) == 0
    out = capsys.readouterr().out
    assert f"{saved}: outputs stripped" in out and f"{clean}: already stripped" in out
    assert_stripped(json.loads(saved.read_text()))
    assert clean.read_bytes() == (ROOT / "notebooks" / "scorecard.ipynb").read_bytes()


def test_strip_names_a_file_that_is_not_a_notebook(tmp_path, capsys):
    bad = tmp_path / "bad.ipynb"
    bad.write_text("not json")
    assert main([str(bad), str(tmp_path / "absent.ipynb")]) == 2
    assert "absent.ipynb" in capsys.readouterr().err


def test_make_lab_reads_the_project_config_and_allows_root():
    dry = subprocess.run(
        ["make", "-n", "--no-print-directory", "lab"], cwd=ROOT, capture_output=True, text=True
    )
    assert dry.returncode == 0, dry.stderr
    assert f'JUPYTER_CONFIG_PATH="{ROOT}' in dry.stdout
    assert ("--allow-root" in dry.stdout) == (os.getuid() == 0)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def call(url: str, token: str, method: str = "GET", body: dict | None = None) -> dict:
    request = urllib.request.Request(
        url,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"{}")


@pytest.fixture
def lab(tmp_path):
    """JupyterLab as `make lab` starts it (the project's config), serving a scratch folder."""
    port, token = free_port(), "scrutiny-test"
    env = dict(os.environ, JUPYTER_CONFIG_PATH=str(ROOT), JUPYTER_TOKEN=token, BROWSER="true")
    env["JUPYTER_RUNTIME_DIR"] = str(tmp_path / "runtime")
    command = [sys.executable, "-m", "jupyterlab", str(tmp_path / "notebooks")]
    command += [f"--port={port}", "--ip=127.0.0.1", "--no-browser"]
    command += ["--allow-root"] if os.getuid() == 0 else []
    (tmp_path / "notebooks").mkdir()
    log = (tmp_path / "lab.log").open("w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                call(f"{base}/api/status", token)
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "lab.log").read_text()
                time.sleep(0.5)
        yield base, token, tmp_path / "notebooks"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@pytest.mark.slow
def test_a_notebook_saved_from_jupyterlab_is_stored_without_outputs(lab):
    base, token, folder = lab
    model = {"type": "notebook", "format": "json", "content": run_notebook()}
    call(f"{base}/api/contents/claim.ipynb", token, "PUT", model)
    saved = json.loads((folder / "claim.ipynb").read_text())
    assert_stripped(saved)
    assert authored_sources(saved) == authored_sources(run_notebook())


def test_a_save_keeps_the_projects_kernelspec():
    """JupyterLab names the kernel "Python 3 (ipykernel)"; the save stores the project's."""
    notebook = json.loads((ROOT / "notebooks" / "claim.ipynb").read_text())
    notebook["metadata"]["kernelspec"]["display_name"] = "Python 3 (ipykernel)"
    model = {"type": "notebook", "format": "json", "content": notebook}
    pre_save_hook(model=model, path="claim.ipynb", contents_manager=None)
    assert model["content"]["metadata"]["kernelspec"] == {
        "display_name": "Python 3",
        "language": "python",
        "name": "python3",
    }


def test_papermill_runs_its_kernel_without_tcp(tmp_path):
    """Issue 29: the pack's kernels talk over private Unix sockets: no plain-text TCP warning."""
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "id": "a",
                "metadata": {},
                "source": "print(6 * 7)",
                "outputs": [],
                "execution_count": None,
            }
        ],
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (tmp_path / "in.ipynb").write_text(json.dumps(notebook))
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrutiny.pack.papermill_main",
            str(tmp_path / "in.ipynb"),
            str(tmp_path / "out.ipynb"),
            "-k",
            "python3",
            "--no-progress-bar",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "without encryption" not in run.stderr
    assert "42" in (tmp_path / "out.ipynb").read_text()
