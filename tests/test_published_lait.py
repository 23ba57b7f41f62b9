"""LAIT's children's-social-care measures in the committed extract: hand-read values, agreement
with the CLA release files, and a seeded random sample checked against LAIT's own file."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pytest
from conftest import require_shared

from scrutiny.published import load_extract
from scrutiny.published.lait import AREAS, measure_name, unit_of, year_of

EXTRACT = Path(__file__).resolve().parents[1] / "evidence" / "data" / "published"
# A CLA release measure and the LAIT measure that publishes the same figure.
SAME_FIGURE = {
    "cla_at_31_march": "lait_lacnum",
    "cla_rate_per_10000": "lait_lac",
    "starters": "lait_lacnum_start",
    "starters_rate_per_10000": "lait_lac_start_rate",
    "ceased": "lait_lacceased",
    "ceased_rate_per_10000": "lait_lac_cease_rate",
    "adopted": "lait_no_of_lac_adopted",
    "adopted_pct": "lait_pct_of_lac_adopted",
    "sgo": "lait_lac_ceased_sgo",
    "sgo_pct": "lait_lac_ceased_sgo_pct",
    "health_assessment_pct": "lait_lachealth_pct",
    "teeth_checked_pct": "lait_lacdental_pct",
    "immunisations_pct": "lait_lacvaccinations_pct",
    "placed_with_parents_pct": "lait_lac_parents_or_others",
    "foster_placements_pct": "lait_lac_foster_placements",
    "childrens_homes_pct": "lait_lac_sechome_and_childhome",
}


@pytest.fixture(scope="module")
def data():
    return load_extract(EXTRACT)


@pytest.mark.parametrize(
    ("measure", "area", "year", "expected"),
    [
        # grep 'CPP_rate' rows of dfe-lait/bds_long_0.parquet (Middlesbrough is LA 806)
        ("lait_cpp_rate", "Middlesbrough", 2025, 99.1),
        ("lait_cpp_rate", "England", 2023, 42.7),
        ("lait_rereferral", "North East", 2024, 22.2),
        ("lait_work_force_to_rate", 806, 2023, 32.9),
        ("lait_careleavereet", "E06000002", 2024, 44),
        ("lait_continue_assess_comp", 806, 2023, 76.4),  # LAIT stores 76.400000000000006
    ],
)
def test_lait_figures_read_as_lait_publishes_them(data, measure, area, year, expected):
    figure = data.value(measure, area, year)
    assert (figure.value, figure.marker, figure.source) == (
        expected,
        "",
        "dfe-lait/bds_long_0.parquet",
    )


def test_a_figure_lait_does_not_publish_keeps_its_marker(data):
    # E06000028 (Bournemouth, dissolved 2019) has a row of "-" for 2016
    figure = data.value("lait_cpp_rate", "E06000028", 2016)
    assert figure.marker == "-" and figure.value != figure.value


def test_every_topic_is_held_with_words_polarity_and_years(data):
    lait = {m: spec for m, spec in data.provenance["measures"].items() if spec["table"] == "lait"}
    assert len(lait) == 175
    assert {spec["topic"] for spec in lait.values()} == {
        "Children Looked After",
        "Children in Need",
        "Child Protection",
        "Adoption",
        "Children's Services Workforce",
        "Children's Service Finance",
        "Youth Offending",
    }
    assert all(spec["description"] and spec["releases"] for spec in lait.values())
    cpp = lait["lait_cpp_rate"]
    assert (cpp["source_code"], cpp["unit"], cpp["releases"]["2025"]["years"]) == (
        "CPP_rate",
        "rate per 10,000",
        [2016, 2025],
    )
    assert lait["lait_rereferral"]["polarity"] == "lower is better"


def test_names_units_and_years_from_lait_labels():
    assert measure_name("%_of LAC Adopted") == "lait_pct_of_lac_adopted"
    assert measure_name("CPP_Total_Rateper10,000") == "lait_cpp_total_rateper10_000"
    assert unit_of("Child Protection Plans rate per 10,000", "Rate per 10,000") == "rate per 10,000"
    assert unit_of("Percentage rate of social worker turnover", "Turnover rate") == "percent"
    assert unit_of("Number of Children with CPP", "Number CPP") == "count"
    assert (year_of("2021"), year_of("2020-21"), year_of("2020-21 (OT)")) == (2021, 2021, 2021)
    assert year_of("2020-22") is None


def pairs(data, cla: str) -> pd.DataFrame:
    both = data._rows(cla, None).merge(
        data._rows(SAME_FIGURE[cla], None), on=["year", "la_code"], suffixes=("", "_lait")
    )
    return both[both["value"].notna() & both["value_lait"].notna()]


@pytest.mark.parametrize("cla", sorted(SAME_FIGURE))
def test_lait_agrees_with_the_cla_release_of_the_same_vintage(data, cla):
    """LAIT (April 2026) carries the 2025 release: where that release has the figure, the two
    are the same number, for every LA, region and year."""
    both = pairs(data, cla)
    same_vintage = both[both["release"].eq(2025)]
    differ = same_vintage[same_vintage["value"].ne(same_vintage["value_lait"])]
    assert differ.empty, differ.head().to_string()


def test_where_only_an_earlier_release_is_held_lait_names_its_revisions(data):
    """Where the extract's latest release for a figure is 2022 or 2023, LAIT gives the 2025
    release's revision: 100 of 7,987 such figures differ, each a revision named by the
    release files (the 2023 release, then LAIT)."""
    held = differ = 0
    for cla in SAME_FIGURE:
        both = pairs(data, cla)
        latest = both["release"].eq(both.groupby(["year", "la_code"])["release"].transform("max"))
        earlier = both[latest & both["release"].lt(2025)]
        held += len(earlier)
        differ += int(earlier["value"].ne(earlier["value_lait"]).sum())
    assert (held, differ) == (7987, 100)
    revised = [
        ("cla_at_31_march", "lait_lacnum", "Hartlepool", 2020, 311, 312),
        ("adopted", "lait_no_of_lac_adopted", "E10000003", 2023, 15, 33),  # Cambridgeshire
        ("sgo_pct", "lait_lac_ceased_sgo_pct", "Middlesbrough", 2023, 20, 19),
    ]
    for cla, lait, area, year, before, after in revised:
        assert data.value(cla, area, year, release=2023).value == before
        assert data.value(lait, area, year).value == after


def test_a_random_sample_matches_lait_file(data):
    """200 (measure, area, year) drawn with a fixed seed from LAIT's own long file: the
    extract gives the file's value, or its "-" marker."""
    path = require_shared("data", "raw", "dfe-lait", "bds_long_0.parquet")
    raw = pd.read_parquet(path, columns=["Short Desc", "Years", "Values", "LA Number"])
    held = data.provenance["measures"].items()
    codes = {spec["source_code"]: m for m, spec in held if spec["table"] == "lait"}
    raw = raw[raw["Short Desc"].isin(codes) & raw["Years"].ne("0")].reset_index(drop=True)
    rows = random.Random(30).sample(range(len(raw)), 200)
    for row in raw.loc[rows].itertuples(index=False):
        old = str(int(row[3]))
        area = AREAS.get(old, old)  # England and regions by code, an LA by its old number
        figure = data.value(codes[row[0]], area, year_of(row[1]))
        if row[2] == "-":
            assert figure.marker == "-", row
        else:
            assert figure.value == pytest.approx(float(row[2]), abs=1e-9), row
