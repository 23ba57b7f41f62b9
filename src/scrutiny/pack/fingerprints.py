"""Each claim's fingerprint, kept in manifest.json for the quarter-to-quarter changes.

The register's own hash moves when any claim is edited; a claim's fingerprint moves only when
its entry (its figures, their metrics and parameters, its document's date) or the code of the
metrics it uses changes, so a change can be put down to the claim's definition claim by claim.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict

from scrutiny import catalogue
from scrutiny.claims import Claim, Register
from scrutiny.hashing import file_sha256


def metric_code(name: str) -> str:
    """sha256 of the module that computes a metric (a 903 metric or a DfE query)."""
    return file_sha256(catalogue.module_file(name))


def claim_fingerprint(claim: Claim) -> str:
    entry = json.dumps(asdict(claim), sort_keys=True, default=str)
    code = sorted({metric_code(f.metric) for f in claim.figures if f.metric})
    return hashlib.sha256("\n".join([entry, *code]).encode()).hexdigest()


def follows_quarter(claim: Claim) -> list[str]:
    """Labels of the figures whose dates move with the quarter (`@quarter_end` and the like)."""
    return [
        f.label
        for f in claim.figures
        if any(isinstance(v, str) and v.startswith("@") for v in f.params.values())
    ]


def claim_fingerprints(register: Register) -> dict[str, dict]:
    return {
        claim.id: {
            "fingerprint": claim_fingerprint(claim),
            "follows_quarter": follows_quarter(claim),
        }
        for claim in register.claims
    }
