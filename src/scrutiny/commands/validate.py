"""`scrutiny validate PATH`: the report a data manager needs to fix a 903 extract.

Its output reaches CI logs, so cell values (which may be CHILD ids, dates of birth or
postcodes) are printed only with --show-values; rules, places and counts always are.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict

from scrutiny import ssda903
from scrutiny.cache import inspect_cached
from scrutiny.commands import SUMMARY
from scrutiny.errors import Problem, knock_on_line, total
from scrutiny.regular_files import add_flag
from scrutiny.ssda903.causes import knock_on

EXAMPLES = 5
SHOW_VALUES = "--show-values"
HIDDEN = "values are not shown, as they may identify a child: --show-values prints them"


def add_show_values(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        SHOW_VALUES,
        action="store_true",
        help="print the offending cell values (CHILD ids, dates of birth...): for the data "
        "team's eyes only, never for logs or publication",
    )


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "validate",
        help=SUMMARY["validate"],
        description="Exit 0 when clean or warnings only, 1 on errors, 2 on unusable input.",
    )
    parser.add_argument("path", help="folder of 903 CSVs (one subfolder per year) or an XML file")
    parser.add_argument(
        "--json",
        action="store_true",
        help="print the report as JSON: each rule's count, and its first rows (a listed "
        "problem's `more` counts the rows of its rule not listed)",
    )
    add_show_values(parser)
    add_flag(parser)
    return parser


def grouped(problems: list[Problem]) -> dict[tuple[str, str, str], list[Problem]]:
    groups: dict[tuple[str, str, str], list[Problem]] = defaultdict(list)
    for problem in problems:
        groups[(problem.severity, problem.rule, problem.message)].append(problem)
    for found in groups.values():
        found.sort(key=lambda p: (p.file, p.row or 0))
    return dict(sorted(groups.items(), key=lambda item: (item[0][0] != "error", item[0][1])))


def render_text(report: ssda903.Report, show_values: bool = False) -> str:
    tables = ", ".join(f"{name} {rows}" for name, rows in sorted(report.rows.items()))
    lines = [
        f"{report.source}: {tables} rows",
        f"{total(report.errors)} error(s), {total(report.warnings)} warning(s)",
    ]
    following = knock_on(report.problems)
    first = [p for p in report.problems if p not in set(following)]
    for (severity, rule, message), found in grouped(first).items():
        lines.append(f"\n{severity.upper()} {rule} x{total(found)}: {message}")
        for problem in found[:EXAMPLES]:
            value = f" value {problem.value!r}" if problem.value and show_values else ""
            lines.append(f"  - {problem.where()}{value}")
        if total(found) > EXAMPLES:
            lines.append(f"  ... and {total(found) - len(found[:EXAMPLES])} more")
    if following:
        lines.append(f"\n{knock_on_line(following)}")
    if not show_values and any(p.value for p in report.problems):
        lines.append(f"\n({HIDDEN})")
    return "\n".join(lines)


def render_json(report: ssda903.Report, show_values: bool = False) -> str:
    following = set(knock_on(report.problems))
    problems = [
        {**p.to_dict(), "value": p.value if show_values else "", "knock_on": p in following}
        for p in report.problems
    ]
    rules = [
        {"severity": severity, "rule": rule, "message": message, "count": total(found)}
        for (severity, rule, message), found in grouped(report.problems).items()
    ]
    return json.dumps(
        {
            "source": report.source,
            "rows": dict(sorted(report.rows.items())),
            "errors": total(report.errors),
            "warnings": total(report.warnings),
            "values_shown": show_values,
            "rules": rules,
            "problems": problems,
        },
        indent=2,
    )


def run(args: argparse.Namespace) -> int:
    report = inspect_cached(args.path)
    render = render_json if args.json else render_text
    print(render(report, args.show_values))
    return 1 if report.errors else 0
