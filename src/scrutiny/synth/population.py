"""Who enters care and when: the children of the synthetic authority, drawn before their careers."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scrutiny.synth.config import AGE_BANDS, TARGET_AGE_BANDS, Choice, calibration, targets

YEAR_DAYS = 365.25
BAND_DAYS = {  # age in days at entry, [low, high), kept clear of birthdays so bands hold
    "under1": (7, 365),
    "1-4": (367, int(5 * YEAR_DAYS) - 2),
    "5-9": (int(5 * YEAR_DAYS) + 2, int(10 * YEAR_DAYS) - 2),
    "10-15": (int(10 * YEAR_DAYS) + 2, int(16 * YEAR_DAYS) - 2),
    "16-17": (int(16 * YEAR_DAYS) + 2, int(17.8 * YEAR_DAYS)),
}


def day(year: int, month: int = 1, dom: int = 1) -> int:
    """Days since 1970-01-01, the simulation's clock."""
    return int(np.datetime64(f"{year:04d}-{month:02d}-{dom:02d}", "D").astype(np.int64))


def year_start(year: int) -> int:
    """1 April opening collection year `year` (which ends 31 March `year`)."""
    return day(year - 1, 4, 1)


def birthday(dob: np.ndarray, years: int) -> np.ndarray:
    """The day each child reaches `years` (29 February birthdays fall on 1 March)."""
    d = dob.astype("datetime64[D]")
    y = d.astype("datetime64[Y]")
    month_offset = d.astype("datetime64[M]") - y.astype("datetime64[M]")
    day_offset = d - d.astype("datetime64[M]").astype("datetime64[D]")
    shifted = ((y + years).astype("datetime64[M]") + month_offset).astype("datetime64[D]")
    return (shifted + day_offset).astype(np.int64)


def age_years(dob: np.ndarray, on: np.ndarray | int) -> np.ndarray:
    """Completed years of age on a day (calendar based, as DfE counts ages)."""
    d = dob.astype("datetime64[D]")
    o = np.broadcast_to(np.asarray(on, dtype=np.int64), d.shape).astype("datetime64[D]")
    years = o.astype("datetime64[Y]").astype(int) - d.astype("datetime64[Y]").astype(int)
    return years - (_month_day(o) < _month_day(d))


def _month_day(d: np.ndarray) -> np.ndarray:
    month = (d.astype("datetime64[M]").astype(int) % 12) + 1
    dom = (d - d.astype("datetime64[M]")).astype(int) + 1
    return month * 100 + dom


@dataclass
class Entrants:
    """First periods of care, one per child, sorted by entry day."""

    child: np.ndarray  # index into the child arrays below
    entry: np.ndarray  # day the first period starts
    dob: np.ndarray
    female: np.ndarray
    ethnic: np.ndarray
    uasc: np.ndarray
    cin: np.ndarray
    adopt_plan: np.ndarray
    reenters: np.ndarray
    mc_dob: np.ndarray  # day the child's own child was born, or -1


def entries_per_year(children: int | None, first_year: int, last_year: int) -> dict:
    """Children entering care each collection year (main simulation, short breaks).

    Targets give the calibrated authority's yearly starters; `children` rescales every year
    so the whole simulation holds that many distinct children.
    """
    cal, tgt = calibration(), targets()
    years = range(first_year - cal["warmup_years"], last_year + 1)
    reentry = cal["entries"]["reentry_share"]
    main, breaks = [], []
    for y in years:
        if y in tgt["years"]:
            n = tgt["starters"][tgt["years"].index(y)] * (1 - reentry)
        elif y < tgt["years"][0]:
            n = cal["entries"]["warmup_per_year"]
        else:
            n = tgt["starters"][-1] * (1 - reentry)
        main.append(n)
        breaks.append(cal["short_breaks"]["children_per_year"])
    raw = np.array(main + breaks, dtype=float)
    total = children if children is not None else round(raw.sum())
    counts = _round_to_total(raw * total / raw.sum(), total)
    n = len(years)
    return {"years": list(years), "main": counts[:n], "short_breaks": counts[n:]}


