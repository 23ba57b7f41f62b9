"""Calibration rates and public targets of the synthetic authority (YAML beside this file)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from scrutiny import yamlsafe

AGE_BANDS = ("under1", "1-4", "5-9", "10-15", "16-17")
TARGET_AGE_BANDS = ("under 1", "1 to 4", "5 to 9", "10 to 15", "16 and over")


@cache
def _load(name: str) -> dict:
    text = resources.files("scrutiny.synth").joinpath(name).read_text("utf-8")
    return yamlsafe.safe_load(text, name)


def calibration() -> dict:
    """The rates (calibration.yml)."""
    return _load("calibration.yml")


def targets() -> dict:
    """The public figures the rates were tuned to (targets.yml)."""
    return _load("targets.yml")


@dataclass(frozen=True)
class Choice:
    """A weighted set of codes to draw from."""

    codes: np.ndarray
    probs: np.ndarray

    @classmethod
    def of(cls, weights: dict) -> Choice:
        values = np.array(list(weights.values()), dtype=float)
        return cls(np.array([str(k) for k in weights]), values / values.sum())

    def draw(self, rng: np.random.Generator, size: int) -> np.ndarray:
        return rng.choice(self.codes, size=size, p=self.probs)


def age_band(age_years: np.ndarray) -> np.ndarray:
    """Index into AGE_BANDS for ages in completed years."""
    return np.searchsorted(np.array([1, 5, 10, 16]), age_years, side="right")


def target_year_value(series: str, year: int) -> float | None:
    """A target for one collection year, or None when the targets do not cover it."""
    t = targets()
    if year not in t["years"]:
        return None
    return t[series][t["years"].index(year)]
