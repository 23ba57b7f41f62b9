"""The parsed-data cache: what it serves equals a fresh parse, and it never serves stale data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from scrutiny import cache, metrics, ssda903
from scrutiny.errors import DataError

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "evidence" / "data" / "synthetic"
METRICS = [
    ("cla-on-date", {"at": "2022-03-31"}),
    ("starters-newborn", {"year": 2022}),
    ("oc2-dental", {"year": 2022}),
    ("placement-count", {"at": "2022-03-31", "group": "external"}),
    ("missing-incidents", {"year": 2022}),
]


@pytest.fixture
def demo(tmp_path, monkeypatch) -> Path:
    """A copy of the demo authority, and an empty cache folder."""
    monkeypatch.setenv("SCRUTINY_CACHE", str(tmp_path / "cache"))
    return Path(shutil.copytree(DEMO, tmp_path / "903"))


def entries() -> list[Path]:
    folder = cache.cache_dir()
    return sorted(folder.iterdir()) if folder.exists() else []


def counts(result: metrics.MetricResult) -> tuple:
    return result.value, result.numerator, result.denominator, result.notes


def refuse_to_parse(monkeypatch) -> None:
    def parse(path):
        raise AssertionError(f"parsed {path} although the cache holds it")

    monkeypatch.setattr(cache.ssda903, "load", parse)


def test_warm_cache_serves_what_a_fresh_parse_gives(demo, monkeypatch):
    fresh = ssda903.load(demo)
    cache.load_cached(demo)
    [entry] = entries()
    assert (entry / "done").exists() and (entry / "episodes.parquet").exists()
    refuse_to_parse(monkeypatch)
    warm = cache.load_cached(demo)
    assert sorted(warm.tables) == sorted(fresh.tables)
    for name, frame in fresh.tables.items():
        pd.testing.assert_frame_equal(warm.tables[name], frame)
    assert warm.warnings == fresh.warnings
    for name, params in METRICS:
        served, parsed = (
            metrics.measure(warm, name, **params),
            metrics.measure(fresh, name, **params),
        )
        assert counts(served) == counts(parsed)
        if parsed.breakdown is not None:
            pd.testing.assert_frame_equal(served.breakdown, parsed.breakdown)
    month_ends = pd.date_range("2021-04-30", "2022-03-31", freq="ME")
    pd.testing.assert_series_equal(
        metrics.cla_on_dates(warm, month_ends), metrics.cla_on_dates(fresh, month_ends)
    )


def test_changed_input_changes_the_key_and_is_parsed_again(demo):
    before = cache.load_cached(demo)
    key = cache.cache_key(demo)
    missing = demo / "2022" / "missing.csv"
    lines = missing.read_text().splitlines(keepends=True)
    missing.write_text("".join(lines[:-1]))
    assert cache.cache_key(demo) != key
    after = cache.load_cached(demo)
    assert len(after.missing) == len(before.missing) - 1
    pd.testing.assert_frame_equal(after.missing, ssda903.load(demo).missing)
    assert len(entries()) == 2


def test_invalid_input_raises_every_time_and_is_never_cached(demo):
    episodes = demo / "2022" / "episodes.csv"
    header, first, *rest = episodes.read_text().splitlines(keepends=True)
    fields = first.split(",")
    fields[header.split(",").index("PLACE")] = "ZZ9"
    episodes.write_text("".join([header, ",".join(fields), *rest]))
    for _ in range(2):
        with pytest.raises(DataError, match="PLACE code is not in"):
            cache.load_cached(demo)
    assert entries() == []


def test_half_written_entry_is_not_served(demo):
    entry = cache.cache_dir() / cache.entry_key(demo)
    entry.mkdir(parents=True)
    pd.DataFrame({"CHILD": ["X"]}).to_parquet(entry / "episodes.parquet")
    served = cache.load_cached(demo)
    pd.testing.assert_frame_equal(served.episodes, ssda903.load(demo).episodes)
    assert (entry / "done").exists()


def test_same_files_in_another_folder_name_their_own_files(demo, tmp_path):
    copy = Path(shutil.copytree(demo, tmp_path / "copy"))
    cache.load_cached(demo)
    served = cache.load_cached(copy)
    assert served.episodes["_file"].str.startswith(str(copy)).all()


def test_default_cache_folder_is_git_ignored(monkeypatch):
    monkeypatch.delenv("SCRUTINY_CACHE", raising=False)
    monkeypatch.setenv("SCRUTINY_ROOT", str(ROOT))
    assert cache.cache_dir() == ROOT / ".cache" / "903"
    assert ".cache/" in (ROOT / ".gitignore").read_text().splitlines()
