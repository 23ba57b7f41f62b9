"""One vocabulary of subjects: placement groups (groups.yml) and metrics (the catalogue)."""

from __future__ import annotations

import pytest

from scrutiny.claimtext.subjects import guess_metric, subject_key
from scrutiny.claimtext.vocabulary import _vocabulary, name_wordings, topic_in
from scrutiny.groups import load_groups
from scrutiny.metrics.registry import METRICS


@pytest.mark.parametrize(
    "subject",
    [
        "children residing in Placements with Parents",
        "children placed with parents",
        "PwP numbers",
        "children placed-with-parents",
    ],
)
def test_every_wording_of_placed_with_parents_has_one_key(subject):
    assert subject_key(subject) == "placed-with-parents"
    assert subject_key(subject, national=True) == "placed-with-parents (national)"


@pytest.mark.parametrize(
    ("clues", "group"),
    [
        ("external residential placements", "external-residential"),  # longest wording wins
        ("in-house foster care, not independent fostering agencies", "in-house-fostering"),
        ("places with an IFA", "ifa-fostering"),
        ("children in kinship care", "connected-carers"),
        ("young people in our own children's homes", "in-house-residential"),
    ],
)
def test_the_group_named_first_is_the_subject(clues, group):
    assert guess_metric(clues, "", change=False) == ("placement-count", group)


def test_a_name_gives_its_inflections_and_initials():
    assert name_wordings("placed-with-parents") == [r"plac\w*[-\s]+with[-\s]+parent\w*", "pwp"]
    assert name_wordings("ifa-fostering") == [r"ifa[-\s]+foster\w*"]  # two words: no initials


def test_subjects_outside_the_vocabulary_keep_their_own_words():
    assert subject_key("Children in care in Middlesbrough") == "children looked after"
    assert subject_key("care leavers") == "care leavers"
    assert topic_in("care leavers in work", "group") is None


def test_the_vocabulary_names_only_groups_and_metrics_that_exist():
    data = _vocabulary()
    assert set(data["groups"]) <= set(load_groups())
    assert set(data["metrics"]) <= set(METRICS)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (
            {"groups": {"placed-with-grandparents": ["grandparents"]}, "metrics": {}},
            r"unknown placement group.*placed-with-grandparents",
        ),
        (
            {"groups": {}, "metrics": {"oc2-dentist": ["dental"]}},
            r"clue words for unknown metric.*oc2-dentist",
        ),
    ],
)
def test_wordings_for_a_group_or_metric_nobody_defines_are_an_error(monkeypatch, bad, message):
    from scrutiny.claimtext import vocabulary
    from scrutiny.errors import ConfigError

    monkeypatch.setattr(vocabulary, "_vocabulary", lambda: bad)
    vocabulary.topics.cache_clear()
    try:
        with pytest.raises(ConfigError, match=message):
            vocabulary.topics()
    finally:
        vocabulary.topics.cache_clear()
