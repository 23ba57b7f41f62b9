"""The parsed-data cache: what it serves equals a fresh parse, it never serves stale data, and
`measure`, `validate` and `check-disclosure` read through it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from scrutiny import cache, metrics, ssda903
from scrutiny.cli import main
from scrutiny.errors import DataError
from scrutiny.privacy.scan import scan_pack

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "evidence" / "data" / "synthetic"
METRICS = [
    ("cla-on-date", {"at": "2022-03-31"}),
    ("starters-newborn", {"year": 2022}),
    ("oc2-dental", {"year": 2022}),
    ("placement-count", {"at": "2022-03-31", "group": "external"}),
    ("missing-incidents", {"year": 2022}),
]
PARAMS = {
    "cla-change": {"start": "2021-03-31", "end": "2022-03-31"},
    "cla-by-ethnicity": {"at": "2022-03-31"},
    "placement-change": {"start": "2021-03-31", "end": "2022-03-31", "group": "external"},
    "cla-month-average": {"at": "2022-03-31"},
    "cla-change-month-average": {"start": "2021-03-31", "end": "2022-03-31"},
    "placement-count-min": {"start": "2021-04-30", "end": "2022-03-31", "group": "external"},
    "placement-count-max": {"start": "2021-04-30", "end": "2022-03-31", "group": "external"},
    "placement-share-change": {
        "start": "2021-03-31",
        "end": "2022-03-31",
        "group": "in-house-fostering",
        "within": "fostering",
    },
}


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

    monkeypatch.setattr(cache.ssda903, "inspect", parse)


@pytest.mark.slow
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


@pytest.mark.slow
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


def plant_bad_place(demo: Path) -> None:
    episodes = demo / "2022" / "episodes.csv"
    header, first, *rest = episodes.read_text().splitlines(keepends=True)
    fields = first.split(",")
    fields[header.split(",").index("PLACE")] = "ZZ9"
    episodes.write_text("".join([header, ",".join(fields), *rest]))


def test_invalid_input_raises_the_same_error_from_the_cache(demo, monkeypatch):
    plant_bad_place(demo)
    with pytest.raises(DataError, match="PLACE code is not in") as parsed:
        cache.load_cached(demo)
    assert len(entries()) == 1
    refuse_to_parse(monkeypatch)
    with pytest.raises(DataError) as served:
        cache.load_cached(demo)
    assert str(served.value) == str(parsed.value)


@pytest.mark.parametrize("bad", [False, True], ids=["clean", "with-errors"])
def test_warm_validate_prints_the_same_report_without_parsing(demo, monkeypatch, capsys, bad):
    if bad:
        plant_bad_place(demo)
    for args in (["validate", str(demo)], ["validate", str(demo), "--json"]):
        cold_code, cold = main(args), capsys.readouterr().out
        with monkeypatch.context() as patched:
            refuse_to_parse(patched)
            warm_code, warm = main(args), capsys.readouterr().out
        assert (warm_code, warm) == (cold_code, cold) == (int(bad), cold)
    assert '"episodes": 3808' in cold


def test_warm_measure_gives_the_same_answer_without_parsing(demo, monkeypatch, capsys):
    args = ["measure", "cla-on-date", "--data", str(demo), "--at", "2021-03-31"]
    assert main(args) == 0
    cold = capsys.readouterr().out
    refuse_to_parse(monkeypatch)
    assert main(args) == 0
    assert capsys.readouterr().out == cold
    assert cold.startswith("cla-on-date: 573\n")


def test_check_disclosure_reads_the_extract_through_the_cache(demo, monkeypatch, tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "index.html").write_text("<p>573 children</p>")
    scan_pack(pack, demo)
    refuse_to_parse(monkeypatch)
    scan_pack(pack, demo)


@pytest.fixture(scope="module")
def demo_entry(tmp_path_factory) -> tuple[ssda903.Dataset, Path, Path]:
    """The demo parsed once, and its cache entry."""
    folder = tmp_path_factory.mktemp("entry")
    with pytest.MonkeyPatch.context() as patched:
        patched.setenv("SCRUTINY_CACHE", str(folder))
        cache.load_cached(DEMO)
        entry = cache.cache_dir() / cache.entry_key(DEMO)
    return ssda903.load(DEMO), entry


@pytest.mark.parametrize("name", metrics.METRICS)
def test_each_metric_reads_only_the_columns_it_declares(demo_entry, name):
    """Served with only the declared columns, each metric gives what the full tables give."""
    fresh, entry = demo_entry
    params = dict(METRICS).get(name, PARAMS.get(name, {"year": 2022}))
    reads = metrics.METRICS[name].reads
    narrow = cache.read_entry(entry, str(DEMO), reads).dataset
    assert counts(metrics.measure(narrow, name, **params)) == counts(
        metrics.measure(fresh, name, **params)
    )
    assert {table: tuple(frame.columns) for table, frame in narrow.tables.loaded.items()} == reads


def test_entries_are_readable_only_by_their_owner(demo):
    cache.load_cached(demo)
    [entry] = entries()
    assert entry.stat().st_mode & 0o077 == 0
