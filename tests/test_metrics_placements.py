"""placement-count, placement-change and the placement groups file, by hand."""

from __future__ import annotations

import pytest
from builders import child, episode, load_903

from scrutiny import catalogue
from scrutiny.errors import ConfigError
from scrutiny.groups import find_group, load_groups
from scrutiny.metrics import measure, placement_counts_on_dates

#   child  PLACE  provider  groups on 31/03/2021
#   1      P1     PR0       placed-with-parents
#   2      U4     PR1       fostering, in-house-fostering
#   3      U6     PR4       fostering, ifa-fostering, external
#   4      U2     PR5       fostering, connected-carers, ifa-fostering, external
#   5      K2     PR4       residential, external-residential, external
#   6      K2     PR1       residential, in-house-residential
#   7      K1     PR2       residential, external-residential, external
#   8      U4 PR1 until an X1 move on 31/03/2021 to K2 PR4 (the open episode then)
#   9      short break (V3) in U4 PR1: not looked after
EPISODES = [
    episode("1", "2020-01-01", place="P1", provider="PR0"),
    episode("2", "2020-01-01", place="U4", provider="PR1"),
    episode("3", "2020-01-01", place="U6", provider="PR4"),
    episode("4", "2020-01-01", place="U2", provider="PR5"),
    episode("5", "2020-01-01", place="K2", provider="PR4"),
    episode("6", "2020-01-01", place="K2", provider="PR1"),
    episode("7", "2020-01-01", place="K1", provider="PR2"),
    episode("8", "2020-01-01", "2021-03-31", "X1", place="U4", provider="PR1"),
    episode("8", "2021-03-31", rne="P", place="K2", provider="PR4"),
    episode("9", "2021-03-01", place="U4", provider="PR1", ls="V3"),
]
YEARS = {
    2021: {"header": [child(str(n), "2010-05-05") for n in range(1, 10)], "episodes": EPISODES}
}


@pytest.fixture
def dataset(tmp_path):
    return load_903(tmp_path, YEARS)


@pytest.mark.parametrize(
    ("group", "on_30_march", "on_31_march"),
    [
        ("placed-with-parents", 1, 1),
        ("connected-carers", 1, 1),
        ("fostering", 4, 3),
        ("in-house-fostering", 2, 1),
        ("ifa-fostering", 2, 2),
        ("residential", 3, 4),
        ("external-residential", 2, 3),
        ("in-house-residential", 1, 1),
        ("external", 4, 5),
    ],
)
def test_placement_count_per_group(dataset, group, on_30_march, on_31_march):
    before = measure(dataset, "placement-count", at="2021-03-30", group=group)
    after = measure(dataset, "placement-count", at="2021-03-31", group=group)
    assert (before.value, before.numerator, before.denominator) == (on_30_march, on_30_march, 8)
    assert (after.value, after.denominator) == (on_31_march, 8)
    assert after.breakdown["percent"].iloc[0] == pytest.approx(100 * on_31_march / 8)
    assert after.params == {"at": "2021-03-31", "group": group}


def test_placement_change(dataset):
    result = measure(
        dataset, "placement-change", start="2021-03-30", end="2021-03-31", group="residential"
    )
    assert result.value == pytest.approx(100 * (4 - 3) / 3)
    assert (result.numerator, result.denominator) == (1, 3)
    assert result.breakdown["children"].tolist() == [3, 4]


def test_placement_counts_on_dates(dataset):
    counts = placement_counts_on_dates(dataset, ["2021-03-30", "2021-03-31"], "fostering")
    assert counts.tolist() == [4, 3]


def test_an_authority_can_define_its_own_groups(dataset, tmp_path):
    path = tmp_path / "groups.yml"
    path.write_text("kinship:\n  description: Kinship care\n  place: [u1, u2, u3, p1]\n")
    result = measure(dataset, "placement-count", at="2021-03-31", group="kinship", groups=path)
    assert result.value == 2  # 1 (P1) and 4 (U2)
    assert result.params["groups"] == str(path)


def test_built_in_groups_match_the_contract():
    groups = load_groups()
    assert list(groups) == [
        "placed-with-parents",
        "fostering",
        "in-house-fostering",
        "ifa-fostering",
        "connected-carers",
        "residential",
        "external-residential",
        "in-house-residential",
        "external",
    ]
    assert groups["external"].place is None
    assert groups["external"].place_provider == {"PR2", "PR4", "PR5"}
    assert groups["connected-carers"].shown == "foster care with relatives or friends"
    # the DfE splits placements by type only, so no share for who provides them
    assert groups["external"].dfe_share == ""
    assert groups["in-house-fostering"].dfe_share == "foster_placements_pct"


def test_each_groups_dfe_share_is_a_published_measure_of_a_share():
    published = catalogue.published()
    shares = {g.dfe_share for g in load_groups().values() if g.dfe_share}
    assert shares == {"placed_with_parents_pct", "foster_placements_pct", "childrens_homes_pct"}
    assert all(published[share].unit == "percent" for share in shares)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- just a list\n", "expected a mapping of group name"),
        ("kin: [U1]\n", "group 'kin': expected a mapping"),
        ("kin:\n  description: K\n  places: [U1]\n", "group 'kin': unknown key(s) ['places']"),
        ("kin:\n  place: [U1]\n", "group 'kin': key 'description' must be"),
        ("kin:\n  description: K\n", "group 'kin': needs key 'place' or 'place_provider'"),
        ("kin:\n  description: K\n  place: U1\n", "group 'kin': key 'place' must be a non-empty"),
        ("kin:\n  description: K\n  label: ''\n  place: [U1]\n", "key 'label' must be a non"),
        ("kin:\n  definition: K\n  place: [U1]\n", "unknown key(s) ['definition']"),
        ("kin: [unclosed\n", "not valid YAML"),
    ],
)
def test_malformed_groups_file_names_file_and_key(tmp_path, text, message):
    path = tmp_path / "bad.yml"
    path.write_text(text)
    with pytest.raises(ConfigError) as error:
        load_groups(path)
    assert str(error.value).startswith(str(path))
    assert message in str(error.value)


def test_missing_groups_file_and_unknown_group(tmp_path):
    with pytest.raises(ConfigError, match="cannot read"):
        load_groups(tmp_path / "absent.yml")
    with pytest.raises(ConfigError, match=r"unknown placement group 'kinship'.*known: placed-"):
        find_group("kinship")


def test_placements_without_provider_are_noted(tmp_path):
    dataset = load_903(
        tmp_path,
        {
            2021: {
                "header": [child("1", "2010-05-05"), child("2", "2010-05-05")],
                "episodes": [
                    episode("1", "2020-01-01", place="T1", provider=""),
                    episode("2", "2020-01-01", place="K2", provider="PR4"),
                ],
            }
        },
    )
    result = measure(dataset, "placement-count", at="2021-03-31", group="external")
    assert (result.numerator, result.denominator) == (1, 2)
    assert result.notes == [
        "1 current placements have no PLACE_PROVIDER, so cannot be in this group"
    ]
