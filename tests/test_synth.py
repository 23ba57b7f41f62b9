"""The synthetic authority: deterministic, structurally valid 903 returns (small runs)."""

from __future__ import annotations

import argparse
import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

from scrutiny import synth
from scrutiny.commands import synth as synth_command
from scrutiny.errors import UnusableInput
from scrutiny.ssda903.dataset import schema

YEARS = [2020, 2021]
FILES = {
    "header": "header",
    "episodes": "episodes",
    "oc2": "oc2",
    "ad1": "ad1",
    "missing": "missing",
    "placed_for_adoption": "placed_adoption",
    "uasc": "uasc",
}


def digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*.csv"))
    }


def parse(argv: list[str]) -> argparse.Namespace:
    """The `scrutiny synth` parser alone (scrutiny.cli imports every command)."""
    parser = argparse.ArgumentParser()
    synth_command.add_parser(parser.add_subparsers())
    return parser.parse_args(["synth", *argv])


def run_cli(out: Path, seed: int, children: int = 800) -> None:
    args = parse(
        [
            "--out",
            str(out),
            "--seed",
            str(seed),
            "--children",
            str(children),
            "--first-year",
            str(YEARS[0]),
            "--last-year",
            str(YEARS[-1]),
        ]
    )
    assert synth_command.run(args) == 0


