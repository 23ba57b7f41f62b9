"""The scaling workload, run in a fresh process per size: read, clean, every metric.

`python bench/workload.py scale DIR` and `python bench/workload.py cache DIR CACHE` print one
JSON object of seconds (and peak RSS in MiB for `scale`).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

import pandas as pd

from scrutiny import metrics, ssda903
from scrutiny.metrics.registry import PERIOD, MetricSpec
from scrutiny.ssda903.clean import clean
from scrutiny.ssda903.read import read_path
from scrutiny.ssda903.validate import validate

ARGUMENTS = {
    "at": "2022-03-31",
    "start": "2021-03-31",
    "end": "2022-03-31",
    "year": 2022,
    "group": "external",
    "within": "fostering",
}


def params(spec: MetricSpec) -> dict:
    """Arguments for every parameter the metric needs (a period as the 2022 year)."""
    needed = ["year" if p == PERIOD else p for p in spec.params]
    return {name: ARGUMENTS[name] for name in needed}


MONTH_ENDS = pd.date_range("2018-04-30", "2022-03-31", freq="ME")


def every_metric(dataset: ssda903.Dataset) -> None:
    """Each registry metric once, plus the month-end series the trend charts draw."""
    for name, spec in metrics.METRICS.items():
        metrics.measure(dataset, name, **params(spec))
    metrics.cla_on_dates(dataset, MONTH_ENDS)
    metrics.placement_counts_on_dates(dataset, MONTH_ENDS, "external")


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scale(path: Path) -> dict:
    baseline = peak_mib()
    started = time.perf_counter()
    read = read_path(path)
    read_done = time.perf_counter()
    tables, _ = clean(read.tables)
    validate(tables)
    clean_done = time.perf_counter()
    every_metric(ssda903.Dataset(tables, str(path)))
    finished = time.perf_counter()
    return {
        "read": read_done - started,
        "clean": clean_done - read_done,
        "metrics": finished - clean_done,
        "total": finished - started,
        "peak_mib": peak_mib(),
        "baseline_mib": baseline,
    }


def cache(path: Path, folder: Path) -> dict:
    """One metric from the CSVs vs from a warm parquet cache (best of three each)."""
    os.environ["SCRUTINY_CACHE"] = str(folder)
    from scrutiny.cache import load_cached

    load_cached(path)  # warm it

    def timed(load) -> float:
        started = time.perf_counter()
        metrics.measure(load(path), "cla-on-date", at="2022-03-31")
        return time.perf_counter() - started

    return {
        "parse": min(timed(ssda903.load) for _ in range(3)),
        "warm": min(timed(load_cached) for _ in range(3)),
    }


if __name__ == "__main__":
    mode, target = sys.argv[1], Path(sys.argv[2])
    result = scale(target) if mode == "scale" else cache(target, Path(sys.argv[3]))
    print(json.dumps(result))
