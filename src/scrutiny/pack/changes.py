"""What changed between two packs, figure by figure, and why.

A figure is keyed by (claim, figure label) in each pack's verdicts.json. It is listed when its
measured value, its verdict or its evidence class moved, or its claim's verdict did; the cause
is read from the two manifests: the quarter, the input hashes (903 extract, published
statistics) and each claim's fingerprint (register entry and metric code).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from scrutiny.pack.trust import SEALED, UntrustedPack, read_manifest, read_sealed
from scrutiny.quarters import LABEL

NEW_PERIOD = "new period"
EXTRACT = "903 extract changed"
PUBLISHED = "published data revised"
DEFINITION = "definition changed"
NEW_CLAIM = "new claim"
REMOVED = "claim removed"
CODE = "scrutiny code changed"  # no input or definition moved, but the library or lock did
UNEXPLAINED = "no recorded input changed"
MEANINGS = {
    NEW_PERIOD: "the quarter moved on: the figure's date is now within the data, or its period "
    "follows the quarter",
    EXTRACT: "the 903 extract's content changed (a new or resubmitted return)",
    PUBLISHED: "the DfE statistics changed: a newer release gives another value",
    DEFINITION: "the claim's register entry, the code of its metric or the pack's definition "
    "setting changed",
    NEW_CLAIM: "the claim was added to the register",
    REMOVED: "the claim is no longer in the register",
    CODE: "no input or definition changed, but scrutiny's code or its packages did",
    UNEXPLAINED: "none of the inputs the manifests record changed",
}
CAUSES = tuple(MEANINGS)

SHOWN = ("claimed", "measured", "figure_verdict", "evidence", "verdict", "source")


@dataclass(frozen=True)
class Pack:
    """A built pack as the comparison reads it: its manifest and its figures by key."""

    folder: Path
    manifest: dict
    figures: dict[tuple[str, str], dict]

    @property
    def quarter(self) -> str:
        return self.manifest["params"]["quarter"]

    @property
    def inputs(self) -> dict:
        return self.manifest.get("inputs", {})

    def verdicts(self) -> dict[str, str]:
        return {claim: row["verdict"] for (claim, _), row in self.figures.items()}

    def fingerprint(self, claim: str) -> str | None:
        """The claim's fingerprint; a pack built before they were kept has the register's hash,
        and one built before they were called fingerprints keeps it as "definition"."""
        kept = self.manifest.get("claims")
        if kept is None:
            return self.inputs.get("register")
        entry = kept.get(claim, {})
        return entry.get("fingerprint", entry.get("definition"))

    def follows_quarter(self, claim: str, figure: str) -> bool:
        return figure in self.manifest.get("claims", {}).get(claim, {}).get("follows_quarter", [])

    def describe(self) -> dict:
        return {
            "quarter": self.quarter,
            "commit": self.manifest.get("commit"),
            "built": self.manifest.get("built"),
        }


TEXT = (str,)
NUMBER = (int, float)
FIELDS = {  # what the comparison reads of each verdicts.json row, and the types it takes
    "claim": TEXT,
    "figure": TEXT,
    "verdict": TEXT,
    "figure_verdict": TEXT,
    "evidence": TEXT,
    "source": TEXT,
    "claimed": (*TEXT, *NUMBER, type(None)),
    "measured": (*NUMBER, type(None)),
}
OPTIONAL = {"shown": (*TEXT, type(None))}


def check_manifest(folder: Path, manifest: dict) -> None:
    """The manifest fields the comparison reads, each of the type it expects."""

    def expect(ok: bool, what: str) -> None:
        if not ok:
            raise UntrustedPack(folder, f"manifest.json: {what}")

    quarter = manifest["params"]["quarter"]
    expect(
        isinstance(quarter, str) and bool(LABEL.fullmatch(quarter)),
        "params.quarter is not a quarter",
    )
    for key in ("commit", "built"):
        expect(isinstance(manifest.get(key), str | None), f"{key} is not text")
    expect(isinstance(manifest.get("inputs", {}), dict), "inputs is not an object")
    claims = manifest.get("claims", {})
    expect(isinstance(claims, dict), "claims is not an object")
    for entry in claims.values():
        expect(isinstance(entry, dict), "a claim's entry is not an object")
        follows = entry.get("follows_quarter", [])
        expect(
            isinstance(follows, list) and all(isinstance(f, str) for f in follows),
            "a claim's follows_quarter is not a list of figure labels",
        )


def check_row(folder: Path, n: int, row) -> None:
    """One verdicts.json row: an object with every field compared, each of its type."""
    if not isinstance(row, dict):
        raise UntrustedPack(folder, f"verdicts.json: row {n} is not an object")
    missing = sorted(set(FIELDS) - set(row))
    if missing:
        raise UntrustedPack(folder, f"verdicts.json: row {n} lacks {', '.join(missing)}")
    for field, kinds in (FIELDS | OPTIONAL).items():
        value = row.get(field)
        if field in row and (isinstance(value, bool) or not isinstance(value, kinds)):
            raise UntrustedPack(folder, f"verdicts.json: row {n}, {field} is of the wrong type")


def load_pack(folder: Path) -> Pack:
    """A pack folder's manifest and verdicts, read within limits and checked against the
    hashes its manifest records; NotAPack or UntrustedPack (naming why) otherwise."""
    manifest = read_manifest(folder)
    check_manifest(folder, manifest)
    sealed = {name: read_sealed(folder, manifest, name) for name in SEALED}
    rows = sealed["verdicts.json"]
    if not isinstance(rows, list):
        raise UntrustedPack(folder, "verdicts.json is not a list of figure rows")
    for n, row in enumerate(rows, start=1):
        check_row(folder, n, row)
    return Pack(folder, manifest, by_key(rows))


def by_key(rows: list[dict]) -> dict[tuple[str, str], dict]:
    """Figures keyed by (claim, label); two figures of a claim with one label are both kept."""
    figures = {}
    for row in rows:
        key, n = (row["claim"], row["figure"]), 1
        while key in figures:
            n += 1
            key = (row["claim"], f"{row['figure']} ({n})")
        figures[key] = row
    return figures


def same_value(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def moved(old: dict, new: dict) -> bool:
    return not same_value(old["measured"], new["measured"]) or any(
        old[k] != new[k] for k in ("figure_verdict", "evidence")
    )


def source_kind(row: dict) -> str:
    """ "903" or "DfE", as the row's source begins ("903: ...", "DfE 2022 release, ...")."""
    return row["source"].split(":")[0].split(" ")[0]


