"""Small-count suppression of breakdowns: hand cases, then properties over any breakdown."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrutiny.privacy.suppression import (
    CountNote,
    shown_note,
    suppress_counts,
    suppress_each,
    too_small,
)


def suppressed(counts: list[int], threshold: int = 5) -> list[int | None]:
    result = suppress_counts(pd.Series(counts), threshold)
    return [None if pd.isna(v) else int(v) for v in result]


def test_counts_one_to_four_are_suppressed_at_threshold_five():
    assert suppressed([1, 2, 3, 4, 5, 40]) == [None, None, None, None, 5, 40]


def test_zeros_are_shown():
    assert suppressed([0, 12, 0, 30]) == [0, 12, 0, 30]


def test_a_lone_small_cell_takes_the_next_smallest_with_it():
    assert suppressed([3, 40, 12, 0]) == [None, 40, None, 0]


def test_a_lone_small_cell_beside_zeros_only_takes_a_zero_with_it():
    # total 3 and the others shown as 0 would give the suppressed 3 away
    assert suppressed([0, 3, 0]) == [None, None, 0]


def test_two_small_cells_need_no_secondary():
    assert suppressed([2, 4, 100, 50]) == [None, None, 100, 50]


def test_cells_at_or_over_the_threshold_are_shown():
    assert suppressed([10, 10, 10], threshold=10) == [10, 10, 10]
    assert suppressed([9, 10, 11], threshold=10) == [None, None, 11]


def test_a_threshold_of_one_suppresses_nothing():
    assert suppressed([1, 0, 2], threshold=1) == [1, 0, 2]


def test_secondary_cell_is_chosen_by_position_when_labels_repeat():
    counts = pd.Series([3, 20, 9], index=["a", "a", "b"])
    assert suppress_counts(counts, 5).isna().tolist() == [True, False, True]


def test_separate_totals_get_primary_suppression_only():
    out = suppress_each(pd.Series([2, 0, 7, 140]), 5)
    assert out.isna().tolist() == [True, False, False, False]


def test_both_kinds_of_suppressed_cell_look_the_same():
    hidden = suppress_counts(pd.Series([1, 0, 10, 20]), 5)
    assert hidden.isna().tolist() == [True, False, True, False]


breakdowns = st.lists(st.one_of(st.integers(0, 8), st.integers(0, 10_000)), min_size=2, max_size=12)


@given(breakdowns, st.integers(1, 11))
def test_no_shown_cell_is_small(counts, threshold):
    out = suppress_counts(pd.Series(counts), threshold)
    assert not any(0 < v < threshold for v in out.dropna())


@given(breakdowns, st.integers(1, 11))
def test_a_suppressed_cell_never_stands_alone(counts, threshold):
    out = suppress_counts(pd.Series(counts), threshold)
    # with two or more hidden, the total minus the shown cells does not give any one of them
    assert int(out.isna().sum()) != 1


@given(breakdowns, st.integers(1, 11))
def test_suppression_only_hides_never_changes(counts, threshold):
    out = suppress_counts(pd.Series(counts), threshold)
    assert all(pd.isna(o) or o == c for o, c in zip(out, counts, strict=True))
    assert out.isna().sum() <= sum(0 < c < threshold for c in counts) + 1


def test_nested_definitions_hide_counts_that_differencing_would_reveal():
    from scrutiny.privacy.suppression import suppress_nested

    # 0 days, under 7 days (the headline), under 28 days, under 1 year
    counts = pd.Series([2, 27, 27, 48])
    assert suppress_nested(counts, 5, keep=1).tolist() == [pd.NA, 27, 27, 48]
    # under 28 days exceeds the headline by 3: showing it would reveal a band of 3 children
    assert suppress_nested(pd.Series([0, 27, 30, 48]), 5, keep=1).tolist() == [0, 27, pd.NA, 48]
    # the headline is shown even when small
    assert suppress_nested(pd.Series([1, 3, 9]), 5, keep=1).tolist() == [pd.NA, 3, 9]


@given(st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=6))
def test_no_two_shown_nested_counts_differ_by_a_small_number(counts):
    from scrutiny.privacy.suppression import suppress_nested

    shown = [int(v) for v in suppress_nested(pd.Series(sorted(counts)), 5) if pd.notna(v)]
    assert all(v == 0 or v >= 5 for v in shown)
    assert all(a == b or abs(a - b) >= 5 for a in shown for b in shown)


@pytest.mark.parametrize(
    "count, denominator, small",
    [(3, None, True), (0, None, False), (5, None, False), (30, 32, True), (10, 20, False)],
)
def test_a_scorecard_figure_is_too_small_when_few_are_in_or_out(count, denominator, small):
    assert too_small(count, denominator, 5) is small


def test_a_data_quality_note_goes_through_the_small_count_rule():
    short_break = "{} children on a short break (LS V3/V4) that day are not counted"
    assert shown_note(CountNote(3, short_break), 5) == (
        "fewer than 5 children on a short break (LS V3/V4) that day are not counted"
    )
    assert shown_note(CountNote(6, short_break), 5) == short_break.format(6)
    assert str(CountNote(3, short_break)) == short_break.format(3)  # the data team's text
    assert shown_note("the data has no Missing table", 5) == "the data has no Missing table"
