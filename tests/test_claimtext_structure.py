"""Statement structure: levels, shares and changes; pronoun subjects; like compared with like.

The minutes below restate, in short, the Corporate Parenting Board minutes and final report
sentences quoted in issue 20, which the claim finder first got wrong.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scrutiny.claimtext.conflicts import DIFFERENT_CHANGES, conflicts_between
from scrutiny.claimtext.extract import extract_statements
from scrutiny.claimtext.statements import CHANGE, LEVEL, SHARE

NOVEMBER = (
    "A meeting of the Corporate Parenting Board was held on 16 November 2021.\n\n"
    "There were 702 looked after children during September 2020. Since September 2020 there "
    "has been a reduction of 157 looked after children.\n\n"
    "The number of children placed with parents has dropped from 99 in September 2020 to 58 in "
    "August 2021 (41% reduction).\n"
)
FEBRUARY = (
    "A meeting of the Corporate Parenting Board was held on 15 February 2022.\n\n"
    "Since September 2020 there has been a reduction of 167 looked after children. This has "
    "reduced to 500 at the end of January 2022.\n"
)
FINAL_REPORT = (  # wrapped over three lines, as the PDF-to-text step left it
    "The Panel notes a 50% reduction in the number of children residing in\n"
    "Placements with Parents during\n"
    "the 12 month period to August 2021.\n"
)


def write(tmp_path: Path, **documents: str) -> list[Path]:
    paths = []
    for name, text in documents.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def by_value(statements) -> dict:
    return {s.claimed: s for s in statements}


def test_each_figure_is_a_level_a_share_or_a_change(tmp_path):
    text = (
        "There were 702 looked after children in September 2020. Of those, 66% had a dental "
        "check. Children looked after fell by 19.5% from November 2020 to November "
        "2021, a reduction of 167 looked after children.\n"
    )
    found = by_value(extract_statements(write(tmp_path, minutes=text)))
    assert {value: s.kind for value, s in found.items()} == {
        "702": LEVEL,
        "66%": SHARE,
        "19.5%": CHANGE,
        "167": CHANGE,
    }
    assert found["19.5%"].metric == "cla-change"
    assert found["167"].metric is None  # the catalogue measures changes in per cent only


def test_this_takes_the_subject_of_the_statement_before_it_in_the_paragraph(tmp_path):
    [_, _, _, _, _, since, level] = extract_statements(
        write(tmp_path, november=NOVEMBER, february=FEBRUARY)
    )
    assert (level.claimed, level.kind, level.subject) == ("500", LEVEL, "looked after children")
    assert (level.period.text, level.metric, level.params) == (
        "January 2022",
        "cla-on-date",
        {"at": "2022-01-31"},
    )
    assert (since.claimed, since.comparison, since.period.text) == (
        "167",
        "reduction",
        "since September 2020",
    )
    assert (since.period.start.isoformat(), since.period.end.isoformat()) == (
        "2020-09-30",
        "2022-02-15",
    )


def test_this_in_a_new_paragraph_refers_to_nothing_found(tmp_path):
    text = "There were 702 looked after children in September 2020.\n\nThis has reduced to 500.\n"
    assert [s.claimed for s in extract_statements(write(tmp_path, minutes=text))] == ["702"]


def test_a_change_in_brackets_runs_between_the_dates_of_from_and_to(tmp_path):
    found = by_value(extract_statements(write(tmp_path, november=NOVEMBER)))
    change = found["41%"]
    assert (change.kind, change.comparison, change.period.text) == (
        CHANGE,
        "reduction",
        "September 2020 to August 2021",
    )
    assert change.params == {
        "group": "placed-with-parents",
        "start": "2020-09-30",
        "end": "2021-08-31",
    }
    assert (found["99"].kind, found["58"].kind) == (LEVEL, LEVEL)


def test_a_change_with_a_period_of_its_own_keeps_it(tmp_path):
    text = (
        "Children placed with parents went from 99 in September 2020 to 58 in August 2021; "
        "adoptions fell by 10% over the last 12 months.\n"
    )
    found = by_value(extract_statements(write(tmp_path, minutes=text)))
    assert found["10%"].period.text == "the last 12 months"


def test_only_the_placed_with_parents_disagreement_is_a_conflict(tmp_path):
    paths = write(tmp_path, november=NOVEMBER, february=FEBRUARY, final=FINAL_REPORT)
    [conflict] = conflicts_between(extract_statements(paths))
    assert (conflict.subject, conflict.reason) == ("placed-with-parents", DIFFERENT_CHANGES)
    assert {conflict.first.claimed, conflict.second.claimed} == {"41%", "50%"}
    # Not reported: 702 (a level) against 157 or 167 (changes); 157 against 167 (a trend from
    # the same start); 500 in January 2022 against 702 in September 2020 (different dates).


def test_two_changes_over_the_same_period_in_different_figures_still_conflict(tmp_path):
    first = "Since September 2020 there has been a reduction of 157 looked after children.\n"
    second = "Since September 2020 there has been a reduction of 167 looked after children.\n"
    meeting = "A meeting was held on 16 November 2021.\n\n"
    paths = write(tmp_path, a=meeting + first, b=meeting + second)
    [conflict] = conflicts_between(extract_statements(paths))
    assert {conflict.first.claimed, conflict.second.claimed} == {"157", "167"}


def test_a_change_in_per_cent_is_not_compared_with_a_change_in_children(tmp_path):
    first = "Looked after numbers fell by 12% from May 2020 to May 2021.\n"
    second = "Looked after numbers fell by 12 children from May 2020 to May 2021.\n"
    assert conflicts_between(extract_statements(write(tmp_path, a=first, b=second))) == []


def test_a_change_stated_after_its_subject(tmp_path):
    text = (
        "Social Worker caseloads have begun to reduce. In terms of referrals into the front "
        "door, this had increased over the last year. The numbers of children looked after "
        "remained high, but had reduced significantly. It was noted that costs had increased.\n"
    )
    found = extract_statements(write(tmp_path, minutes=text))
    assert [(s.subject, s.comparison, s.kind) for s in found] == [
        ("Social Worker caseloads", "reduction", CHANGE),
        ("referrals into the front door", "increase", CHANGE),
        ("children looked after", "reduction", CHANGE),
    ]
    assert found[1].period.text == "the last year"


def test_counts_of_the_same_people_split_by_place(tmp_path):
    text = (
        "The team had three practitioners in two localities – two in Newport and one in Acklam.\n"
    )
    found = extract_statements(write(tmp_path, minutes=text))
    assert [(s.claimed, s.subject) for s in found] == [
        ("three", "practitioners"),
        ("two", "practitioners"),
        ("one", "practitioners"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Numbers of children in care are predicted to have fallen.",  # a forecast
        "Members asked whether caseloads had reduced.",  # a question
        "Staff sickness had increased.",  # sickness is no count of staff
        "Costs have increased.",  # money
        "The number of complaints has increased.",  # complaints are not counted here
        "The meeting was reduced to 45 minutes.",  # a duration
        "Attendance rose to 80 at the last session.",  # attendance is not a count of people
    ],
)
def test_changes_and_levels_that_are_not_statements(tmp_path, text):
    assert extract_statements(write(tmp_path, minutes=text + "\n")) == []
