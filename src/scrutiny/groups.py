"""Placement groups as data (groups.yml), so an authority changes a line, not code."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

from scrutiny import yamlsafe
from scrutiny.errors import ConfigError
from scrutiny.hashing import file_sha256

DEFAULT_GROUPS = "scrutiny/groups.yml (built in)"
_KEYS = {"description", "label", "place", "place_provider", "dfe_share"}


@dataclass(frozen=True)
class PlacementGroup:
    """Episodes whose PLACE and PLACE_PROVIDER are in the listed codes (None = any code)."""

    name: str
    description: str  # the rule in words, with its codes
    place: frozenset[str] | None = None
    place_provider: frozenset[str] | None = None
    label: str = ""  # the group as a page's table names it (its name when not given)
    dfe_share: str = ""  # the published share of the placement type it belongs to, if any

    @property
    def shown(self) -> str:
        return self.label or self.name

    def matches(self, episodes: pd.DataFrame) -> pd.Series:
        """Boolean mask over `episodes`: which rows are placements in this group."""
        mask = pd.Series(True, index=episodes.index)
        if self.place is not None:
            mask &= episodes["PLACE"].isin(self.place)
        if self.place_provider is not None:
            mask &= episodes["PLACE_PROVIDER"].isin(self.place_provider)
        return mask


def load_groups(path: str | Path | None = None) -> dict[str, PlacementGroup]:
    """The placement groups in `path`, or the built-in groups.yml when None. Cached by the
    file's content, so an analyst who edits it sees the edit without restarting the kernel."""
    if path is None:
        return _load(None, "")
    path = Path(path).resolve()
    return _load(str(path), file_sha256(path) if path.exists() else "")


@cache
def _load(path: str | None, content: str) -> dict[str, PlacementGroup]:
    source = path or DEFAULT_GROUPS
    try:
        if path is None:
            text = resources.files("scrutiny").joinpath("groups.yml").read_text("utf-8")
            data = yamlsafe.safe_load(text, source)
        else:
            data = yamlsafe.load_path(Path(path))
    except OSError as error:
        message = f"{source}: cannot read the placement groups file ({error})"
        raise ConfigError(message) from None
    except yaml.YAMLError as error:
        raise ConfigError(f"{source}: not valid YAML ({error})") from None
    if not isinstance(data, dict) or not data:
        raise ConfigError(f"{source}: expected a mapping of group name -> rule")
    return {str(name): _group(source, str(name), rule) for name, rule in data.items()}


def _group(source: str, name: str, rule: object) -> PlacementGroup:
    where = f"{source}: group {name!r}"
    if not isinstance(rule, dict):
        raise ConfigError(f"{where}: expected a mapping with keys {sorted(_KEYS)}")
    unknown = set(rule) - _KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(_KEYS)}")
    description = rule.get("description")
    if not isinstance(description, str) or not description.strip():
        raise ConfigError(f"{where}: key 'description' must be a non-empty string")
    if "place" not in rule and "place_provider" not in rule:
        raise ConfigError(f"{where}: needs key 'place' or 'place_provider' (or both)")
    return PlacementGroup(
        name=name,
        description=description.strip(),
        place=_codes(where, rule, "place"),
        place_provider=_codes(where, rule, "place_provider"),
        label=_words(where, rule, "label"),
        dfe_share=_words(where, rule, "dfe_share"),
    )


def _words(where: str, rule: dict, key: str) -> str:
    """An optional text key: absent is "", present must be a non-empty string."""
    if key not in rule:
        return ""
    value = rule[key]
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: key {key!r} must be a non-empty string")
    return value.strip()


def _codes(where: str, rule: dict, key: str) -> frozenset[str] | None:
    if key not in rule:
        return None
    codes = rule[key]
    if not isinstance(codes, list) or not codes or not all(isinstance(c, str) for c in codes):
        raise ConfigError(f"{where}: key {key!r} must be a non-empty list of codes")
    return frozenset(c.strip().upper() for c in codes)


def find_group(name: str, path: str | Path | None = None) -> PlacementGroup:
    """The group called `name` in `path` (or the built-in file); ConfigError if there is none."""
    groups = load_groups(path)
    if name not in groups:
        source = DEFAULT_GROUPS if path is None else str(path)
        known = ", ".join(groups)
        raise ConfigError(f"unknown placement group {name!r} in {source}; known: {known}")
    return groups[name]
