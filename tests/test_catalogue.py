"""Every metric named anywhere exists: the register, the figure catalogue and the alternative
definitions it makes, the claim-text vocabulary and the placement groups they name (issue 14,
item 1). A name that exists nowhere would otherwise surface as a crash on some page."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrutiny import metrics
from scrutiny.catalogue import CatalogueError, figure_metrics
from scrutiny.checks import catalogue as catalogue_module
from scrutiny.checks import run_check
from scrutiny.checks.catalogue import KINDS
from scrutiny.claims import load_register
from scrutiny.claimtext.vocabulary import topics
from scrutiny.groups import load_groups

ROOT = Path(__file__).resolve().parents[1]
REGISTER = load_register(ROOT / "evidence" / "claims.yml", figure_metrics())
# every parameter any variant maker reads, at plausible values
SAMPLE = {
    "at": "2021-03-31",
    "start": "2020-04-30",
    "end": "2021-03-31",
    "year": 2021,
    "max_age_days": 6,
    "group": "fostering",
}


def test_every_catalogue_record_is_a_903_metric():
    assert set(KINDS) <= set(metrics.METRICS)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("cla-on-dat", "'cla-on-dat' is no 903 metric in the catalogue"),
        ("dfe-value", "'dfe-value' is no 903 metric in the catalogue"),  # a DfE query
        ("cla-on-date", "'cla-on-date' has two figure kinds"),
    ],
)
def test_a_figure_kind_for_an_unknown_or_recorded_metric_is_refused(name, message):
    with pytest.raises(CatalogueError, match=message):
        catalogue_module._record(catalogue_module.FigureKind(), name)


def own_sample(name: str) -> dict:
    """SAMPLE cut to what the metric takes; a period given as a year where it may be."""
    params = {k: v for k, v in SAMPLE.items() if k in metrics.METRICS[name].accepts()}
    if "year" in params:
        params.pop("start", None), params.pop("end", None)
    return params


@pytest.mark.parametrize("name", sorted(n for n, kind in KINDS.items() if kind.variants))
def test_every_alternative_definition_is_a_metric_taking_its_params(name):
    for _, metric, params in KINDS[name].variants(own_sample(name)):
        assert metric in metrics.METRICS, (name, metric)
        assert set(params) <= metrics.METRICS[metric].accepts(), (name, metric)


def test_every_vocabulary_topic_exists():
    groups = set(load_groups())
    for topic in topics():
        known = set(metrics.METRICS) if topic.kind == "metric" else groups
        assert topic.name in known, (topic.kind, topic.name)


def test_every_register_group_exists():
    named = {f.params["group"] for c in REGISTER.claims for f in c.figures if "group" in f.params}
    assert named and named <= set(load_groups())


def test_every_register_metric_is_known_and_903_ones_are_in_the_catalogue_list():
    used = {f.metric for c in REGISTER.claims for f in c.figures if f.source != "none"}
    assert used <= set(figure_metrics())
    local = {f.metric for c in REGISTER.claims for f in c.figures if f.source == "903"}
    assert local <= set(metrics.METRICS)  # so `scrutiny measure` answers each alone


def test_the_sensitivity_table_is_computed_once_per_check(monkeypatch, tmp_path):
    """The at-birth chart draws the check's own table instead of measuring it again."""
    from scrutiny.inputs import Inputs

    monkeypatch.setenv("SCRUTINY_CACHE", str(tmp_path))
    calls = []
    real = catalogue_module.sensitivity

    def counted(*args):
        calls.append(args[0].label)
        return real(*args)

    monkeypatch.setattr("scrutiny.checks.sensitivity", counted)
    monkeypatch.chdir(ROOT)
    inputs = Inputs.from_params(
        "2022Q1",
        "evidence/data/synthetic",
        "evidence/data/published",
        "E06000002",
        "Middlesbrough",
        5,
    )
    check = run_check(REGISTER.get("born-into-care-15-1"), inputs)
    check.sensitivity()
    assert check.chart() is not None
    measured = [m.figure.label for m in check.measurements if m.value is not None]
    assert sorted(calls) == sorted(measured)


def test_a_published_share_names_the_counts_it_is_made_of():
    """measures.yml records a share's numerator and denominator, so a page shows both counts
    and a dfe-share figure finds the DfE's own percentage; a rate is no percentage."""
    from scrutiny.published import load_extract

    extract = load_extract()
    held = extract.catalogue
    with_parts = {name: m.parts for name, m in held.items() if m.parts}
    assert with_parts["teeth_checked_pct"] == ("teeth_checked", "health_cohort")
    assert all(held[part].unit == "count" for parts in with_parts.values() for part in parts)
    assert extract.published_share("teeth_checked", "health_cohort") == "teeth_checked_pct"
    assert extract.published_share("adopted", "ceased") == "adopted_pct"
    rate = ("cla_at_31_march", "population_0_17_rate_denominator")
    assert with_parts["cla_rate_per_10000"] == rate
    assert extract.published_share(*rate) is None
