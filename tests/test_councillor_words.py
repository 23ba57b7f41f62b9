"""What a councillor reads carries no analyst's words: no parameter names, metric ids, code
notation or "notebook", on the first screen of every claim page (heading, quote, verdict,
argument) and in the index's template. The word list is the test's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scrutiny.catalogue import figure_metrics
from scrutiny.checks import Inputs, run_check
from scrutiny.claims import load_register
from scrutiny.pages import claim as page
from scrutiny.quarters import Quarter

ROOT = Path(__file__).resolve().parents[1]
REGISTER = ROOT / "evidence" / "claims.yml"
JARGON = [
    "notebook",
    "data_903",
    "claim_id",
    "params",
    "parameter",
    "metric",
    "dfe-",
    "cla-",
    "oc2-",
    "(none, real",
    "exact)",
    "illustrative verdict",
    "alone (illustrative",
    "target",
    "<code>",
    "definition =",
    "TEETH_CHECK",
]
REGISTERED = load_register(REGISTER, figure_metrics())


def jargon_in(text: str) -> list[str]:
    lowered = text.lower()
    return [word for word in JARGON if word.lower() in lowered]


@pytest.fixture(scope="module")
def demo_inputs(tmp_path_factory) -> Inputs:
    return Inputs(
        root=ROOT,
        quarter=Quarter.parse("2022Q1"),
        data_903=tmp_path_factory.mktemp("absent") / "903",
        synthetic=True,
        published=ROOT / "evidence" / "data" / "published",
        la_code="E06000002",
        la_name="Middlesbrough",
        register=REGISTER,
    )


@pytest.mark.parametrize("claim", REGISTERED.claims, ids=lambda c: c.id)
def test_a_claim_pages_first_screen_is_in_words(claim, demo_inputs, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(page, "display", lambda item, **_: shown.append(item.data))
    check = run_check(claim, demo_inputs)
    page.show_claim(check)
    first_screen = re.sub(r'(class|data-verdict|style)="[^"]*"', "", "".join(shown))
    assert jargon_in(first_screen) == [], claim.id
    assert claim.name in first_screen  # named by what it says, not by its subject
    assert first_screen.count("Verdict on real evidence") == 1  # one verdict, never two
    assert len(re.findall(r"[.!?](?:\s|$)", check.sentence)) <= 3 + check.sentence.count("e.g.")


def test_the_index_template_holds_no_jargon_outside_its_markup():
    template = (ROOT / "src" / "scrutiny" / "templates" / "index.html.j2").read_text()
    words = re.sub(r"{[{%#].*?[}%#]}|<[^>]*>", " ", template, flags=re.S)
    sources = words[words.index("Data sources") :]  # the analysts' provenance, at the end
    assert jargon_in(words.replace(sources, "")) == []


def test_the_index_lists_every_claim_with_its_verdict_before_the_glossary():
    template = (ROOT / "src" / "scrutiny" / "templates" / "index.html.j2").read_text()
    glance = template.index('id="claims-at-a-glance"')
    assert glance < template.index('id="vocabulary"') < template.index('id="changes"')
    assert template.index("<h1>") < glance
    assert all(claim.says for claim in REGISTERED.claims)


def test_synthetic_figures_are_flagged_per_figure():
    from scrutiny.pack.index import verdict_rows

    result = {
        "claim": "c",
        "verdict": "consistent",
        "sentence": "s",
        "figures": [
            {"label": label, "evidence": evidence, "source": source}
            | dict.fromkeys(
                (
                    "claimed",
                    "comparison",
                    "measured",
                    "shown",
                    "numerator",
                    "denominator",
                    "verdict",
                    "relation",
                    "context",
                )
            )
            for label, evidence, source in [
                ("DfE", "real", "DfE 2022 release"),
                ("903", "illustrative", "903 synthetic"),
                ("none", "none", "none"),
            ]
        ],
    }
    rows = verdict_rows([result])
    assert [(r["figure"], r["synthetic"], r["evidence"]) for r in rows] == [
        ("DfE", False, "real"),
        ("903", True, "illustrative"),
        ("none", False, "none"),
    ]


def test_a_chart_of_the_synthetic_extract_says_so_in_its_title():
    import altair as alt
    import pandas as pd

    from scrutiny.checks import synthetic_titled

    base = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x")
    assert synthetic_titled(base.properties(title="Children looked after")).title == (
        "Synthetic demo data, an illustration: Children looked after"
    )
    layered = alt.layer(base.properties(title=["Line one", "line two"]), base)
    assert synthetic_titled(layered).layer[0].title == [
        "Synthetic demo data, an illustration:",
        "Line one",
        "line two",
    ]
