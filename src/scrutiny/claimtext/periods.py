"""Find the period or date a statement refers to, and turn it into a date range where possible.

"November 2020 to November 2021", "the 12 month period to August 2021", "in August 2019",
"2018/19", "over the last 12 months", "since September 2020" (these two resolved against the
meeting date when it is known).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "eighteen": 18,
    "twenty-four": 24,
}
MONTH = r"(?:" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + r")\.?"
_MONTH_YEAR = rf"\b{MONTH}\s+(?:19|20)\d\d\b"
_COUNT = r"(?:\d{1,2}|" + "|".join(NUMBER_WORDS) + ")"
FULL_DATE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH})\s+((?:19|20)\d\d)\b", re.I)

_PATTERNS = [
    (
        "span",
        re.compile(
            rf"(?:the period\s+)?(?:from\s+|between\s+)?(?P<a>{_MONTH_YEAR})"
            rf"\s*(?:to|–|-|and|until)\s*(?P<b>{_MONTH_YEAR})",
            re.I,
        ),
    ),
    (
        "months-to",
        re.compile(
            rf"(?:the\s+)?(?:last\s+|past\s+)?(?P<n>{_COUNT})[- ]months?(?:\s+period)?\s+"
            rf"(?:up\s+)?to\s+(?P<b>{_MONTH_YEAR})",
            re.I,
        ),
    ),
    (
        "relative",
        re.compile(
            rf"(?:the\s+)?(?:last|past|previous)\s+(?:(?P<n>{_COUNT})\s+)?(?P<unit>months?|years?)\b",
            re.I,
        ),
    ),
    (
        "since",
        re.compile(
            rf"\bsince\s+(?:the\s+(?:start|end|peak)\s+(?:of|in)\s+)?(?P<a>{_MONTH_YEAR})", re.I
        ),
    ),
    ("point", re.compile(rf"(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<a>{_MONTH_YEAR})\b", re.I)),
    ("financial-year", re.compile(r"\b(?P<y>(?:19|20)\d\d)/(?P<y2>\d\d)\b")),
    ("year", re.compile(r"\b(?:in|since|by|during|until|of)\s+(?P<y>(?:19|20)\d\d)\b(?![/-])")),
]


_PERIOD_HINT = re.compile(r"(?:19|20)\d\d|\b(?:last|past|previous)\b", re.I)


# Words a pattern cannot match without, tested before it is run (most sentences lack them).
_MONTH_STEMS = tuple(name for name in MONTH_NUMBERS if len(name) == 3)
_NAMES_A_MONTH = {"span", "months-to", "since", "point"}
_NEEDS = {
    "months-to": ("month",),
    "relative": ("last", "past", "previous"),
    "since": ("since",),
    "financial-year": ("/",),
}


def _has_any(lowered: str, words: tuple[str, ...] | None) -> bool:
    return words is None or any(word in lowered for word in words)


@dataclass(frozen=True)
class Period:
    """A period as it will read in the register, with the dates it covers when they are known."""

    text: str
    kind: str  # span, months-to, relative, since, point, financial-year, year
    start: date | None = None
    end: date | None = None

    def overlaps(self, other: Period, share: float = 0.5) -> bool:
        """True when the two ranges share at least `share` of the shorter one."""
        if None in (self.start, self.end, other.start, other.end):
            return False
        shared = (min(self.end, other.end) - max(self.start, other.start)).days
        shortest = min((self.end - self.start).days, (other.end - other.start).days)
        return shared >= share * max(shortest, 1)


@dataclass(frozen=True)
class FoundPeriod:
    start: int
    end: int
    period: Period


def find_periods(text: str, reference: date | None = None) -> list[FoundPeriod]:
    """All periods in the text, most specific pattern first, never overlapping each other."""
    found: list[FoundPeriod] = []
    if not _PERIOD_HINT.search(text):  # every pattern needs a year or "last", "past", "previous"
        return found
    lowered = text.lower()
    month = any(name in lowered for name in _MONTH_STEMS)
    for kind, pattern in _PATTERNS:
        if (kind in _NAMES_A_MONTH and not month) or not _has_any(lowered, _NEEDS.get(kind)):
            continue
        for match in pattern.finditer(text):
            if any(match.start() < f.end and f.start < match.end() for f in found):
                continue
            period = _period(kind, match, reference)
            if period:
                found.append(FoundPeriod(match.start(), match.end(), period))
    return sorted(found, key=lambda f: f.start)


def document_date(text: str) -> date | None:
    """The first full date in a document's opening (a meeting or report date)."""
    match = FULL_DATE.search(text)
    if not match:
        return None
    day, month, year = match.groups()
    return _safe_date(int(year), _month(month), int(day))


def _period(kind: str, match: re.Match, reference: date | None) -> Period | None:
    groups = match.groupdict()
    if kind == "span":
        a, b = _tidy(groups["a"]), _tidy(groups["b"])
        return Period(f"{a} to {b}", kind, _month_end(a), _month_end(b))
    if kind == "months-to":
        months, b = _count(groups["n"]), _tidy(groups["b"])
        end = _month_end(b)
        return Period(f"{months} months to {b}", kind, _months_before(end, months), end)
    if kind == "relative":
        unit = groups["unit"].lower().rstrip("s")
        count = _count(groups["n"]) if groups["n"] else 1
        months = count * (12 if unit == "year" else 1)
        text = f"the last {count} {unit}s" if groups["n"] else f"the last {unit}"
        if reference is None:
            return Period(text, kind)
        return Period(text, kind, _months_before(reference, months), reference)
    if kind == "since":  # to the meeting or report date, when it is known
        a = _tidy(groups["a"])
        return Period(f"since {a}", kind, _month_end(a), reference)
    if kind == "point":
        a = _tidy(groups["a"])
        if groups["d"]:
            day = _safe_date(int(a.split()[1]), _month(a.split()[0]), int(groups["d"]))
            return Period(f"{int(groups['d'])} {a}", kind, day, day) if day else None
        return Period(a, kind, _month_start(a), _month_end(a))
    if kind == "financial-year":
        year = int(groups["y"])
        if int(groups["y2"]) != (year + 1) % 100:
            return None
        return Period(match.group(0), kind, date(year, 4, 1), date(year + 1, 3, 31))
    year = int(groups["y"])
    return Period(str(year), kind, date(year, 1, 1), date(year, 12, 31))


def _tidy(month_year: str) -> str:
    month, year = month_year.replace(".", "").split()
    return f"{calendar.month_name[_month(month)]} {year}"


def _month(name: str) -> int:
    return MONTH_NUMBERS[name.lower().rstrip(".")]


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def _month_start(month_year: str) -> date:
    month, year = month_year.split()
    return date(int(year), _month(month), 1)


def _month_end(month_year: str) -> date:
    start = _month_start(month_year)
    return start.replace(day=calendar.monthrange(start.year, start.month)[1])


def _months_before(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    at_month_end = day.day == calendar.monthrange(day.year, day.month)[1]
    return date(year, month + 1, last if at_month_end else min(day.day, last))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
