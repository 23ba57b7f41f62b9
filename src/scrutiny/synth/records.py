"""Child-level records beside the episodes: identifiers, OC2 health, AD1, missing incidents."""

from __future__ import annotations

import numpy as np
import pandas as pd

from scrutiny.synth.config import Choice, calibration, target_year_value
from scrutiny.synth.population import age_years, birthday, day, year_start

UPN_LETTERS = np.array(list("ABCDEFGHJKLMNPQRTUVWXYZ"))
HOME_AREAS = np.array([f"TS{i}" for i in range(1, 9)])
AWAY_AREAS = np.array(["DL1", "DL3", "NE8", "SR4", "YO21", "HU3", "LS9", "TS17", "TS20", "TS24"])
POSTCODE_LETTERS = np.array(list("ABDEFGHJLNPQRSTUWXYZ"))


def child_ids(rng: np.random.Generator, n: int) -> np.ndarray:
    """CHILD as a case-management system might number them (no order to read into them)."""
    return (100000 + rng.permutation(n)).astype(str)


def upns(rng: np.random.Generator, n: int) -> np.ndarray:
    """Fake UPNs: a letter and 12 digits."""
    digits = rng.integers(0, 10**12, size=n, dtype=np.int64)
    return np.char.add(rng.choice(UPN_LETTERS, n), np.char.zfill(digits.astype(str), 12))


def postcodes(rng: np.random.Generator, areas: np.ndarray, n: int) -> np.ndarray:
    """Fake postcodes shaped like the real ones (area + sector + unit letters)."""
    sector = rng.integers(1, 10, size=n).astype(str)
    unit = np.char.add(rng.choice(POSTCODE_LETTERS, n), rng.choice(POSTCODE_LETTERS, n))
    return np.char.add(np.char.add(np.char.add(rng.choice(areas, n), " "), sector), unit)


def periods(episodes: pd.DataFrame) -> pd.DataFrame:
    """One row per period of care: child, first DECOM, last DEC (-1 while open)."""
    grouped = episodes.groupby("pid", sort=True)
    out = grouped.agg(
        child=("child", "first"),
        start=("DECOM", "min"),
        end=("DEC", "max"),
        short_break=("LS", lambda s: s.isin(["V3", "V4"]).any()),
    )
    out.loc[grouped["DEC"].min() == -1, "end"] = -1
    return out.reset_index()


def oc2_cohort(periods: pd.DataFrame, year: int) -> np.ndarray:
    """Children looked after continuously for 12 months at 31 March `year` (no short breaks)."""
    start, at = year_start(year), day(year, 3, 31)
    p = periods[~periods["short_break"]]
    stayed = (p["start"] <= start) & ((p["end"] == -1) | (p["end"] > at))
    return np.sort(p.loc[stayed, "child"].to_numpy())


def _flag(rng: np.random.Generator, p: float, n: int) -> np.ndarray:
    return np.where(rng.random(n) < p, "1", "0")


def oc2(rng: np.random.Generator, cohort: np.ndarray, dob: np.ndarray, year: int) -> pd.DataFrame:
    """OC2 outcomes for the cohort; rates from the year's public targets where there are any."""
    cal = calibration()
    n = len(cohort)
    age = age_years(dob, day(year, 3, 31))

    def rate(series: str, default: str) -> float:
        value = target_year_value(series, year)
        return cal["health_defaults"][default] if value is None else value / 100

    o = cal["oc2"]
    sdq_age = (age >= 5) & (age <= 16)
    returned = sdq_age & (rng.random(n) < o["sdq_returned"])
    score = np.clip(np.rint(rng.normal(o["sdq_score"]["mean"], o["sdq_score"]["sd"], n)), 0, 40)
    reason = np.where(sdq_age, Choice.of(o["sdq_missing_reasons"]).draw(rng, n), "SDQ1")
    older = age >= 10
    misuse = older & (rng.random(n) < o["substance_misuse_10_plus"])
    received = misuse & (rng.random(n) < 0.6)
    return pd.DataFrame(
        {
            "CHILD": cohort,
            "SDQ_SCORE": np.where(returned, score.astype(int).astype(str), ""),
            "SDQ_REASON": np.where(returned, "", reason),
            "CONVICTED": np.where(older, _flag(rng, o["convicted_10_plus"], n), ""),
            "HEALTH_CHECK": np.where(
                age <= 4,
                _flag(rng, rate("development_assessment_pct", "development_assessment"), n),
                "",
            ),
            "IMMUNISATIONS": _flag(rng, rate("immunisations_pct", "immunisations"), n),
            "TEETH_CHECK": _flag(rng, rate("teeth_checked_pct", "teeth_checked"), n),
            "HEALTH_ASSESSMENT": _flag(rng, rate("health_assessment_pct", "health_assessment"), n),
            "SUBSTANCE_MISUSE": np.where(older, np.where(misuse, "1", "0"), ""),
            "INTERVENTION_RECEIVED": np.where(misuse, np.where(received, "1", "0"), ""),
            "INTERVENTION_OFFERED": np.where(misuse & ~received, _flag(rng, 0.5, n), ""),
        }
    )


