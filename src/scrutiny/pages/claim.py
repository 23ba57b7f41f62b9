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
import yaml
from IPython.display import HTML, Markdown, display

from scrutiny import __version__, charts, yamlsafe
from scrutiny.catalogue import figure_metrics
from scrutiny.checks import ClaimCheck, Inputs, run_check
from scrutiny.checks.sentence import illustration
from scrutiny.claims import check_definition, load_register
from scrutiny.contract import RESULT_MIMETYPE
from scrutiny.errors import ConfigError
from scrutiny.hashing import file_sha256
from scrutiny.pages import marks
from scrutiny.pages.marks import published_rows, published_table
from scrutiny.published.comparison import averaged, comparison_frame
from scrutiny.verdicts import MEANINGS, decisive

COLOURS = charts.VERDICT_COLOURS


def register_at(path: Path):
    """The register, cached by its content: an edit in JupyterLab is seen on the next run."""
    return _register(path, file_sha256(path) if path.is_file() else "")


@cache
def _register(path: Path, content: str):
    return load_register(path, figure_metrics())


def open_check(*, claim_id: str, definition: dict | str, **params) -> ClaimCheck:
    """Measure every figure of one claim. `params` are the notebook's other parameters, by the
    names its parameters cell gives them (those `Inputs.from_params` takes)."""
    charts.use_static_svg()
    marks.install()
    inputs = Inputs.from_params(**params)
    register = register_at(inputs.register)
    overrides = definition_dict(definition)
    check_definition(overrides, register)  # a misspelt key is an error here as in the pack
    return run_check(register.get(claim_id), inputs, overrides)


def definition_dict(definition: dict | str) -> dict:
    """`definition` as papermill or an analyst gives it: a dict, or JSON/YAML text of one."""
    if isinstance(definition, str):
        try:
            definition = yamlsafe.safe_load(definition, "definition") if definition.strip() else {}
        except yaml.YAMLError as error:
            raise ConfigError(f"definition is not JSON or YAML: {error}") from None
    if not isinstance(definition, dict):
        raise ConfigError(
            f'definition must be a mapping such as {{"max_age_days": 27}}, not {definition!r}'
        )
    return definition


PROPOSED = (
    '<p class="claim-proposed"><strong>Read by machine, not yet confirmed by an analyst:</strong> '
    "the tool found this claim in the panel's papers and chose the figure that tests it.</p>"
)


def show_claim(check: ClaimCheck) -> None:
    """What the claim says, its verdict on real evidence and the argument in three short
    sentences or fewer: a councillor's first screen, in words (no parameter names or ids).

    Register text is escaped: a quote is shown, never interpreted as markup.
    """
    claim, inputs = check.claim, check.inputs
    e = html.escape
    display(
        HTML(
            f'<h1 class="claim-subject">{e(claim.name)}</h1>'
            f'<blockquote class="claim-quote">{e(claim.quote)}</blockquote>'
            f'<p class="claim-where"><em>{e(document_title(check))}, {e(claim.section)}</em> · '
            f"tested against data to {inputs.quarter.end:%d %B %Y} · {e(inputs.la_name)}</p>"
            f"{PROPOSED if claim.status == 'proposed' else ''}"
            f"{verdict_badge(check)}"
            f'<p class="claim-sentence"><strong>The argument:</strong> {e(check.sentence)}</p>'
        )
    )
    if check.definition:
        changed = ", ".join(f"{e(str(k))} = {e(str(v))}" for k, v in check.definition.items())
        display(HTML(f"<p><strong>Definition changed from the register:</strong> {changed}.</p>"))
    if check.uses_synthetic:
        display(
            HTML(
                '<div class="synthetic-banner" style="border:3px solid #e76f51;padding:0.8em;'
                'background:#fff3e0;font-weight:bold">SYNTHETIC DATA: the 903 figures on this page '
                "come from a fictional demo authority. They illustrate the method and never "
                "decide the verdict. A pack built from the authority's own 903 extract tests "
                "the claim itself.</div>"
            )
        )


def document_title(check: ClaimCheck) -> str:
    """The document the claim was said in, by its title where the register gives one."""
    register = register_at(check.inputs.register)
    entry = register.documents.get(check.claim.document) or {}
    return str(entry.get("title") or check.claim.document)


def verdict_badge(check: ClaimCheck) -> str:
    """The verdict, written by the library from the real measurements: words first, colour
    second, and what the word means. One verdict: synthetic figures never get one."""
    verdict = check.verdict
    badge = (
        f'<p class="verdict" data-verdict="{verdict}" style="font-size:1.4em;'
        f"padding:0.3em 0.7em;color:white;background:{COLOURS[verdict]};"
        f'display:inline-block;border-radius:4px">Verdict on real evidence: {verdict}</p>'
    )
    meaning = (
        f'<p class="verdict-meaning"><em>{verdict}</em>: {html.escape(MEANINGS[verdict])}.</p>'
    )
    return badge + meaning


def show_figures(check: ClaimCheck) -> pd.DataFrame:
    """Every figure the claim makes: claimed, measured, the counts behind it, the verdict."""
    return only_published(check, check.figures_table().set_index("figure"))


def only_published(check: ClaimCheck, table: pd.DataFrame) -> pd.DataFrame:
    """A table of the claim's figures (indexed by the figure's label first) with each row of a
    DfE figure marked published."""
    dfe = {m.figure.label: m.figure.source == "dfe" for m in check.measurements}
    labels = table.index.get_level_values(0)
    return published_rows(table, [dfe.get(label, False) for label in labels])


