"""Synthetic authorities for the scaling runs, generated once outside the repository.

They go to $SCRUTINY_BENCH_DATA, else <temp>/scrutiny-bench: 500,000 children are 82 MB of
CSVs and take minutes to write, which a clone should neither hold nor redo each run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(os.environ.get("SCRUTINY_BENCH_DATA") or Path(tempfile.gettempdir()) / "scrutiny-bench")
SIZES = (1_000, 10_000, 100_000, 500_000)
LARGEST = SIZES[-1]


def authority(children: int) -> Path:
    """OUT/synth-N: written to a scratch folder, renamed when complete."""
    target = OUT / f"synth-{children}"
    if target.exists():
        return target
    scratch = OUT / f"synth-{children}.tmp"
    shutil.rmtree(scratch, ignore_errors=True)
    scrutiny = Path(sys.executable).with_name("scrutiny")
    command = [str(scrutiny), "synth", "--out", str(scratch), "--children", str(children)]
    subprocess.run(command, check=True, capture_output=True)
    scratch.rename(target)
    return target