def newly_measured(old: dict, new: dict) -> bool:
    """Not testable before, because its date lay after the quarter; measured now."""
    return old["measured"] is None and new["measured"] is not None


def causes(old: Pack, new: Pack, key: tuple[str, str]) -> list[str]:
    """Why one figure changed, every recorded cause that applies, most specific first."""
    claim, _ = key
    if claim not in old.verdicts():
        return [NEW_CLAIM]
    if claim not in new.verdicts():
        return [REMOVED]
    if key not in old.figures or key not in new.figures:
        return [DEFINITION]  # the claim's entry gained, lost or relabelled a figure
    before, after = old.figures[key], new.figures[key]
    period = old.quarter != new.quarter
    if period and newly_measured(before, after):
        return [NEW_PERIOD]
    found = []
    if period and new.follows_quarter(*key):
        found.append(NEW_PERIOD)
    sources = {source_kind(before), source_kind(after)}
    if "903" in sources and old.inputs.get("903") != new.inputs.get("903"):
        found.append(EXTRACT)
    if "DfE" in sources and (
        old.inputs.get("published") != new.inputs.get("published")
        or before["source"] != after["source"]
    ):
        found.append(PUBLISHED)
    if redefined(old, new, claim):
        found.append(DEFINITION)
    return found or otherwise(old, new, claim)


def redefined(old: Pack, new: Pack, claim: str) -> bool:
    """The claim's entry or metric code changed, or the pack's definition setting did."""
    setting = old.manifest["params"].get("definition") != new.manifest["params"].get("definition")
    return setting or old.fingerprint(claim) != new.fingerprint(claim)


def otherwise(old: Pack, new: Pack, claim: str) -> list[str]:
    """The cause when neither the figure's data nor its definition explain it: time or code."""
    if redefined(old, new, claim):
        return [DEFINITION]
    if old.quarter != new.quarter:
        return [NEW_PERIOD]
    code = any(old.inputs.get(k) != new.inputs.get(k) for k in ("library", "lock"))
    return [CODE if code else UNEXPLAINED]


def shown(row: dict) -> str:
    """The figure as its pack wrote it (`scrutiny.numbers`); from a pack that did not keep
    that, its value to two decimals at most."""
    if row["measured"] is None:
        return "not measured"
    return row.get("shown") or f"{round(row['measured'], 2):g}"


def side(pack: Pack, key: tuple[str, str]) -> dict | None:
    row = pack.figures.get(key)
    return None if row is None else {**{k: row[k] for k in SHOWN}, "shown": shown(row)}


def described(side: dict | None) -> str:
    """One side of a changed figure in words, as the terminal and Markdown reports give it."""
    if side is None:
        return "(none)"
    return f"{side['shown']} ({side['figure_verdict']}, {side['evidence']})"


def compare(old: Pack, new: Pack) -> dict:
    """The comparison as changes.json holds it: both packs, the counts and each change."""
    keys = sorted(set(old.figures) | set(new.figures))
    changed = [
        key
        for key in keys
        if key not in old.figures
        or key not in new.figures
        or moved(old.figures[key], new.figures[key])
    ]
    figures = [
        {
            "claim": key[0],
            "figure": key[1],
            "causes": causes(old, new, key),
            "old": side(old, key),
            "new": side(new, key),
        }
        for key in changed
    ]
    return {
        "old": old.describe(),
        "new": new.describe(),
        "compared": {"figures": len(keys), "claims": len({claim for claim, _ in keys})},
        "figures": figures,
        "verdicts": verdict_changes(old, new, figures),
    }


def verdict_changes(old: Pack, new: Pack, figures: list[dict]) -> list[dict]:
    """Claims whose verdict changed, appeared or went, with the causes of their figures'."""
    before, after = old.verdicts(), new.verdicts()
    rows = []
    for claim in sorted(set(before) | set(after)):
        if before.get(claim) == after.get(claim):
            continue
        found = [c for f in figures if f["claim"] == claim for c in f["causes"]]
        found = found or otherwise(old, new, claim)  # a verdict rule changed, no figure did
        rows.append(
            {
                "claim": claim,
                "old": before.get(claim),
                "new": after.get(claim),
                "causes": [c for c in CAUSES if c in found],
            }
        )
    return rows


def counts(comparison: dict) -> dict[str, int]:
    """The headline numbers: verdicts changed (of claims in both), new and removed claims."""
    rows = comparison["verdicts"]
    return {
        "verdicts": sum(1 for r in rows if r["old"] and r["new"]),
        "new": sum(1 for r in rows if not r["old"]),
        "removed": sum(1 for r in rows if not r["new"]),
        "figures": len(comparison["figures"]),
    }
