"""User-facing errors: each carries a message a data manager can act on, never a traceback."""

from __future__ import annotations

from collections import Counter
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
    more: int = 0  # further rows breaking the same rule, counted but not listed

    @property
    def count(self) -> int:
        return 1 + self.more

    def where(self) -> str:
        parts = [self.file or "the dataset as a whole"]
        if self.row is not None:
            parts.append(f"{self.row_kind} {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def describe(self, show_value: bool = True) -> str:
        value = f" (value {self.value!r})" if self.value != "" and show_value else ""
        return f"{self.where()}: [{self.rule}] {self.message}{value}"

    def to_dict(self) -> dict:
        return asdict(self)


def total(problems: list[Problem]) -> int:
    """How many rows broke a rule: the problems listed and those each one stands for."""
    return sum(p.count for p in problems)


class ScrutinyError(Exception):
    """Base class for errors the CLI reports as a message and an exit code."""

    exit_code = 1


def knock_on_line(knock_on: list[Problem]) -> str:
    """One line for the errors that follow from a file-level problem, by rule and count."""
    counts: Counter[str] = Counter()
    for problem in knock_on:
        counts[problem.rule] += problem.count
    rules = ", ".join(f"{rule} x{n}" for rule, n in sorted(counts.items()))
    return (
        f"{total(knock_on)} further error(s) ({rules}) may follow from the file problem(s) "
        "above: fix those first, then validate again"
    )


class DataError(ScrutinyError):
    """The input can be read but breaks rules that would make a number wrong.

    `show_values` is False for child-level data: messages then give rules, places and
    counts, never a cell's value. `knock_on` are the problems (among `problems`) that follow
    from a file-level one: the summary gives them one line.
    """

    def __init__(
        self,
        problems: list[Problem],
        source: str = "",
        show_values: bool = True,
        knock_on: list[Problem] | None = None,
    ):
        self.problems = list(problems)
        self.source = source
        self.show_values = show_values
        self.knock_on = list(knock_on or [])
        super().__init__(source)

    def __str__(self) -> str:
        return self.summary()

    def summary(self, limit: int = 20) -> str:
        head = f"{total(self.problems)} problem(s) in {self.source or 'the input'}:"
        knock_on = set(self.knock_on)
        first = [p for p in self.problems if p not in knock_on]
        lines = [p.describe(self.show_values) for p in first[:limit]]
        more = total(first) - len(lines)
        if more > 0:
            lines.append(f"... and {more} more")
        if knock_on:
            lines.append(knock_on_line(self.knock_on))
        return "\n".join([head, *("  " + line for line in lines)])


class UnusableInput(ScrutinyError):
    """The input cannot be read at all: a missing path, no recognisable tables."""

    exit_code = 2


class OverLimit(UnusableInput):
    """An input over one of the limits in `scrutiny.limits`: refused before it can exhaust
    the machine, naming the file and the limit."""


class ConfigError(ScrutinyError):
    """A params, register or manifest file is malformed (unknown key, wrong type)."""

    exit_code = 2


class OutsideCoverage(ScrutinyError):
    """A date or period the 903 extract does not cover: refused, never partly counted."""

    exit_code = 2


class Unmeasurable(ScrutinyError):
    """A figure the data cannot measure for this authority (named peers without it, a measure
    the DfE does not publish for it): its page says why and the pack still builds."""

    exit_code = 2
    verdict = "not testable"


class NotPublished(Unmeasurable, ConfigError):
    """No published figure for an area and year: a data issue on a page, an error in a CLI."""

    verdict = "data issue"


class UnknownArea(ConfigError):
    """An area code or name the published extract does not know: a mistake in the register or
    params, not a gap in the data."""


class TooComplex(ConfigError):
    """A YAML document over the size or alias limit: refused before it is expanded."""


class DisclosureError(ScrutinyError):
    """A pack file holds a child identifier from the 903 input: the pack is not published."""

    exit_code = 1


class BuildFailed(ScrutinyError):
    """A notebook of the pack failed: the previous pack stays as it was."""

    exit_code = 1
