"""Content hashes: how the pack, the cache and the published manifest recognise a file."""

from __future__ import annotations

import hashlib
from pathlib import Path

from scrutiny.regular_files import open_regular


def file_sha256(path: Path) -> str:
    """sha256 of a file's bytes, read in blocks so large extracts do not fill memory; a
    device or FIFO is refused (it would never end, or never start)."""
    digest = hashlib.sha256()
    with open_regular(Path(path)) as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
