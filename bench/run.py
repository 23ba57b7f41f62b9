"""`make bench`: pack overhead, no-change rebuild, scaling, cache and the CLI's cache, in one run.

Ratios are the headline: the floor and the thing are measured in the same run, interleaved
(floor, cold build, floor, kernel, rebuild, kernel), because the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cli
import data
import kernels
import packs
import report
import size

from scrutiny.paths import project_root

HERE = Path(__file__).resolve().parent


def bench_pack(root: Path, jobs: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-pack-") as scratch:
        out, cache = Path(scratch) / "pack", Path(scratch) / "cache"
        kernels.kernel_starts(1, 1)  # warm the disk cache for the floor's first run
        single = [kernels.kernel_starts(1, 1)]
        cold, ran = packs.scrutiny_pack(root, out, cache, jobs)
        built = size.pack_size(out, "fresh build")
        floors = [kernels.kernel_starts(ran, jobs)]
        single.append(kernels.kernel_starts(1, 1))
        rebuild, rebuilt = packs.scrutiny_pack(root, out, cache, jobs)
        single.append(kernels.kernel_starts(1, 1))
        floors.append(kernels.kernel_starts(ran, jobs))
    return {
        "jobs": jobs,
        "ran": ran,
        "cold": cold,
        "floor": statistics.mean(floors),
        "rebuild": rebuild,
        "rebuilt": rebuilt,
        "single": statistics.median(single),
        "size": built,
    }


def workload(*args: str) -> dict:
    command = [sys.executable, str(HERE / "workload.py"), *args]
    return json.loads(subprocess.run(command, check=True, capture_output=True).stdout)


def bench_scaling() -> list[dict]:
    return [{"children": n, **workload("scale", str(data.authority(n)))} for n in data.SIZES]


def bench_cache(children: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-cache-") as cache:
        return {"children": children, **workload("cache", str(data.authority(children)), cache)}


def bench_cli(children: int) -> dict:
    return {"children": children, **cli.cold_and_warm(data.authority(children))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, help="project folder (default: this one)")
    parser.add_argument("--jobs", type=int, default=2, help="pack workers (default 2)")
    parser.add_argument(
        "--only",
        choices=["pack", "scaling", "cache", "cli", "size"],
        action="append",
        help="size: only measure the committed pack of --quarter on disk (no build)",
    )
    parser.add_argument("--quarter", default="2022Q1", help="the committed pack --only size reads")
    args = parser.parse_args()
    parts = set(args.only or ["pack", "scaling", "cache", "cli"])
    root = args.root or project_root(HERE)
    if parts == {"size"}:
        report.write_size(
            HERE / "results.md",
            size.pack_size(root / "rendered" / args.quarter, f"rendered/{args.quarter}"),
        )
        return
    for n in data.SIZES:
        data.authority(n)
    started = time.strftime("%Y-%m-%d %H:%M")
    scaling = bench_scaling() if "scaling" in parts else None
    cache = bench_cache(100_000) if "cache" in parts else None
    measure = bench_cli(data.LARGEST) if "cli" in parts else None
    pack = bench_pack(root, args.jobs) if "pack" in parts else None
    note = (
        f"Latest run: {started}, {platform.machine()} with {os.cpu_count()} cores shared "
        "with other work; floor and thing measured in the same run, interleaved."
    )
    block = report.render(pack, scaling, cache, measure, note)
    report.write(HERE / "results.md", block)
    print(block)


if __name__ == "__main__":
    main()
