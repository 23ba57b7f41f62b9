"""A register figure can test any published measure of the catalogue (LAIT's included): its
value, its change, its rank, its neighbour average, the region's and England's."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrutiny.checks import Inputs, measure_figure
from scrutiny.claims import Figure
from scrutiny.quarters import Quarter
from scrutiny.verdicts import NOT_SUPPORTED, SUPPORTED

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def no_903(tmp_path) -> Inputs:
    return Inputs(
        root=ROOT,
        quarter=Quarter.parse("2022Q1"),
        data_903=tmp_path / "absent",
        synthetic=False,
        published=ROOT / "evidence" / "data" / "published",
        la_code="E06000002",
        la_name="Middlesbrough",
    )


def dfe(metric: str, claimed: str, **params) -> Figure:
    return Figure("a DfE figure", "=", "dfe", claimed, metric, params)


# Middlesbrough's child protection plans per 10,000 at 31 March 2021 (LAIT CPP_rate): 170.6;
# North East 68.2, England 42.4; its ten April 2021 neighbours average 80.3.
@pytest.mark.parametrize(
    ("metric", "claimed", "params", "value", "verdict"),
    [
        ("dfe-value", "170.6", {"measure": "lait_cpp_rate", "year": 2021}, 170.6, SUPPORTED),
        (
            "dfe-value",
            "42.4",
            {"measure": "lait_cpp_rate", "year": 2021, "area": "England"},
            42.4,
            SUPPORTED,
        ),
        (
            "dfe-value",
            "60",
            {"measure": "lait_cpp_rate", "year": 2021, "area": "North East"},
            68.2,
            NOT_SUPPORTED,
        ),
        (
            "dfe-change",
            "-7.8%",  # 618 -> 570 looked after at 31 March (LAIT LACnum)
            {"measure": "lait_lacnum", "start_year": 2020, "end_year": 2021},
            (570 - 618) / 618 * 100,
            SUPPORTED,
        ),
    ],
)
def test_a_lait_measure_tests_a_claim(no_903, metric, claimed, params, value, verdict):
    m = measure_figure(dfe(metric, claimed, **params), no_903)
    assert m.value == pytest.approx(value) and m.verdict == verdict
    assert "dfe-lait/bds_long_0.parquet" in m.source


def test_the_value_carries_region_england_and_neighbours(no_903):
    m = measure_figure(dfe("dfe-value", "170.6", measure="lait_cpp_rate", year=2021), no_903)
    assert m.context["England"] == 42.4 and m.context["North East"] == 68.2
    assert m.context["statistical neighbours"] == pytest.approx(80.3, abs=0.05)


def test_a_claim_about_the_neighbour_average(no_903):
    figure = dfe("dfe-neighbour-average", "80.3", measure="lait_cpp_rate", year=2021)
    m = measure_figure(figure, no_903)
    assert m.value == pytest.approx(80.3, abs=0.05) and m.verdict == SUPPORTED
    assert "Middlesbrough's 10 statistical neighbours" in m.description


def test_a_rank_on_a_lait_measure(no_903):
    figure = dfe("dfe-rank", "1", measure="lait_cpp_rate", year=2021)
    m = measure_figure(figure, no_903)
    assert m.denominator > 140 and m.verdict in {SUPPORTED, NOT_SUPPORTED}
