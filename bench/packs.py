"""Time `scrutiny pack`: a cold build, then a rebuild with nothing changed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path


def scrutiny_pack(root: Path, out: Path, cache: Path, jobs: int) -> tuple[float, int]:
    """Seconds for one `scrutiny pack --out OUT`, and how many notebooks it ran."""
    env = {**os.environ, "SCRUTINY_ROOT": str(root), "SCRUTINY_CACHE": str(cache)}
    scrutiny = Path(sys.executable).with_name("scrutiny")
    command = [str(scrutiny), "pack", "--out", str(out), "--jobs", str(jobs), "--no-progress"]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=root, env=env)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"scrutiny pack failed:\n{done.stdout}\n{done.stderr}")
    ran = re.search(r"\((\d+) notebook\(s\) run", done.stdout)
    return seconds, int(ran.group(1)) if ran else -1
