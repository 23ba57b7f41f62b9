"""evidence/indicators.yml: the committed file loads; mistakes name the file and indicator."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scrutiny.errors import ConfigError
from scrutiny.quarters import Quarter
from scrutiny.scorecard import load_indicators
from scrutiny.scorecard.indicators import collection_year, resolve_tokens

ROOT = Path(__file__).resolve().parents[1]
INDICATORS = ROOT / "evidence" / "indicators.yml"

GOOD = {
    "id": "teeth",
    "title": "Dental check",
    "measure": "teeth_checked_pct",
    "polarity": "higher_is_better",
    "current_903": {"metric": "oc2-dental", "params": {"year": "@collection_year"}},
}


def write(tmp_path: Path, *entries: dict) -> Path:
    path = tmp_path / "indicators.yml"
    path.write_text(yaml.safe_dump({"indicators": list(entries)}))
    return path


def test_committed_file_has_the_required_indicators():
    indicators = load_indicators(INDICATORS)
    measures = {i.measure for i in indicators}
    assert {
        "cla_rate_per_10000",
        "starters_rate_per_10000",
        "starters_under_1_pct",
        "placed_with_parents_pct",
        "adopted",
        "adopted_pct",
        "health_assessment_pct",
        "teeth_checked_pct",
        "sgo_pct",
    } <= measures
    assert len(indicators) >= 7
    by_id = {i.id: i for i in indicators}
    assert by_id["teeth-checked"].polarity == "higher_is_better"
    assert by_id["teeth-checked"].target == "neighbour_average"  # the default
    assert by_id["adoptions"].target == "none"
    assert by_id["adoptions-pct"].current_903 is None
    assert by_id["cla-rate"].current_903.convert == "rate_per_10000"


def test_a_good_minimal_indicator(tmp_path):
    [indicator] = load_indicators(write(tmp_path, GOOD))
    assert (indicator.id, indicator.target, indicator.current_903.convert) == (
        "teeth",
        "neighbour_average",
        "value",
    )


def test_a_number_is_a_fixed_target(tmp_path):
    [indicator] = load_indicators(write(tmp_path, GOOD | {"target": 90}))
    assert indicator.target == 90.0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"measure": "teeth_pct"}, "unknown published measure 'teeth_pct'"),
        ({"polarity": "up"}, "polarity must be one of"),
        ({"polarity": True}, "polarity must be one of"),
        ({"colour": "red"}, "unknown key(s) ['colour']"),
        ({"target": "neighbours"}, "target must be a number or one of"),
        ({"current_903": {"metric": "oc2-teeth", "params": {}}}, "unknown metric 'oc2-teeth'"),
        (
            {"current_903": {"metric": "oc2-dental", "params": {"at": "@quarter_end"}}},
            "does not take at",
        ),
        (
            {"current_903": {"metric": "oc2-dental", "params": {"year": "@bad"}}},
            "unknown date token",
        ),
        ({"current_903": {"metric": "oc2-dental", "as": "ratio"}}, "as must be one of"),
        ({"current_903": {"metric": "oc2-dental", "per": 1}}, "current_903 has unknown key(s)"),
    ],
)
def test_mistakes_name_the_file_and_indicator(tmp_path, change, message):
    path = write(tmp_path, GOOD | change)
    with pytest.raises(ConfigError) as error:
        load_indicators(path)
    assert str(path) in str(error.value)
    assert "indicator 'teeth'" in str(error.value)
    assert message in str(error.value)


def test_missing_key_and_repeated_id(tmp_path):
    no_measure = {k: v for k, v in GOOD.items() if k != "measure"}
    with pytest.raises(ConfigError, match=r"missing key\(s\) \['measure'\]"):
        load_indicators(write(tmp_path, no_measure))
    with pytest.raises(ConfigError, match="used twice: teeth"):
        load_indicators(write(tmp_path, GOOD, GOOD))


def test_file_shape(tmp_path):
    path = tmp_path / "indicators.yml"
    path.write_text("indicator:\n  - id: x\n")
    with pytest.raises(ConfigError, match="expected one key, 'indicators'"):
        load_indicators(path)
    with pytest.raises(ConfigError, match="not found"):
        load_indicators(tmp_path / "absent.yml")


def test_tokens_resolve_against_the_quarter():
    params = {"start": "@year_to_quarter_end", "end": "@quarter_end", "year": "@collection_year"}
    resolved = resolve_tokens(params, Quarter.parse("2021Q3"))
    assert [str(resolved["start"]), str(resolved["end"])] == ["2020-10-01", "2021-09-30"]
    assert resolved["year"] == 2021  # 2021/22 has not ended by 30 September 2021
    assert collection_year(Quarter.parse("2022Q1")) == 2022  # ends 31 March 2022
    assert collection_year(Quarter.parse("2021Q4")) == 2021
