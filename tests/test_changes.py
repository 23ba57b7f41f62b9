"""Quarter to quarter: hand-made pairs of packs (a manifest and verdicts.json each), one per
cause, the pages built from them, and the `scrutiny changes` command."""

from __future__ import annotations

import json

import pytest
from packs import BASE, DFE_2022, DFE_2023, reseal, row, write_pack

from scrutiny.cli import main
from scrutiny.errors import ConfigError
from scrutiny.pack import changes as c
from scrutiny.pack.changes import compare, counts, load_pack
from scrutiny.pack.changes_page import previous_pack, write_changes
from scrutiny.pack.packs_index import write_packs_index
from scrutiny.quarters import Quarter


def pair(tmp_path, old_rows, new_rows, old=None, new=None, quarters=("2022Q1", "2022Q1")):
    a = write_pack(tmp_path / "a", quarters[0], old_rows, **(old or {}))
    b = write_pack(tmp_path / "b", quarters[1], new_rows, **(new or {}))
    return compare(load_pack(a), load_pack(b))


def listed(comparison) -> dict[tuple[str, str], list[str]]:
    return {(f["claim"], f["figure"]): f["causes"] for f in comparison["figures"]}


def test_a_pack_compared_with_itself_lists_nothing(tmp_path):
    pack = load_pack(write_pack(tmp_path / "a", "2022Q1", BASE))
    comparison = compare(pack, pack)
    assert comparison["figures"] == [] and comparison["verdicts"] == []
    assert comparison["compared"] == {"figures": 3, "claims": 2}
    assert counts(comparison) == {"verdicts": 0, "new": 0, "removed": 0, "figures": 0}


def test_a_figure_newly_inside_the_quarter_is_a_new_period(tmp_path):
    dfe = row("fall", "CLA change, DfE", -11.9, figure_verdict="context", source=DFE_2022)
    before = [row("fall", "CLA change, 903", None, "not testable", "not testable")]
    before += [{**dfe, "verdict": "not testable"}, BASE[2]]
    after = [row("fall", "CLA change, 903", -10.0, "not supported", "not supported")]
    after += [{**dfe, "verdict": "not supported"}, BASE[2]]
    comparison = pair(
        tmp_path, before, after, new={"inputs": {"903": "b" * 32}}, quarters=("2021Q3", "2021Q4")
    )
    # the new quarter's extract has a new hash too: the figure is measured because time moved on
    assert listed(comparison) == {("fall", "CLA change, 903"): ["new period"]}
    assert comparison["verdicts"] == [
        {"claim": "fall", "old": "not testable", "new": "not supported", "causes": ["new period"]}
    ]
    old = comparison["figures"][0]["old"]
    assert (old["measured"], old["figure_verdict"]) == (None, "not testable")
    assert comparison["figures"][0]["new"]["measured"] == -10.0


def test_a_window_that_follows_the_quarter_moves_as_a_new_period(tmp_path):
    rolling = {"fall": {"fingerprint": "fp-fall", "follows_quarter": ["CLA change, 903"]}}
    after = [row("fall", "CLA change, 903", -12.5), *BASE[1:]]
    comparison = pair(
        tmp_path,
        BASE,
        after,
        old={"claims": rolling},
        new={"claims": rolling, "inputs": {"903": "b" * 32}},
        quarters=("2021Q4", "2022Q1"),
    )
    assert listed(comparison) == {
        ("fall", "CLA change, 903"): ["new period", "903 extract changed"]
    }


def test_a_changed_extract_for_the_same_quarter_lists_only_the_figures_that_moved(tmp_path):
    after = [row("fall", "CLA change, 903", -9.5), *BASE[1:]]
    comparison = pair(tmp_path, BASE, after, new={"inputs": {"903": "b" * 32}})
    assert listed(comparison) == {("fall", "CLA change, 903"): ["903 extract changed"]}
    assert comparison["verdicts"] == []
    assert comparison["compared"] == {"figures": 3, "claims": 2}


