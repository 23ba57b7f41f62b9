"""The scorecard's indicators (evidence/indicators.yml), checked strictly when loaded.

A typo in the file must stop the pack with the file and the indicator named, never drop a row
or rate an indicator the wrong way round.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from scrutiny import metrics, yamlsafe
from scrutiny.errors import ConfigError
from scrutiny.published.tables import measures_file
from scrutiny.quarters import Quarter

POLARITIES = ("lower_is_better", "higher_is_better", "neutral")
TARGET_RULES = ("neighbour_average", "region", "england", "none")
CONVERSIONS = ("value", "percent", "rate_per_10000")
INDICATOR_KEYS = {"id", "title", "measure", "polarity", "target", "current_903", "note"}
REQUIRED_KEYS = {"id", "title", "measure", "polarity", "current_903"}
CURRENT_KEYS = {"metric", "params", "as"}
COLLECTION_YEAR = "@collection_year"
EXAMPLE_QUARTER = Quarter.parse("2022Q1")  # only to check that date tokens resolve


@dataclass(frozen=True)
class Current903:
    """How the authority's own figure for the quarter is measured on its 903 data."""

    metric: str
    params: dict
    convert: str  # one of CONVERSIONS


@dataclass(frozen=True)
class Indicator:
    id: str
    title: str
    measure: str  # a published measure
    polarity: str  # one of POLARITIES
    target: str | float  # one of TARGET_RULES, or a fixed number
    current_903: Current903 | None
    note: str = ""


def load_indicators(path: Path | str) -> list[Indicator]:
    """Every indicator in the file, in file order; ConfigError on anything unexpected."""
    path = Path(path)
    try:
        document = yamlsafe.load_path(path)
    except FileNotFoundError:
        raise ConfigError(f"{path}: indicators file not found") from None
    except yaml.YAMLError as error:
        raise ConfigError(f"{path}: not valid YAML ({error})") from None
    if not isinstance(document, dict) or set(document) != {"indicators"}:
        raise ConfigError(f"{path}: expected one key, 'indicators', holding a list")
    entries = document["indicators"]
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{path}: 'indicators' must be a non-empty list")
    indicators = [parse_indicator(entry, path, number) for number, entry in enumerate(entries, 1)]
    ids = [i.id for i in indicators]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise ConfigError(f"{path}: indicator id(s) used twice: {', '.join(repeated)}")
    return indicators


def parse_indicator(entry: object, path: Path, number: int) -> Indicator:
    if not isinstance(entry, dict):
        raise ConfigError(f"{path}: indicator {number} is not a mapping of keys to values")
    where = f"{path}: indicator {entry.get('id', number)!r}"
    unknown = sorted(set(entry) - INDICATOR_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {unknown}; allowed: {sorted(INDICATOR_KEYS)}")
    missing = sorted(REQUIRED_KEYS - set(entry))
    if missing:
        raise ConfigError(f"{where}: missing key(s) {missing}")
    measures = measures_file()["measures"]
    if entry["measure"] not in measures:
        raise ConfigError(
            f"{where}: unknown published measure {entry['measure']!r}; known: {sorted(measures)}"
        )
    if entry["polarity"] not in POLARITIES:
        raise ConfigError(
            f"{where}: polarity must be one of {', '.join(POLARITIES)}, not {entry['polarity']!r}"
        )
    return Indicator(
        id=str(entry["id"]),
        title=str(entry["title"]),
        measure=entry["measure"],
        polarity=entry["polarity"],
        target=parse_target(entry.get("target", "neighbour_average"), where),
        current_903=parse_current(entry["current_903"], where),
        note=str(entry.get("note") or ""),
    )


def parse_target(target: object, where: str) -> str | float:
    if isinstance(target, int | float) and not isinstance(target, bool):
        return float(target)
    if target not in TARGET_RULES:
        raise ConfigError(
            f"{where}: target must be a number or one of {', '.join(TARGET_RULES)}, not {target!r}"
        )
    return target


def parse_current(spec: object, where: str) -> Current903 | None:
    if spec is None:
        return None
    if not isinstance(spec, dict):
        raise ConfigError(f"{where}: current_903 must be null or a mapping (metric, params, as)")
    unknown = sorted(set(spec) - CURRENT_KEYS)
    if unknown:
        raise ConfigError(f"{where}: current_903 has unknown key(s) {unknown}")
    convert = spec.get("as", "value")
    if convert not in CONVERSIONS:
        raise ConfigError(f"{where}: current_903 as must be one of {', '.join(CONVERSIONS)}")
    params = spec.get("params") or {}
    if not isinstance(params, dict):
        raise ConfigError(f"{where}: current_903 params must be a mapping")
    try:
        metrics.resolve(str(spec.get("metric")), **resolve_tokens(params, EXAMPLE_QUARTER))
    except ConfigError as error:
        raise ConfigError(f"{where}: current_903: {error}") from None
    return Current903(spec["metric"], dict(params), convert)


def resolve_tokens(params: dict, quarter: Quarter) -> dict:
    """Parameters with the date tokens replaced by the quarter's dates (and collection year)."""
    return {
        name: collection_year(quarter) if value == COLLECTION_YEAR else quarter.resolve(value)
        for name, value in params.items()
    }


def collection_year(quarter: Quarter) -> int:
    """The latest collection year (1 April to 31 March) that has ended by the quarter's end."""
    end = quarter.end
    return end.year if (end.month, end.day) >= (3, 31) else end.year - 1
