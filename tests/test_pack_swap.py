"""The swap keeps a readable pack at the path at every instant (issue 25, item 11)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from scrutiny.pack import build
from scrutiny.pack.build import scratch, swap_in

POLLER = """
import sys
from pathlib import Path
index, stop = Path(sys.argv[1]), Path(sys.argv[2])
reads = misses = 0
while not stop.exists():
    reads += 1
    try:
        index.read_text()
    except FileNotFoundError:
        misses += 1
print(reads, misses)
"""


def new_pack(target: Path, text: str) -> Path:
    folder = scratch(target, "building")
    folder.mkdir()
    (folder / "index.html").write_text(text)
    (folder / "manifest.json").write_text("{}")
    return folder


def swaps_seen_by_a_reader(target: Path, count: int) -> tuple[int, int]:
    """Swap `count` new packs in while another process reads index.html: (reads, misses)."""
    swap_in(new_pack(target, "first"), target)
    stop = target.with_name("stop")
    poller = subprocess.Popen(
        [sys.executable, "-c", POLLER, str(target / "index.html"), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
    )
    time.sleep(0.5)  # the reader is reading
    for n in range(count):
        swap_in(new_pack(target, f"pack {n}"), target)
    stop.touch()
    reads, misses = map(int, poller.communicate(timeout=60)[0].split())
    return reads, misses


def test_a_reader_never_finds_index_html_missing_during_a_swap(tmp_path):
    target = tmp_path / "2022Q1"
    reads, misses = swaps_seen_by_a_reader(target, 300)
    assert reads > 300
    assert misses == 0
    assert (target / "index.html").read_text() == "pack 299"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2022Q1", "stop"]


def test_without_an_atomic_exchange_the_pack_is_still_swapped_in(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "exchange", lambda first, second: False)
    target = tmp_path / "2022Q1"
    swap_in(new_pack(target, "old"), target)
    swap_in(new_pack(target, "new"), target)
    assert (target / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2022Q1"]
