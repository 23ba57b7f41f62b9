"""The first cause first: errors that only follow from a file-level problem are set apart.

A file that cannot be read (bad encoding, a row wider than its header, a wrong header, broken
XML) drops its rows, so other tables then miss their partners: dozens of "child not in
header" or "overlapping episodes" errors that vanish once the file is fixed. A truncated row
is read padded with blanks, so its blank fields are the same problem again. A second copy of
a table in one year repeats its records: each repeat is the same problem again.
"""

from __future__ import annotations

from scrutiny.errors import Problem

FILE_DROPPED = {
    "encoding",
    "malformed-row",
    "malformed-quote",
    "malformed-xml",
    "header-mismatch",
    "empty-file",
}
CROSS_TABLE = {"missing-table", "child-not-in-header", "overlapping-episodes"}
TRUNCATED = "truncated-row"
SECOND_COPY = "duplicate-table"  # a second file of a table repeats its records
REPEATED = {"duplicate-record", "overlapping-episodes"}


def knock_on(problems: list[Problem]) -> list[Problem]:
    """The errors among `problems` that may only follow from a file-level problem."""
    dropped = any(p.rule in FILE_DROPPED and p.severity == "error" for p in problems)
    truncated = {(p.file, p.row) for p in problems if p.rule == TRUNCATED}
    copied = any(p.rule == SECOND_COPY for p in problems)
    return [
        p
        for p in problems
        if p.severity == "error"
        and p.rule not in FILE_DROPPED | {TRUNCATED, SECOND_COPY}
        and (
            (dropped and p.rule in CROSS_TABLE)
            or (p.file, p.row) in truncated
            or (copied and p.rule in REPEATED)
        )
    ]
