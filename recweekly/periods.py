"""Periods a post covers: an ISO week ("2026-W10") or a day ("2026-06-23").

Weeks come from `date.isocalendar()`, never from Babel's locale week rules, so "W10" means the same
Monday-to-Sunday in every language.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

_WEEK_RE = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


class BadPeriod(ValueError):
    """Text that is not a week or a date in the accepted spellings."""

PeriodKind = Literal["weekly", "daily"]


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        """The canonical spelling used in file names, slugs and the `period` front matter key."""
        if self.kind == "daily":
            return self.start.isoformat()
        year, week, _ = self.start.isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def iso_week(self) -> tuple[int, int]:
        year, week, _ = self.start.isocalendar()
        return year, week

    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range((self.end - self.start).days + 1)]


def week(year: int, number: int) -> Period:
    try:
        start = dt.date.fromisocalendar(year, number, 1)
    except ValueError:
        raise BadPeriod(f"{year} has no ISO week {number}") from None
    return Period("weekly", start, start + dt.timedelta(days=6))


def parse_week(text: str) -> Period:
    """'2026-W10', '2026W10', '2026-w10' -> that ISO week."""
    match = _WEEK_RE.match(text.strip())
    if not match:
        raise BadPeriod(f"{text!r} is not an ISO week; expected e.g. 2026-W10")
    return week(int(match.group(1)), int(match.group(2)))


def parse_day(text: str) -> Period:
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise BadPeriod(f"{text!r} is not a date; expected e.g. 2026-06-23") from None
    return Period("daily", day, day)


def parse_period(text: str) -> Period:
    """A week or a day, whichever the text spells."""
    return parse_week(text) if "w" in text.lower() else parse_day(text)


def week_of(day: dt.date) -> Period:
    year, number, _ = day.isocalendar()
    return week(year, number)
