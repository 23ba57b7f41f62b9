"""`scrutiny validate PATH`: the report a data manager needs to fix a 903 extract."""

from __future__ import annotations

import argparse
import json
from collections import defaultdict

from scrutiny import ssda903
from scrutiny.cache import inspect_cached
from scrutiny.errors import Problem

EXAMPLES = 5


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "validate",
        help="check a 903 extract (CSV folder or XML) against the return's rules",
        description="Exit 0 when clean or warnings only, 1 on errors, 2 on unusable input.",
    )
    parser.add_argument("path", help="folder of 903 CSVs (one subfolder per year) or an XML file")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    return parser


def grouped(problems: list[Problem]) -> dict[tuple[str, str, str], list[Problem]]:
    groups: dict[tuple[str, str, str], list[Problem]] = defaultdict(list)
    for problem in problems:
        groups[(problem.severity, problem.rule, problem.message)].append(problem)
    for found in groups.values():
        found.sort(key=lambda p: (p.file, p.row or 0))
    return dict(sorted(groups.items(), key=lambda item: (item[0][0] != "error", item[0][1])))


def render_text(report: ssda903.Report) -> str:
    tables = ", ".join(f"{name} {rows}" for name, rows in sorted(report.rows.items()))
    lines = [
        f"{report.source}: {tables} rows",
        f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)",
    ]
    for (severity, rule, message), found in grouped(report.problems).items():
        lines.append(f"\n{severity.upper()} {rule} x{len(found)}: {message}")
        for problem in found[:EXAMPLES]:
            value = f" value {problem.value!r}" if problem.value else ""
            lines.append(f"  - {problem.where()}{value}")
        if len(found) > EXAMPLES:
            lines.append(f"  ... and {len(found) - EXAMPLES} more")
    return "\n".join(lines)


def render_json(report: ssda903.Report) -> str:
    return json.dumps(
        {
            "source": report.source,
            "rows": dict(sorted(report.rows.items())),
            "errors": len(report.errors),
            "warnings": len(report.warnings),
            "problems": [p.to_dict() for p in report.problems],
        },
        indent=2,
    )


def run(args: argparse.Namespace) -> int:
    report = inspect_cached(args.path)
    print(render_json(report) if args.json else render_text(report))
    return 1 if report.errors else 0
