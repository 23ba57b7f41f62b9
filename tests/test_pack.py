"""Building a pack into a temporary project: verdicts, index, manifest, incremental planning."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from scrutiny import synth
from scrutiny.errors import ConfigError
from scrutiny.pack.build import build_pack
from scrutiny.params import notebook_parameters

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = ["cla-reduction-19-5", "adoptions-tees-valley"]

pytestmark = pytest.mark.slow


def make_project(folder: Path) -> Path:
    """A project with two claims, a small synthetic authority and the committed extract."""
    for part in ("notebooks", "evidence/data/published"):
        shutil.copytree(ROOT / part, folder / part)
    shutil.copy(ROOT / "requirements.lock", folder / "requirements.lock")
    shutil.copy(ROOT / "evidence" / "indicators.yml", folder / "evidence" / "indicators.yml")
    register = yaml.safe_load((ROOT / "evidence" / "claims.yml").read_text())
    register["claims"] = [c for c in register["claims"] if c["id"] in CLAIMS]
    (folder / "evidence" / "claims.yml").write_text(yaml.safe_dump(register, sort_keys=False))
    synth.generate(folder / "evidence" / "data" / "synthetic", children=1500)
    declared = set().union(
        *(notebook_parameters(p) for p in (folder / "notebooks").glob("*.ipynb"))
    )
    defaults = yaml.safe_load((ROOT / "params" / "defaults.yml").read_text())
    defaults = {k: v for k, v in defaults.items() if k in declared or k == "documents_dir"}
    defaults["documents_dir"] = "evidence/documents"  # the product's default: in the project
    (folder / "evidence" / "documents").mkdir()
    (folder / "params").mkdir()
    (folder / "params" / "defaults.yml").write_text(yaml.safe_dump(defaults))
    return folder


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Iterator[Path]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SCRUTINY_CACHE", str(tmp_path_factory.mktemp("cache")))
        folder = make_project(tmp_path_factory.mktemp("project"))
        build_pack(folder, "2022Q1", jobs=2, progress=False)
        yield folder


@pytest.fixture
def own_copy(project, tmp_path) -> Path:
    """The built project copied for a test that changes it, so the others read it as built
    and none has to build it back."""
    return Path(shutil.copytree(project, tmp_path / "project", symlinks=True))


def test_pack_has_a_page_and_notebook_per_claim_and_an_index(project):
    pack = project / "rendered" / "2022Q1"
    assert (pack / "scorecard.html").exists()
    assert 'id="scorecard"' in (pack / "index.html").read_text()
    for claim in CLAIMS:
        assert (pack / f"{claim}.ipynb").exists()
        assert (pack / f"{claim}.html").exists()
    index = (pack / "index.html").read_text()
    assert "cla-reduction-19-5.html" in index
    assert "SYNTHETIC DATA" in index
    # the documents the "said in" column names, by their titles, and what "903" is
    assert "<dt>FR</dt><dd>Final Report: Sufficiency and Permanency" in index
    assert '"903" is the SSDA903 return' in index
    assert '<span class="figure-verdict illustrative">' in index  # synthetic: not in bold
    assert not list(project.glob("rendered/.building-*"))


def test_verdicts_come_from_the_data(project):
    rows = json.loads((project / "rendered" / "2022Q1" / "verdicts.json").read_text())
    tees = [r for r in rows if r["claim"] == "adoptions-tees-valley"]
    # Middlesbrough adopted 24 in 2021/22, more than Darlington 15, Hartlepool 15, Redcar 8 and
    # Stockton 16 (DfE 2022 release): ranked 1st of 5; 2nd in 2020/21. The two years bracket
    # "the 12 months up to December 2021": 1st lies between them, so consistent.
    ranks = [r for r in tees if r["figure"].startswith("Rank")]
    assert [
        (r["measured"], r["numerator"], r["denominator"], r["figure_verdict"]) for r in ranks
    ] == [(2.0, 2, 5, "consistent"), (1.0, 1, 5, "consistent")]
    assert {r["verdict"] for r in tees} == {"consistent"}
    fall = next(r for r in rows if r["claim"] == "cla-reduction-19-5")
    assert fall["synthetic"] is True  # the 903 figure, measured on the synthetic extract
    assert all(r["synthetic"] == (r["evidence"] == "illustrative") for r in rows)
    assert all(r["evidence"] == "none" for r in rows if r["source"] == "none")
    assert fall["denominator"] > 0
    assert fall["measured"] == pytest.approx(100 * fall["numerator"] / fall["denominator"])


def test_no_file_of_the_pack_names_the_folders_it_was_built_in(project):
    pack = project / "rendered" / "2022Q1"
    named = [p.name for p in pack.iterdir() if str(project) in p.read_text(errors="replace")]
    assert named == []
    run = json.loads((pack / "adoptions-tees-valley.ipynb").read_text())["metadata"]["papermill"]
    assert (run["input_path"], run["output_path"]) == (
        "notebooks/permanence.ipynb",
        "adoptions-tees-valley.ipynb",
    )


def test_manifest_records_inputs_versions_and_timings(project):
    manifest = json.loads((project / "rendered" / "2022Q1" / "manifest.json").read_text())
    assert set(manifest["inputs"]) >= {"903", "published", "register", "library", "lock"}
    assert manifest["packages"]["papermill"]
    assert set(manifest["notebooks"]) == {*CLAIMS, "scorecard"}
    assert all(n["status"] == "ok" for n in manifest["notebooks"].values())
    page = manifest["notebooks"]["adoptions-tees-valley"]
    assert page["parameters"]["claim_id"] == "adoptions-tees-valley"
    assert page["parameters"]["la_name"] == "Middlesbrough"
    assert set(page["inputs"]) >= {"903", "published", "register", "library", "notebook"}


def test_second_build_with_nothing_changed_runs_nothing(project):
    pack = project / "rendered" / "2022Q1"
    before = {p.name: p.read_bytes() for p in pack.glob("*.ipynb")}
    report = build_pack(project, "2022Q1", jobs=2, progress=False)
    assert report.ran == []
    assert report.reused == sorted([*CLAIMS, "scorecard"])
    assert {p.name: p.read_bytes() for p in pack.glob("*.ipynb")} == before


def test_touching_a_params_file_without_changing_it_runs_nothing(project):
    defaults = project / "params" / "defaults.yml"
    defaults.touch()
    assert build_pack(project, "2022Q1", jobs=2, progress=False).ran == []


def test_a_changed_parameter_reruns_only_the_notebooks_that_read_it(own_copy, tmp_path):
    override = tmp_path / "mine.yml"
    override.write_text("definition: {start: '2020-10-31'}\n")  # claim notebooks take it
    report = build_pack(own_copy, "2022Q1", params_file=override, jobs=2, progress=False)
    assert report.ran == sorted(CLAIMS)
    override.write_text("suppression_threshold: 10\n")  # every notebook takes it
    report = build_pack(own_copy, "2022Q1", params_file=override, jobs=2, progress=False)
    assert report.ran == sorted([*CLAIMS, "scorecard"])


def test_only_reruns_the_named_claim(own_copy):
    notebook = own_copy / "notebooks" / "permanence.ipynb"  # adoptions-tees-valley's alone
    notebook.write_text(notebook.read_text() + "\n")
    report = build_pack(own_copy, "2022Q1", jobs=2, only=["adoptions-tees-valley"], progress=False)
    assert report.ran == ["adoptions-tees-valley"]


@pytest.mark.parametrize(
    "change, shown",
    [
        ("params", "cla-reduction-19-5 (changed: param la_name)"),
        ("register", "cla-reduction-19-5 (changed: input register)"),
    ],
)
def test_only_refuses_to_keep_pages_built_from_other_params_or_inputs(
    project, tmp_path, change, shown
):
    pack = project / "rendered" / "2022Q1"
    before = {p.name: p.read_bytes() for p in pack.iterdir()}
    override = tmp_path / "mine.yml"
    override.write_text("la_name: Hartlepool\n" if change == "params" else "{}\n")
    register = project / "evidence" / "claims.yml"
    text = register.read_text()
    if change == "register":
        register.write_text(text.replace("significantly reduced", "much reduced"))
    try:
        with pytest.raises(ConfigError, match="would publish a mixed pack") as caught:
            build_pack(
                project,
                "2022Q1",
                params_file=override,
                jobs=2,
                only=["adoptions-tees-valley"],
                progress=False,
            )
    finally:
        register.write_text(text)
    assert shown in str(caught.value)
    assert "scorecard (changed: " in str(caught.value)
    assert {p.name: p.read_bytes() for p in pack.iterdir()} == before


def test_only_into_a_new_folder_says_what_else_must_run(project, tmp_path):
    with pytest.raises(ConfigError, match="must run too") as caught:
        build_pack(
            project, "2022Q1", out=tmp_path / "new", only=["adoptions-tees-valley"], progress=False
        )
    assert "cla-reduction-19-5" in str(caught.value)
    assert not (tmp_path / "new").exists()


BROKEN = """  - id: needs-2030
    document: FR
    section: x)
    quote: A figure for an area the DfE does not publish.
    subject: children adopted
    figures:
      - {label: adopted in Atlantis, claimed: "10", comparison: "=", source: dfe,
         metric: dfe-value, params: {measure: adopted, year: 2021, area: Atlantis}}