def test_a_revised_release_is_published_data_revised(tmp_path):
    after = [BASE[0], row("fall", "CLA change, DfE", -12.2, source=DFE_2023), BASE[2]]
    comparison = pair(tmp_path, BASE, after, new={"inputs": {"published": "q" * 64}})
    assert listed(comparison) == {("fall", "CLA change, DfE"): ["published data revised"]}
    assert comparison["figures"][0]["old"]["source"] == DFE_2022
    assert comparison["figures"][0]["new"]["source"] == DFE_2023


def test_an_edited_register_entry_is_a_definition_change_of_that_claim_only(tmp_path):
    after = [*BASE[:2], row("dental", "Dental checks", 71.0, "not supported", "not supported")]
    edited = {"claims": {"dental": {"fingerprint": "fp-dental-2", "follows_quarter": []}}}
    comparison = pair(tmp_path, BASE, after, new={"inputs": {"register": "s" * 64}, **edited})
    assert listed(comparison) == {("dental", "Dental checks"): ["definition changed"]}
    assert comparison["verdicts"] == [
        {"claim": "dental", "old": "supported", "new": "not supported", "causes": [c.DEFINITION]}
    ]


def test_a_definition_setting_or_a_relabelled_figure_is_a_definition_change(tmp_path):
    after = [BASE[0], row("fall", "CLA change at 31 March, DfE", -11.9, source=DFE_2022)]
    after += [row("dental", "Dental checks", 70.0)]
    comparison = pair(tmp_path, BASE, after, new={"params": {"definition": {"max_age_days": 27}}})
    assert listed(comparison) == {
        ("dental", "Dental checks"): ["definition changed"],
        ("fall", "CLA change at 31 March, DfE"): ["definition changed"],
        ("fall", "CLA change, DfE"): ["definition changed"],
    }
    relabelled = [f for f in comparison["figures"] if f["claim"] == "fall"]
    assert [(f["old"] is None, f["new"] is None) for f in relabelled] == [
        (True, False),
        (False, True),
    ]


def test_new_and_removed_claims(tmp_path):
    after = [*BASE[:2], row("pep", "Children with a PEP", 99.0)]
    comparison = pair(tmp_path, BASE, after)
    assert listed(comparison) == {
        ("dental", "Dental checks"): ["claim removed"],
        ("pep", "Children with a PEP"): ["new claim"],
    }
    assert comparison["verdicts"] == [
        {"claim": "dental", "old": "supported", "new": None, "causes": ["claim removed"]},
        {"claim": "pep", "old": None, "new": "supported", "causes": ["new claim"]},
    ]
    assert counts(comparison) == {"verdicts": 0, "new": 1, "removed": 1, "figures": 2}
    assert comparison["compared"] == {"figures": 4, "claims": 3}


def test_evidence_class_alone_is_a_change_and_code_the_cause_when_nothing_else_moved(tmp_path):
    after = [*BASE[:2], row("dental", "Dental checks", 66.0, evidence="illustrative")]
    comparison = pair(tmp_path, BASE, after, new={"inputs": {"library": "m" * 64}})
    assert listed(comparison) == {("dental", "Dental checks"): ["scrutiny code changed"]}
    comparison = pair(tmp_path / "again", BASE, after)
    assert listed(comparison) == {("dental", "Dental checks"): ["no recorded input changed"]}


def test_a_pack_that_kept_fingerprints_as_definition_compares_by_them(tmp_path):
    """Packs built before the rename keep each claim's fingerprint under "definition"."""
    after = [*BASE[:2], row("dental", "Dental checks", 60.0)]
    old = write_pack(tmp_path / "a", "2022Q1", BASE)
    manifest = json.loads((old / "manifest.json").read_text())
    manifest["claims"] = {
        claim: {"definition": kept["fingerprint"], "follows_quarter": []}
        for claim, kept in manifest["claims"].items()
    }
    reseal(old, manifest)
    new = write_pack(tmp_path / "b", "2022Q1", after, inputs={"library": "m" * 64})
    assert listed(compare(load_pack(old), load_pack(new))) == {
        ("dental", "Dental checks"): ["scrutiny code changed"]
    }
    edited = {"dental": {"fingerprint": "fp-dental-2", "follows_quarter": []}}
    newer = write_pack(tmp_path / "c", "2022Q1", after, claims=edited)
    assert listed(compare(load_pack(old), load_pack(newer))) == {
        ("dental", "Dental checks"): ["definition changed"]
    }