def show_descriptions(check: ClaimCheck) -> None:
    """What each figure counts, how it relates to the claim, and its source (escaped)."""
    e = html.escape
    items = []
    for m in check.measurements:
        params = ", ".join(f"{k} {v}" for k, v in m.params.items())
        relation = m.figure.relation + (f": {m.figure.why}" if m.figure.why else "")
        items.append(
            f"<li><strong>{e(m.figure.label)}</strong>: {e(m.description)}"
            + (f" ({e(params)})" if params else "")
            + f"; {e(relation)}; {e(m.evidence)} evidence; source: {e(m.source)}</li>"
        )
    display(
        HTML(
            "<p><strong>What each figure counts, and its source</strong></p><ul>"
            + "".join(items)
            + "</ul>"
        )
    )


def verdict_basis(check: ClaimCheck) -> str:
    """Which real figures decided the verdict; a side figure is named apart, since it cannot
    carry the claim alone (a claim may be not testable while its side figure holds)."""
    tested = [m for m in check.measurements if decisive(m) and m.value is not None]
    headline = [f"{m.figure.label} ({m.verdict})" for m in tested if m.figure.headline]
    side = [f"{m.figure.label} ({m.verdict})" for m in tested if not m.figure.headline]
    said = [f"Decided by the real figures: {'; '.join(headline)}."] if headline else []
    if side:
        said.append(
            "Tested on real data, but a side figure that cannot carry the claim alone: "
            f"{'; '.join(side)}."
        )
    return " ".join(said) or "No figure measured on real evidence decides this claim."


def show_verdict(check: ClaimCheck) -> None:
    """How the verdict follows from the figures (its meaning is at the top of the page): which
    figures decided it, and for a claim nothing in the pack tests, the data that would."""
    display(HTML(f'<p class="verdict-basis">{html.escape(verdict_basis(check))}</p>'))
    if not check.claim.testable:
        would_test = html.escape(check.claim.would_test)
        display(HTML(f"<p><strong>Data that would test it:</strong> {would_test}</p>"))
    shown = illustration(check.measurements)
    if shown:
        display(
            HTML(
                '<h3 class="for-analysts">For analysts: the synthetic demo extract '
                "(an illustration, not a verdict)</h3>"
                f'<p class="illustration">{html.escape(shown)}</p>'
            )
        )


def show_sensitivity(check: ClaimCheck) -> pd.DataFrame | None:
    table = check.sensitivity()
    if table.empty:
        display(Markdown("No alternative definitions apply to this claim."))
        return None
    return only_published(check, table)


def show_chart(check: ClaimCheck):
    chart = check.chart()
    if chart is None:
        display(Markdown("No chart: nothing in the pack's data measures this claim."))
    return chart


def show_published(check: ClaimCheck) -> pd.DataFrame | None:
    """The claim's published measures beside the region, England and the neighbours."""
    table = check.published()
    if table.empty:
        display(Markdown("None of this claim's figures is a published DfE measure."))
        return None
    note_unpublished(check)
    return published_table(table)


def note_unpublished(check: ClaimCheck, measures: list[str] | None = None) -> None:
    """Which dashes in the published table below are figures the DfE withheld, and why (a
    dash alone would read as "not applicable" or as a gap in the pack's own data)."""
    withheld = check.unpublished(measures)
    if withheld:
        lines = [f"- {what}: {'; '.join(cells)}" for what, cells in withheld.items()]
        display(
            Markdown("Not published by the DfE (a dash in the table below):\n" + "\n".join(lines))
        )


def show_published_chart(check: ClaimCheck, measure: str | None = None):
    """A published measure (default: the claim's first) over the years, the authority against
    its comparators; a conclusion names a rate or a percentage where the claim's is a count."""
    measures = [measure] if measure else check.published_measures()
    if not measures:
        return None
    what = check.inputs.extract.catalogue[measures[0]].description
    table = check.published(measures[:1]).loc[what]
    if not averaged(
        check.inputs.extract, measures[0]
    ):  # a count: England's 80,000 would flatten the authority's 600
        table = table.iloc[:, :1]
    return charts.published_chart(
        charts.line_over_time(
            comparison_frame(table), what, f"{what[:1].upper()}{what[1:]}, by year to 31 March"
        )
    )


def show_trace(check: ClaimCheck) -> pd.DataFrame | None:
    """Published figures that reproduce the claimed numbers, closest in subject first."""
    found = check.traced()
    if found.empty:
        display(
            Markdown(
                "No published figure for the authority, its region or England reproduces the "
                "claimed numbers at the precision they were written with."
            )
        )
        return None
    return published_table(found.set_index(["claimed", "what"]))


def show_notes(check: ClaimCheck) -> None:
    notes = check.notes() or ["none"]
    items = "".join(f"<li>{html.escape(n)}</li>" for n in notes)
    display(HTML(f"<p><strong>Notes on the data</strong></p><ul>{items}</ul>"))


def provenance(check: ClaimCheck) -> pd.DataFrame:
    """What this page was computed from: inputs by content hash, and the library versions."""
    inputs = check.inputs
    rows = [
        ("claim register", inputs.register.name, file_sha256(inputs.register)),
        (
            "903 extract",
            inputs.extract_label,
            inputs.extract_key,
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