"""


def test_a_failing_notebook_is_named_the_rest_run_and_the_pack_stays(own_copy, tmp_path):
    from scrutiny.errors import BuildFailed
    from scrutiny.pack.execute import run_all
    from scrutiny.pack.plan import plan_jobs

    pack = own_copy / "rendered" / "2022Q1"
    before = {p.name: p.read_bytes() for p in pack.iterdir()}
    register = own_copy / "evidence" / "claims.yml"
    data = yaml.safe_load(register.read_text())
    data["claims"] += yaml.safe_load(BROKEN)
    register.write_text(yaml.safe_dump(data, sort_keys=False))
    with pytest.raises(BuildFailed) as caught:
        build_pack(own_copy, "2022Q1", jobs=2, progress=False)
    message = str(caught.value)
    assert "1 notebook(s) failed; the previous pack is unchanged" in message
    assert "needs-2030: UnknownArea: unknown area 'Atlantis'" in message
    assert {p.name: p.read_bytes() for p in pack.iterdir()} == before
    kept = own_copy / "rendered" / ".failed-2022Q1" / "needs-2030.ipynb"
    assert f"the notebook, run up to the error with its traceback: {kept}" in message
    assert "Traceback" in kept.read_text() or "UnknownArea" in kept.read_text()
    assert "What to do: open the notebook in JupyterLab" in message
    params = yaml.safe_load((own_copy / "params" / "defaults.yml").read_text())
    jobs = plan_jobs(own_copy, params, ["needs-2030", "adoptions-tees-valley"], {})
    outcomes = run_all(jobs, tmp_path, own_copy, workers=2, timeout=120, progress=False)
    assert [(o.job.name, o.ok) for o in outcomes] == [
        ("adoptions-tees-valley", True),
        ("needs-2030", False),
        ("scorecard", True),
    ]
