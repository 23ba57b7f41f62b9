"""The pack's front page, verdicts.json and manifest.json, built from the executed notebooks."""

from __future__ import annotations

import json
import platform
import subprocess
from datetime import date
from importlib.metadata import version
from pathlib import Path

import jinja2
import pandas as pd

from scrutiny import __version__, chart_text, charts, numbers
from scrutiny.claims import Register
from scrutiny.claimtext.extract import extract_statements
from scrutiny.claimtext.register_conflicts import register_conflicts
from scrutiny.pack import svg
from scrutiny.pack.fingerprints import claim_fingerprints
from scrutiny.pack.plan import document_paths
from scrutiny.pack.statement import write_statement
from scrutiny.pack.stylesheet import STYLESHEET
from scrutiny.pack.tables import accessible_tables
from scrutiny.quarters import Quarter
from scrutiny.verdicts import ILLUSTRATIVE, MEANINGS, VERDICTS

PACKAGES = (
    "pandas",
    "altair",
    "vl-convert-python",
    "papermill",
    "nbconvert",
    "nbclient",
    "ipykernel",
    "nbval",
    "pyarrow",
)


def git_commit(root: Path) -> str:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    dirty = subprocess.run(  # the packs themselves are outputs, not what built them
        ["git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)rendered"],
        cwd=root,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return head + ("+uncommitted changes" if dirty else "")


def summary_svg(results: list[dict]) -> str:
    counts = pd.Series([r["verdict"] for r in results]).value_counts()
    frame = pd.DataFrame({"verdict": counts.index, "claims": counts.to_numpy()})
    chart = chart_text.accessible_svg(charts.verdict_summary(frame).to_dict())
    return svg.figure(svg.compact(chart))


EVIDENCE_WORDS = {
    "real": "real",
    "illustrative": "synthetic",
    "none": "no data",
}


def figure_rows(result: dict) -> list[dict]:
    """Each figure with its source and evidence in words: "DfE, real", "903, synthetic"; a
    DfE figure is marked published (the disclosure scan reads the mark)."""
    rows = []
    for f in result["figures"]:
        source = f["source"].split(":")[0].split(" ")[0]
        evidence = EVIDENCE_WORDS.get(f["evidence"], f["evidence"])
        rows.append({**f, "evidence_words": f"{source}, {evidence}", "published": source == "DfE"})
    return rows


def tally(results: list[dict]) -> list[tuple[str, int]]:
    """How many claims got each verdict on real evidence, in the vocabulary's order."""
    counts = pd.Series([r["verdict"] for r in results]).value_counts()
    return [(word, int(counts[word])) for word in VERDICTS if word in counts]


def conflicts_in(root: Path, params: dict, register: Register) -> list[dict]:
    """Disagreements among the register's quotes, and the documents' statements when given."""
    paths = document_paths(root, params)
    found = extract_statements(paths, register.documents) if paths else []
    return [c.to_dict() for c in register_conflicts(register, found)]


def scorecard_table(scorecard: dict | None) -> dict | None:
    """The scorecard notebook's summary as an HTML table for the front page, its numbers
    written as the scorecard page writes them (`scrutiny.numbers`)."""
    if not scorecard:
        return None
    columns = {
        "title": "indicator",
        "latest_year": "year",
        "value": "value",
        "target": "neighbours' average",
        "rag": "RAG",
        "current_903": "this quarter (903)",
    }
    rows = pd.DataFrame(scorecard["rows"])
    if rows.get("synthetic", pd.Series(dtype=bool)).any():
        columns["current_903"] = "this quarter (903, synthetic)"
    frame = rows[list(columns)].assign(
        latest_year=rows["latest_year"].astype("Int64"),
        value=rows["value"].map(numbers.published),  # the DfE's figure
        target=rows["target"].map(numbers.short),
        current_903=rows["current_903"].map(
            lambda v: v if isinstance(v, str) else numbers.short(v)
        ),
    )
    frame = frame.rename(columns=columns)
    return {
        "edition": scorecard["edition"],
        "table": accessible_tables(
            frame.to_html(index=False, na_rep="–", classes="scorecard", border=0),
            "Each indicator beside its statistical neighbours' average, and its rating against it",
        ),
    }


def render_index(
    out: Path,
    root: Path,
    params: dict,
    results: list[dict],
    scorecard: dict | None,
    inputs: dict[str, str],
    register: Register,
    published_sources: list[dict],
    changes: dict,
    conflicts: list[dict],
) -> None:
    """`conflicts`: from `conflicts_in`, found before any notebook runs (a document over the
    limits stops the build at once, not after the notebooks)."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("scrutiny", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    template = environment.get_template("index.html.j2")
    page = template.render(
        quarter=Quarter.parse(params["quarter"]),
        stylesheet=STYLESHEET,
        la_name=params["la_name"],
        la_code=params["la_code"],
        synthetic=any(r["synthetic"] for r in results),
        scorecard=scorecard_table(scorecard),
        summary_svg=summary_svg(results) if results else "",
        results=[{**r, "figures": figure_rows(r)} for r in results],
        proposed={c.id for c in register.claims if c.status == "proposed"},
        meanings=MEANINGS,
        tally=tally(results),
        conflicts=conflicts,
        documents=[p.name for p in document_paths(root, params)],
        documents_said_in={
            code: register.documents[code]
            for code in dict.fromkeys(r["document"] for r in results)
            if code in register.documents
        },
        documents_dir=params.get("documents_dir"),
        inputs=inputs,
        data_903_label=Path(params["data_903"]).name,
        published_sources=published_sources,
        changes=changes,
        version=__version__,
        commit=git_commit(root),
    )
    (out / "index.html").write_text(page, encoding="utf-8")
    write_statement(out, params["quarter"])


def write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, indent=2, sort_keys=True, default=str) + "\n", "utf-8")


def verdict_rows(results: list[dict]) -> list[dict]:
    """verdicts.json: one row per figure, flat, for diffing one quarter against the next."""
    return [
        {
            "claim": r["claim"],
            "verdict": r["verdict"],
            "figure": f["label"],
            "claimed": f["claimed"],
            "comparison": f["comparison"],
            "measured": f["measured"],
            "shown": f["shown"],
            "numerator": f["numerator"],
            "denominator": f["denominator"],
            "figure_verdict": f["verdict"],
            "relation": f["relation"],
            "evidence": f["evidence"],
            "context": f["context"],
            "source": f["source"],
            "synthetic": f["evidence"] == ILLUSTRATIVE,  # measured on a synthetic extract
            "sentence": r["sentence"],
        }
        for r in results
        for f in r["figures"]
    ]


def manifest(
    root: Path, params: dict, inputs: dict[str, str], notebooks: dict, register: Register
) -> dict:
    return {
        "scrutiny": __version__,
        "commit": git_commit(root),
        "built": date.today().isoformat(),
        "claims": claim_fingerprints(register),
        "python": platform.python_version(),
        "packages": {name: version(name) for name in PACKAGES},
        "params": params,
        "inputs": inputs,
        "notebooks": notebooks,
    }
