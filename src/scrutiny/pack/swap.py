"""Exchange two folders in one step (Linux renameat2 RENAME_EXCHANGE), so a reader polling a
pack's index.html never finds it missing while a new pack replaces the old."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from functools import cache
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2


@cache
def renameat2():
    """libc's renameat2, or None where the C library has none (not Linux, old glibc)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    function.argtypes += [ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths atomically; False (nothing changed) where the system or the
    file system cannot, so the caller falls back to two renames."""
    function = renameat2()
    if function is None:
        return False
    paths = [os.fsencode(first), os.fsencode(second)]
    return function(AT_FDCWD, paths[0], AT_FDCWD, paths[1], RENAME_EXCHANGE) == 0
