"""Reconciliation: figures already read by hand from the DfE files come out of the loader.

Hand-read values: ../shared/spec/claims.md and each mirror folder's SOURCES.md.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import require_shared

from scrutiny.published import load_manifest, load_published

ROOT = Path(__file__).resolve().parents[1]
YEARS = [2018, 2019, 2020, 2021, 2022]


@pytest.fixture(scope="module")
def tidy() -> pd.DataFrame:
    mirror = require_shared("data", "raw")
    return load_published(load_manifest(ROOT / "evidence" / "sources.yml"), mirror)


def figures(tidy, measure, la_code="E06000002", release=2022, years=YEARS):
    rows = tidy[
        tidy["measure"].eq(measure) & tidy["la_code"].eq(la_code) & tidy["release"].eq(release)
    ].set_index("year")
    return rows.loc[years, "value"].tolist()


@pytest.mark.parametrize(
    ("measure", "expected"),
    [
        ("cla_at_31_march", [466, 518, 618, 570, 502]),
        ("cla_rate_per_10000", [144, 159, 188, 172, 150]),
        ("starters", [185, 205, 296, 227, 199]),
        ("starters_under_1", [37, 54, 61, 50, 38]),
        ("starters_under_1_pct", [20, 26, 21, 22, 19]),
        ("ceased", [167, 152, 199, 279, 273]),
        ("adopted", [24, 19, 16, 25, 24]),
        ("health_assessment_pct", [90, 94, 93, 91, 95]),
        ("health_assessment", [297, 337, 361, 391, 350]),
        ("health_cohort", [331, 357, 388, 432, 370]),
        ("teeth_checked_pct", [76, 87, 84, 35, 81]),
        ("teeth_checked", [251, 311, 324, 150, 300]),
    ],
)
def test_middlesbrough_2022_release_matches_the_hand_read_figures(tidy, measure, expected):
    assert figures(tidy, measure) == expected


def test_middlesbrough_sgos_as_the_file_gives_them(tidy):
    # grep ',806,.*Reason episode ceased,Special guardianship orders' in
    # dfe-cla-2022/la_children_who_ceased_during_year.csv
    assert figures(tidy, "sgo") == [10, 35, 46, 61, 64]
    assert figures(tidy, "sgo_pct") == [6, 23, 23, 22, 23]


def test_revised_figure_depends_on_the_release(tidy):
    # Middlesbrough at 31 March 2023: 513 in the 2023 release, revised to 509 in 2025
    assert figures(tidy, "cla_at_31_march", release=2023, years=[2023]) == [513]
    assert figures(tidy, "cla_at_31_march", release=2025, years=[2023]) == [509]


def test_later_releases_repeat_the_health_figures(tidy):
    assert figures(
        tidy, "teeth_checked_pct", release=2025, years=[2021, 2022, 2023, 2024, 2025]
    ) == [35, 81, 86, 85, 80]


def test_placed_with_parents_at_31_march(tidy):
    assert figures(tidy, "placed_with_parents", release=2024, years=[2020, 2021]) == [72, 71]
    assert figures(
        tidy, "placed_with_parents", release=2025, years=[2021, 2022, 2023, 2024, 2025]
    ) == [71, 48, 34, 49, 29]


def test_england_totals_2020_and_2021(tidy):
    # national rows of the 2022 release: numbers up, adoptions down (claim national-cla-rising)
    england = "E92000001"
    assert figures(tidy, "cla_at_31_march", england, years=[2020, 2021]) == [80000, 80780]
    assert figures(tidy, "cla_rate_per_10000", england, years=[2020, 2021]) == [67, 67]
    assert figures(tidy, "adopted", england, years=[2020, 2021]) == [3480, 2890]
    assert figures(tidy, "starters", england, years=[2020, 2021]) == [31020, 28480]
    assert figures(tidy, "sgo", england, years=[2020, 2021]) == [3720, 3820]


def test_old_and_new_codes_name_the_same_area(tidy):
    rows = tidy[tidy["old_la_code"].eq("806")]
    assert set(rows["la_code"]) == {"E06000002"}
    assert set(rows["la_name"]) == {"Middlesbrough"}
    assert set(rows["region_name"]) == {"North East"}


def test_suppressed_cells_in_the_real_files_are_missing_not_zero(tidy):
    marked = tidy[tidy["marker"].ne("")]
    assert set(marked["marker"]) <= {"c", "z", "x", "low", "k", "-"}
    assert marked["value"].isna().all()
    assert tidy.loc[tidy["marker"].eq(""), "value"].notna().all()


def test_rank_matches_an_independent_reading_of_the_file(mirror_dir):
    # the one-liner a reviewer can run on the raw file, without our loader
    raw = pd.read_csv(
        mirror_dir / "dfe-cla-2022/cla_number_and_rate_per_10k_children.csv",
        encoding="utf-8-sig",
        dtype=str,
    )
    for year, expected in [("2019", 2.0), ("2020", 2.0)]:
        la = raw[
            raw.geographic_level.eq("Local authority")
            & raw.time_period.eq(year)
            & raw.population_count.eq("Children looked after at 31 March each year")
        ]
        rank = pd.to_numeric(la.rate_per_10000, errors="coerce").rank(ascending=False, method="min")
        assert rank[la.old_la_code.eq("806")].tolist() == [expected]
