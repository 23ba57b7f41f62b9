"""A kernel that dies while starting is started once more; twice, its own stderr is reported.

The kernels here are real processes: a kernelspec named python3 (found first on JUPYTER_PATH)
whose command writes to stderr and exits, or does so only on its first start.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nbformat
import pytest

from scrutiny.pack.execute import run_one, start_failure
from scrutiny.pack.plan import Job

pytestmark = pytest.mark.slow

DIES = "import sys; sys.stderr.write('kernel boom: libzmq missing\\n'); sys.exit(1)"
# dies on its first start (leaving a marker), runs ipykernel on the second
FLAKY = (
    "import os, sys; marker = sys.argv[1]\n"
    "if not os.path.exists(marker):\n"
    "    open(marker, 'w').close(); sys.stderr.write('first start fails\\n'); sys.exit(1)\n"
    "os.execv(sys.executable, [sys.executable, '-m', 'ipykernel_launcher', '-f', sys.argv[2]])"
)


def kernelspec(folder: Path, code: str, *args: str) -> Path:
    spec = folder / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-c", code, *args, "{connection_file}"]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "Python 3", "language": "python"})
    )
    return folder / "jupyter"


def job(folder: Path) -> Job:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("answer = 6 * 7\nanswer", id="only")]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    path = folder / "tiny.ipynb"
    nbformat.write(notebook, path)
    return Job("tiny", path, {}, "key", {})


def test_a_kernel_that_dies_twice_is_reported_with_its_own_stderr(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_PATH", str(kernelspec(tmp_path, DIES)))
    (tmp_path / "out").mkdir()
    outcome = run_one(job(tmp_path), tmp_path / "out", tmp_path, timeout=60)
    assert not outcome.ok
    assert outcome.error.startswith("the kernel did not start, twice: kernel boom: libzmq missing")
    assert "Kernel died before replying to kernel_info" in outcome.error


def test_a_kernel_that_dies_once_is_started_again(tmp_path, monkeypatch):
    marker = tmp_path / "started-once"
    monkeypatch.setenv("JUPYTER_PATH", str(kernelspec(tmp_path, FLAKY, str(marker))))
    (tmp_path / "out").mkdir()
    outcome = run_one(job(tmp_path), tmp_path / "out", tmp_path, timeout=60)
    assert marker.exists()
    assert outcome.ok, outcome.error
    [cell] = nbformat.read(tmp_path / "out" / "tiny.ipynb", as_version=4).cells[-1:]
    assert cell.outputs[0]["data"]["text/plain"] == "42"


def test_a_failing_cell_is_not_a_start_failure():
    stderr = "Traceback ...\npapermill.exceptions.PapermillExecutionError: ZeroDivisionError"
    assert start_failure(stderr) is None
