"""A chart uses the groups, params and definitions of the figures it illustrates (issue 25,
item 6): with a custom groups file, the headline and the chart count the same children."""

from __future__ import annotations

from dataclasses import replace

import pytest
from builders import child, episode, write_903
from test_privacy_breakdowns import chart_values, inputs_at

from scrutiny.checks.inputs import Inputs
from scrutiny.checks.local import measure_local
from scrutiny.checks.trend import local_chart
from scrutiny.claims import Figure

# Twelve children with in-house foster carers (U4, PR1) and six with agency carers (U4, PR4),
# all through 2020/21. The standard "fostering" group holds all 18; ours holds only the six.
IN_HOUSE = [f"H{i:02d}" for i in range(12)]
AGENCY = [f"A{i:02d}" for i in range(6)]
OUR_GROUPS = """\
fostering:
  definition: Agency foster placements only (a local definition)
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


def test_the_chart_counts_the_custom_group_as_the_headline_does(inputs):
    assert measure_local(FIGURE, inputs).value == 6
    assert set(chart_values(local_chart([FIGURE], inputs))) == {6.0}


def test_without_a_groups_file_both_count_the_standard_group(inputs: Inputs):
    standard = replace(inputs, groups=None)
    assert measure_local(FIGURE, standard).value == 18
    assert set(chart_values(local_chart([FIGURE], standard))) == {18.0}


def test_a_page_names_the_groups_file_by_its_path_in_the_project(inputs):
    assert measure_local(FIGURE, inputs).params["groups"] == "groups.yml"
    elsewhere = replace(inputs, root=inputs.root / "project")
    assert measure_local(FIGURE, elsewhere).params["groups"] == "groups.yml"
    assert str(inputs.root) not in str(measure_local(FIGURE, elsewhere).to_dict())
