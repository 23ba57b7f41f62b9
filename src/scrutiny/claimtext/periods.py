"""Find the period or date a statement refers to, and turn it into a date range where possible.

"November 2020 to November 2021", "the 12 month period to August 2021", "in August 2019",
"2018/19", "over the last 12 months", "since September 2020" (these two resolved against the
meeting date when it is known). Councils report by financial quarter and year end: "Q3 2020/21"
(October to December 2020), "year end 20/21" (31 March 2021), and dates without a year ("at 31
March", "at the end of December"), which mean the latest such day on or before the document's
date.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

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

_SHORT_YEAR = r"(?P<y>(?:19|20)?\d\d)\s*[/-]\s*(?P<y2>\d\d)\b"
_QUARTER = rf"\b(?:q|quarter\s*)(?P<q>[1-4])\b(?:\s*\([^)]{{0,40}}\))?\s*(?:of\s+)?{_SHORT_YEAR}"

_PATTERNS = [
    ("quarter", re.compile(_QUARTER, re.I)),
    (
        "year-end",
        re.compile(rf"\byear[- ]end(?:ing)?\s+(?:(?:of|for)\s+)?{_SHORT_YEAR}", re.I),
    ),
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
    ("financial-year", re.compile(r"\b(?P<y>(?:19|20)\d\d)\s?[/-]\s?(?P<y2>\d\d)\b(?![/-]\d)")),
    ("year", re.compile(r"\b(?:in|since|by|during|until|of)\s+(?P<y>(?:19|20)\d\d)\b(?![/-])")),
    # no year: the latest such day (or month end) on or before the document's date
    (
        "day-no-year",
        re.compile(
            rf"\b(?:at|on|as\s+at|as\s+of|by)\s+(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+"
            rf"(?P<m>{MONTH})(?!\s*(?:19|20)?\d\d\b)",
            re.I,
        ),
    ),
    (
        "month-end-no-year",
        re.compile(rf"\b(?:at|by)\s+the\s+end\s+of\s+(?P<m>{MONTH})(?!\s*(?:19|20)?\d\d\b)", re.I),
    ),
]


_PERIOD_HINT = re.compile(
    r"(?:19|20)\d\d|\b(?:last|past|previous)\b|\b\d\d\s?[/-]\s?\d\d\b|\b(?:at|on|as\s+at|by)\s+",
    re.I,
)


# Words a pattern cannot match without, tested before it is run (most sentences lack them).
_MONTH_STEMS = tuple(name for name in MONTH_NUMBERS if len(name) == 3)
_NAMES_A_MONTH = {"span", "months-to", "since", "point", "day-no-year", "month-end-no-year"}
_NEEDS = {
    "quarter": ("q",),
    "year-end": ("year",),
    "months-to": ("month",),
    "relative": ("last", "past", "previous"),
    "since": ("since",),
}


def _has_any(lowered: str, words: tuple[str, ...] | None) -> bool:
    return words is None or any(word in lowered for word in words)


@dataclass(frozen=True)
class Period:
    """A period as it will read in the register, with the dates it covers when they are known."""

    text: str
    kind: str  # span, months-to, relative, since, point, financial-year, year, quarter
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
    if kind in {"quarter", "year-end", "financial-year"}:
        return _financial(kind, groups, match.group(0).strip())
    if kind in {"day-no-year", "month-end-no-year"}:
        return _latest_before(groups, reference)
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
    year = int(groups["y"])
    return Period(str(year), kind, date(year, 1, 1), date(year, 12, 31))


def _financial(kind: str, groups: dict, text: str) -> Period | None:
    """A financial year ("2019/20", "19/20"), its end ("year end 20/21": 31 March 2021) or one
    of its quarters ("Q3 2020/21": October to December 2020)."""
    first = int(groups["y"])
    first += 2000 if first < 100 else 0
    if int(groups["y2"]) != (first + 1) % 100:
        return None
    if kind == "year-end":
        end = date(first + 1, 3, 31)
        return Period(f"31 March {first + 1}", "point", end, end)
    if kind == "quarter":
        quarter = int(groups["q"])
        year, month = (first, 3 * quarter + 1) if quarter < 4 else (first + 1, 1)
        start = date(year, month, 1)
        end = _months_before(start, -3) - timedelta(days=1)
        label = f"Q{quarter} {first}/{str(first + 1)[2:]}"
        return Period(f"{label} ({start:%B} to {end:%B %Y})", kind, start, end)
    return Period(f"{first}/{str(first + 1)[2:]}", kind, date(first, 4, 1), date(first + 1, 3, 31))


def _latest_before(groups: dict, reference: date | None) -> Period | None:
    """ "at 31 March" said on 22 November 2021 is 31 March 2021: the latest such day on or
    before the document's date; unknown without it."""
    if reference is None:
        return None
    month = _month(groups["m"])
    for year in (reference.year, reference.year - 1):
        last = calendar.monthrange(year, month)[1]
        day = _safe_date(year, month, int(groups["d"]) if groups.get("d") else last)
        if day and day <= reference:
            return Period(f"{day.day} {calendar.month_name[month]} {year}", "point", day, day)
    return None


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
