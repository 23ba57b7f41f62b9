"""Periods of care simulated month by month: entries, placement moves, legal-status changes,
temporary placements, the adoption pathway and exits, all drawn as vectors over open periods."""

from __future__ import annotations

import numpy as np
import pandas as pd

from scrutiny.synth.config import AGE_BANDS, Choice, age_band, calibration
from scrutiny.synth.population import Entrants, age_years, birthday, day, year_start

EMERGENCY = ("L1", "L2")
MONTH_DAYS = 30.44


def _choices(weights_by_key: dict) -> dict[str, Choice]:
    return {str(k): Choice.of(w) for k, w in weights_by_key.items()}


def _draw_by(rng: np.random.Generator, keys: np.ndarray, choices: dict[str, Choice]) -> np.ndarray:
    """One code per row, drawn from the weights of that row's key."""
    out = np.empty(len(keys), dtype="U6")
    for key, choice in choices.items():
        idx = np.flatnonzero(keys == key)
        if len(idx):
            out[idx] = choice.draw(rng, len(idx))
    return out


class Rules:
    """The calibration rates as lookups the monthly step uses."""

    def __init__(self, first_output_year: int):
        cal = calibration()
        self.cal = cal
        self.first_output_year = first_output_year
        self.place_at_entry = _choices(cal["placement_at_entry"])
        self.place_on_move = _choices(cal["placement_on_move"])
        self.providers = _choices(cal["providers"])
        self.ls_at_entry = _choices(cal["legal_status_at_entry"])
        self.move_reasons = Choice.of(cal["move_reasons"])
        self.temporary_places = Choice.of(cal["temporary"]["places"])
        self.exit_reasons = _choices(cal["exit"]["reasons"])
        self.exit_at_18 = _choices(cal["exit"]["at_18"])
        self.group_of = {p: g for g, places in cal["placement_groups"].items() for p in places}
        bands = cal["exit"]["hazard_by_months_in_care"]
        self.duration_edges = np.array(sorted(bands), dtype=float)
        self.duration_hazard = np.array([bands[k] for k in sorted(bands)])
        self.age_factor = np.array([cal["exit"]["age_factor"][b] for b in AGE_BANDS])
        self.move_hazard = np.array([cal["move_hazard"][b] for b in AGE_BANDS])

    def year_factor(self, year: int) -> float:
        factors = self.cal["exit"]["year_factor"]
        if year in factors:
            return factors[year]
        return factors["warmup"] if year < self.first_output_year else 1.0

    def group(self, places: np.ndarray) -> np.ndarray:
        uniq, inverse = np.unique(places, return_inverse=True)
        return np.array([self.group_of.get(p, "other") for p in uniq], dtype="U11")[inverse]

    def provider(self, rng: np.random.Generator, places: np.ndarray) -> np.ndarray:
        out = _draw_by(rng, places, self.providers)
        return out.astype("U3")


