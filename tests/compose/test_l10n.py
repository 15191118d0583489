"""Babel formatting decisions: ISO weeks, plain spaces in ranges, numbers and percentages."""

from __future__ import annotations

import datetime as dt

from recweekly.l10n import Formatter


def test_week_range_has_plain_spaces_in_english_and_babels_form_in_chinese() -> None:
    start, end = dt.date(2026, 3, 2), dt.date(2026, 3, 8)
    assert Formatter("en").interval(start, end) == "Mar 2 – 8"
    assert Formatter("zh").interval(start, end) == "3月2日至8日"


def test_a_range_over_two_months_and_over_two_years() -> None:
    assert Formatter("en").interval(dt.date(2026, 3, 30), dt.date(2026, 4, 5)) == "Mar 30 – Apr 5"
    assert Formatter("zh").interval(dt.date(2026, 12, 28), dt.date(2027, 1, 3)) == "2026年12月28日至2027年1月3日"


def test_numbers_percentages_and_lists() -> None:
    en, zh = Formatter("en"), Formatter("zh")
    assert en.number(20000) == "20,000"
    assert en.percent(15, 36) == "42%" and zh.percent(15, 36) == "42%"
    assert en.percent(0, 0) == "0%"
    assert en.join(["Alibaba", "Tencent", "Kuaishou"]) == "Alibaba, Tencent, and Kuaishou"
    assert zh.join(["阿里巴巴", "腾讯", "快手"]) == "阿里巴巴、腾讯和快手"
