"""Where a pack is written: `--out` resolved to its real path before the lock and the swap.

A pack is swapped in by renaming folders, and a rename replaces a symbolic link itself: built
through a link, the new pack would take the link's place while the folder it names kept the
old one, and a build through the link and one into the real folder would hold different
locks. Resolved first, a link stays a link, the folder it names gets the new pack, and every
name for one folder shares one lock.
"""

from __future__ import annotations

import os
from pathlib import Path

from scrutiny.errors import ConfigError


def real_target(out: Path) -> Path:
    """`out` with every link resolved; refused when a folder on its way is a file."""
    real = Path(os.path.realpath(out))
    for ancestor in real.parents:
        if ancestor.exists():
            if not ancestor.is_dir():
                raise ConfigError(
                    f"--out {out}: {ancestor} is a file, not a folder; choose another --out"
                )
            break
    return real
