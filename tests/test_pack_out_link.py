"""`--out` through a symbolic link: the link stays a link and the folder it names gets the pack.

The lock is keyed on the real folder, so a build through the link and one into the folder
itself cannot run together; `--out` below a file is a named error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scrutiny.cli import main
from scrutiny.errors import ConfigError
from scrutiny.pack import build
from scrutiny.pack.build import BuildLock, swap_in
from scrutiny.pack.target import real_target

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def linked(tmp_path) -> tuple[Path, Path]:
    """`packs/2022Q1`, a pack folder holding an old index, and `latest`, a link to it."""
    real = tmp_path / "packs" / "2022Q1"
    real.mkdir(parents=True)
    (real / "index.html").write_text("old")
    link = tmp_path / "latest"
    link.symlink_to(real)
    return link, real


def test_out_is_resolved_to_the_folder_the_link_names(linked):
    link, real = linked
    assert real_target(link) == real
    assert real_target(link / "sub") == real / "sub"


def test_the_swap_through_a_link_keeps_the_link_and_updates_its_folder(linked, tmp_path):
    link, real = linked
    new = tmp_path / "packs" / ".building"
    new.mkdir()
    (new / "index.html").write_text("new")
    swap_in(new, real_target(link))
    assert link.is_symlink() and link.resolve() == real
    assert (real / "index.html").read_text() == "new"
    assert sorted(p.name for p in real.parent.iterdir()) == ["2022Q1"]  # no scratch left


def test_the_link_and_the_real_folder_share_one_lock(linked):
    link, real = linked
    refused = pytest.raises(ConfigError, match=r"another build \(process \d+\) is writing")
    with BuildLock(real_target(link)), refused:
        BuildLock(real_target(real)).__enter__()


def test_a_build_with_out_a_link_writes_into_the_folder_it_names(linked, monkeypatch, capsys):
    """The whole command, its notebooks replaced by one page written and swapped in."""
    link, real = linked
    (real / "index.html").unlink()  # an empty folder may be built into

    def one_page(root, params, register, claim_ids, target, *rest):
        scratch = build.scratch(target, "building")
        scratch.mkdir()
        (scratch / "index.html").write_text(f"built into {target}")
        swap_in(scratch, target)
        return build.BuildReport(target, [], [])

    monkeypatch.setattr(build, "locked_build", one_page)
    monkeypatch.chdir(ROOT)
    assert main(["pack", "--no-progress", "--quarter", "2022Q1", "--out", str(link)]) == 0
    assert link.is_symlink() and link.resolve() == real
    assert (real / "index.html").read_text() == f"built into {real}"
    assert capsys.readouterr().out == f"pack: {real} (0 notebook(s) run, 0 unchanged)\n"


def test_out_below_a_file_is_a_named_error(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    afile = tmp_path / "afile"
    afile.write_text("notes")
    code = main(["pack", "--no-progress", "--quarter", "2022Q1", "--out", str(afile / "sub")])
    assert code == 2
    assert capsys.readouterr().err == (
        f"scrutiny pack: --out {afile / 'sub'}: {afile} is a file, not a folder; "
        "choose another --out\n"
    )
    assert afile.read_text() == "notes"
