"""Where a pack may be written: one built from a council's own 903 extract never sits in a
folder git tracks, one `git commit -a` away from publishing pages computed from child-level
data. The synthetic demo's pack, and a pack with no extract at all, may be committed."""

from __future__ import annotations

import subprocess
from pathlib import Path

from scrutiny.errors import ConfigError
from scrutiny.inputs import is_synthetic

PRIVATE = "private"  # rendered/private/<quarter>: git ignores it (.gitignore)


def holds_child_data(data_903: Path | None) -> bool:
    return data_903 is not None and not is_synthetic(data_903)


def default_target(root: Path, quarter: str, data_903: Path | None) -> Path:
    if holds_child_data(data_903):
        return root / "rendered" / PRIVATE / quarter
    return root / "rendered" / quarter


def git_tracks(folder: Path) -> bool:
    """Whether git would track files written in `folder`: inside a work tree and not ignored.
    Without git (or outside a repository) nothing is tracked."""
    probe = folder / "manifest.json"
    existing = next((p for p in [folder, *folder.parents] if p.is_dir()), None)
    if existing is None:
        return False
    try:
        inside = subprocess.run(
            ["git", "-C", str(existing), "rev-parse", "--is-inside-work-tree"],
            capture_output=True,
            text=True,
            timeout=30,
        )
        if inside.returncode != 0 or inside.stdout.strip() != "true":
            return False
        ignored = subprocess.run(
            ["git", "-C", str(existing), "check-ignore", "-q", "--no-index", str(probe)],
            capture_output=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return ignored.returncode == 1  # 0: ignored, 1: not ignored, 128: error


def refuse_tracked(target: Path, data_903: Path | None, root: Path, quarter: str) -> None:
    """A pack from a council's own extract goes only where git does not track it."""
    if holds_child_data(data_903) and git_tracks(target):
        raise ConfigError(
            f"refusing to write a pack built from your own 903 extract into {target}: git "
            "tracks that folder, so pages computed from child-level data could be committed. "
            f"Leave out --out (the pack then goes to {default_target(root, quarter, data_903)}, "
            "which git ignores) or choose a folder git ignores"
        )
