"""Pairs of statements about the same thing whose figures or dates disagree.

Only like is compared with like: a level with a level, a share with a share, a change with a
change in the same unit (a 41% fall with a 50% fall, never with "a fall of 167 children").
Three kinds: the same figure given for different dates (702 "in August 2020" and "in August
2019"); different figures for the same date; different changes (or opposite directions)
over overlapping periods (a 19.5% fall and a 23% fall over the same year). Two changes from
the same start to different ends (157 then 167 fewer children since September 2020, told to
two meetings) are a trend, not a conflict.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from scrutiny.claimtext.extract import extract_statements
from scrutiny.claimtext.periods import NUMBER_WORDS
from scrutiny.claimtext.statements import Statement

SAME_FIGURE_DIFFERENT_DATES = "same figure, different dates"
DIFFERENT_FIGURES_SAME_DATE = "different figures for the same date"
DIFFERENT_CHANGES = "different changes over the same period"
OPPOSITE_CHANGES = "opposite changes over the same period"


@dataclass(frozen=True)
class Conflict:
    subject: str
    reason: str
    first: Statement
    second: Statement

    def to_dict(self) -> dict:
        return {
            "subject": self.subject,
            "reason": self.reason,
            "statements": [_describe(self.first), _describe(self.second)],
        }


def find_conflicts(
    paths: Iterable[Path | str], documents: Path | str | Mapping | None = None
) -> list[Conflict]:
    """Conflicts between the numeric statements in these documents."""
    return conflicts_between(extract_statements(paths, documents))


def conflicts_between(statements: Iterable[Statement]) -> list[Conflict]:
    """Compare statements pairwise within groups of the same subject and measure."""
    groups: dict[tuple, list[Statement]] = defaultdict(list)
    for statement in statements:
        groups[(statement.key, statement.kind, statement.metric)].append(statement)
    found = []
    for group in groups.values():
        for first, second in combinations(group, 2):
            reason = _disagreement(first, second)
            if reason and (first.document, first.line) != (second.document, second.line):
                found.append(Conflict(first.key, reason, first, second))
    return found


def _disagreement(a: Statement, b: Statement) -> str | None:
    if a.period is None or b.period is None:
        return None
    overlapping = a.period.overlaps(b.period)
    if a.is_change:
        # a change over a month inside a fall over a year is no disagreement: changes over
        # periods of such different lengths are not the same change
        overlapping = overlapping and _similar_lengths(a.period, b.period)
        if a.period.start == b.period.start and a.period.end != b.period.end:
            return None  # a trend: the same change measured again later
        if a.comparison != b.comparison:
            return OPPOSITE_CHANGES if overlapping else None
        differ = _differ(a.claimed, b.claimed) if _unit(a) == _unit(b) else None
        return DIFFERENT_CHANGES if overlapping and differ else None
    differ = _differ(a.claimed, b.claimed)
    if differ is False and a.period.text != b.period.text and not overlapping:
        return SAME_FIGURE_DIFFERENT_DATES
    if differ and overlapping and a.period.kind == b.period.kind == "point":
        return DIFFERENT_FIGURES_SAME_DATE
    return None


def _similar_lengths(a, b) -> bool:
    first, second = (a.end - a.start).days + 1, (b.end - b.start).days + 1
    return max(first, second) <= 2 * min(first, second)


def _unit(statement: Statement) -> str | None:
    claimed = statement.claimed
    return None if claimed is None else "%" if claimed.endswith("%") else "count"


def _differ(a: str | None, b: str | None) -> bool | None:
    """True/False when both values can be read as numbers, None otherwise."""
    first, second = _number(a), _number(b)
    if first is None or second is None:
        return None
    precision = max(_precision(a), _precision(b))
    return abs(first[0] - second[0]) > precision / 2


def _number(value: str | None) -> tuple[float] | None:
    if not value:
        return None
    text = value.rstrip("%").replace(",", "").lower()
    if text in NUMBER_WORDS:
        return (float(NUMBER_WORDS[text]),)
    return (float(text),) if re.fullmatch(r"\d+(?:\.\d+)?", text) else None


def _precision(value: str) -> float:
    decimals = value.rstrip("%").partition(".")[2]
    return 10 ** -len(decimals)


def _describe(statement: Statement) -> dict:
    return {
        "document": statement.document,
        "section": statement.section,
        "line": statement.line,
        "quote": statement.sentence,
        "claimed": statement.claimed,
        "comparison": statement.comparison,
        "period": statement.period.text if statement.period else None,
    }
