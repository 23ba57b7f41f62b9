"""The scorecard on the committed extract (Middlesbrough, E06000002), and 903 figures by hand."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from builders import child, episode, load_903

from scrutiny.errors import ConfigError
from scrutiny.published import load_extract
from scrutiny.quarters import Quarter
from scrutiny.scorecard import (
    build_scorecard,
    load_indicators,
    published_history,
    scorecard_summary,
)

ROOT = Path(__file__).resolve().parents[1]
LA, EDITION = "E06000002", "2021-04"


@pytest.fixture(scope="module")
def extract():
    return load_extract(ROOT / "evidence" / "data" / "published")


@pytest.fixture(scope="module")
def indicators():
    return load_indicators(ROOT / "evidence" / "indicators.yml")


@pytest.fixture(scope="module")
def card_2022q1(extract, indicators):
    return build_scorecard(extract, indicators, LA, EDITION, quarter="2022Q1").set_index(
        "indicator"
    )


def test_history_uses_one_release_per_year(extract, indicators):
    [cla_rate] = [i for i in indicators if i.id == "cla-rate"]
    history = published_history(extract, [cla_rate], LA, EDITION, Quarter.parse("2022Q1"))
    assert history["year"].tolist() == [2018, 2019, 2020, 2021, 2022]
    year_2021 = history.set_index("year").loc[2021]
    # 2021 is taken from its latest release (2025), which revised the neighbours' rates.
    assert (year_2021["release"], year_2021["authority"]) == (2025, 172.0)
    assert year_2021["neighbour_average"] == pytest.approx(135.3)
    assert (year_2021["neighbour_min"], year_2021["neighbour_max"]) == (93.0, 215.0)
    assert (year_2021["region"], year_2021["england"]) == (110.0, 69.0)


def test_one_row_per_indicator_in_file_order(card_2022q1, indicators):
    assert card_2022q1.index.tolist() == [i.id for i in indicators]


def test_latest_values_for_the_quarter(card_2022q1):
    rate = card_2022q1.loc["cla-rate"]
    assert (rate["latest_year"], rate["value"], rate["target"]) == (2022, 150.0, 134.0)
    assert (rate["gap"], rate["direction"]) == (16.0, "down")
    assert pd.isna(rate["rag"])  # neutral
    assert (rate["release"], rate["source"]) == (
        2025,
        "dfe-csc-outcomes-enablers/cla_number_and_rate_per_10k_children.csv",
    )
    teeth = card_2022q1.loc["teeth-checked"]
    assert (teeth["value"], teeth["previous_value"], teeth["target"]) == (81.0, 35.0, 70.9)
    assert (teeth["rag"], teeth["direction"]) == ("green", "up (better)")
    immunisations = card_2022q1.loc["immunisations"]
    assert (immunisations["value"], immunisations["rag"]) == (77.0, "red")  # 12.5 short of 89.5
    homes = card_2022q1.loc["childrens-homes"]
    assert (homes["value"], homes["target"], homes["rag"]) == (10.0, 9.2, "amber")
    adoptions = card_2022q1.loc["adoptions"]
    assert adoptions["value"] == 24.0
    assert pd.isna(adoptions["rag"]) and math.isnan(
        adoptions["target"]
    )  # a count has no neighbour target
    assert card_2022q1.loc["starters-under-1", "latest_year"] == 2022


def test_an_earlier_quarter_sees_earlier_years(extract, indicators):
    card = build_scorecard(extract, indicators, LA, EDITION, quarter="2021Q2")
    teeth = card.set_index("indicator").loc["teeth-checked"]
    assert (teeth["latest_year"], teeth["value"]) == (2021, 35.0)
    assert teeth["target"] == pytest.approx(37.7)
    assert (teeth["rag"], teeth["direction"]) == ("amber", "down (worse)")


def test_without_a_quarter_the_latest_published_year(extract, indicators):
    card = build_scorecard(extract, indicators, LA, EDITION).set_index("indicator")
    assert (card.loc["cla-rate", "latest_year"], card.loc["cla-rate", "value"]) == (2025, 138.0)
    assert card.loc["sgo-pct", "latest_year"] == 2023


def test_no_903_data(card_2022q1):
    assert card_2022q1["current_903"].isna().all()
    assert set(card_2022q1["current_903_note"]) == {"no 903 data"}


def test_summary_for_the_index(card_2022q1):
    summary = scorecard_summary(card_2022q1.reset_index(), EDITION, synthetic=False)
    assert summary["edition"] == EDITION
    first = summary["rows"][0]
    assert first == {
        "indicator": "cla-rate",
        "title": first["title"],
        "latest_year": 2022,
        "value": 150.0,
        "target": 134.0,
        "rag": None,
        "current_903": None,
        "synthetic": False,
    }
    shown = scorecard_summary(card_2022q1.reset_index(), EDITION, False, no_903="no 903 data")
    assert {row["current_903"] for row in shown["rows"]} == {"no 903 data"}


# Ten children start on 1 June 2021 and are looked after on 31 March 2022:
#   2 placed with parents (P1), 6 fostered (U4), 2 in children's homes (K2). None under 1.
@pytest.fixture(scope="module")
def tiny_903(tmp_path_factory):
    places = ["P1"] * 2 + ["U4"] * 6 + ["K2"] * 2
    ids = [f"C{n}" for n in range(10)]
    return load_903(
        tmp_path_factory.mktemp("903"),
        {
            2022: {
                "header": [child(i, "2010-05-05") for i in ids],
                "episodes": [
                    episode(i, "2021-06-01", place=p) for i, p in zip(ids, places, strict=True)
                ],
            }
        },
    )


def test_903_figures_for_the_quarter(extract, indicators, tiny_903):
    card = build_scorecard(
        extract, indicators, LA, EDITION, tiny_903, "2022Q1", threshold=1
    ).set_index("indicator")
    current = card["current_903"]
    # rates per 10,000 of the 2022 published 0-17 rate denominator, 33,480 children
    assert current["cla-rate"] == pytest.approx(10 * 10000 / 33480)
    assert current["starters-rate"] == pytest.approx(10 * 10000 / 33480)
    assert "per 10,000 of 33,480 children aged 0-17" in card.loc["cla-rate", "current_903_note"]
    assert current["starters-under-1"] == 0.0
    assert (current["placed-with-parents"], current["foster-placements"]) == (20.0, 60.0)
    assert current["childrens-homes"] == 20.0
    assert (
        card.loc["foster-placements", "current_903_numerator"],
        card.loc["foster-placements", "current_903_denominator"],
    ) == (6, 10)
    assert current["adoptions"] == 0.0
    assert math.isnan(current["adoptions-pct"])
    assert card.loc["adoptions-pct", "current_903_note"].startswith("no 903 definition")
    assert math.isnan(current["health-assessment"])  # nobody looked after for 12 months yet
    assert card.loc["cla-rate", "current_903_period"] == "at 2022-03-31"
    assert card.loc["adoptions", "current_903_period"] == "2021-04-01 to 2022-03-31"
    assert card.loc["teeth-checked", "current_903_period"] == "collection year 2022"


def test_903_small_counts_are_suppressed(extract, indicators, tiny_903):
    card = build_scorecard(
        extract, indicators, LA, EDITION, tiny_903, "2022Q1", threshold=5
    ).set_index("indicator")
    # 2 placed with parents; 6 fostered but 4 not (either would reveal small numbers)
    for shown_small in ("placed-with-parents", "foster-placements", "childrens-homes"):
        assert math.isnan(card.loc[shown_small, "current_903"])
        assert card.loc[shown_small, "current_903_note"].startswith("suppressed")
    assert card.loc["cla-rate", "current_903"] == pytest.approx(10 * 10000 / 33480)


def test_903_data_that_ends_before_the_quarter(extract, indicators, tiny_903):
    card = build_scorecard(extract, indicators, LA, EDITION, tiny_903, "2022Q2")
    assert card["current_903"].isna().all()
    assert "the 903 data ends 2022-03-31, before the quarter's end" in set(card["current_903_note"])


def test_903_data_needs_a_quarter(extract, indicators, tiny_903):
    with pytest.raises(ConfigError, match="needs a quarter"):
        build_scorecard(extract, indicators, LA, EDITION, tiny_903)
