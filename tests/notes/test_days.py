"""The day's record (`recweekly/notes/days.py`): a 日报's 主题 and 标签, kept so the daily can be rebuilt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from recweekly.config import load_config
from recweekly.notes.days import Day, day_path, load_day, merge_day
from tests.helpers.notes import REPORT, run, snapshot

pytestmark = pytest.mark.usefixtures("arxiv")
DAY = dt.date(2026, 3, 4)


def test_importing_a_report_keeps_the_day_and_the_daily_is_rebuilt_with_it(blog: Path) -> None:
    result = run("notes", "import", str(REPORT))
    assert result.exit_code == 0, result.output
    path = blog / "notes" / "2026" / "W10" / "2026-03-04.day.yml"
    assert f"created   {path.relative_to(blog)}  (the day's theme and tags)" in result.stdout
    assert path.read_text(encoding="utf-8") == ("date: 2026-03-04\ntheme:\n  zh: 实时兴趣建模与生成式检索的边界\n"
                                                "tags:\n- streaming-memory\n- semantic-id\n- industry\n")
    zh = run("new", "--date", "2026-03-04", "--lang", "zh", "--stdout")
    assert zh.exit_code == 0, zh.output
    assert "\n主题: 实时兴趣建模与生成式检索的边界\n" in zh.stdout
    assert "标签: streaming-memory · semantic-id · industry\n" in zh.stdout
    assert "tags:\n- streaming-memory\n- semantic-id\n- industry\n" in zh.stdout  # the post's own tags too
    en = run("new", "--date", "2026-03-04", "--lang", "en", "--stdout")
    assert "\nTheme: ⟦zh→en TODO: 实时兴趣建模与生成式检索的边界⟧\n" in en.stdout  # marked, like any Chinese text
    again = run("notes", "import", str(REPORT))
    assert f"unchanged {path.relative_to(blog)}" in again.stdout


def test_hand_edits_are_kept_and_empty_keys_filled(blog: Path) -> None:
    config = load_config(blog)
    path = day_path(config, DAY)
    path.parent.mkdir(parents=True)
    path.write_text("# our note\ndate: 2026-03-04\ntheme:\n  zh: 我们自己的主题  # edited\ntags: []\n",
                    encoding="utf-8")
    result = merge_day(config, Day.from_report(DAY, "别的主题", ("a", "b")))
    assert result.filled == ["tags"] and result.conflicts == ["theme.zh"]
    assert path.read_text(encoding="utf-8") == ("# our note\ndate: 2026-03-04\ntheme:\n  zh: 我们自己的主题  # edited\n"
                                                "tags:\n- a\n- b\n")
    english = merge_day(config, Day.from_report(DAY, "Scaling and its costs", ()))
    assert english.filled == ["theme"]
    assert load_day(config, DAY) == Day(DAY, {"zh": "我们自己的主题", "en": "Scaling and its costs"}, ("a", "b"))


def test_a_broken_day_record_stops_the_import_before_anything_is_written(blog: Path) -> None:
    path = blog / "notes" / "2026" / "W10" / "2026-03-04.day.yml"
    path.parent.mkdir(parents=True)
    path.write_text("date: 2026-03-05\ntheme: just a string\n", encoding="utf-8")
    before = snapshot(blog)
    result = run("notes", "import", str(REPORT))
    assert result.exit_code == 1
    assert "notes/2026/W10/2026-03-04.day.yml:1: date: expected 2026-03-04" in result.stderr
    assert "notes/2026/W10/2026-03-04.day.yml:2: theme: expected one line per language" in result.stderr
    assert snapshot(blog) == before
