"""`scrutiny claims`: candidate numeric claims in panel documents, and conflicts between them."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from scrutiny.claimtext.conflicts import Conflict, find_conflicts
from scrutiny.claimtext.extract import extract_statements
from scrutiny.claimtext.register import register_yaml
from scrutiny.errors import UnusableInput


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "claims",
        help="find numeric claims in panel documents and conflicts between them",
        description="Read panel documents (plain text, Markdown, HTML or PDF) and list the numeric "
        "statements in them as candidate register entries, or the pairs that disagree.",
    )
    actions = parser.add_subparsers(dest="claims_action", metavar="ACTION", required=True)
    extract = actions.add_parser("extract", help="candidate claims as register YAML")
    extract.add_argument("--out", type=Path, help="write the YAML here instead of stdout")
    conflicts = actions.add_parser("conflicts", help="statements whose figures or dates disagree")
    conflicts.add_argument("--json", action="store_true", help="print JSON for other tools")
    for action in (extract, conflicts):
        action.add_argument("paths", nargs="+", type=Path, metavar="DOC")
        action.add_argument(
            "--documents",
            type=Path,
            help="YAML mapping short ids to files ({FR: {file: NAME, title: ...}}, "
            "optionally under a `documents:` key, as in evidence/claims.yml)",
        )
    return parser


def run(args: argparse.Namespace) -> int:
    if args.claims_action == "extract":
        text = register_yaml(extract_statements(args.paths, args.documents))
        if args.out:
            _write(args.out, text)
        else:
            sys.stdout.write(text)
        return 0
    conflicts = find_conflicts(args.paths, args.documents)
    if args.json:
        print(json.dumps([c.to_dict() for c in conflicts], indent=2, ensure_ascii=False))
    else:
        print(render_conflicts(conflicts))
    return 0


def render_conflicts(conflicts: list[Conflict]) -> str:
    """Plain-text listing: the reason, then both statements with their locators."""
    if not conflicts:
        return "No conflicts found."
    lines = [f"{len(conflicts)} conflict(s):"]
    for number, conflict in enumerate(conflicts, 1):
        lines.append(f"{number}. {conflict.subject}: {conflict.reason}")
        for side in conflict.to_dict()["statements"]:
            where = f"{side['document']} line {side['line']}"
            if side["section"]:
                where += f" ({side['section']})"
            lines.append(f"   {where}: {side['claimed'] or side['comparison']}, {side['period']}")
            lines.append(f'     "{side["quote"]}"')
    return "\n".join(lines)


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise UnusableInput(f"{path}: cannot write the candidates ({error.strerror})") from error