def test_a_pack_without_claim_fingerprints_falls_back_to_the_register_hash(tmp_path):
    after = [*BASE[:2], row("dental", "Dental checks", 60.0)]
    old = write_pack(tmp_path / "a", "2022Q1", BASE)
    manifest = json.loads((old / "manifest.json").read_text())
    del manifest["claims"]  # written before claims' fingerprints were kept
    (old / "manifest.json").write_text(json.dumps(manifest))
    new = write_pack(tmp_path / "b", "2022Q1", after, inputs={"register": "s" * 64})
    comparison = compare(load_pack(old), load_pack(new))
    assert listed(comparison) == {("dental", "Dental checks"): ["definition changed"]}


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "no such folder"),
        (lambda p: p.mkdir(), "has no manifest.json"),
        (lambda p: (p.mkdir(), (p / "manifest.json").write_text("{}")), "not written by scrutiny"),
        (
            lambda p: (p.mkdir(), (p / "manifest.json").write_text("{oops")),
            "manifest.json is not valid JSON",
        ),
    ],
)
def test_a_folder_that_is_not_a_pack_is_refused_with_a_reason(tmp_path, make, message):
    folder = tmp_path / "x"
    make(folder)
    with pytest.raises(ConfigError, match=message):
        load_pack(folder)


def test_verdicts_rows_without_the_compared_fields_are_refused(tmp_path):
    pack = write_pack(tmp_path / "a", "2022Q1", BASE)
    (pack / "verdicts.json").write_text(json.dumps([{"claim": "fall", "figure": "x"}]))
    reseal(pack)  # as built, but by an older scrutiny that wrote other rows
    with pytest.raises(ConfigError, match="row 1 lacks claimed, evidence, figure_verdict"):
        load_pack(pack)


def test_the_previous_quarter_is_the_default_and_since_must_be_a_pack(tmp_path):
    assert [Quarter.parse(q).previous.label for q in ("2022Q1", "2021Q4", "2021Q2")] == [
        "2021Q4",
        "2021Q3",
        "2021Q1",
    ]
    write_pack(tmp_path / "2021Q4", "2021Q4", BASE)
    assert previous_pack(tmp_path / "2022Q1", "2022Q1", None).quarter == "2021Q4"
    assert previous_pack(tmp_path / "2021Q4", "2021Q4", None) is None  # no 2021Q3 beside it
    with pytest.raises(ConfigError, match="is not a pack"):
        previous_pack(tmp_path / "2022Q1", "2022Q1", tmp_path)


def test_changes_page_escapes_register_text_and_says_what_was_compared(tmp_path):
    old = load_pack(write_pack(tmp_path / "2021Q4", "2021Q4", BASE))
    label = "Dental <script>alert(1)</script> checks"
    after = [*BASE[:2], row("dental", label, 70.0, "not supported", "not supported")]
    build = write_pack(tmp_path / ".building-2022Q1", "2022Q1", after)
    shown = write_changes(build, tmp_path / "2022Q1", old, load_pack(build))
    assert shown == {
        "since": "2021Q4",
        "set_aside": None,
        **{"verdicts": 1, "new": 0, "removed": 0, "figures": 2},
    }
    page = (build / "changes.html").read_text()
    assert "<script>" not in page and "Dental &lt;script&gt;alert(1)&lt;/script&gt; checks" in page
    assert "Compared 4 figures of\n2 claims" in page
    assert 'href="../2021Q4/index.html"' in page
    assert page.count("<h1>") == 1
    assert "SYNTHETIC DATA" not in page  # every changed figure here is real evidence
    data = json.loads((build / "changes.json").read_text())
    assert data["old"] == {"quarter": "2021Q4", "commit": "0123456789abcdef", "built": "2022-04-05"}
    assert [(f["figure"], f["causes"]) for f in data["figures"]] == [
        ("Dental <script>alert(1)</script> checks", ["definition changed"]),
        ("Dental checks", ["definition changed"]),
    ]


