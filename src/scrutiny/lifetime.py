"""Helper processes die with the process that started them, even when it is killed (-9).

A build killed mid-run must not leave papermill drivers running its notebooks for minutes
more, nor a PDF reader inflating a stream. On Linux the kernel sends a helper SIGKILL when
its parent dies (prctl PR_SET_PDEATHSIG); the helper asks for it as it starts, then checks
that its parent is still the one that started it (it may have died in between). The kernels
papermill starts follow it within a second: ipykernel polls its parent (JPY_PARENT_PID).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys

PARENT = "SCRUTINY_PARENT_PID"  # set by the starter: the process a helper must not outlive
_PR_SET_PDEATHSIG = 1


def helper_environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for a helper process started by this one."""
    return {**(os.environ if base is None else base), PARENT: str(os.getpid())}


def die_with_parent() -> None:
    """Ask to be killed when the parent dies; exit now if it already has. Elsewhere than
    Linux, a no-op."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    expected = os.environ.get(PARENT, "")
    if expected.isdigit() and os.getppid() != int(expected):
        os._exit(1)  # the parent died before the request took effect