@pytest.fixture(scope="module")
def returns(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    synth.generate(out, seed=7, children=3000, first_year=YEARS[0], last_year=YEARS[-1])
    return out


def read(returns: Path, year: int, name: str) -> pd.DataFrame:
    return pd.read_csv(returns / str(year) / f"{name}.csv", dtype=str, keep_default_na=False)


def days(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values.where(values != ""), format="%d/%m/%Y")


@pytest.mark.slow
def test_same_seed_same_bytes_other_seed_differs(tmp_path):
    run_cli(tmp_path / "a", seed=1)
    run_cli(tmp_path / "b", seed=1)
    run_cli(tmp_path / "c", seed=2)
    first = digests(tmp_path / "a")
    assert first == digests(tmp_path / "b")
    assert first != digests(tmp_path / "c")
    assert sorted(first) == sorted(f"{y}/{f}.csv" for y in YEARS for f in FILES)


def test_cli_refuses_years_in_the_wrong_order(tmp_path):
    args = parse(["--out", str(tmp_path), "--first-year", "2022", "--last-year", "2018"])
    with pytest.raises(UnusableInput, match="--last-year"):
        synth_command.run(args)


@pytest.mark.parametrize("year", YEARS)
def test_headers_are_the_dfe_columns_in_order(returns, year):
    for name, table in FILES.items():
        assert list(read(returns, year, name).columns) == schema()["tables"][table]["columns"]


@pytest.mark.parametrize("year", YEARS)
def test_codes_come_from_the_903_lists(returns, year):
    codes = schema()["codes"]
    tables = {name: read(returns, year, name) for name in FILES}
    for name, table in FILES.items():
        for column, code_set in schema()["tables"][table]["codes"].items():
            allowed = set(codes[code_set]["current"]) | set(codes[code_set].get("legacy", {}))
            used = set(tables[name][column]) - {""}
            assert used <= allowed, (name, column, used - allowed)
    header = tables["header"]
    assert header["UPN"].str.fullmatch(r"[A-Z]\d{12}|UN[1-5]").all()
    assert set(header["SEX"]) <= {"1", "2"}


@pytest.mark.parametrize("year", YEARS)
def test_episodes_of_a_child_never_overlap(returns, year):
    e = read(returns, year, "episodes")
    e = e.assign(start=days(e["DECOM"]), end=days(e["DEC"])).sort_values(["CHILD", "start"])
    assert (e["end"].isna() | (e["end"] >= e["start"])).all()
    same_child = e["CHILD"].eq(e["CHILD"].shift(-1))
    next_start = e["start"].shift(-1)
    assert (~same_child | (e["end"].notna() & (next_start >= e["end"]))).all()
    assert not e.duplicated(["CHILD", "DECOM"]).any()


@pytest.mark.parametrize("year", YEARS)
def test_every_child_in_the_episodes_has_one_header_row(returns, year):
    header, episodes = read(returns, year, "header"), read(returns, year, "episodes")
    assert header["CHILD"].is_unique
    assert set(header["CHILD"]) == set(episodes["CHILD"])
    for name in ("oc2", "ad1", "missing", "placed_for_adoption", "uasc"):
        assert set(read(returns, year, name)["CHILD"]) <= set(header["CHILD"])


@pytest.mark.parametrize("year", YEARS)
def test_episodes_belong_to_the_year_and_open_ones_are_blank(returns, year):
    e = read(returns, year, "episodes")
    start, end = pd.Timestamp(year - 1, 4, 1), pd.Timestamp(year, 3, 31)
    assert (days(e["DECOM"]) <= end).all()
    closed = days(e["DEC"])
    assert (closed.isna() | ((closed >= start) & (closed <= end))).all()
    assert ((e["DEC"] == "") == (e["REC"] == "")).all()


def test_an_episode_open_at_31_march_closes_in_a_later_return(returns):
    first, second = (read(returns, y, "episodes") for y in YEARS)
    open_then = first[first["DEC"] == ""].set_index(["CHILD", "DECOM"])
    later = second.set_index(["CHILD", "DECOM"])
    closed_later = later.loc[later.index.intersection(open_then.index), "DEC"]
    assert (closed_later != "").any()


def looked_after_twelve_months(episodes: pd.DataFrame, year: int) -> set[str]:
    """The OC2 cohort by metrics.md `oc2-cohort`, counted independently of scrutiny.metrics."""
    start, end = pd.Timestamp(year - 1, 4, 1), pd.Timestamp(year, 3, 31)
    e = episodes.assign(start=days(episodes["DECOM"]), end=days(episodes["DEC"]))
    at_end = set(e.loc[e["end"].isna(), "CHILD"])
    started = e[(e["RNE"] == "S") & (e["start"] > start) & (e["start"] <= end)]
    left = e[(e["REC"] != "X1") & e["end"].notna() & (e["end"] < end)]
    short_breaks = e[e["LS"].isin(["V3", "V4"])]
    return at_end - set(started["CHILD"]) - set(left["CHILD"]) - set(short_breaks["CHILD"])


@pytest.mark.parametrize("year", YEARS)
def test_oc2_rows_are_exactly_the_twelve_month_cohort(returns, year):
    cohort = looked_after_twelve_months(read(returns, year, "episodes"), year)
    oc2 = read(returns, year, "oc2")
    assert set(oc2["CHILD"]) == cohort
    assert oc2["CHILD"].is_unique


@pytest.mark.parametrize("year", YEARS)
def test_adoptions_follow_a_placement_for_adoption(returns, year):
    e = read(returns, year, "episodes")
    adopted = e[e["REC"].isin(["E11", "E12"])]
    assert len(adopted) > 0
    assert adopted["PLACE"].isin(["A3", "A4", "A5", "A6"]).all()
    assert set(read(returns, year, "ad1")["CHILD"]) == set(adopted["CHILD"])
    sgo_former_foster = e[e["REC"].isin(["E45", "E46"])]
    assert sgo_former_foster["PLACE"].str.match(r"U[1-6]").all()


@pytest.mark.parametrize("year", YEARS)
def test_the_return_has_the_mix_a_real_one_has(returns, year):
    e = read(returns, year, "episodes")
    assert set("SPLT") <= set(e["RNE"])
    assert {"V3", "V4"} <= set(e["LS"])
    assert e["PLACE"].str.startswith("T").any()
    assert {"P1", "U1", "U4", "U6", "K2", "H5"} <= set(e["PLACE"])
    assert {"PR1", "PR4"} <= set(e.loc[e["PLACE"].str.match(r"U[4-6]"), "PLACE_PROVIDER"])
    m = read(returns, year, "missing")
    assert set(m["MISSING"]) == {"M", "A"}
    ends = days(m["MIS_END"])
    assert (ends.isna() | (ends >= days(m["MIS_START"]))).all()


def test_dates_are_day_month_year(returns):
    e = read(returns, YEARS[0], "episodes")
    assert e["DECOM"].map(lambda v: bool(re.fullmatch(r"\d{2}/\d{2}/\d{4}", v))).all()


def test_children_scales_the_authority():
    small = synth.default_children(2018, 2022)
    assert 3000 < small < 6000
    assert synth.simulate(1, 500, 2021, 2021).children.shape[0] == 500
