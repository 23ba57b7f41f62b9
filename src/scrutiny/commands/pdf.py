"""`scrutiny pdf PACK`: print a rendered pack (index and every page) to PACK/pack.pdf."""

from __future__ import annotations

import argparse
from pathlib import Path

from scrutiny.commands import SUMMARY
from scrutiny.pack.pdf import write_pdf


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "pdf",
        help=SUMMARY["pdf"],
        description="Prints index.html, then every page it links to, each from a new sheet, "
        "to <pack>/pack.pdf. Needs chromium (apt-get install chromium).",
    )
    parser.add_argument("pack", type=Path, help="a rendered pack folder, e.g. rendered/2022Q1")
    return parser


def run(args: argparse.Namespace) -> int:
    target = write_pdf(args.pack)
    print(f"pdf: {target}")
    return 0
