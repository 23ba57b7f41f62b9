"""`scrutiny check-disclosure DIR`: scan a rendered pack for child identifiers from the inputs."""

from __future__ import annotations

import argparse
from pathlib import Path

from scrutiny.errors import UnusableInput
from scrutiny.pack.disclosure_scan import scan_pack


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "check-disclosure",
        help="fail if a rendered pack holds any child identifier",
        description="Searches every .ipynb, .html and .json file for CHILD ids, UPNs, dates "
        "of birth and postcodes present in the 903 input; prints the file and kind "
        "of identifier, never the identifier.",
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
    if not args.pack.is_dir():
        raise UnusableInput(f"{args.pack}: no such pack folder")
    scan_pack(args.pack, args.data)
    print(f"{args.pack}: no child identifiers from {args.data} found")
    return 0
