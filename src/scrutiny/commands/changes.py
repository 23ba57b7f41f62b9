"""`scrutiny changes OLD NEW`: what changed between two packs, and why, in the terminal."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from scrutiny.commands import SUMMARY
from scrutiny.terminal import printable


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "changes",
        help=SUMMARY["changes"],
        description="Lists each figure whose measured value, verdict or evidence class "
        "differs between the packs (keyed by claim and figure label), old and new side by "
        "side, with the cause read from the two manifests; the same comparison as the "
        "pack's changes.html. Each pack is first checked against the sha256 its manifest "
        "records for verdicts.json and changes.json, and read within size limits: a pack "
        "that fails is named and nothing is compared.",
    )
    parser.add_argument("old", type=Path, help="the earlier pack folder, e.g. rendered/2021Q4")
    parser.add_argument("new", type=Path, help="the later pack folder, e.g. rendered/2022Q1")
    shape = parser.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print the comparison as JSON")
    shape.add_argument(
        "--markdown",
        action="store_true",
        help="print a Markdown table (claim, figure, old, new, cause), short enough for a "
        "pull-request comment or a CI job summary",
    )
    return parser


def report(comparison: dict, old: Path, new: Path) -> list[str]:
    from scrutiny.pack.changes import counts, described

    n = counts(comparison)
    before, after = comparison["old"]["quarter"], comparison["new"]["quarter"]
    lines = [
        f"{old} ({before}) -> {new} ({after}): compared {comparison['compared']['figures']} "
        f"figures of {comparison['compared']['claims']} claims; {n['figures']} figure(s) "
        f"changed, {n['verdicts']} verdict(s) changed, {n['new']} claim(s) new, "
        f"{n['removed']} removed"
    ]
    if comparison["verdicts"]:
        lines.append("verdicts:")
    for v in comparison["verdicts"]:
        lines.append(
            f"  {v['claim']}: {v['old'] or '(no claim)'} -> {v['new'] or '(no claim)'}"
            f"  [{'; '.join(v['causes'])}]"
        )
    if comparison["figures"]:
        lines.append("figures:")
    for f in comparison["figures"]:
        lines.append(f"  {f['claim']}: {f['figure']}")
        lines.append(
            f"    {described(f['old'])} -> {described(f['new'])}  [{'; '.join(f['causes'])}]"
        )
    return [printable(line, keep_lines=False) for line in lines]


def run(args: argparse.Namespace) -> int:
    from scrutiny.pack.changes import compare, load_pack

    comparison = compare(load_pack(args.old), load_pack(args.new))
    if args.json:  # JSON escapes every control character itself
        print(json.dumps(comparison, indent=2, sort_keys=True))
    elif args.markdown:
        from scrutiny.pack.changes_markdown import markdown

        print(markdown(comparison), end="")
    else:
        print("\n".join(report(comparison, args.old, args.new)))
    return 0
