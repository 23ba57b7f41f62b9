"""Properties of the metrics on generated episode histories (non-overlapping per child)."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrutiny.metrics import cla_on_dates, measure, placement_counts_on_dates
from scrutiny.ssda903.dataset import Dataset, empty_table, schema

ORIGIN = date(2018, 1, 1)
days = st.integers(min_value=0, max_value=1500)
on_dates = st.lists(days.map(lambda n: ORIGIN + timedelta(n)), min_size=1, max_size=6)

episode_shape = st.tuples(
    st.integers(0, 90),  # gap before the episode (0 = seamless X1 change)
    st.integers(0, 400),  # length in days (0 = starts and ends the same day)
    st.sampled_from(["C2", "V2", "V3", "V4"]),
    st.sampled_from(["U1", "U4", "K2", "P1", "A4"]),
    st.sampled_from(["PR0", "PR1", "PR4", None]),
)
history = st.tuples(
    days,  # first DECOM
    st.integers(0, 6000),  # age in days at the first DECOM
    st.booleans(),  # is the last episode still open?
    st.lists(episode_shape, min_size=1, max_size=4),
    st.sampled_from([None, "0", "1"]),  # TEETH_CHECK in the child's OC2 row, if any
)


def build(histories: list) -> Dataset:
    """A cleaned Dataset as the reader would return it, from generated histories."""
    episodes, header, oc2 = [], [], []
    for number, (first, age, still_open, shapes, teeth) in enumerate(histories):
        child = str(number)
        decom = ORIGIN + timedelta(first)
        header.append({"CHILD": child, "DOB": decom - timedelta(age), "ETHNIC": "WBRI"})
        for index, (gap, length, ls, place, provider) in enumerate(shapes):
            decom += timedelta(gap if index else 0)
            last = index == len(shapes) - 1
            next_gap = None if last else shapes[index + 1][0]
            dec = None if last and still_open else decom + timedelta(length)
            rec = None if dec is None else ("X1" if next_gap == 0 else "E4A")
            rne = "S" if index == 0 or shapes[index][0] > 0 else "P"
            episodes.append(
                {"CHILD": child, "DECOM": decom, "RNE": rne, "LS": ls, "PLACE": place,
                 "PLACE_PROVIDER": provider, "DEC": dec, "REC": rec, "YEAR": 2021}
            )  # fmt: skip
            decom = dec or decom
        if teeth is not None:
            oc2.append({"CHILD": child, "TEETH_CHECK": teeth, "YEAR": 2020 + number % 3})
    tables = {"episodes": episodes, "header": header, "oc2": oc2}
    return Dataset({name: frame(name, rows) for name, rows in tables.items()})


def frame(name: str, rows: list[dict]) -> pd.DataFrame:
    """Rows in the reader's cleaned form: every column, dates datetime64, YEAR Int64."""
    table = empty_table(name)
    if rows:
        table = pd.DataFrame(rows).reindex(columns=table.columns)
    for column in schema()["tables"][name]["dates"]:
        table[column] = pd.to_datetime(table[column]).astype("datetime64[ns]")
    table["YEAR"] = table["YEAR"].astype("Int64")
    return table


def looked_after_by_loop(histories: list, on: date) -> int:
    """The DfE rule written plainly: any non-short-break episode open on the day."""
    dataset = build(histories)
    children = set()
    for row in dataset.episodes.itertuples():
        if row.LS in ("V3", "V4"):
            continue
        started = row.DECOM.date() <= on
        not_ended = pd.isna(row.DEC) or row.DEC.date() > on
        if started and not_ended:
            children.add(row.CHILD)
    return len(children)


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.lists(history, max_size=8), on_dates)
def test_cla_on_date_matches_a_plain_loop(histories, dates):
    dataset = build(histories)
    for on in dates:
        assert measure(dataset, "cla-on-date", at=on).value == looked_after_by_loop(histories, on)


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.lists(history, max_size=8), on_dates)
def test_cla_on_dates_agrees_with_single_dates(histories, dates):
    dataset = build(histories)
    counts = cla_on_dates(dataset, dates).tolist()
    assert counts == [measure(dataset, "cla-on-date", at=on).numerator for on in dates]
    fostering = placement_counts_on_dates(dataset, dates, "fostering").tolist()
    singles = [measure(dataset, "placement-count", at=on, group="fostering") for on in dates]
    assert fostering == [result.numerator for result in singles]


@settings(max_examples=60, deadline=None)
@given(st.lists(history, max_size=8), days, days)
def test_cla_change_agrees_with_two_counts(histories, first, second):
    dataset = build(histories)
    start, end = sorted([ORIGIN + timedelta(first), ORIGIN + timedelta(second)])
    before = measure(dataset, "cla-on-date", at=start).numerator
    after = measure(dataset, "cla-on-date", at=end).numerator
    change = measure(dataset, "cla-change", start=start, end=end)
    assert (change.numerator, change.denominator) == (after - before, before)
    if before:
        assert math.isclose(change.value, 100 * (after - before) / before)
    else:
        assert math.isnan(change.value)


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.lists(history, max_size=8), st.integers(2019, 2022), st.integers(0, 400))
def test_percentages_lie_between_0_and_100(histories, year, max_age_days):
    dataset = build(histories)
    results = [
        measure(dataset, "starters-newborn", year=year, max_age_days=max_age_days),
        measure(dataset, "starters-under1", year=year),
        measure(dataset, "oc2-dental", year=year),
        measure(dataset, "oc2-health-assessment", year=year),
        measure(dataset, "oc2-immunisations", year=year),
    ]
    for result in results:
        assert math.isnan(result.value) or 0 <= result.value <= 100
        assert 0 <= result.numerator <= result.denominator
    share = measure(dataset, "placement-count", at=date(year, 3, 31), group="external")
    assert 0 <= share.numerator <= share.denominator
    cohort = measure(dataset, "oc2-cohort", year=year).numerator
    assert cohort <= measure(dataset, "cla-on-date", at=date(year, 3, 31)).numerator
