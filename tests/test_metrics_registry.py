"""The metric registry: every metric runs, and bad parameters get a clear ConfigError."""

from __future__ import annotations

import json
from datetime import date

import pytest
from builders import child, episode, load_903, missing, oc2

from scrutiny.errors import ConfigError
from scrutiny.metrics import METRICS, MetricResult, measure

PARAMS = {  # one valid call per metric
    "cla-on-date": {"at": "2021-03-31"},
    "cla-change": {"start": "2020-03-31", "end": "2021-03-31"},
    "starters": {"year": 2021},
    "starters-newborn": {"year": 2021, "max_age_days": 0},
    "starters-under1": {"year": 2021},
    "oc2-cohort": {"year": 2021},
    "oc2-dental": {"year": 2021},
    "oc2-health-assessment": {"year": 2021},
    "oc2-immunisations": {"year": 2021},
    "adoptions": {"year": 2021},
    "placed-for-adoption": {"year": 2021},
    "sgo": {"year": 2021},
    "placement-count": {"at": date(2021, 3, 31), "group": "fostering"},
    "placement-change": {"start": "2020-03-31", "end": "2021-03-31", "group": "external"},
    "missing-incidents": {"start": "2021-01-01", "end": "2021-03-31"},
    "cla-by-ethnicity": {"at": "2021-03-31"},
    "cla-month-average": {"at": "2021-03-31"},
    "cla-change-month-average": {"start": "2020-03-31", "end": "2021-03-31"},
    "placement-count-min": {"start": "2020-04-30", "end": "2021-03-31", "group": "external"},
    "placement-count-max": {"start": "2020-04-30", "end": "2021-03-31", "group": "external"},
    "missing-incidents-monthly": {"year": 2021},
    "placement-share-change": {
        "start": "2020-03-31",
        "end": "2021-03-31",
        "group": "in-house-fostering",
        "within": "fostering",
    },
}


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    root = tmp_path_factory.mktemp("903")
    return load_903(
        root,
        {
            2021: {
                "header": [child("1", "2019-01-01"), child("2", "2020-07-01")],
                "episodes": [episode("1", "2019-02-01"), episode("2", "2020-07-01")],
                "oc2": [oc2("1", teeth="1")],
                "missing": [missing("1", "2021-02-02")],
            }
        },
    )


def test_every_metric_in_the_contract_is_registered():
    assert set(METRICS) == set(PARAMS)
    assert all(spec.description for spec in METRICS.values())
    # a page lists a topic's metrics by their labels, so each needs one
    assert all(spec.label for spec in METRICS.values() if spec.topic)


@pytest.mark.parametrize("name", sorted(PARAMS))
def test_every_metric_runs_and_serialises(dataset, name):
    result = measure(dataset, name, **PARAMS[name])
    assert isinstance(result, MetricResult)
    assert result.metric == name
    json.dumps(result.to_dict())
    assert all(isinstance(value, str | int) for value in result.params.values())


@pytest.mark.parametrize(
    ("name", "params", "message"),
    [
        ("cla-on-day", {"at": "2021-03-31"}, "unknown metric 'cla-on-day'; known metrics: cla-on"),
        ("cla-on-date", {}, "cla-on-date needs at"),
        ("cla-on-date", {"at": "2021-03-31", "year": 2021}, "cla-on-date does not take year"),
        ("starters", {}, "starters needs a period: start and end"),
        ("starters", {"start": "2021-01-01"}, "starters needs a period"),
        ("starters", {"year": 2021, "end": "2021-01-01"}, "either start and end, or year"),
        ("starters", {"start": "2021-02-01", "end": "2021-01-01"}, "start 2021-02-01 is after"),
        ("cla-change", {"start": "2021-02-01", "end": "2021-01-01"}, "is after end"),
        ("cla-on-date", {"at": "31/03/2021"}, "at must be a date as YYYY-MM-DD"),
        ("cla-on-date", {"at": "2021-02-30"}, "at must be a date as YYYY-MM-DD"),
        ("starters", {"year": "twenty"}, "year must be a whole number"),
        ("starters-newborn", {"year": 2021, "max_age_days": -1}, "max_age_days must be"),
        ("placement-count", {"at": "2021-03-31"}, "placement-count needs group"),
        ("placement-count", {"at": "2021-03-31", "group": "kin"}, "unknown placement group"),
    ],
)
def test_bad_parameters_are_config_errors(dataset, name, params, message):
    with pytest.raises(ConfigError) as error:
        measure(dataset, name, **params)
    assert message in str(error.value)


def test_none_counts_as_not_given(dataset):
    result = measure(dataset, "cla-on-date", at="2021-03-31", year=None, group=None)
    assert result.value == 2
