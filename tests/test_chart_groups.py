"""A chart uses the groups, params and definitions of the figures it illustrates (issue 25,
item 6): with a custom groups file, the headline and the chart count the same children."""

from __future__ import annotations

from dataclasses import replace

import pytest
from builders import child, episode, write_903
from test_privacy_breakdowns import chart_values, inputs_at

from scrutiny.checks import resolved
from scrutiny.checks.catalogue import local_chart
from scrutiny.checks.local import measure_local
from scrutiny.claims import Figure
from scrutiny.inputs import Inputs

# Twelve children with in-house foster carers (U4, PR1) and six with agency carers (U4, PR4),
# all through 2020/21. The standard "fostering" group holds all 18; ours holds only the six.
IN_HOUSE = [f"H{i:02d}" for i in range(12)]
AGENCY = [f"A{i:02d}" for i in range(6)]
OUR_GROUPS = """\
fostering:
  description: Agency foster placements only (a local definition)
  place: [U4]
  place_provider: [PR4]
"""
FIGURE = Figure(
    "most in foster care",
    "=",
    "903",
    "6",
    "placement-count-max",
    {"start": "2020-12-31", "end": "2021-02-28", "group": "fostering"},
)


@pytest.fixture
def inputs(tmp_path, monkeypatch) -> Inputs:
    header = [child(c, "2010-05-17") for c in IN_HOUSE + AGENCY]
    episodes = [episode(c, "2020-04-15", provider="PR1") for c in IN_HOUSE]
    episodes += [episode(c, "2020-04-15", provider="PR4") for c in AGENCY]
    data = write_903(tmp_path / "903", {2021: {"header": header, "episodes": episodes}})
    groups = tmp_path / "groups.yml"
    groups.write_text(OUR_GROUPS)
    return replace(inputs_at(data, 5, monkeypatch), root=tmp_path, groups=groups)


def headline_and_chart(inputs: Inputs) -> tuple[float, set[float]]:
    """The figure resolved once, as a check does, then measured and charted."""
    figure = resolved(FIGURE, inputs)
    chart = local_chart([figure], inputs, table=None)
    return measure_local(figure, inputs).value, set(chart_values(chart))


def test_the_chart_counts_the_custom_group_as_the_headline_does(inputs):
    assert headline_and_chart(inputs) == (6, {6.0})


def test_without_a_groups_file_both_count_the_standard_group(inputs: Inputs):
    assert headline_and_chart(replace(inputs, groups=None)) == (18, {18.0})


def test_a_page_names_the_groups_file_by_its_path_in_the_project(inputs):
    assert measure_local(resolved(FIGURE, inputs), inputs).params["groups"] == "groups.yml"
    elsewhere = replace(inputs, root=inputs.root / "project")
    measured = measure_local(resolved(FIGURE, elsewhere), elsewhere)
    assert measured.params["groups"] == "groups.yml"
    assert str(inputs.root) not in str(measured.to_dict())


def test_the_chart_names_the_group_in_words_from_its_own_groups_file(inputs):
    from test_privacy_breakdowns import chart_title

    figure = resolved(FIGURE, inputs)
    title = chart_title(local_chart([figure], inputs, table=None))
    assert "agency foster placements only (a local definition) at each month end" in title
    assert "'fostering'" not in title
