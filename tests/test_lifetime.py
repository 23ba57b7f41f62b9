"""Helpers die with the process that started them, even when it is killed with SIGKILL.

Each test starts a stand-in for the build (`parent`), which starts a helper and prints its
pid; the test kills the parent with SIGKILL and waits for the helper to be gone. The helper's
stdin is a pipe the test holds open, so nothing but its parent's death can end it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from scrutiny.pack.build import process_alive

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")

# The stand-in build: starts the helper (its stdin the test's pipe), prints its pid, waits.
PARENT = """
import subprocess, sys, time
from scrutiny.lifetime import helper_environment
helper = subprocess.Popen([sys.executable, *sys.argv[1:]], stdin=0, env=helper_environment())
print(helper.pid, flush=True)
time.sleep(600)
"""
# A helper that asks to die with its parent, says so, then waits for input that never comes.
WAITS = (
    "from scrutiny.lifetime import die_with_parent; import sys; die_with_parent(); "
    "print('ready', file=sys.stderr, flush=True); sys.stdin.read()"
)


def helper_outlives_parent(*helper: str, ready: bool) -> bool:
    """Whether the helper still runs 30 s after its parent was killed (it should not)."""
    read, write = os.pipe()
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, *helper],
        stdin=read,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    os.close(read)
    try:
        pid = int(parent.stdout.readline())
        if ready:  # the helper has made its request: the kernel, not a check, kills it
            assert parent.stderr.readline().strip() == "ready"
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 30
        while process_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        alive = process_alive(pid)
        if alive:
            os.kill(pid, signal.SIGKILL)
        return alive
    finally:
        os.close(write)


def test_a_helper_dies_when_its_parent_is_killed():
    assert not helper_outlives_parent("-c", WAITS, ready=True)


def test_a_papermill_driver_of_the_pack_dies_with_the_build(tmp_path):
    """papermill reading its notebook from stdin waits for ever, like one running a cell."""
    driver = ["-m", "scrutiny.pack.papermill_main", "-", str(tmp_path / "out.ipynb")]
    assert not helper_outlives_parent(*driver, ready=False)
