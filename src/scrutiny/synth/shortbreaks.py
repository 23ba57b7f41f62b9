"""Short-break children (legal status V3/V4): in every return, excluded from every DfE count."""

from __future__ import annotations

import numpy as np
import pandas as pd

from scrutiny.synth.config import Choice, calibration
from scrutiny.synth.population import YEAR_DAYS, year_start


def simulate(
    rng: np.random.Generator, years: list[int], counts: np.ndarray, first_child: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(children, episodes) of disabled children on agreed series of short breaks.

    V4: one episode per agreement. V3: one episode (a period of care of its own) per break.
    """
    cal = calibration()["short_breaks"]
    start = np.concatenate(
        [
            rng.integers(year_start(y), year_start(y + 1), size=n)
            for y, n in zip(years, counts, strict=True)
        ]
    )
    n = len(start)
    child = first_child + np.arange(n)
    dob = start - rng.integers(int(5 * YEAR_DAYS), int(15 * YEAR_DAYS), size=n)
    length = rng.integers(*cal["agreement_days"], size=n)
    v3 = rng.random(n) < cal["v3_share"]
    place = Choice.of(cal["places"]).draw(rng, n)

    expected = cal["v3_breaks_per_month"] * length / 30.44
    breaks = np.where(v3, np.maximum(1, rng.poisson(expected)), 1)
    owner = np.repeat(np.arange(n), breaks)
    nights = rng.integers(cal["v3_nights"][0], cal["v3_nights"][1] + 1, size=len(owner))
    gap = 1 + rng.exponential(30.44 / cal["v3_breaks_per_month"], size=len(owner)).astype(np.int64)
    step = gap + nights
    first = np.r_[0, np.cumsum(breaks)[:-1]]
    offset = np.cumsum(step) - np.repeat(np.cumsum(step)[first] - step[first], breaks) - step
    decom = start[owner] + offset
    dec = np.where(v3[owner], decom + nights, start[owner] + length[owner])
    episodes = pd.DataFrame(
        {
            "pid": -1 - owner,
            "child": child[owner],
            "DECOM": decom,
            "DEC": dec,
            "RNE": "S",
            "LS": np.where(v3[owner], "V3", "V4"),
            "PLACE": place[owner],
            "PLACE_PROVIDER": "PR1",
            "REC": np.where(v3[owner], "E4A", "E8"),
            "REASON_PLACE_CHANGE": "",
        }
    )
    children = pd.DataFrame(
        {
            "child": child,
            "dob": dob,
            "female": rng.random(n) < 0.4,
            "ethnic": Choice.of(calibration()["ethnicity"]).draw(rng, n),
            "uasc": False,
            "cin": "N2",
            "mc_dob": -1,
        }
    )
    return children, episodes
