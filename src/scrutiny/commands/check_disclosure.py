"""`scrutiny check-disclosure DIR`: scan a rendered pack for child identifiers from the inputs."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "check-disclosure",
        help="fail if a rendered pack holds any child identifier",
        description="Reads every file of the pack as a reader sees it (the text of HTML and "
        "SVG pages, the strings of notebooks and JSON, any other text file as it is) and "
        "searches it for the CHILD ids, UPNs, dates of birth and postcodes of the 903 input; "
        "prints the file and kind of identifier, never the identifier.",
    )
    parser.add_argument("pack", type=Path, help="a rendered pack folder")
    parser.add_argument(
        "--data",
        type=Path,
        default=Path("evidence/data/synthetic"),
        help="the 903 input the pack was built from",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    from scrutiny.pack.disclosure_scan import scan_pack

    scanned = scan_pack(args.pack, args.data)
    binary = f" ({scanned.binary} binary file(s) not read)" if scanned.binary else ""
    print(
        f"{args.pack}: {scanned.files} file(s) scanned{binary}, "
        f"no child identifiers from {args.data} found"
    )
    return 0
