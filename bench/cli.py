"""Time `scrutiny measure` as an analyst runs it: a cold call (empty cache) against a warm one.

Each call is its own process; its peak RSS comes from the kernel's accounting of that process
(`os.wait4`), so one figure never mixes two runs. Cold and warm calls alternate, because the
machine is shared and its speed drifts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MEASURE = ("measure", "cla-on-date", "--at", "2021-03-31", "--json")


def run_measured(command: list[str], env: dict) -> tuple[float, float, str]:
    """Seconds, peak RSS in MiB and stdout of one finished process."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}")
    return seconds, usage.ru_maxrss / 1024, text


def cold_and_warm(data: Path, pairs: int = 2) -> dict:
    """The fastest of `pairs` cold and of `pairs` warm calls, the largest peak memory of each,
    and whether every call printed the same answer."""
    scrutiny = str(Path(sys.executable).with_name("scrutiny"))
    command = [scrutiny, *MEASURE[:2], "--data", str(data), *MEASURE[2:]]
    cold, warm, answers = [], [], set()
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as scratch:
        env = {**os.environ, "SCRUTINY_CACHE": scratch}
        for _ in range(pairs):
            shutil.rmtree(Path(scratch) / "903", ignore_errors=True)
            *figures, answer = run_measured(command, env)
            cold.append(figures)
            answers.add(answer)
            *figures, answer = run_measured(command, env)
            warm.append(figures)
            answers.add(answer)
    return {
        "cold_s": min(s for s, _ in cold),
        "warm_s": min(s for s, _ in warm),
        "cold_mib": max(m for _, m in cold),
        "warm_mib": max(m for _, m in warm),
        "same_answer": len(answers) == 1,
    }
