"""`scrutiny synth`: write the synthetic demo authority's yearly 903 returns."""

from __future__ import annotations

import argparse
from pathlib import Path

from scrutiny import synth
from scrutiny.bounds import check_year
from scrutiny.commands import SUMMARY
from scrutiny.errors import UnusableInput


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "synth",
        help=SUMMARY["synth"],
        description="Simulate a fictional authority calibrated to public DfE figures and write "
        "one folder of 903 CSVs per collection year (same seed, same bytes).",
    )
    parser.add_argument("--out", type=Path, required=True, help="folder to write DIR/<year>/ into")
    parser.add_argument("--seed", type=int, default=synth.DEFAULT_SEED)
    parser.add_argument(
        "--children",
        type=int,
        default=None,
        help="distinct children over the whole simulation, warm-up included "
        "(default: the calibrated authority's size)",
    )
    parser.add_argument(
        "--first-year",
        type=int,
        default=synth.FIRST_YEAR,
        help="first collection year written (year ending 31 March)",
    )
    parser.add_argument("--last-year", type=int, default=synth.LAST_YEAR)
    return parser


def run(args: argparse.Namespace) -> int:
    check_year(args.first_year, "--first-year")
    check_year(args.last_year, "--last-year")
    if args.last_year < args.first_year:
        raise UnusableInput(
            f"--last-year {args.last_year} is before --first-year {args.first_year}"
        )
    if args.children is not None and args.children < 1:
        raise UnusableInput(f"--children must be at least 1, not {args.children}")
    written = synth.generate(args.out, args.seed, args.children, args.first_year, args.last_year)
    years = f"{args.first_year}-{args.last_year}"
    print(f"wrote {len(written)} files for collection years {years} under {args.out}")
    return 0
