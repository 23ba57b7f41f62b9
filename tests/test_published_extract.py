"""The committed extract answers the claim notebooks' questions (no mirror needed)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from scrutiny.errors import ConfigError, DataError
from scrutiny.published import load_extract

EXTRACT = Path(__file__).resolve().parents[1] / "evidence" / "data" / "published"
TEES_VALLEY = [
    "Darlington",
    "Hartlepool",
    "Middlesbrough",
    "Redcar and Cleveland",
    "Stockton-on-Tees",
]


@pytest.fixture(scope="module")
def data():
    return load_extract(EXTRACT)


def test_value_names_its_release_and_source(data):
    assert data.value("cla_at_31_march", 806, 2021, release="2022").value == 570
    figure = data.value("cla_at_31_march", 806, 2021, release=2022)
    assert (figure.value, figure.marker, figure.release) == (570, "", 2022)
    assert figure.source == "dfe-cla-2022/cla_number_and_rate_per_10k_children.csv"
    assert figure.sha256.startswith("4af5a630")


def test_latest_release_is_the_default_and_is_recorded(data):
    assert data.value("cla_at_31_march", "E06000002", 2023, release=2023).value == 513
    latest = data.value("cla_at_31_march", "E06000002", 2023)
    assert (latest.value, latest.release) == (509, 2025)


@pytest.mark.parametrize("la", [806, "806", "E06000002", "e06000002", "Middlesbrough"])
def test_old_and_new_codes_and_the_name_find_the_same_area(data, la):
    assert data.la_codes(la) == ["E06000002"]
    assert data.region_of(la) == "North East"


def test_an_unknown_area_or_measure_is_a_clear_error(data):
    with pytest.raises(ConfigError, match="unknown area 'Gotham'"):
        data.value("cla_at_31_march", "Gotham", 2021)
    with pytest.raises(ConfigError, match="unknown measure 'cla'"):
        data.value("cla", 806, 2021)
    with pytest.raises(ConfigError, match="release 2022: 2018-2022"):
        data.value("cla_at_31_march", 806, 2030)


def test_series_takes_each_year_from_the_latest_release(data):
    series = data.series("adopted", "Middlesbrough")
    assert series["year"].tolist() == [2018, 2019, 2020, 2021, 2022, 2023]
    assert series["value"].tolist() == [24, 19, 16, 25, 24, 25]
    assert series["release"].tolist() == [2022, 2023, 2023, 2023, 2023, 2023]


def test_middlesbrough_rate_rank_among_english_las(data):
    # claim cla-702-aug-2019: "second highest per 10,000 in the country".
    # 2022 release: 2nd in 2019 (159; Blackpool 197) and 2nd in 2020 (188; Blackpool 224).
    for year, rate, out_of in [(2019, 159, 152), (2020, 188, 150)]:
        ranks = data.rank("cla_rate_per_10000", year, release=2022).set_index("old_la_code")
        assert ranks.loc["806", "rank"] == 2
        assert ranks.loc["806", "value"] == rate
        assert ranks.loc["806", "out_of"] == out_of
        assert ranks.loc["890", "rank"] == 1  # Blackpool
    # 2023 release revises City of London (c in 2022) to 299 and 343: Middlesbrough is 3rd
    assert (
        data.rank("cla_rate_per_10000", 2019, release=2023)
        .set_index("old_la_code")
        .loc["806", "rank"]
        == 3
    )


def test_rank_ties_share_a_rank_and_unranked_las_come_last(data):
    ranks = data.rank("cla_rate_per_10000", 2019, release=2022).set_index("old_la_code")
    # Hartlepool and Torbay both 142: joint 4th, next is 6th
    assert ranks.loc[["805", "880"], "rank"].tolist() == [4, 4]
    assert ranks.loc[["805", "880"], "tied"].all()
    assert ranks.loc["341", "rank"] == 6
    unranked = ranks[ranks["rank"].isna()]
    assert set(unranked["marker"]) <= {"c", "z", "x"} and len(unranked) > 0
    assert unranked["value"].isna().all()


def test_tees_valley_adoptions_2021_22(data):
    adopted = {la: data.value("adopted", la, 2022, release=2022).value for la in TEES_VALLEY}
    assert adopted == {
        "Darlington": 15,
        "Hartlepool": 15,
        "Middlesbrough": 24,
        "Redcar and Cleveland": 8,
        "Stockton-on-Tees": 16,
    }
    assert max(adopted, key=adopted.get) == "Middlesbrough"


def test_statistical_neighbours_of_middlesbrough(data):
    april_2021 = data.statistical_neighbours(806, "2021-04")
    assert april_2021["old_la_code"].tolist() == [
        "805",
        "355",
        "876",
        "861",
        "357",
        "354",
        "890",
        "393",
        "810",
        "340",
    ]
    assert set(april_2021["closeness"]) == {"Very close"}
    may_2025 = data.statistical_neighbours("E06000002", "2025-05")
    assert may_2025["old_la_code"].tolist() == [
        "890",
        "805",
        "861",
        "354",
        "391",
        "336",
        "335",
        "393",
        "341",
        "355",
    ]


def test_neighbour_average_of_the_looked_after_rate_at_31_march_2021(data):
    # 2022 release, rate per 10,000 at 31 March 2021, April 2021 neighbour group
    rates = {
        "Hartlepool": 172,
        "Salford": 92,
        "Halton": 106,
        "Stoke-on-Trent": 172,
        "Tameside": 134,
        "Rochdale": 104,
        "Blackpool": 209,
        "South Tyneside": 96,
        "Kingston upon Hull, City of": 164,
        "Knowsley": 91,
    }
    assert sum(rates.values()) == 1340  # mean 134.0, against Middlesbrough's 172
    average = data.neighbour_average("cla_rate_per_10000", 806, 2021, "2021-04", release=2022)
    assert (
        dict(zip(average.neighbours["la_name"], average.neighbours["value"], strict=True)) == rates
    )
    assert average.value == 134.0
    assert average.missing == [] and average.release == 2022


def test_suppressed_value_comes_back_as_nan_with_its_marker(data):
    figure = data.value("cla_at_31_march", "Northamptonshire", 2022, release=2022)
    assert math.isnan(figure.value) and figure.marker == "z"


def test_a_hand_edited_extract_file_is_refused(tmp_path):
    for path in EXTRACT.rglob("*"):
        if path.is_file():
            target = tmp_path / path.relative_to(EXTRACT)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    edited = tmp_path / "measures" / "adopted.csv"
    edited.write_text(
        edited.read_text().replace("2022,2022,E06000002,24,", "2022,2022,E06000002,42,")
    )
    assert "2022,2022,E06000002,42," in edited.read_text()
    with pytest.raises(DataError, match=r"adopted\.csv: \[sha256-mismatch\] expected sha256"):
        load_extract(tmp_path)
