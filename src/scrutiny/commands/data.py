"""`scrutiny data fetch | extract`: pinned official DfE/ONS files -> the committed extract."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scrutiny.commands import SUMMARY
from scrutiny.errors import ConfigError
from scrutiny.paths import project_root
from scrutiny.published import (
    build_extract,
    cache_dir,
    default_mirror,
    differences,
    fetch,
    load_manifest,
    write_extract,
)
from scrutiny.published.manifest import EXTRACT_DIR
from scrutiny.published.needed import listing


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("data", help=SUMMARY["data"])
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    get = actions.add_parser(
        "fetch",
        help="copy the files in evidence/sources.yml into the "
        "cache ($SCRUTINY_CACHE/published or .cache/published), checking sha256",
    )
    get.add_argument(
        "--mirror",
        help="folder (any layout) or http(s)/file URL holding the files "
        "(default: $SCRUTINY_MIRROR, else a shared/data/raw folder beside the project)",
    )
    get.add_argument(
        "--list",
        action="store_true",
        help="list the files needed, where each is published and its sha256; fetch nothing",
    )
    make = actions.add_parser("extract", help=f"write {EXTRACT_DIR}/ from the cached files")
    make.add_argument("--out", type=Path, help=f"output folder (default: {EXTRACT_DIR})")
    make.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if regenerating would change any file",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    sources = load_manifest()
    if args.action == "fetch":
        if args.list:
            print(listing(sources))
            return 0
        mirror = args.mirror or default_mirror()
        if mirror is None:
            print(listing(sources), end="\n\n", file=sys.stderr)
            raise ConfigError(
                "no folder or URL holding the official files: download the files listed "
                "above and pass --mirror FOLDER|URL (`make data MIRROR=FOLDER|URL`), "
                "or set SCRUTINY_MIRROR"
            )
        paths = fetch(sources, mirror)
        print(f"{len(paths)} file(s) verified in {cache_dir()} (from {mirror})")
        return 0
    out = args.out or project_root() / EXTRACT_DIR
    files = build_extract(sources)
    if args.check:
        changed = differences(files, out)
        for relative in changed:
            print(f"differs from the official files: {out / relative}", file=sys.stderr)
        if not changed:
            print(f"{len(files)} file(s) in {out} reproduce byte for byte")
        return 1 if changed else 0
    write_extract(files, out)
    print(f"wrote {len(files)} file(s) to {out}")
    return 0
