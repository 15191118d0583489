"""Babel formatting bound to one language, for templates (as filters) and for code.

Decisions kept here so every output agrees:
- Babel's interval formats put thin spaces (U+2009) around the dash ("Mar 2\u2009–\u20098"). They
  are replaced by ordinary spaces: drafts are edited in plain text editors, searched with grep and
  pasted into Notion, where an invisible odd space only causes trouble.
- ISO weeks come from `date.isocalendar()`, never from Babel's locale week patterns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

THIN_SPACES = ("\u2009", "\u202f")
_BABEL_LOCALES = {"en": "en", "zh": "zh_Hans_CN"}


def _plain_spaces(text: str) -> str:
    for char in THIN_SPACES:
        text = text.replace(char, " ")
    return text


@dataclass(frozen=True)
class Formatter:
    """Numbers, percentages, lists, dates and date ranges in one language."""

    lang: str

    @property
    def locale(self) -> str:
        return _BABEL_LOCALES.get(self.lang, self.lang)

    def number(self, value: int | float) -> str:
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.locale)

    def percent(self, part: int, whole: int) -> str:
        """A share as a whole percentage ("42%"); 0 of 0 is 0%."""
        from babel.numbers import format_percent

        return format_percent(part / whole if whole else 0, locale=self.locale)

    def join(self, items: Iterable[str]) -> str:
        """"a, b, and c" / "a、b和c"."""
        from babel.lists import format_list

        values = list(items)
        return format_list(values, locale=self.locale) if values else ""

    def date(self, day: dt.date, form: str = "long") -> str:
        from babel.dates import format_date

        return _plain_spaces(format_date(day, form, locale=self.locale))

    def interval(self, start: dt.date, end: dt.date) -> str:
        """'Mar 2 – 8' / '3月2日至8日'; the year is shown only when the range spans two years.

        Built here rather than with Babel's `format_interval`: its CLDR patterns change between Babel
        releases (2.19 turned the Chinese year-crossing '至' into ' – '), and a draft must not read
        differently depending on which Babel a machine installed. Only month names come from CLDR.
        """
        if self.lang == "zh":
            def part(day: dt.date, year: bool, month: bool) -> str:
                text = f"{day.day}日"
                if month:
                    text = f"{day.month}月" + text
                return f"{day.year}年{text}" if year else text

            years = start.year != end.year
            months = years or start.month != end.month
            return f"{part(start, years, True)}至{part(end, years, months)}"

        def month(day: dt.date) -> str:
            from babel.dates import format_date

            return format_date(day, "MMM", locale=self.locale)

        if start.year != end.year:
            return f"{month(start)} {start.day}, {start.year} – {month(end)} {end.day}, {end.year}"
        if start.month != end.month:
            return f"{month(start)} {start.day} – {month(end)} {end.day}"
        return f"{month(start)} {start.day} – {end.day}"
