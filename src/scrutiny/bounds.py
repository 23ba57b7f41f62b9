"""The years and dates any input may name, checked where the input enters.

Wide enough for any real 903 return or panel claim, narrow enough that every date inside is a
valid `date` and pandas Timestamp, so no value ends in an overflow. Whether the data covers a
date is a separate question, asked of the data.
"""

from __future__ import annotations

from datetime import date

from scrutiny.errors import ConfigError

FIRST_YEAR, LAST_YEAR = 1800, 2200


def check_year(year: int, what: str = "year") -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ConfigError(f"{what} {year} is outside the years {FIRST_YEAR}-{LAST_YEAR}")
    return year


def check_date(day: date, what: str = "date") -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ConfigError(f"{what} {day.isoformat()} is outside the years {FIRST_YEAR}-{LAST_YEAR}")
    return day
