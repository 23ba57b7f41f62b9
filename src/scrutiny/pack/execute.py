"""Run notebooks with papermill: one process per notebook, several at once, each time-limited.

Separate processes, not an in-process pool: papermill and ZMQ kernels are not safe across
threads sharing a working directory (papermill #473, #552). A kernel that dies while starting
(seen under load) is started once more; a second death is reported with the kernel's own stderr.
The kernels' charts are drawn by one renderer for the whole run (scrutiny.chart_service).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml
from tqdm import tqdm

from scrutiny import chart_service
from scrutiny.lifetime import helper_environment
from scrutiny.pack.plan import Job

# What nbclient logs when the kernel died or hung before answering; the kernel's own stderr
# (inherited by papermill's process) comes before it.
START_FAILED = "Error occurred while starting new kernel client for kernel "


@dataclass
class Outcome:
    job: Job
    ok: bool
    seconds: float
    error: str = ""


def first_error(notebook: Path, stderr: str) -> str:
    """The first error a reader needs: the failing cell's exception, else papermill's message."""
    if notebook.exists():
        for cell in nbformat.read(notebook, as_version=4).cells:
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    return f"{output['ename']}: {output['evalue']}".splitlines()[0]
    lines = [line for line in stderr.splitlines() if line.strip()]
    return lines[-1] if lines else "papermill failed without a message"


def start_failure(stderr: str) -> str | None:
    """The kernel's stderr and nbclient's reason when the kernel did not start, else None."""
    before, marker, after = stderr.partition(START_FAILED)
    if not marker:
        return None
    reason = after.splitlines()[0].partition(": ")[2] if after else ""
    own = [line.strip() for line in before.splitlines() if line.strip()][-5:]
    said = " | ".join(own) if own else "the kernel wrote nothing to stderr"
    return f"{said} ({reason or 'no reason given'})"


def run_one(
    job: Job, out_dir: Path, root: Path, timeout: int, env: dict[str, str] | None = None
) -> Outcome:
    """One notebook in its own papermill process (env: its environment, default ours)."""
    output = out_dir / f"{job.name}.ipynb"
    params_file = out_dir / f".{job.name}.params.yml"
    params_file.write_text(yaml.safe_dump(job.parameters, sort_keys=True))
    command = [
        sys.executable,
        "-m",
        "scrutiny.pack.papermill_main",
        str(job.notebook),
        str(output),
        "-f",
        str(params_file),
        "--cwd",
        str(root),
        "-k",
        "python3",
        "--execution-timeout",
        str(timeout),
        "--start-timeout",
        "120",
        "--no-progress-bar",
        "--log-level",
        "ERROR",
    ]
    started = time.perf_counter()
    for _ in range(2):  # a kernel that died while starting gets one more start
        process = subprocess.run(
            command, capture_output=True, text=True, cwd=root, env=helper_environment(env)
        )
        died = process.returncode != 0 and start_failure(process.stderr)
        if not died:
            break
    seconds = time.perf_counter() - started
    params_file.unlink(missing_ok=True)
    if died:
        return Outcome(job, False, seconds, f"the kernel did not start, twice: {died}")
    if process.returncode != 0:
        return Outcome(job, False, seconds, first_error(output, process.stderr))
    return Outcome(job, True, seconds)


def run_all(
    jobs: list[Job],
    out_dir: Path,
    root: Path,
    workers: int,
    timeout: int,
    progress: bool = True,
    finished: Callable[[Job], None] = lambda job: None,
) -> list[Outcome]:
    """Run the jobs; `finished(job)` is called for each notebook that ran, as it completes, so
    its page is made while the others still run."""
    if not jobs:
        return []
    outcomes = []
    with chart_service.serving() as service, ThreadPoolExecutor(max(1, workers)) as pool:
        env = {**os.environ, **service}
        futures = [pool.submit(run_one, job, out_dir, root, timeout, env) for job in jobs]
        bar = tqdm(
            total=len(jobs), desc="notebooks", unit="nb", disable=not progress, file=sys.stderr
        )
        for future in as_completed(futures):
            outcome = future.result()
            outcomes.append(outcome)
            bar.update(1)
            if outcome.ok:
                finished(outcome.job)
            else:
                bar.write(f"FAILED {outcome.job.name}: {outcome.error}")
        bar.close()
    return sorted(outcomes, key=lambda o: o.job.name)


def read_result(notebook: Path, mimetype: str) -> dict | None:
    """The JSON result a notebook displayed (its verdict for the index)."""
    for cell in nbformat.read(notebook, as_version=4).cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if mimetype in data:
                value = data[mimetype]
                return value if isinstance(value, dict) else json.loads(value)
    return None
