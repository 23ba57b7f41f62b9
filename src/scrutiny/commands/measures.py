"""`scrutiny measures`: the catalogue of measures a claim can be tested against."""

from __future__ import annotations

import argparse
import json

from scrutiny import catalogue
from scrutiny.commands import SUMMARY

JSON_KEYS = (
    "name",
    "source",
    "source_code",
    "description",
    "unit",
    "years",
    "params",
    "polarity",
    "decimals",
    "tests",
    "topic",
    "release",
)


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "measures",
        help=SUMMARY["measures"],
        description="List the catalogue: every 903 metric, every DfE query a register figure "
        "may name, and every published measure in the extract.",
    )
    parser.add_argument(
        "--search",
        metavar="WORDS",
        help='only measures holding every word, e.g. "child protection"',
    )
    parser.add_argument("--source", choices=["903", "published", "published query"])
    parser.add_argument("--published", metavar="DIR", help="published extract folder")
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    return parser


def run(args: argparse.Namespace) -> int:
    records = catalogue.measures(args.published)
    if args.search:
        records = catalogue.search(records, args.search)
    if args.source:
        records = [m for m in records if m.source == args.source]
    if args.json:
        rows = [{key: m.as_dict()[key] for key in JSON_KEYS} for m in records]
        print(json.dumps(rows, indent=1, ensure_ascii=False))
        return 0
    for m in records:
        years = f"{m.years[0]}-{m.years[1]}" if m.years else ""
        code = f" [{m.source_code}]" if m.source == catalogue.PUBLISHED else ""
        print(f"{m.name:<34} {m.source:<15} {years:<9} {m.description}{code}")
    print(f"{len(records)} measure(s)")
    return 0
