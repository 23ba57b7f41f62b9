"""What a claim notebook calls, cell by cell. Each function shows one part of the working.

Outputs are deterministic (sorted tables, static SVG charts, no times or random ids), so nbval
can compare a re-run with the stored pack.
"""

from __future__ import annotations

import html
import json
from functools import cache
from importlib.metadata import version
from pathlib import Path

import pandas as pd
from IPython.display import HTML, Markdown, display

from scrutiny import __version__, charts
from scrutiny.cache import cache_key
from scrutiny.checks import KNOWN_METRICS, ClaimCheck, Inputs, run_check
from scrutiny.claims import load_register
from scrutiny.hashing import file_sha256

RESULT_MIMETYPE = "application/vnd.scrutiny.result+json"
COLOURS = charts.VERDICT_COLOURS


@cache
def register_at(path: Path):
    return load_register(path, KNOWN_METRICS)


def open_check(
    claim_id: str,
    quarter: str,
    data_903: str,
    published_extract: str,
    register: str,
    groups: str,
    la_code: str,
    la_name: str,
    suppression_threshold: int,
    definition: dict,
) -> ClaimCheck:
    """Measure every figure of one claim on the inputs the parameters name."""
    charts.use_static_svg()
    inputs = Inputs.from_params(
        quarter,
        data_903,
        published_extract,
        la_code,
        la_name,
        suppression_threshold,
        register,
        groups,
    )
    claim = register_at(inputs.register).get(claim_id)
    return run_check(claim, inputs, definition)


def show_claim(check: ClaimCheck) -> None:
    claim, inputs = check.claim, check.inputs
    lines = [
        f"# Claim check: {claim.subject} ({claim.id})",
        f"> {claim.quote}",
        f"*{claim.document}, {claim.section}* · claim `{claim.id}` · pack {inputs.quarter.label} "
        f"(to {inputs.quarter.end:%d %B %Y}) · {inputs.la_name} ({inputs.la_code})",
    ]
    display(Markdown("\n\n".join(lines)))
    if check.definition:
        changed = ", ".join(f"`{k}` = {v}" for k, v in check.definition.items())
        display(Markdown(f"**Definition changed from the register:** {changed}."))
    if check.uses_synthetic:
        display(
            HTML(
                '<div class="synthetic-banner" style="border:3px solid #e76f51;padding:0.8em;'
                'background:#fff3e0;font-weight:bold">SYNTHETIC DATA: the 903 figures on this page '
                "come from a fictional demo authority. They illustrate the method; they are not "
                "evidence about the real authority. Point data_903 at the authority's own extract "
                "to test the claim.</div>"
            )
        )


def show_figures(check: ClaimCheck) -> pd.DataFrame:
    """Every figure the claim makes: claimed, measured, the counts behind it, the verdict."""
    return check.figures_table().set_index("figure")


def show_definitions(check: ClaimCheck) -> None:
    lines = [
        f"- **{m.figure.label}**: {m.definition}"
        + (f" ({', '.join(f'{k} {v}' for k, v in m.params.items())})" if m.params else "")
        + f"; source: {m.source}"
        for m in check.measurements
    ]
    display(Markdown("**Definitions and sources**\n\n" + "\n".join(lines)))


def show_verdict(check: ClaimCheck) -> None:
    verdict = check.verdict
    suffix = " (illustrative: synthetic 903 data)" if check.uses_synthetic else ""
    display(
        HTML(
            f'<div class="verdict" data-verdict="{verdict}" style="font-size:1.6em;'
            f"padding:0.4em 0.8em;color:white;background:{COLOURS[verdict]};"
            f'display:inline-block;border-radius:4px">Verdict: {verdict}{html.escape(suffix)}'
            "</div>"
        )
    )
    if not check.claim.testable:
        display(Markdown(f"**Data that would test it:** {check.claim.would_test}"))


def show_sensitivity(check: ClaimCheck) -> pd.DataFrame | None:
    table = check.sensitivity()
    if table.empty:
        display(Markdown("No alternative definitions apply to this claim."))
        return None
    return table


def show_chart(check: ClaimCheck):
    chart = check.chart()
    if chart is None:
        display(Markdown("No chart: nothing in the pack's data measures this claim."))
    return chart


def show_notes(check: ClaimCheck) -> None:
    notes = check.notes()
    text = "\n".join(f"- {n}" for n in notes) if notes else "- none"
    display(Markdown("**Data-quality notes**\n\n" + text))


def provenance(check: ClaimCheck) -> pd.DataFrame:
    """What this page was computed from: inputs by content hash, and the library versions."""
    inputs = check.inputs
    rows = [
        ("claim register", inputs.register.name, file_sha256(inputs.register)),
        (
            "903 extract",
            ("synthetic demo: " if inputs.synthetic else "") + inputs.data_903.name,
            cache_key(inputs.data_903) if inputs.data_903.exists() else "missing",
        ),
        (
            "published extract",
            inputs.published.name,
            file_sha256(inputs.published / "provenance.json"),
        ),
    ]
    rows += [
        (f"package {name}", name, version(name))
        for name in ("pandas", "altair", "vl-convert-python")
    ]
    rows.append(("package scrutiny", "scrutiny", __version__))
    return pd.DataFrame(rows, columns=["input", "name", "sha256 / version"]).set_index("input")


def emit_result(check: ClaimCheck) -> None:
    """The verdict as JSON in the notebook's outputs: the pack's index is built from it."""
    display({RESULT_MIMETYPE: json.loads(json.dumps(check.result()))}, raw=True)
