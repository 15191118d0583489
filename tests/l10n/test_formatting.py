"""Dates in fixed forms (the same with every Babel the package allows), numbers, percentages, lists.

`bash .ci/run --oldest` runs these on the lowest Babel pyproject.toml allows, the locked run on the
newest: both must give exactly the strings below.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from recweekly.cli import cli
from recweekly.l10n import Formatter

WEEKS = [
    # ISO week, English range, Chinese range
    ((2026, 3, 2), (2026, 3, 8), "March 2–8", "3 月 2 日至 8 日"),
    ((2026, 3, 30), (2026, 4, 5), "March 30–April 5", "3 月 30 日至 4 月 5 日"),
    ((2026, 12, 28), (2027, 1, 3), "December 28, 2026–January 3, 2027", "2026 年 12 月 28 日至 2027 年 1 月 3 日"),
]


@pytest.mark.parametrize(("start", "end", "en", "zh"), WEEKS, ids=["in-a-month", "month-crossing", "year-crossing"])
def test_week_ranges_in_both_languages(start: tuple[int, int, int], end: tuple[int, int, int], en: str,
                                       zh: str) -> None:
    assert Formatter("en").interval(dt.date(*start), dt.date(*end)) == en
    assert Formatter("zh").interval(dt.date(*start), dt.date(*end)) == zh


def test_no_thin_or_odd_spaces_in_any_date() -> None:
    for lang in ("en", "zh"):
        fmt = Formatter(lang)
        for start, end, _en, _zh in WEEKS:
            text = fmt.interval(dt.date(*start), dt.date(*end)) + fmt.date(dt.date(*start))
            assert not set(text) & {"\u2009", "\u202f", "\u00a0"}


def test_long_dates() -> None:
    assert Formatter("en").date(dt.date(2026, 3, 9)) == "March 9, 2026"
    assert Formatter("zh").date(dt.date(2026, 3, 9)) == "2026 年 3 月 9 日"


def test_numbers_percentages_and_lists() -> None:
    en, zh = Formatter("en"), Formatter("zh")
    assert en.number(20000) == "20,000"
    assert en.percent(15, 36) == "42%" and zh.percent(15, 36) == "42%"
    assert en.percent(0, 0) == "0%"
    assert en.join(["Alibaba", "Tencent", "Kuaishou"]) == "Alibaba, Tencent, and Kuaishou"
    assert zh.join(["阿里巴巴", "腾讯", "快手"]) == "阿里巴巴、腾讯和快手"
    assert zh.join(["阿里巴巴 2 篇", "Shopee Labs 1 篇"]) == "阿里巴巴 2 篇和 Shopee Labs 1 篇"


NOTE = """---
arxiv: '2612.09001'
title: A Paper Collected on New Year's Day
date: 2027-01-01
category: llm
summary:
  en: One line.
  zh: 一句话。
---
"""


@pytest.mark.parametrize(("lang", "label"), [
    ("en", "**Week 53 of 2026 (December 28, 2026–January 3, 2027)** · 1 paper · 0 deep reads"),
    ("zh", "**2026 年第 53 周（2026 年 12 月 28 日至 2027 年 1 月 3 日）** · 1 篇论文 · 精读 0 篇"),
])
def test_a_year_crossing_week_in_the_draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str,
                                           label: str) -> None:
    (tmp_path / "recweekly.toml").write_text('name = "RecSys Weekly"\n', encoding="utf-8")
    note = tmp_path / "notes" / "2026" / "W53" / "2612.09001.md"
    note.parent.mkdir(parents=True)
    note.write_text(NOTE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["new", "--week", "2026-W53", "--lang", lang, "--stdout"])
    assert result.exit_code == 0, result.output
    assert label in result.stdout.splitlines()
