"""What a user without a mirror must download: each official file, where it is published,
and the sha256 `scrutiny data fetch` will insist on."""

from __future__ import annotations

from itertools import groupby

from scrutiny.published.manifest import Source


def listing(sources: list[Source]) -> str:
    """The files grouped by publication page, each with its size, sha256 and pinned copy."""
    total = sum(source.bytes for source in sources)
    lines = [
        f"The published statistics are built from {len(sources)} official files "
        f"({total / 1e6:.1f} MB).",
        "Download each from its publication page (or the pinned copy it was retrieved from),",
        "put them in one folder (any layout: files are recognised by their sha256), and run",
        "  scrutiny data fetch --mirror FOLDER",
        "or give a URL under which they sit at the paths below: --mirror https://host/path/",
    ]
    by_page = sorted(sources, key=lambda s: (s.publication_url, s.publication))
    for (url, publication), group in groupby(by_page, lambda s: (s.publication_url, s.publication)):
        entries = list(group)
        lines += ["", f"{publication} ({entries[0].publisher})", f"  {url}"]
        for source in entries:
            lines += [
                f"  - {source.path} ({source.bytes:,} bytes, release {source.release})",
                f"    sha256 {source.sha256}",
                f"    retrieved from {source.retrieved_from}",
            ]
    return "\n".join(lines)
