"""Babel formatting bound to one language, for templates (as filters) and for code.

Decisions kept here so every output agrees:
- No thin spaces (U+2009, U+202F, which some CLDR patterns carry): drafts are edited in plain text
  editors, searched with grep and pasted into Notion, where an invisible odd space only causes
  trouble.
- Dates and week ranges are built here in fixed forms, not from CLDR patterns, so every Babel
  version the package allows writes the same draft.
- Chinese output follows the typography rule of `recweekly.l10n.typography`.
- ISO weeks come from `date.isocalendar()`, never from Babel's locale week patterns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from recweekly.l10n.typography import typeset

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
        from babel.numbers import format_decimal  # lazy: start-up (Babel loads only when used)

        return format_decimal(value, locale=self.locale)

    def percent(self, part: int, whole: int) -> str:
        """A share as a whole percentage ("42%"); 0 of 0 is 0%."""
        from babel.numbers import format_percent  # lazy: start-up (Babel loads only when used)

        return format_percent(part / whole if whole else 0, locale=self.locale)

    def join(self, items: Iterable[str]) -> str:
        """"a, b, and c" / "a、b 和 c" (CLDR's list patterns, the same in every allowed Babel)."""
        from babel.lists import format_list  # lazy: start-up (Babel loads only when used)

        values = list(items)
        return typeset(format_list(values, locale=self.locale)) if values else ""

    def date(self, day: dt.date, form: str = "long") -> str:
        """'March 9, 2026' / '2026 年 3 月 9 日' (our own long form); other forms are Babel's CLDR ones."""
        if form == "long":
            if self.lang == "zh":
                return typeset(f"{day.year}年{day.month}月{day.day}日")
            return f"{_month(day)} {day.day}, {day.year}"
        from babel.dates import format_date  # lazy: start-up (Babel loads only when used)

        return _plain_spaces(format_date(day, form, locale=self.locale))

    def interval(self, start: dt.date, end: dt.date) -> str:
        """A week's dates: 'March 2–8', 'March 30–April 5', 'December 28, 2026–January 3, 2027';
        '3 月 2 日至 8 日', '3 月 30 日至 4 月 5 日', '2026 年 12 月 28 日至 2027 年 1 月 3 日'.

        The year is shown only when the range spans two years (the week label names the year).
        English closes the en dash up, as the blog writes "Week 10 of 2026 (March 2–8)"; Chinese
        joins with 至 and follows the typography rule (a space between digits and Han).

        Built here rather than with Babel's `format_interval`: its CLDR patterns change between Babel
        releases (2.19 turned the Chinese year-crossing '至' into ' – ', and uses thin spaces), and a
        draft must not read differently depending on which Babel a machine installed. Only the
        English month names come from CLDR, and those have not changed in any Babel the package
        allows (tests pin every form on the oldest and the newest).
        """
        years = start.year != end.year
        months = years or start.month != end.month
        if self.lang == "zh":
            def part(day: dt.date, year: bool, month: bool) -> str:
                text = f"{day.day}日"
                if month:
                    text = f"{day.month}月" + text
                return f"{day.year}年{text}" if year else text

            return typeset(f"{part(start, years, True)}至{part(end, years, months)}")
        if years:
            return f"{_month(start)} {start.day}, {start.year}\u2013{_month(end)} {end.day}, {end.year}"
        if months:
            return f"{_month(start)} {start.day}\u2013{_month(end)} {end.day}"
        return f"{_month(start)} {start.day}\u2013{end.day}"


def _month(day: dt.date) -> str:
    """The English month name ('March'), from CLDR through Babel."""
    from babel.dates import get_month_names  # lazy: start-up (Babel loads only when used)

    return str(get_month_names("wide", locale="en")[day.month])