class Careers:
    """Accumulates episodes while the month-by-month simulation runs."""

    STATE = (
        "pid",
        "child",
        "dob",
        "b18",
        "pstart",
        "stage",
        "stage_day",
        "comes_back",
        "ep_start",
        "rne",
        "ls",
        "place",
        "prov",
        "reason",
    )

    def __init__(self, rules: Rules, rng: np.random.Generator):
        self.rules = rules
        self.rng = rng
        self.open = {k: np.empty(0, dtype=np.int64) for k in self.STATE}
        for k, dtype in (
            ("rne", "U1"),
            ("ls", "U2"),
            ("place", "U2"),
            ("prov", "U3"),
            ("reason", "U6"),
        ):
            self.open[k] = np.empty(0, dtype=dtype)
        self.episodes: list[dict] = []
        self.milestones: list[dict] = []  # placement order and adoption placement days
        self.returns: list[dict] = []  # children who will come back after going home
        self.next_pid = 0

    # -- bookkeeping -----------------------------------------------------------------------
    def _close(self, idx: np.ndarray, dec: np.ndarray, rec: np.ndarray) -> None:
        o = self.open
        self.episodes.append(
            {
                "pid": o["pid"][idx],
                "child": o["child"][idx],
                "DECOM": o["ep_start"][idx],
                "DEC": dec,
                "RNE": o["rne"][idx],
                "LS": o["ls"][idx],
                "PLACE": o["place"][idx],
                "PLACE_PROVIDER": o["prov"][idx],
                "REC": rec.astype("U3"),
                "REASON_PLACE_CHANGE": o["reason"][idx],
            }
        )

    def _keep(self, keep: np.ndarray) -> None:
        self.open = {k: v[keep] for k, v in self.open.items()}

    def start(self, child, entry, dob, adopt_plan, comes_back) -> None:
        """Open new periods of care (RNE S) on their entry days."""
        rng, rules = self.rng, self.rules
        n = len(child)
        bands = np.array(AGE_BANDS)[age_band(age_years(dob, entry))]
        place = _draw_by(rng, bands, rules.place_at_entry).astype("U2")
        new = {
            "pid": np.arange(self.next_pid, self.next_pid + n),
            "child": child,
            "dob": dob,
            "b18": birthday(dob, 18),
            "pstart": entry,
            "stage": np.where(adopt_plan, 0, -1),
            "stage_day": entry,
            "comes_back": comes_back,
            "ep_start": entry,
            "rne": np.full(n, "S"),
            "ls": _draw_by(rng, bands, rules.ls_at_entry).astype("U2"),
            "place": place,
            "prov": rules.provider(rng, place),
            "reason": np.full(n, "", dtype="U6"),
        }
        self.next_pid += n
        self.open = {k: np.concatenate([self.open[k], new[k]]) for k in self.STATE}

    # -- one month ---------------------------------------------------------------------------
    def step(self, month_start: int, next_month: int) -> None:
        """Draw at most one event for each open period in the month, then apply them."""
        o, rng, rules, cal = self.open, self.rng, self.rules, self.rules.cal
        n = len(o["pid"])
        if n == 0:
            return
        when = np.datetime64(int(month_start), "D").astype(object)
        coll_year = when.year + (1 if when.month >= 4 else 0)
        band = age_band(age_years(o["dob"], month_start))
        in_care = (month_start - o["pstart"]) / MONTH_DAYS
        in_stage = (month_start - o["stage_day"]) / MONTH_DAYS
        stage, ls, place = o["stage"], o["ls"], o["place"]
        emergency = np.isin(ls, EMERGENCY)

        h_exit = (
            rules.duration_hazard[np.searchsorted(rules.duration_edges, in_care, "right") - 1]
            * rules.age_factor[band]
            * rules.year_factor(coll_year)
        )
        h_exit *= np.where(
            place == "P1", cal["exit"]["placed_with_parents_factor"].get(coll_year, 1.0), 1.0
        )
        h_exit = np.where(ls == "J1", cal["exit"]["remand_hazard"], h_exit)
        h_exit = np.where(stage == 0, h_exit * cal["adoption"]["plan_change_factor"], h_exit)
        h_exit = np.where(stage >= 1, 0.0, h_exit)
        h_move = np.where(stage == 2, 0.0, rules.move_hazard[band])
        lsc = cal["legal_status_changes"]
        h_legal = np.select(
            [
                emergency,
                (ls == "C1") & (stage < 0) & (in_care >= lsc["interim"]["after_months"]),
                (ls == "V2") & (stage < 0),
            ],
            [lsc["emergency"]["hazard"], lsc["interim"]["hazard"], lsc["section20"]["hazard"]],
            0.0,
        )
        h_temp = np.where((stage == 2) | (place == "P1"), 0.0, cal["temporary"]["hazard"])
        ad = cal["adoption"]
        h_adopt = np.select(
            [
                (stage == 0) & ~emergency & (in_care >= ad["placement_order"]["after_months"]),
                (stage == 1) & (in_stage >= ad["placed"]["after_months"]),
                (stage == 2) & (in_stage >= ad["adopted"]["after_months"]),
            ],
            [ad["placement_order"]["hazard"], ad["placed"]["hazard"], ad["adopted"]["hazard"]],
            0.0,
        )
        probs = 1 - np.exp(-np.stack([h_exit, h_move, h_legal, h_temp, h_adopt], axis=1))
        probs /= np.maximum(probs.sum(axis=1, keepdims=True), 1.0)
        u = rng.random(n)
        event = (u[:, None] >= np.cumsum(probs, axis=1)).sum(axis=1)  # 0-4 as stacked; 5 = none
        days = month_start + np.floor(rng.random(n) * (next_month - month_start)).astype(np.int64)
        on = np.maximum(days, o["ep_start"] + 1)
        turns18 = o["b18"] < next_month
        event[turns18] = -1
        on[turns18] = np.maximum(o["b18"][turns18], o["ep_start"][turns18] + 1)

        leaving = np.zeros(n, dtype=bool)
        self._exits(np.flatnonzero(event == 0), on, leaving, at_18=False)
        self._exits(np.flatnonzero(turns18), on, leaving, at_18=True)
        self._moves(np.flatnonzero(event == 1), on, band)
        self._legal(np.flatnonzero(event == 2), on)
        self._temporary(np.flatnonzero(event == 3), on)
        self._adoption(np.flatnonzero(event == 4), on, leaving)
        self._keep(~leaving)

    def _exits(self, idx, on, leaving, at_18: bool) -> None:
        o, rules = self.open, self.rules
        if not len(idx):
            return
        groups = rules.group(o["place"][idx])
        rec = _draw_by(self.rng, groups, rules.exit_at_18 if at_18 else rules.exit_reasons)
        rec = np.where(groups == "adoption", "E8", rec)  # placed for adoption, plan ended
        if not at_18:
            rec = np.where(o["ls"][idx] == "J1", "E14", rec)
        self._close(idx, on[idx], rec)
        leaving[idx] = True
        home = np.isin(rec, self.rules.cal["exit"]["returns_home"]) & (o["comes_back"][idx] == 1)
        if home.any():
            gap = self.rng.integers(*self.rules.cal["entries"]["reentry_gap_days"], size=home.sum())
            back = on[idx][home] + gap
            young = back < birthday(o["dob"][idx][home], 17)
            self.returns.append(
                {
                    "child": o["child"][idx][home][young],
                    "day": back[young],
                    "dob": o["dob"][idx][home][young],
                }
            )

    def _switch(self, idx, on, **changes) -> None:
        """Close the current episodes with X1 and open the next ones on the same day."""
        self._close(idx, on[idx], np.full(len(idx), "X1"))
        o = self.open
        o["ep_start"][idx] = on[idx]
        for key, value in changes.items():
            o[key][idx] = value

    def _moves(self, idx, on, band) -> None:
        if not len(idx):
            return
        o, rng, rules = self.open, self.rng, self.rules
        bands = np.array(AGE_BANDS)[band[idx]]
        place = _draw_by(rng, bands, rules.place_on_move).astype("U2")
        emergency = np.isin(o["ls"][idx], EMERGENCY)
        to = Choice.of(rules.cal["legal_status_changes"]["emergency"]["to"])
        ls = np.where(emergency, to.draw(rng, len(idx)), o["ls"][idx])
        self._switch(
            idx,
            on,
            place=place,
            prov=rules.provider(rng, place),
            ls=ls,
            rne=np.where(emergency, "B", "P"),
            reason=rules.move_reasons.draw(rng, len(idx)),
        )

    def _legal(self, idx, on) -> None:
        if not len(idx):
            return
        lsc = self.rules.cal["legal_status_changes"]
        ls = self.open["ls"][idx]
        new = np.where(ls == "C1", lsc["interim"]["to"], lsc["section20"]["to"])
        emergency = np.isin(ls, EMERGENCY)
        new[emergency] = Choice.of(lsc["emergency"]["to"]).draw(self.rng, emergency.sum())
        self._switch(idx, on, ls=new, rne="L", reason="")

    def _temporary(self, idx, on) -> None:
        if not len(idx):
            return
        o, rng, cal = self.open, self.rng, self.rules.cal
        self._close(idx, on[idx], np.full(len(idx), "X1"))
        back = on[idx] + rng.integers(
            cal["temporary"]["days"][0], cal["temporary"]["days"][1] + 1, size=len(idx)
        )
        self.episodes.append(
            {
                "pid": o["pid"][idx],
                "child": o["child"][idx],
                "DECOM": on[idx],
                "DEC": back,
                "RNE": np.full(len(idx), "P"),
                "LS": o["ls"][idx],
                "PLACE": self.rules.temporary_places.draw(rng, len(idx)).astype("U2"),
                "PLACE_PROVIDER": np.full(len(idx), "", dtype="U3"),
                "REC": np.full(len(idx), "X1", dtype="U3"),
                "REASON_PLACE_CHANGE": np.full(len(idx), "OTHER"),
            }
        )
        o["ep_start"][idx] = back
        o["rne"][idx] = "P"
        o["reason"][idx] = "OTHER"

    def _adoption(self, idx, on, leaving) -> None:
        if not len(idx):
            return
        o, rng, ad = self.open, self.rng, self.rules.cal["adoption"]
        stage = o["stage"][idx]
        order = idx[stage == 0]
        self._switch(order, on, ls="E1", rne="L", reason="", stage=1)
        o["stage_day"][order] = on[order]
        placed = idx[stage == 1]
        same_carer = np.isin(o["place"][placed], ["U2", "U5"])
        consent = rng.random(len(placed)) < ad["placed"]["consent_share"]
        place = np.select(
            [same_carer & ~consent, ~same_carer & ~consent, same_carer], ["A5", "A6", "A3"], "A4"
        )
        self._switch(
            placed,
            on,
            place=place,
            prov=self.rules.provider(rng, place),
            rne=np.where(same_carer, "T", "P"),
            reason="CARPL",
            stage=2,
        )
        o["stage_day"][placed] = on[placed]
        adopted = idx[stage == 2]
        dispensed = np.isin(o["place"][adopted], ["A5", "A6"]) & (
            rng.random(len(adopted)) < ad["adopted"]["consent_dispensed_share"]
        )
        self._close(adopted, on[adopted], np.where(dispensed, "E12", "E11"))
        leaving[adopted] = True
        self.milestones.append({"pid": o["pid"][order], "order_day": on[order]})
        self.milestones.append(
            {"pid": o["pid"][placed], "placed_day": on[placed], "placed_place": place}
        )

    def finish(self) -> None:
        """Leave the periods still open at the horizon with a blank DEC/REC."""
        n = len(self.open["pid"])
        self._close(np.arange(n), np.full(n, -1), np.full(n, "", dtype="U3"))
        self._keep(np.zeros(n, dtype=bool))


