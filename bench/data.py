"""Synthetic authorities for the scaling runs, generated once into bench/out/ (git-ignored)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
SIZES = (1_000, 10_000, 100_000)


def authority(children: int) -> Path:
    """bench/out/synth-N: written to a scratch folder, renamed when complete."""
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
