"""What notebooks/scorecard.ipynb calls, cell by cell: the notebook only shows the working.

Outputs are deterministic (fixed table ids, rows in the indicators file's order, static SVG
charts, no times), so nbval can compare a re-run with the stored pack.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import altair as alt
import pandas as pd
from IPython.display import HTML, Markdown, display

from scrutiny import charts
from scrutiny.contract import INDICATORS, SCORECARD_MIMETYPE
from scrutiny.hashing import file_sha256
from scrutiny.inputs import Inputs
from scrutiny.numbers import published
from scrutiny.numbers import short as number
from scrutiny.pages import marks
from scrutiny.published import Extract
from scrutiny.scorecard.chart import small_multiples
from scrutiny.scorecard.history import published_history
from scrutiny.scorecard.indicators import Indicator, collection_year, load_indicators
from scrutiny.scorecard.table import NO_903, build_scorecard, rate_population, scorecard_summary

RAG_COLOURS = charts.RAG_COLOURS


@dataclass
class ScorecardPage:
    inputs: Inputs
    edition: str
    indicators_file: Path
    indicators: list[Indicator]
    history: pd.DataFrame
    card: pd.DataFrame
    status_903: str  # "" when the 903 column holds figures, else why it does not

    @property
    def extract(self) -> Extract:
        return self.inputs.extract

    @property
    def region(self) -> str:
        return self.extract.region_of(self.inputs.la_code)

    @property
    def synthetic(self) -> bool:
        return self.inputs.synthetic and not self.status_903


def open_scorecard(**params) -> ScorecardPage:
    """Load the inputs the notebook's parameters name (by the names `Inputs.from_params`
    takes) and build the scorecard."""
    charts.use_static_svg()
    marks.install()
    inputs = Inputs.from_params(**params)
    indicators_file = inputs.root / INDICATORS
    indicators = load_indicators(indicators_file)
    has_extract = inputs.data_903 is not None and inputs.data_903.exists()
    dataset = inputs.dataset if has_extract else None
    status = "" if dataset is not None else (NO_903 if not has_extract else unusable(inputs))
    la_code, edition = inputs.la_code, inputs.sn_edition
    history = published_history(inputs.extract, indicators, la_code, edition, inputs.quarter)
    card = build_scorecard(
        inputs.extract,
        indicators,
        la_code,
        edition,
        dataset,
        inputs.quarter,
        inputs.suppression_threshold,
        history,
    )
    if status and status != NO_903:
        card["current_903_note"] = status
    return ScorecardPage(inputs, edition, indicators_file, indicators, history, card, status)


def unusable(inputs: Inputs) -> str:
    return f"the 903 data is unusable ({type(inputs.failure).__name__}): run `scrutiny validate`"


def show_heading(page: ScorecardPage) -> None:
    inputs = page.inputs
    neighbours = page.extract.statistical_neighbours(inputs.la_code, page.edition)
    lines = [
        f"## Scorecard: {inputs.la_name} ({inputs.la_code})",
        f"Pack {inputs.quarter.label} (to {inputs.quarter.end:%d %B %Y}). Published figures "
        f"for years ending 31 March up to {collection_year(inputs.quarter)}, each from the "
        "latest DfE release that publishes it; the 903 column is the authority's own figure "
        "for the quarter.",
        f"**Statistical neighbours** (DfE, {page.edition} edition): "
        + ", ".join(neighbours["la_name"]),
    ]
    display(Markdown("\n\n".join(lines)))
    if page.synthetic:
        display(
            HTML(
                '<div class="synthetic-banner" style="border:3px solid #e76f51;padding:0.8em;'
                'background:#fff3e0;font-weight:bold">SYNTHETIC DATA: the 903 column on this '
                "page comes from a fictional demo authority. It illustrates the method; it is "
                "not evidence about the real authority. The published figures are real.</div>"
            )
        )
    elif page.status_903:
        display(Markdown(f"**903 column:** {page.status_903}; the published figures stand alone."))


def show_table(page: ScorecardPage) -> HTML:
    """The scorecard as members read it: RAG coloured, published figures as published, the
    others to one decimal place at most (`scrutiny.numbers`). Shown as
    HTML: a Styler's plain-text form holds its memory address, which changes every run."""
    card = page.card
    label = f"903, {page.inputs.quarter.label}" + (" (synthetic)" if page.synthetic else "")
    table = pd.DataFrame(
        {
            "indicator": card["title"],
            "year": card["latest_year"].map(whole),
            "value": card["value"].map(published),
            "benchmark": [
                f"{number(t)} ({r})"
                for t, r in zip(card["target"], card["target_rule"], strict=True)
            ],
            "gap": card["gap"].map(number),
            f"{page.region} / England": [
                f"{published(r)} / {published(e)}"
                for r, e in zip(card["region"], card["england"], strict=True)
            ],
            "since previous year": card["direction"].fillna("–"),
            "RAG": card["rag"].fillna("–"),
            label: current_text(page),
            "903 counts": [
                counts(n, d)
                for n, d in zip(
                    card["current_903_numerator"], card["current_903_denominator"], strict=True
                )
            ],
            "source": [
                f"DfE {whole(r)}: {s}" for r, s in zip(card["release"], card["source"], strict=True)
            ],
        }
    )
    styled = (
        table.style.set_uuid("scorecard")
        .hide(axis="index")
        .map(
            lambda rag: f"background:{RAG_COLOURS[rag]};color:white" if rag in RAG_COLOURS else "",
            subset=["RAG"],
        )
    )
    return HTML(styled.to_html())