def simulate(
    rng: np.random.Generator, entrants: Entrants, first_year: int, last_year: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every episode of every period of care from the warm-up to 31 March `last_year`.

    Returns (episodes, adoption milestones by period id). DEC = -1 marks an open episode.
    """
    cal = calibration()
    careers = Careers(Rules(first_year), rng)
    begin = year_start(first_year - cal["warmup_years"])
    months = np.arange(
        np.datetime64(begin, "D").astype("datetime64[M]"),
        np.datetime64(day(last_year, 4, 1), "D").astype("datetime64[M]"),
    )
    starts = months.astype("datetime64[D]").astype(np.int64)
    ends = np.append(starts[1:], day(last_year, 4, 1))
    pending = {
        "child": np.empty(0, np.int64),
        "day": np.empty(0, np.int64),
        "dob": np.empty(0, np.int64),
    }
    for month_start, next_month in zip(starts, ends, strict=True):
        careers.step(month_start, next_month)
        lo, hi = np.searchsorted(entrants.entry, [month_start, next_month])
        careers.start(
            entrants.child[lo:hi],
            entrants.entry[lo:hi],
            entrants.dob[lo:hi],
            entrants.adopt_plan[lo:hi],
            entrants.reenters[lo:hi].astype(np.int64),
        )
        if careers.returns:
            pending = {
                k: np.concatenate([pending[k], *(r[k] for r in careers.returns)]) for k in pending
            }
            careers.returns = []
        due = pending["day"] < next_month
        if due.any():
            order = np.argsort(pending["day"][due], kind="stable")
            child, back, dob = (pending[k][due][order] for k in ("child", "day", "dob"))
            none = np.zeros(len(child), np.int64)
            careers.start(child, back, dob, none.astype(bool), none)
            pending = {k: v[~due] for k, v in pending.items()}
    careers.finish()
    episodes = pd.DataFrame(
        {k: np.concatenate([e[k] for e in careers.episodes]) for k in careers.episodes[0]}
    )
    milestones = pd.concat([pd.DataFrame(m) for m in careers.milestones if len(m["pid"])])
    milestones = milestones.groupby("pid", sort=True).first().reset_index()
    return episodes.sort_values(["child", "DECOM"], kind="stable", ignore_index=True), milestones
