"""The whole fictional authority: every child and episode from the warm-up to the last year."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from scrutiny.synth import careers, records, shortbreaks
from scrutiny.synth.population import day, draw_entrants, entries_per_year


@dataclass
class Authority:
    """Full-history tables (days as integers since 1970-01-01; -1 = none or still open)."""

    first_year: int
    last_year: int
    children: pd.DataFrame  # indexed by child number
    episodes: pd.DataFrame
    periods: pd.DataFrame
    adoptions: pd.DataFrame
    missing: pd.DataFrame
    oc2: dict[int, pd.DataFrame]


def simulate(seed: int, children: int | None, first_year: int, last_year: int) -> Authority:
    """Simulate the authority. The same arguments always give the same tables."""
    rng = np.random.default_rng(seed)
    counts = entries_per_year(children, first_year, last_year)
    entrants = draw_entrants(rng, counts["years"], counts["main"])
    episodes, milestones = careers.simulate(rng, entrants, first_year, last_year)
    breaks_children, breaks = shortbreaks.simulate(
        rng, counts["years"], counts["short_breaks"], first_child=len(entrants.child)
    )
    kids = pd.concat(
        [
            pd.DataFrame(
                {
                    "child": entrants.child,
                    "dob": entrants.dob,
                    "female": entrants.female,
                    "ethnic": entrants.ethnic,
                    "uasc": entrants.uasc,
                    "cin": entrants.cin,
                    "mc_dob": entrants.mc_dob,
                }
            ),
            breaks_children,
        ],
        ignore_index=True,
    ).set_index("child")
    n = len(kids)
    kids["id"] = records.child_ids(rng, n)
    kids["upn"] = records.upns(rng, n)
    kids["home_post"] = records.postcodes(rng, records.HOME_AREAS, n)

    episodes = pd.concat([episodes, breaks], ignore_index=True)
    episodes = episodes.sort_values(["child", "DECOM"], kind="stable", ignore_index=True)
    episodes["CIN"] = kids["cin"].to_numpy()[episodes["child"].to_numpy()]
    local = episodes["PLACE_PROVIDER"].isin(["PR0", "PR1"]).to_numpy()
    pl_post = np.where(
        local,
        records.postcodes(rng, records.HOME_AREAS, len(episodes)),
        records.postcodes(rng, records.AWAY_AREAS, len(episodes)),
    )
    temporary = episodes["PLACE"].str.startswith("T").to_numpy()
    episodes["PL_POST"] = np.where(temporary, "", pl_post)
    homes = episodes["PLACE"].isin(["K1", "K2"]).to_numpy()
    urn = np.char.add("SC", rng.integers(100000, 999999, size=len(episodes)).astype(str))
    episodes["URN"] = np.where(homes, urn, "XXXXXXX")

    periods = records.periods(episodes)
    dob = kids["dob"].to_numpy()
    horizon = day(last_year, 3, 31)
    adoptions = records.adoption_records(rng, episodes, milestones)
    missing = records.missing_incidents(
        rng, episodes[~episodes["LS"].isin(["V3", "V4"])], dob, horizon
    )
    oc2 = {}
    for year in range(first_year, last_year + 1):
        cohort = records.oc2_cohort(periods, year)
        oc2[year] = records.oc2(rng, cohort, dob[cohort], year)
    return Authority(first_year, last_year, kids, episodes, periods, adoptions, missing, oc2)
