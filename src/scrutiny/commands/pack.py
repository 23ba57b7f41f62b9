"""`scrutiny pack`: build the quarter's evidence pack under rendered/<quarter>/."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from scrutiny.commands import SUMMARY
from scrutiny.pack.build import build_pack
from scrutiny.paths import project_root
from scrutiny.regular_files import add_flag
from scrutiny.terminal import printable


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "pack",
        help=SUMMARY["pack"],
        description="Runs only the notebooks whose inputs changed; builds in a temporary "
        "folder and swaps it in when complete, so a failed build leaves the "
        "previous pack in place.",
    )
    parser.add_argument("--quarter", help="calendar quarter, e.g. 2022Q1 (default: params)")
    parser.add_argument("--params", type=Path, help="your own params file (overrides defaults)")
    parser.add_argument("--out", type=Path, help="pack folder (default: rendered/<quarter>)")
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="notebooks run at once (default: cores)",
    )
    parser.add_argument(
        "--since",
        type=Path,
        metavar="DIR",
        help="the pack changes.html compares with (default: the previous quarter's, beside it)",
    )
    parser.add_argument("--only", nargs="+", metavar="ID", help="re-run only these claims")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per notebook cell")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    add_flag(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    report = build_pack(
        project_root(),
        args.quarter,
        args.params,
        args.out,
        args.jobs,
        args.only,
        args.timeout,
        not args.no_progress,
        since=args.since,
    )
    for warning in report.warnings:
        print(f"scrutiny pack: warning: {printable(warning)}", file=sys.stderr)
    print(f"pack: {report.out} ({len(report.ran)} notebook(s) run, {len(report.reused)} unchanged)")
    return 0