def default_children(first_year: int, last_year: int) -> int:
    """Distinct children in the calibrated (Middlesbrough-sized) authority."""
    counts = entries_per_year(None, first_year, last_year)
    return int(counts["main"].sum() + counts["short_breaks"].sum())


def _round_to_total(values: np.ndarray, total: int) -> np.ndarray:
    floors = np.floor(values).astype(np.int64)
    short = total - floors.sum()
    order = np.argsort(-(values - floors), kind="stable")
    floors[order[:short]] += 1
    return floors


def _age_mix(year: int) -> Choice:
    tgt = targets()
    if year in tgt["years"]:
        i = tgt["years"].index(year)
        by_age = tgt["starters_by_age"]
        pairs = zip(AGE_BANDS, TARGET_AGE_BANDS, strict=True)
        return Choice.of({band: by_age[label][i] for band, label in pairs})
    return Choice.of(calibration()["warmup_age_mix"])


def age_at_entry_days(rng: np.random.Generator, bands: np.ndarray) -> np.ndarray:
    """Age in days on the day of entry, for each child's age band (a share of babies newborn)."""
    cal = calibration()["newborn"]
    ages = np.empty(len(bands), dtype=np.int64)
    for band, (low, high) in BAND_DAYS.items():
        idx = np.flatnonzero(bands == band)
        ages[idx] = rng.integers(low, high, size=len(idx))
    babies = np.flatnonzero(bands == "under1")
    newborn = babies[rng.random(len(babies)) < cal["share_of_under1"]]
    weights = np.array(cal["day_weights"], dtype=float)
    ages[newborn] = rng.choice(len(weights), size=len(newborn), p=weights / weights.sum())
    return ages


def draw_entrants(rng: np.random.Generator, years: list[int], counts: np.ndarray) -> Entrants:
    """Every child's first entry to care, with the facts that stay fixed for life."""
    cal = calibration()
    entry_parts, band_parts = [], []
    for year, n in zip(years, counts, strict=True):
        start = year_start(year)
        entry_parts.append(rng.integers(start, year_start(year + 1), size=n))
        mix = _age_mix(year)
        per_band = _round_to_total(mix.probs * n, n)
        band_parts.append(rng.permutation(np.repeat(mix.codes, per_band)))
    entry = np.concatenate(entry_parts)
    bands = np.concatenate(band_parts)
    order = np.argsort(entry, kind="stable")
    entry, bands = entry[order], bands[order]
    n = len(entry)
    dob = entry - age_at_entry_days(rng, bands)
    uasc = (
        np.isin(bands, ["10-15", "16-17"])
        & (entry - dob > 14 * YEAR_DAYS)
        & (rng.random(n) < cal["uasc"]["share_of_entrants_14_plus"])
    )
    female = rng.random(n) < cal["female_share"]
    female[uasc] = rng.random(uasc.sum()) >= cal["uasc"]["male_share"]
    ethnic = Choice.of(cal["ethnicity"]).draw(rng, n)
    ethnic[uasc] = Choice.of(cal["uasc"]["ethnicity"]).draw(rng, uasc.sum())
    plan = cal["adoption"]["plan_share"]
    adopt_plan = np.zeros(n, dtype=bool)
    for band, share in plan.items():
        idx = np.flatnonzero(bands == band)
        adopt_plan[idx] = rng.random(len(idx)) < share
    reenters = (~adopt_plan & ~uasc) & (rng.random(n) < cal["entries"]["comes_back_share"])
    mother = cal["mother"]
    mc_age = rng.uniform(*mother["age_at_first_child"], size=n) * YEAR_DAYS
    is_mother = female & ~uasc & (rng.random(n) < mother["share_of_girls"])
    mc_dob = np.where(is_mother, dob + mc_age.astype(np.int64), -1)
    return Entrants(
        child=np.arange(n),
        entry=entry,
        dob=dob,
        female=female,
        ethnic=ethnic,
        uasc=uasc,
        cin=Choice.of(cal["category_of_need"]).draw(rng, n),
        adopt_plan=adopt_plan,
        reenters=reenters,
        mc_dob=mc_dob,
    )
