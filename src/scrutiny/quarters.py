"""Reporting quarters: calendar quarters named like 2022Q1 (January to March 2022)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from scrutiny.bounds import check_year
from scrutiny.errors import ConfigError


def year_label(year: int) -> str:
    """A year to 31 March as the DfE and the 903 return write it: 2021 -> 2020/21."""
    return f"{year - 1}/{str(year)[2:]}"


LABEL = re.compile(r"^(\d{4})Q([1-4])$")


@dataclass(frozen=True)
class Quarter:
    label: str
    start: date
    end: date

    @classmethod
    def parse(cls, label: str) -> Quarter:
        match = LABEL.match(str(label).strip())
        if not match:
            raise ConfigError(f"quarter {label!r} is not of the form 2022Q1 (year, Q, 1-4)")
        year = check_year(int(match.group(1)), f"quarter {label}: year")
        number = int(match.group(2))
        start = date(year, 3 * number - 2, 1)
        following = date(year + (number == 4), 1 if number == 4 else 3 * number + 1, 1)
        return cls(f"{year}Q{number}", start, following - timedelta(days=1))

    @property
    def previous(self) -> Quarter:
        """The quarter before: the pack a new one is compared with by default."""
        last = self.start - timedelta(days=1)
        return Quarter.parse(f"{last.year}Q{(last.month + 2) // 3}")

    @property
    def last_year(self) -> int:
        """The last year to 31 March the quarter reaches (2022Q1 -> 2022, 2021Q4 -> 2021)."""
        return self.end.year - (self.end.month < 3)

    @property
    def year_to_end(self) -> date:
        """The day a year before the quarter's last day: '12 months to the quarter end'."""
        return self.end.replace(year=self.end.year - 1) + timedelta(days=1)

    def resolve(self, value: object) -> object:
        """Replace the register's date tokens (@quarter_end, @year_to_quarter_end)."""
        tokens = {
            "@quarter_end": self.end,
            "@quarter_start": self.start,
            "@year_to_quarter_end": self.year_to_end,
        }
        if isinstance(value, str) and value.startswith("@"):
            if value not in tokens:
                raise ConfigError(f"unknown date token {value!r} (known: {', '.join(tokens)})")
            return tokens[value]
        return value

    def resolve_params(self, params: dict) -> dict:
        """A figure's parameters with every date token replaced."""
        return {key: self.resolve(value) for key, value in params.items()}