def test_changes_page_without_an_earlier_pack_says_so(tmp_path):
    build = write_pack(tmp_path / ".building-2022Q1", "2022Q1", BASE)
    shown = write_changes(build, tmp_path / "2022Q1", None, load_pack(build))
    assert shown == {"since": None, "set_aside": None}
    assert "No earlier pack to compare with" in (build / "changes.html").read_text()
    assert json.loads((build / "changes.json").read_text())["old"] is None


def test_packs_index_lists_every_pack_newest_first_with_its_verdicts(tmp_path):
    older = write_pack(tmp_path / "2021Q4", "2021Q4", BASE)
    write_changes(older, older, None, load_pack(older))
    reseal(older)
    after = [*BASE[:2], row("dental", "Dental checks", 60.0, "not supported", "not supported")]
    newer = write_pack(tmp_path / "2022Q1", "2022Q1", after, commit="fedcba9876543210abc")
    write_changes(newer, newer, load_pack(older), load_pack(newer))
    reseal(newer)
    (tmp_path / "notes").mkdir()  # not a pack: not listed
    page = write_packs_index(tmp_path).read_text()
    assert page.index('data-quarter="2022Q1"') < page.index('data-quarter="2021Q4"')
    assert "notes" not in page
    assert "<code>fedcba987654</code>" in page and "2022-04-05" in page
    newest = page[page.index('data-quarter="2022Q1"') : page.index('data-quarter="2021Q4"')]
    assert '1 <span class="verdict supported">supported</span>' in newest
    assert '1 <span class="verdict not-supported">not supported</span>' in newest
    assert 'href="2022Q1/changes.html">1 verdict(s) changed' in newest
    assert 'href="2021Q4/changes.html">what changed' in page
    assert (tmp_path / "accessibility.html").exists() and (tmp_path / "pack.css").exists()


def test_changes_command_prints_the_comparison_and_json(tmp_path, capsys):
    old = write_pack(tmp_path / "a", "2021Q4", BASE)
    after = [*BASE[:2], row("dental", "Dental checks", 71.0, "not supported", "not supported")]
    new = write_pack(tmp_path / "b", "2022Q1", after, inputs={"903": "b" * 32})
    assert main(["changes", str(old), str(new)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith(
        "compared 3 figures of 2 claims; 1 figure(s) changed, 1 verdict(s) changed, "
        "0 claim(s) new, 0 removed"
    )
    assert out[1:] == [
        "verdicts:",
        "  dental: supported -> not supported  [903 extract changed]",
        "figures:",
        "  dental: Dental checks",
        "    66 (supported, real) -> 71 (not supported, real)  [903 extract changed]",
    ]
    assert main(["changes", "--json", str(old), str(new)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["figures"][0]["causes"] == ["903 extract changed"]


def test_changes_command_refuses_a_folder_that_is_not_a_pack(tmp_path, capsys):
    pack = write_pack(tmp_path / "a", "2022Q1", BASE)
    assert main(["changes", str(tmp_path), str(pack)]) == 2
    err = capsys.readouterr().err
    assert f"scrutiny changes: {tmp_path} is not a pack: it has no manifest.json" in err
    assert "Traceback" not in err


def test_a_changed_synthetic_figure_brings_the_synthetic_banner(tmp_path):
    old = load_pack(write_pack(tmp_path / "2021Q4", "2021Q4", BASE))
    moved = row("dental", "Dental checks", 71.0, evidence="illustrative", synthetic=True)
    build = write_pack(tmp_path / ".building-2022Q1", "2022Q1", [*BASE[:2], moved])
    write_changes(build, tmp_path / "2022Q1", old, load_pack(build))
    assert "SYNTHETIC DATA" in (build / "changes.html").read_text()
