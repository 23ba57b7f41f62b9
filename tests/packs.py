"""Test helpers: packs made by hand (manifest.json, verdicts.json, changes.json, an index
page), sealed with their files' sha256 as a build seals them, for the comparison's tests."""

from __future__ import annotations

import json
from pathlib import Path

from scrutiny.pack.trust import seal

INPUTS = {"903": "a" * 32, "published": "p" * 64, "register": "r" * 64, "library": "l" * 64}
DFE_2022 = "DfE 2022 release, dfe-cla-2022/cla.csv (sha256 4af5…)"
DFE_2023 = "DfE 2023 release, dfe-cla-2023/cla.csv (sha256 9b01…)"
SYNTH = "903: synthetic demo authority"


def row(claim, figure, measured, verdict="supported", figure_verdict="supported", **extra):
    return {
        "claim": claim,
        "figure": figure,
        "claimed": "10%",
        "comparison": "=",
        "measured": measured,
        "numerator": None,
        "denominator": None,
        "figure_verdict": figure_verdict,
        "relation": "exact",
        "evidence": "real",
        "context": {},
        "source": SYNTH,
        "synthetic": False,
        "sentence": "One sentence.",
        "verdict": verdict,
        **extra,
    }


def write_pack(folder: Path, quarter: str, rows: list[dict], **manifest) -> Path:
    """A pack as the comparison reads it: manifest.json, verdicts.json and an index page."""
    folder.mkdir(parents=True)
    claims = {r["claim"]: {"fingerprint": f"fp-{r['claim']}", "follows_quarter": []} for r in rows}
    data = {
        "scrutiny": "0.1.0",
        "commit": "0123456789abcdef",
        "built": "2022-04-05",
        "params": {"quarter": quarter, "definition": {}},
        "inputs": dict(INPUTS),
        "notebooks": {},
        "claims": claims,
    }
    for key, value in manifest.items():
        data[key] = {**data[key], **value} if isinstance(value, dict) else value
    (folder / "verdicts.json").write_text(json.dumps(rows))
    changes = {"old": None, "new": {"quarter": quarter}, "figures": [], "verdicts": []}
    (folder / "changes.json").write_text(json.dumps(changes))
    (folder / "index.html").write_text("<p>pack</p>")
    return reseal(folder, data)


def reseal(folder: Path, manifest: dict | None = None) -> Path:
    """Record the sha256 of verdicts.json and changes.json in the manifest, as a build does."""
    manifest = manifest or json.loads((folder / "manifest.json").read_text())
    (folder / "manifest.json").write_text(json.dumps({**manifest, "files": seal(folder)}))
    return folder


BASE = [
    row("fall", "CLA change, 903", -10.0, source=SYNTH),
    row("fall", "CLA change, DfE", -11.9, source=DFE_2022),
    row("dental", "Dental checks", 66.0),
]
