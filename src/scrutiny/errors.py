"""User-facing errors: each carries a message a data manager can act on, never a traceback."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Problem:
    """One broken rule at one place in one input file."""

    rule: str
    message: str
    file: str = ""
    row: int | None = None  # as a spreadsheet shows it: header is row 1
    column: str = ""
    value: str = ""
    severity: str = "error"  # "error" changes numbers; "warning" does not
    row_kind: str = "row"  # "row" as a spreadsheet shows it, or XML CHILD "record"

    def where(self) -> str:
        parts = [self.file or "the dataset as a whole"]
        if self.row is not None:
            parts.append(f"{self.row_kind} {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def describe(self) -> str:
        value = f" (value {self.value!r})" if self.value != "" else ""
        return f"{self.where()}: [{self.rule}] {self.message}{value}"

    def to_dict(self) -> dict:
        return asdict(self)


class ScrutinyError(Exception):
    """Base class for errors the CLI reports as a message and an exit code."""

    exit_code = 1


class DataError(ScrutinyError):
    """The input can be read but breaks rules that would make a number wrong."""

    def __init__(self, problems: list[Problem], source: str = ""):
        self.problems = list(problems)
        self.source = source
        super().__init__(self.summary())

    def summary(self, limit: int = 20) -> str:
        head = f"{len(self.problems)} problem(s) in {self.source or 'the input'}:"
        lines = [p.describe() for p in self.problems[:limit]]
        more = len(self.problems) - limit
        if more > 0:
            lines.append(f"... and {more} more")
        return "\n".join([head, *("  " + line for line in lines)])


class UnusableInput(ScrutinyError):
    """The input cannot be read at all: a missing path, no recognisable tables."""

    exit_code = 2


class ConfigError(ScrutinyError):
    """A params, register or manifest file is malformed (unknown key, wrong type)."""

    exit_code = 2


class OutsideCoverage(ScrutinyError):
    """A date or period the 903 extract does not cover: refused, never partly counted."""

    exit_code = 2