def adoption_records(
    rng: np.random.Generator, episodes: pd.DataFrame, milestones: pd.DataFrame
) -> pd.DataFrame:
    """Per adopted period: decision, match, placement and adoption days, and the adopters."""
    ad = calibration()["adoption"]
    adopted = episodes.loc[episodes["REC"].isin(["E11", "E12"]), ["pid", "child", "DEC"]]
    m = milestones.merge(adopted, on="pid", how="left").sort_values("pid", ignore_index=True)
    n = len(m)
    order = m["order_day"].fillna(m["placed_day"]).to_numpy(dtype=float)
    decision = order - rng.integers(*ad["decision_before_order_days"], size=n)
    match = m["placed_day"].to_numpy(dtype=float) - rng.integers(
        *ad["match_before_placement_days"], size=n
    )
    couple = rng.random(n) < ad["adopters"]["couple_share"]
    sex = np.where(
        couple,
        Choice.of(ad["adopters"]["couple"]).draw(rng, n),
        Choice.of(ad["adopters"]["single"]).draw(rng, n),
    )
    legal = np.empty(n, dtype="U3")
    for code, weights in ad["adopters"]["legal_status"].items():
        idx = np.flatnonzero(sex == code)
        legal[idx] = Choice.of(weights).draw(rng, len(idx))
    return pd.DataFrame(
        {
            "pid": m["pid"],
            "decision": decision,
            "match": np.maximum(match, decision),
            "adopted": m["DEC"],
            "child": m["child"],
            "FOSTER_CARE": np.where(m["placed_place"].isin(["A3", "A5"]), "1", "0"),
            "NB_ADOPTR": np.where(couple, "2", "1"),
            "SEX_ADOPTR": sex,
            "LS_ADOPTR": legal,
        }
    )


def missing_incidents(
    rng: np.random.Generator, episodes: pd.DataFrame, dob: np.ndarray, horizon: int
) -> pd.DataFrame:
    """Missing (M) and away (A) incidents of older children, by their placement's group rate."""
    cal = calibration()
    miss = cal["missing"]
    group_of = {p: g for g, places in cal["placement_groups"].items() for p in places}
    rate = episodes["PLACE"].map(lambda p: miss["per_month"].get(group_of.get(p, "other"), 0.0))
    child_dob = dob[episodes["child"].to_numpy()]
    low = np.maximum(episodes["DECOM"].to_numpy(), birthday(child_dob, miss["from_age"]))
    end = np.where(episodes["DEC"].to_numpy() == -1, horizon, episodes["DEC"].to_numpy())
    high = np.minimum(end, birthday(child_dob, 18))
    span = np.clip(high - low, 0, None)
    count = rng.poisson(rate.to_numpy() * span / 30.44)
    owner = np.repeat(np.arange(len(episodes)), count)
    start = low[owner] + np.floor(rng.random(len(owner)) * span[owner]).astype(np.int64)
    back = start + rng.geometric(miss["days_back"], size=len(owner)) - 1
    frame = pd.DataFrame(
        {
            "child": episodes["child"].to_numpy()[owner],
            "MISSING": np.where(rng.random(len(owner)) < miss["missing_share"], "M", "A"),
            "MIS_START": start,
            "MIS_END": np.where(back > horizon, -1, back),
        }
    )
    frame = frame.sort_values(["child", "MIS_START"], kind="stable", ignore_index=True)
    # A child cannot go missing again before coming back: drop incidents that would overlap.
    ends = frame["MIS_END"].where(frame["MIS_END"] >= 0, horizon)
    previous_end = ends.groupby(frame["child"]).cummax().groupby(frame["child"]).shift()
    return frame[~(frame["MIS_START"] <= previous_end)].reset_index(drop=True)
