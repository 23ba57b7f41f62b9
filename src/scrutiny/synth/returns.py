"""Cut the authority's history into yearly SSDA903 returns, as the DfE would receive them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from scrutiny.ssda903.dataset import schema
from scrutiny.synth.authority import Authority
from scrutiny.synth.population import age_years, birthday, day, year_start

UN_NOT_SCHOOL_AGE = "UN1"
UN_NEVER_IN_SCHOOL = "UN2"


def dates(days: np.ndarray | pd.Series) -> np.ndarray:
    """dd/mm/YYYY text for day numbers; blank for -1 or missing."""
    values = np.asarray(days, dtype=float)
    blank = np.isnan(values) | (values < 0)
    stamps = pd.to_datetime(np.where(blank, 0, values).astype(np.int64), unit="D")
    return np.where(blank, "", stamps.strftime("%d/%m/%Y"))


def _columns(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    return frame[schema()["tables"][table]["columns"]]


def episodes(a: Authority, year: int) -> pd.DataFrame:
    """Episodes open at any time in the year; those still open at 31 March have no DEC/REC."""
    start, end = year_start(year), day(year, 3, 31)
    e = a.episodes
    e = e[(e["DECOM"] <= end) & ((e["DEC"] == -1) | (e["DEC"] >= start))].copy()
    later = (e["DEC"] > end).to_numpy()
    e.loc[later, "DEC"] = -1
    e.loc[later, "REC"] = ""
    e["CHILD"] = a.children["id"].to_numpy()[e["child"].to_numpy()]
    e["HOME_POST"] = a.children["home_post"].to_numpy()[e["child"].to_numpy()]
    e["DECOM"], e["DEC"] = dates(e["DECOM"]), dates(e["DEC"])
    return _columns("episodes", e)


def header(a: Authority, year: int, children: np.ndarray) -> pd.DataFrame:
    """One row per child in the year's episodes, as recorded at 31 March."""
    at = day(year, 3, 31)
    k = a.children.loc[children]
    dob = k["dob"].to_numpy()
    upn = np.where(age_years(dob, at) < 5, UN_NOT_SCHOOL_AGE, k["upn"].to_numpy())
    upn = np.where(k["uasc"].to_numpy(), UN_NEVER_IN_SCHOOL, upn)
    mc_dob = k["mc_dob"].to_numpy()
    mother = (mc_dob >= 0) & (mc_dob <= at)
    old_enough = k["female"].to_numpy() & (age_years(dob, at) >= 12)
    return pd.DataFrame(
        {
            "CHILD": k["id"].to_numpy(),
            "SEX": np.where(k["female"].to_numpy(), "2", "1"),
            "DOB": dates(dob),
            "ETHNIC": k["ethnic"].to_numpy(),
            "UPN": upn,
            "MOTHER": np.where(old_enough, np.where(mother, "1", "0"), ""),
            "MC_DOB": dates(np.where(mother, mc_dob, -1)),
        }
    )


def _child_columns(a: Authority, frame: pd.DataFrame) -> pd.DataFrame:
    """Add CHILD and DOB (the leading columns of most tables) from the child number."""
    kids = a.children.loc[frame["child"].to_numpy()]
    return frame.assign(CHILD=kids["id"].to_numpy(), DOB=dates(kids["dob"].to_numpy()))


def collection_year(a: Authority, year: int) -> dict[str, pd.DataFrame]:
    """All the tables of one year's return, keyed by file stem, rows sorted by CHILD."""
    start, end = year_start(year), day(year, 3, 31)
    in_year = a.episodes[
        (a.episodes["DECOM"] <= end) & ((a.episodes["DEC"] == -1) | (a.episodes["DEC"] >= start))
    ]
    children = np.unique(in_year["child"].to_numpy())

    oc2 = a.oc2[year].rename(columns={"CHILD": "child"})
    ad = a.adoptions
    adopted = ad[(ad["adopted"] >= start) & (ad["adopted"] <= end)]
    ad1 = adopted.assign(DATE_INT=dates(adopted["decision"]), DATE_MATCH=dates(adopted["match"]))
    deciding = ad[(ad["decision"] <= end) & ~(ad["adopted"] < start) & ad["child"].isin(children)]
    placed = deciding.assign(
        DATE_PLACED=dates(deciding["decision"]), DATE_PLACED_CEASED="", REASON_PLACED_CEASED=""
    )
    m = a.missing
    m = m[(m["MIS_START"] >= start) & (m["MIS_START"] <= end)]
    m = m.assign(
        MIS_START=dates(m["MIS_START"]),
        MIS_END=dates(np.where(m["MIS_END"] > end, -1, m["MIS_END"])),
    )
    uasc_children = children[a.children.loc[children, "uasc"].to_numpy()]
    uasc = pd.DataFrame({"child": uasc_children})
    uasc["DUC"] = dates(birthday(a.children.loc[uasc_children, "dob"].to_numpy(), 18))
    uasc["SEX"] = np.where(a.children.loc[uasc_children, "female"].to_numpy(), "2", "1")

    tables = {
        "header": header(a, year, children),
        "episodes": episodes(a, year),
        "oc2": _columns("oc2", _child_columns(a, oc2)),
        "ad1": _columns("ad1", _child_columns(a, ad1)),
        "placed_for_adoption": _columns("placed_adoption", _child_columns(a, placed)),
        "missing": _columns("missing", _child_columns(a, m)),
        "uasc": _columns("uasc", _child_columns(a, uasc)),
    }
    return {name: _sorted(frame) for name, frame in tables.items()}


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    keys = ["CHILD"]
    for column in ("DECOM", "MIS_START"):
        if column in frame:
            frame = frame.assign(_when=pd.to_datetime(frame[column], format="%d/%m/%Y"))
            keys.append("_when")
    frame = frame.sort_values(keys, kind="stable", ignore_index=True)
    return frame.drop(columns=["_when"], errors="ignore")
