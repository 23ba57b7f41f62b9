"""`scrutiny claims`: candidate numeric claims in panel documents, and conflicts between them."""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from scrutiny.claimtext.conflicts import Conflict, find_conflicts
from scrutiny.claimtext.extract import statements_by_document, unique_statements
from scrutiny.claimtext.register import register_yaml
from scrutiny.commands import SUMMARY
from scrutiny.errors import ConfigError, ScrutinyError, UnusableInput
from scrutiny.regular_files import add_flag

SIGNED_NUMBER = re.compile(r"^-\d[\d,]*(?:\.\d+)?%?$|^-\.\d+%?$")


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "claims",
        help=SUMMARY["claims"],
        description="Read panel documents (plain text, Markdown, HTML or PDF) and list the numeric "
        "statements in them as candidate register entries, or the pairs that disagree.",
    )
    actions = parser.add_subparsers(dest="claims_action", metavar="ACTION", required=True)
    extract = actions.add_parser("extract", help="candidate claims as register YAML")
    extract.add_argument("--out", type=Path, help="write the YAML here instead of stdout")
    extract.add_argument(
        "--la",
        help="the council's LA code (or name): write a register that loads and builds, each "
        "figure with its best test (a published measure, else a 903 metric, else none)",
    )
    extract.add_argument(
        "--date",
        type=_date_of("--date"),
        help="the papers' date (YYYY-MM-DD) where a document states none: periods such as "
        '"at 31 March" and "since September 2020" are read against it',
    )
    extract.add_argument(
        "--published", type=Path, help="the published extract (default: the project's)"
    )
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
        add_flag(action)
    trace = actions.add_parser(
        "trace", help="published figures that reproduce a claimed number (where it came from)"
    )
    # "-19.5%" is the number claimed, not an option: argparse reads a leading "-" as an option
    # unless the whole token looks like a negative number, and its own test knows no "%".
    trace._negative_number_matcher = SIGNED_NUMBER
    trace.add_argument("claimed", help='the number as written, e.g. "23%%", "-19.5%%" or 702')
    trace.add_argument(
        "--subject", required=True, help='what it is about, e.g. "children looked after"'
    )
    trace.add_argument("--la", default="E06000002", help="LA code or name (default E06000002)")
    trace.add_argument(
        "--published", type=Path, help="the published extract (default: the project's)"
    )
    trace.add_argument("--before", type=_day, help="only years ended before this date (YYYY-MM-DD)")
    trace.add_argument("--json", action="store_true", help="print JSON for other tools")
    return parser


def _date_of(flag: str):
    def parse(text: str):
        from scrutiny.metrics import to_date

        try:
            return to_date(text, flag)
        except ScrutinyError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return parse


_day = _date_of("--before")


def run(args: argparse.Namespace) -> int:
    if args.claims_action == "extract":
        return _extract(args)
    if args.claims_action == "trace":
        return _trace(args)
    conflicts = find_conflicts(args.paths, args.documents)
    if args.json:
        print(json.dumps([c.to_dict() for c in conflicts], indent=2, ensure_ascii=False))
    else:
        print(render_conflicts(conflicts))
    return 0


def _trace(args: argparse.Namespace) -> int:
    """Every published figure that reproduces the number, closest in subject first."""
    from scrutiny.claims import parse_number
    from scrutiny.published import load_extract
    from scrutiny.published.search import ORDINAL, describe, search

    try:
        if not ORDINAL.match(args.claimed):
            parse_number(args.claimed)
    except ValueError as error:
        raise ConfigError(f"claims trace: {error} (or a rank such as 6th)") from None
    found = search(load_extract(args.published), args.claimed, args.subject, args.la, args.before)
    if args.json:
        print(
            json.dumps(found.to_dict(orient="records"), indent=2, ensure_ascii=False, default=str)
        )
    elif found.empty:
        print(
            f"no published figure for {args.la}, its region, England or its statistical "
            f"neighbours reproduces {args.claimed}"
        )
    else:
        print("\n".join(describe(row, args.claimed) for _, row in found.iterrows()))
    return 0


def _extract(args: argparse.Namespace) -> int:
    """Candidates once per statement; on stderr, a progress bar, documents with none, a total."""
    started = time.monotonic()
    found = []
    bar = _ProgressBar()
    documents = _documents(args) if args.la else args.documents
    try:
        for path, statements in statements_by_document(args.paths, documents, bar):
            if not statements:
                empty = path.stat().st_size == 0
                print(
                    f"{path}: {'empty' if empty else 'no numeric statements found'}",
                    file=sys.stderr,
                )
            found.extend(statements)
    finally:
        bar.close()
    unique = unique_statements(found)
    text = _proposed_register(args, documents, unique) if args.la else register_yaml(unique)
    if args.out:
        _write(args.out, text)
    else:
        sys.stdout.write(text)
    repeats = len(found) - len(unique)
    merged = f" ({repeats} repeated statement(s) merged)" if repeats else ""
    print(
        f"claims extract: {len(unique)} statement(s){merged} in {len(args.paths)} document(s), "
        f"{time.monotonic() - started:.1f} s",
        file=sys.stderr,
    )
    return 0


def _documents(args: argparse.Namespace) -> dict:
    """Each document's id, file, title and date (the catalogue's, else --date, else the date
    its opening states), so every period is read against the document's own date."""
    from scrutiny.claimtext.catalogue import describe, load_catalogue
    from scrutiny.claimtext.extract import describe_document

    catalogue = load_catalogue(args.documents)
    documents = {}
    for path in args.paths:
        info = describe(path, catalogue)
        title, said_on = describe_document(path, info)
        if info.date is None and args.date is not None:
            said_on = args.date
        if info.id in documents:
            raise ConfigError(f"{path}: two documents would share the id {info.id}")
        documents[info.id] = {"file": path.name, "title": title, "date": said_on}
    return documents


def _proposed_register(args: argparse.Namespace, documents: dict, statements) -> str:
    """The register YAML, loaded back and checked before it is written: it builds as it is."""
    import yaml

    from scrutiny.claimtext.proposals import Document, register
    from scrutiny.published import load_extract

    extract = load_extract(args.published)
    extract.la_codes(args.la)  # an unknown LA code is an error naming it, before any work
    listed = [Document(key, d["file"], d["title"], d["date"]) for key, d in documents.items()]
    data = register(statements, listed, extract, args.la)
    text = (
        "# Proposed by `scrutiny claims extract --la "
        + str(args.la)
        + "`: every claim was read by\n"
        "# machine (status: proposed). Check each quote, figure and test; set status: confirmed.\n"
        + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    )
    _check_register(text)
    return text


def _check_register(text: str) -> None:
    import tempfile

    from scrutiny.catalogue import figure_metrics
    from scrutiny.claims import load_register

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "register.yml"
        path.write_text(text, encoding="utf-8")
        load_register(path, figure_metrics())


class _ProgressBar:
    """One bar per document through its sentences, on stderr when it is a terminal."""

    def __init__(self) -> None:
        self.path: Path | None = None
        self.bar = None

    def __call__(self, path: Path, done: int, total: int) -> None:
        from tqdm import tqdm

        if path != self.path:
            self.close()
            self.path = path
            self.bar = tqdm(
                total=total, desc=path.name, unit=" sentences", file=sys.stderr, disable=None
            )
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        self.bar = None


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
