"""An earlier pack is input: checked against the sha256 its manifest records, read within
limits, and set aside with a named warning (never a traceback, never presented as history)
when it fails; nothing from it reaches the terminal as a control character."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from packs import BASE, reseal, row, write_pack

from scrutiny.cli import main
from scrutiny.pack import trust
from scrutiny.pack.changes import load_pack
from scrutiny.pack.changes_page import SetAside, previous_pack, write_changes
from scrutiny.pack.packs_index import write_packs_index
from scrutiny.pack.trust import UntrustedPack

NOT_COMPUTED = "could not be trusted: changes not computed"


def edit_verdicts(pack: Path, edit) -> None:
    """Change verdicts.json by hand, as someone rewriting history would."""
    rows = json.loads((pack / "verdicts.json").read_text())
    edit(rows)
    (pack / "verdicts.json").write_text(json.dumps(rows))


def all_supported(rows: list[dict]) -> None:
    for r in rows:
        r["verdict"] = r["figure_verdict"] = "supported"


@pytest.fixture
def packs(tmp_path) -> tuple[Path, Path]:
    """rendered/2021Q4 (dental not supported) and rendered/2022Q1 beside it."""
    before = [*BASE[:2], row("dental", "Dental checks", 35.0, "not supported", "not supported")]
    old = write_pack(tmp_path / "2021Q4", "2021Q4", before)
    new = write_pack(tmp_path / "2022Q1", "2022Q1", BASE)
    return old, new


def test_an_edited_verdict_is_refused_and_never_shown_as_history(packs, capsys):
    old, new = packs
    edit_verdicts(old, all_supported)
    with pytest.raises(UntrustedPack, match=r"verdicts.json does not match the sha256"):
        load_pack(old)
    assert main(["changes", str(old), str(new)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert f"scrutiny changes: the pack {old} {NOT_COMPUTED} (verdicts.json does not match" in err
    assert "Traceback" not in err


def test_the_build_sets_an_untrusted_previous_pack_aside_and_goes_on(packs):
    old, new = packs
    edit_verdicts(old, all_supported)
    found = previous_pack(new, "2022Q1", None)  # the default: the quarter before, beside it
    assert isinstance(found, SetAside) and found.folder == old
    assert found.warning.startswith(f"the previous pack {old} {NOT_COMPUTED} (verdicts.json")
    assert isinstance(previous_pack(new, "2022Q1", old), SetAside)  # --since the same folder
    shown = write_changes(new, new, found, load_pack(new))
    assert shown == {"since": None, "set_aside": "2021Q4"}
    data = json.loads((new / "changes.json").read_text())
    assert data["old"] is None and data["figures"] == [] and data["verdicts"] == []
    assert data["set_aside"]["folder"] == "2021Q4"
    page = (new / "changes.html").read_text()
    assert "could not\nbe trusted: changes not computed" in page
    assert "dental" not in page  # nothing of the edited pack is presented


def test_an_edited_changes_json_also_fails_the_pack(packs):
    old, _ = packs
    (old / "changes.json").write_text('{"old": null, "figures": [], "verdicts": []}')
    with pytest.raises(UntrustedPack, match=r"changes.json does not match the sha256"):
        load_pack(old)


def test_a_pack_built_before_hashes_were_recorded_is_untrusted_until_rebuilt(packs):
    old, _ = packs
    manifest = json.loads((old / "manifest.json").read_text())
    del manifest["files"]
    (old / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(UntrustedPack, match=r"records no sha256 of verdicts.json .* rebuild it"):
        load_pack(old)


def test_a_20_mb_string_is_refused_unread_and_a_long_one_by_its_length(packs, capsys):
    old, new = packs
    edit_verdicts(old, lambda rows: rows[0].update(figure="x" * 20_000_000))
    reseal(old)  # the hash is rewritten too: the limits still hold
    assert main(["changes", str(old), str(new)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err) < 500
    assert "(verdicts.json is over 8 MB)" in err
    edit_verdicts(old, lambda rows: rows[0].update(figure="x" * 5000))
    reseal(old)
    with pytest.raises(UntrustedPack, match=r"verdicts.json holds a string over 4000 characters"):
        load_pack(old)


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        (lambda rows: rows[0].update(measured="66"), "row 1, measured is of the wrong type"),
        (lambda rows: rows[2].update(verdict=["supported"]), "row 3, verdict is of the wrong"),
        (lambda rows: rows[1].update(measured=True), "row 2, measured is of the wrong type"),
        (lambda rows: rows.append("dental"), "row 4 is not an object"),
        (lambda rows: rows[0].pop("source"), "row 1 lacks source"),
        (lambda rows: rows[0].update(context=nested(20)), "nested over 10 levels deep"),
        (lambda rows: rows.extend([{}] * 10_001), "over 10000 items in one place"),
        (lambda rows: rows[0].update(measured=10**400), "an integer over 1e+15"),
    ],
)
def test_wrong_types_and_deep_nesting_are_named_without_a_traceback(packs, capsys, edit, said):
    old, new = packs
    edit_verdicts(old, edit)
    reseal(old)
    assert main(["changes", str(old), str(new)]) == 2
    err = capsys.readouterr().err
    assert NOT_COMPUTED in err and said in err
    assert "Traceback" not in err and "unexpected" not in err


def nested(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "verdicts.json is nested too deeply"),
        (b'[{"measured": NaN}]', "verdicts.json is not valid JSON: NaN is not a number"),
        (b"\xff\xfe[]", "verdicts.json is not valid JSON"),
        (b'{"claim": "x"}', "verdicts.json is not a list of figure rows"),
    ],
)
def test_a_verdicts_file_that_is_not_rows_is_named(packs, text, said):
    old, _ = packs
    (old / "verdicts.json").write_bytes(text)
    reseal(old)
    with pytest.raises(UntrustedPack, match=said):
        load_pack(old)


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        ({"params": {"quarter": ["2021Q4"]}}, "params.quarter is not a quarter"),
        ({"params": {"quarter": "2021Q4\x1b[2J"}}, "params.quarter is not a quarter"),
        ({"params": "2021Q4"}, "its manifest.json was not written by scrutiny pack"),
        ({"claims": ["dental"]}, "claims is not an object"),
        ({"claims": {"dental": {"follows_quarter": "x"}}}, "follows_quarter is not a list"),
        ({"commit": {"sha": 1}}, "commit is not text"),
        ({"inputs": "903"}, "inputs is not an object"),
    ],
)
def test_a_malformed_manifest_is_named(packs, edit, said):
    old, _ = packs
    manifest = json.loads((old / "manifest.json").read_text())
    (old / "manifest.json").write_text(json.dumps({**manifest, **edit}))
    with pytest.raises(UntrustedPack, match=said):
        load_pack(old)


def test_escape_sequences_from_a_pack_never_reach_the_terminal(packs, capsys):
    old, new = packs
    hostile = "Dental \x1b[31mchecks\x1b]0;owned\x07\u202e"
    edit_verdicts(old, lambda rows: rows[2].update(figure=hostile, claim="dental\x1b[2J"))
    reseal(old)
    for shape in ([], ["--markdown"]):
        assert main(["changes", *shape, str(old), str(new)]) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
        assert "\\x1b[31mchecks" in out.replace("\\\\", "\\").replace("\\[", "[")
    assert main(["changes", "--json", str(old), str(new)]) == 0
    assert "\x1b" not in capsys.readouterr().out  # JSON writes it as \u001b
    bad = old.with_name("bad\x1b[2J")
    old.rename(bad)
    edit_verdicts(bad, all_supported)
    assert main(["changes", str(bad), str(new)]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "bad\\x1b[2J" in err


def test_the_packs_index_names_an_untrusted_pack_instead_of_listing_its_counts(packs):
    old, _ = packs
    edit_verdicts(old, all_supported)
    page = write_packs_index(old.parent).read_text()
    assert 'data-quarter="2022Q1"' in page and 'data-quarter="2021Q4"' not in page
    assert 'data-folder="2021Q4"' in page
    assert "could not be trusted (verdicts.json does not match" in page


@pytest.mark.parametrize(
    "make", [lambda p: p.symlink_to("/dev/zero"), os.mkfifo], ids=["device", "fifo"]
)
def test_a_device_or_fifo_where_verdicts_json_should_be_is_refused_at_once(packs, make):
    old, _ = packs
    (old / "verdicts.json").unlink()
    make(old / "verdicts.json")
    with pytest.raises(UntrustedPack, match=r"verdicts.json is not a regular file"):
        load_pack(old)


def test_the_limits_hold_the_demo_packs_many_times_over():
    """The limits leave room: the committed packs are far inside each."""
    root = Path(__file__).resolve().parents[1] / "rendered"
    for name in ("verdicts.json", "manifest.json", "changes.json"):
        for pack in sorted(root.glob("20*Q*")):
            data = (pack / name).read_bytes()
            assert len(data) * 50 < trust.MAX_BYTES
            trust.within_limits(json.loads(data), name, pack)
