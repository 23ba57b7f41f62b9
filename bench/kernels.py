"""The floor: bare kernel start-ups through papermill on a one-cell notebook."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat


def empty_notebook(folder: Path) -> Path:
    path = folder / "empty.ipynb"
    node = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    node.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(node, path)
    return path


def run_empty(notebook: Path, index: int) -> None:
    """One papermill run, with the flags `scrutiny.pack.execute` uses."""
    output = notebook.with_name(f"out-{index}.ipynb")
    command = [sys.executable, "-m", "papermill", str(notebook), str(output), "-k", "python3"]
    command += ["--no-progress-bar", "--log-level", "ERROR"]
    subprocess.run(command, check=True, capture_output=True, cwd=notebook.parent)


def kernel_starts(count: int, workers: int) -> float:
    """Seconds for `count` bare papermill runs, `workers` at a time."""
    with tempfile.TemporaryDirectory(prefix="bench-kernel-") as folder:
        notebook = empty_notebook(Path(folder))
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(lambda i: run_empty(notebook, i), range(count)))
        return time.perf_counter() - started
