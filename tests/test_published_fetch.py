"""`scrutiny data fetch` (folder and URL mirrors, sha checks) and `extract --check`."""

from __future__ import annotations

import functools
import hashlib
import http.server
import shutil
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import require_shared

from scrutiny.cli import main
from scrutiny.errors import DataError, UnusableInput
from scrutiny.published import Source, fetch, load_manifest

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "evidence" / "sources.yml"
SMALL = {"sn-2021-04", "sn-2025-05", "ons-population-0-17"}


def small_sources() -> list[Source]:
    return [s for s in load_manifest(MANIFEST) if s.id in SMALL]


def fake_mirror(tmp_path: Path) -> tuple[Path, Source]:
    mirror = tmp_path / "mirror"
    (mirror / "dfe").mkdir(parents=True)
    data = b"time_period\n2021\n"
    (mirror / "dfe" / "tiny.csv").write_bytes(data)
    source = replace(
        small_sources()[0],
        id="tiny",
        path="dfe/tiny.csv",
        sha256=hashlib.sha256(data).hexdigest(),
        bytes=len(data),
    )
    return mirror, source


@pytest.fixture
def served(mirror_dir):
    """The mirror over http on 127.0.0.1 (ephemeral port), as a base URL."""
    handler = functools.partial(QuietHandler, directory=str(mirror_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_fetch_from_a_folder_verifies_and_caches(mirror_dir, tmp_path):
    paths = fetch(small_sources(), str(mirror_dir), tmp_path / "cache")
    assert [p.relative_to(tmp_path / "cache").as_posix() for p in paths] == [
        "dfe-csc-outcomes-enablers/ons_mid-year_population_estimates_2012_to_2024.csv",
        "dfe-lait/sn_april_2021.xlsx",
        "dfe-lait/sn_may_2025.xlsx",
    ]
    for path, source in zip(paths, small_sources(), strict=True):
        assert path.read_bytes() == (mirror_dir / source.path).read_bytes()


def test_fetch_from_a_url(served, tmp_path):
    paths = fetch(small_sources(), served + "/", tmp_path / "cache")
    assert len(paths) == 3 and all(p.stat().st_size > 0 for p in paths)


def test_fetch_from_a_file_url(tmp_path):
    mirror, source = fake_mirror(tmp_path)
    [path] = fetch([source], mirror.as_uri(), tmp_path / "cache")
    assert path.read_bytes() == b"time_period\n2021\n"


def test_sha_mismatch_names_the_file_and_both_hashes(tmp_path):
    mirror, source = fake_mirror(tmp_path)
    actual = source.sha256
    wrong = replace(source, sha256="0" * 64)
    with pytest.raises(DataError) as caught:
        fetch([wrong], str(mirror), tmp_path / "cache")
    message = str(caught.value)
    assert "dfe/tiny.csv" in message and "sha256-mismatch" in message
    assert "0" * 64 in message and actual in message
    assert not (tmp_path / "cache" / "dfe" / "tiny.csv").exists()


def test_a_missing_file_is_named_with_its_publication_page(tmp_path):
    mirror, source = fake_mirror(tmp_path)
    absent = replace(source, path="dfe/absent.csv", sha256="1" * 64)
    with pytest.raises(UnusableInput, match=r"dfe/absent\.csv: \[missing-file\] not found") as err:
        fetch([absent], str(mirror), tmp_path / "cache")
    assert f"published at {source.publication_url}" in str(err.value)


def test_a_file_under_another_name_and_folder_is_found_by_its_sha256(tmp_path):
    mirror, source = fake_mirror(tmp_path)
    (mirror / "dfe" / "tiny.csv").rename(mirror / "downloaded (1).csv")
    (mirror / "decoy.csv").write_bytes(b"time_period\n2022\n")  # same size, other bytes
    [path] = fetch([source], str(mirror), tmp_path / "cache")
    assert path == tmp_path / "cache" / "dfe" / "tiny.csv"
    assert path.read_bytes() == b"time_period\n2021\n"


def test_a_mirror_folder_that_does_not_exist_is_one_error(tmp_path):
    _, source = fake_mirror(tmp_path)
    with pytest.raises(UnusableInput, match="no such folder"):
        fetch([source], str(tmp_path / "nowhere"), tmp_path / "cache")


def clone_without_mirror(tmp_path: Path, monkeypatch) -> Path:
    """A project folder with nothing beside it and no SCRUTINY_MIRROR."""
    project = tmp_path / "clone"
    (project / "evidence").mkdir(parents=True)
    shutil.copy(MANIFEST, project / "evidence" / "sources.yml")
    (project / "evidence" / "claims.yml").write_text("claims: []\n")
    monkeypatch.chdir(project)
    monkeypatch.delenv("SCRUTINY_MIRROR", raising=False)
    monkeypatch.setenv("SCRUTINY_CACHE", str(tmp_path / "cache"))
    return project


def assert_lists_every_file(text: str) -> None:
    for source in load_manifest(MANIFEST):
        assert source.path in text and source.sha256 in text, source.id
        assert source.publication_url in text and source.retrieved_from in text


def test_fetch_without_a_mirror_lists_the_files_and_fails(tmp_path, monkeypatch, capsys):
    clone_without_mirror(tmp_path, monkeypatch)
    assert main(["data", "fetch"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    assert_lists_every_file(err)
    assert err.rstrip().splitlines()[-1].startswith("scrutiny data: no folder or URL holding")
    assert not (tmp_path / "cache").exists()


def test_fetch_list_prints_the_files_and_fetches_nothing(tmp_path, monkeypatch, capsys):
    clone_without_mirror(tmp_path, monkeypatch)
    assert main(["data", "fetch", "--list"]) == 0
    assert_lists_every_file(capsys.readouterr().out)
    assert not (tmp_path / "cache").exists()


def test_a_missing_file_over_http_is_named(served, tmp_path):
    absent = replace(small_sources()[0], path="dfe-lait/absent.xlsx")
    with pytest.raises(UnusableInput, match=r"dfe-lait/absent\.xlsx: \[missing-file\]"):
        fetch([absent], served, tmp_path / "cache")


def test_cli_reports_a_mismatch_without_a_traceback(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SCRUTINY_CACHE", str(tmp_path / "cache"))
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["data", "fetch", "--mirror", str(empty)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("scrutiny data: ") and "Traceback" not in err
    assert "dfe-lait/sn_may_2025.xlsx: [missing-file]" in err


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """Every official file, fetched once from the shared mirror."""
    mirror = require_shared("data", "raw")
    folder = tmp_path_factory.mktemp("cache")  # as $SCRUTINY_CACHE: files under published/
    fetch(load_manifest(MANIFEST), str(mirror), folder / "published")
    return folder


@pytest.mark.slow
def test_committed_extract_is_reproduced_byte_for_byte(cache, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SCRUTINY_CACHE", str(cache))
    assert main(["data", "extract", "--check"]) == 0
    assert "reproduce byte for byte" in capsys.readouterr().out


@pytest.mark.slow
def test_check_fails_on_a_changed_or_surplus_file(cache, monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SCRUTINY_CACHE", str(cache))
    out = tmp_path / "published"
    shutil.copytree(ROOT / "evidence" / "data" / "published", out)
    (out / "areas.csv").write_text("la_code\n")
    (out / "measures" / "stale.csv").write_text("release\n")
    assert main(["data", "extract", "--check", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "areas.csv" in err and "measures/stale.csv" in err
    assert main(["data", "extract", "--out", str(out)]) == 0
    assert not (out / "measures" / "stale.csv").exists()
    assert main(["data", "extract", "--check", "--out", str(out)]) == 0
