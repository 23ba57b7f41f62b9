"""`--only`: re-run some pages and keep the others, but never keep a page built from other
params or inputs: a pack of old and new pages under one manifest would mislead."""

from __future__ import annotations

from pathlib import Path

from scrutiny.errors import ConfigError
from scrutiny.pack.plan import Job


def restrict(todo: list[Job], only: list[str], target: Path, previous: dict) -> list[Job]:
    """The jobs `only` names; refused when any other page is stale (missing or out of date)."""
    kept = [job for job in todo if job.name not in only]
    missing = [job.name for job in kept if not (target / f"{job.name}.ipynb").exists()]
    if missing:
        raise ConfigError(
            f"--only: {', '.join(missing)} must run too (no previous output in {target}); "
            "build once without --only"
        )
    if kept:
        built = previous.get("notebooks", {})
        pages = "; ".join(f"{job.name} ({changed(job, built.get(job.name, {}))})" for job in kept)
        raise ConfigError(
            f"--only: pages it would keep were built from other params or inputs: {pages}. "
            "Keeping them beside new pages would publish a mixed pack; build without --only"
        )
    return [job for job in todo if job.name in only]


def changed(job: Job, entry: dict) -> str:
    """What differs between the page as built and as it would be built now."""
    if "parameters" not in entry or "inputs" not in entry:
        return "the previous pack does not record what the page read"
    names = [
        f"param {k}"
        for k in sorted(job.parameters.keys() | entry["parameters"].keys())
        if job.parameters.get(k) != entry["parameters"].get(k)
    ]
    names += [
        f"input {k}"
        for k in sorted(job.inputs.keys() | entry["inputs"].keys())
        if job.inputs.get(k) != entry["inputs"].get(k)
    ]
    return "changed: " + ", ".join(names) if names else "its previous build did not finish"
