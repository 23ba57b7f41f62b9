"""The synthetic demo authority: fictional children, calibrated to public DfE figures.

Child-level 903 data is confidential, so the pack's default input is this simulation. The same
seed and arguments always write the same bytes.
"""

from __future__ import annotations

from pathlib import Path

from scrutiny.contract import SYNTHETIC_MARKER
from scrutiny.synth.authority import Authority, simulate
from scrutiny.synth.population import default_children
from scrutiny.synth.returns import collection_year
from scrutiny.synth.writer import write_year

DEFAULT_SEED = 903
FIRST_YEAR = 2018
LAST_YEAR = 2022

__all__ = [
    "DEFAULT_SEED",
    "FIRST_YEAR",
    "LAST_YEAR",
    "Authority",
    "default_children",
    "generate",
    "simulate",
]


def generate(
    out: Path,
    seed: int = DEFAULT_SEED,
    children: int | None = None,
    first_year: int = FIRST_YEAR,
    last_year: int = LAST_YEAR,
) -> list[Path]:
    """Simulate the authority and write one folder of CSVs per collection year under `out`."""
    authority = simulate(seed, children, first_year, last_year)
    Path(out).mkdir(parents=True, exist_ok=True)
    marker = Path(out) / SYNTHETIC_MARKER
    marker.write_text(
        "Fictional children from `scrutiny synth`: every pack page built on this "
        "folder says the 903 figures are synthetic.\n"
    )
    written = [marker]
    for year in range(first_year, last_year + 1):
        written += write_year(Path(out) / str(year), collection_year(authority, year))
    return written
