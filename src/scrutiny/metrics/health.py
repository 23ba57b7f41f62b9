"""Health outcomes of the OC2 cohort (looked after for at least 12 months at 31 March)."""

from __future__ import annotations

import pandas as pd

from scrutiny.metrics.cohorts import oc2_cohort
from scrutiny.metrics.result import MetricResult, percent
from scrutiny.privacy.suppression import CountNote
from scrutiny.ssda903.dataset import Dataset
from scrutiny.ssda903.members import isin


def oc2_cohort_size(dataset: Dataset, year: int) -> MetricResult:
    """Children looked after continuously for at least 12 months at 31 March `year`."""
    cohort = oc2_cohort(dataset, year)
    notes = coverage_notes(cohort, oc2_rows(dataset, year), year)
    return MetricResult("oc2-cohort", {"year": year}, float(len(cohort)), len(cohort), None, notes)


def oc2_dental(dataset: Dataset, year: int) -> MetricResult:
    """% of the OC2 cohort whose teeth were checked by a dentist (TEETH_CHECK = 1)."""
    return oc2_indicator(dataset, year, "oc2-dental", "TEETH_CHECK")


def oc2_health_assessment(dataset: Dataset, year: int) -> MetricResult:
    """% of the OC2 cohort who had their annual health assessment (HEALTH_ASSESSMENT = 1)."""
    return oc2_indicator(dataset, year, "oc2-health-assessment", "HEALTH_ASSESSMENT")


def oc2_immunisations(dataset: Dataset, year: int) -> MetricResult:
    """% of the OC2 cohort whose immunisations were up to date (IMMUNISATIONS = 1)."""
    return oc2_indicator(dataset, year, "oc2-immunisations", "IMMUNISATIONS")


def oc2_indicator(dataset: Dataset, year: int, metric: str, column: str) -> MetricResult:
    """% of the cohort with `column` = 1 in year `year`'s OC2; blank or no row = not done."""
    cohort = oc2_cohort(dataset, year)
    rows = oc2_rows(dataset, year)
    in_cohort = rows[isin(rows["CHILD"], cohort)]
    done = int(in_cohort.loc[in_cohort[column] == "1", "CHILD"].nunique())
    notes = coverage_notes(cohort, rows, year)
    blank = int(in_cohort[column].isna().sum())
    if blank:
        notes.append(
            CountNote(blank, f"{{}} cohort OC2 rows have a blank {column} (counted as not done)")
        )
    if cohort.empty:
        notes.append(f"no children in the OC2 cohort for {year}")
    return MetricResult(
        metric, {"year": year}, percent(done, len(cohort)), done, len(cohort), notes
    )


def oc2_rows(dataset: Dataset, year: int) -> pd.DataFrame:
    """OC2 rows of year `year`'s return; rows from other years never answer for `year`."""
    oc2 = dataset.oc2
    return oc2[oc2["YEAR"].eq(year).fillna(False).astype(bool)]


def coverage_notes(cohort: pd.Index, rows: pd.DataFrame, year: int) -> list[str]:
    """Data-quality notes on how OC2 rows and the cohort fail to match (never a silent drop)."""
    if rows.empty:
        return [f"the data has no OC2 rows for {year}: every cohort child counts as not done"]
    notes = []
    no_row = int((~isin(cohort, rows["CHILD"])).sum())
    if no_row:
        notes.append(
            CountNote(
                no_row, f"{{}} cohort children have no OC2 row for {year} (counted as not done)"
            )
        )
    outside = int((~isin(rows["CHILD"], cohort)).sum())
    if outside:
        notes.append(
            CountNote(outside, f"{{}} OC2 rows for {year} fall outside the cohort (not counted)")
        )
    repeated = int(rows.loc[isin(rows["CHILD"], cohort), "CHILD"].duplicated().sum())
    if repeated:
        notes.append(
            CountNote(repeated, "{} extra OC2 rows repeat a cohort child (each child counted once)")
        )
    return notes