def current_text(page: ScorecardPage) -> list[str]:
    if page.status_903:
        return [NO_903 if page.status_903 == NO_903 else "unusable"] * len(page.card)
    return [number(v) for v in page.card["current_903"].astype(float)]


def show_chart(page: ScorecardPage) -> alt.FacetChart:
    return charts.published_chart(small_multiples(page.history, page.inputs.la_name))


def show_notes(page: ScorecardPage) -> None:
    lines = []
    for row, indicator in zip(page.card.itertuples(), page.indicators, strict=True):
        parts = [indicator.note.rstrip(".")] if indicator.note else []
        if row.current_903_period:
            parts.append(f"903 period: {row.current_903_period}")
        own_note = not row.current_903_note.endswith(indicator.note)
        if row.current_903_note and own_note and not page.status_903:
            parts.append(f"903: {row.current_903_note}")
        if 0 < row.neighbours_with_value < 10:
            parts.append(
                f"neighbour average over {row.neighbours_with_value} neighbours with a "
                "published value"
            )
        lines.append(f"- **{indicator.title}**: " + "; ".join(parts) + ".")
    rule = (
        "**RAG rule:** each indicator is rated against its benchmark (for most, the average "
        "of the statistical neighbours: a comparison, not a target the council set): green = at "
        "the benchmark or better; amber = worse than it by no more than 10% of it; red = worse "
        "by more. A dash (–) means no rating: an indicator with no better direction, or no "
        "figure to compare."
    )
    display(Markdown(rule + "\n\n**Notes**\n\n" + "\n".join(lines)))


def show_provenance(page: ScorecardPage) -> HTML:
    """Every published file the figures come from (release, file, sha256), and the other inputs,
    in full (a DataFrame's display would cut the long names and hashes short)."""
    used = page.history[["release", "source", "sha256"]]
    population = rate_population(page.extract, page.inputs.la_code, page.inputs.quarter)
    if population is not None and not page.status_903:
        used = pd.concat(
            [
                used,
                pd.DataFrame(
                    [[population.release, population.source, population.sha256]],
                    columns=used.columns,
                ),
            ]
        )
    used = used.drop_duplicates()
    rows = [
        (f"DfE release {release}", source, sha)
        for release, source, sha in used.sort_values(["release", "source"]).itertuples(index=False)
    ]
    rows.append(("indicators", INDICATORS, file_sha256(page.indicators_file)))
    rows.append(("903 extract", page.inputs.extract_label, page.inputs.extract_key))
    frame = pd.DataFrame(rows, columns=["input", "file", "sha256"])
    return HTML(frame.to_html(index=False, classes="provenance", border=0))


def emit_summary(page: ScorecardPage) -> None:
    """The summary as JSON in the notebook's outputs: the pack's index shows it."""
    shown = current_text(page)[0] if page.status_903 else None
    summary = scorecard_summary(page.card, page.edition, page.synthetic, shown)
    display({SCORECARD_MIMETYPE: summary}, raw=True)


def whole(value: object) -> str:
    return "–" if pd.isna(value) else str(int(value))


def counts(numerator: object, denominator: object) -> str:
    if pd.isna(numerator):
        return "–"
    return f"{int(numerator)}" + ("" if pd.isna(denominator) else f" / {int(denominator)}")
