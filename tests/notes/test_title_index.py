"""Existing notes found by title (`recweekly/notes/title_index.py`): near the report's date, else anywhere."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from recweekly.config import load_config
from recweekly.notes.store import NoteStore
from recweekly.notes.title_index import TitleIndex
from tests.helpers.notes import REPORT, note_path, run

pytestmark = pytest.mark.usefixtures("arxiv")  # titles no note has are looked up on the fake


def _write(blog: Path, arxiv_id: str, day: str, title: str, week: str) -> Path:
    path = note_path(blog, arxiv_id, week=week)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\narxiv: '{arxiv_id}'\ntitle: >-\n  {title}\ndate: {day}\n---\n", encoding="utf-8")
    return path


def test_report_rows_match_notes_from_any_time_and_ambiguous_titles_are_skipped(blog: Path) -> None:
    # collected long before the report, with a folded title: found by the full scan
    far = _write(blog, "2501.00001", "2025-01-06", "CLIMB: Curriculum Learning for Incremental Model Backfills",
                 "2025/W02")
    # two notes with the same title: the importer must not guess
    _write(blog, "2603.00001", "2026-03-02", "RIVER: Streaming Interest Memory for Live-Commerce Ranking", "2026/W10")
    _write(blog, "2603.00002", "2026-03-02", "RIVER: Streaming Interest Memory for Live-Commerce Ranking", "2026/W10")
    result = run("notes", "import", str(REPORT))
    assert result.exit_code == 0, result.output
    assert "model: CLIMB\n" in far.read_text(encoding="utf-8")
    assert "score: 5\n" in far.read_text(encoding="utf-8")
    assert "several notes have this title (2603.00001, 2603.00002)" in result.stdout
    assert "model: RIVER" not in note_path(blog, "2603.00001").read_text(encoding="utf-8")



TRAP = "It's a Trap: Tokens #1 for CTR"


@pytest.mark.parametrize(("written", "title"), [
    ("Tokens for CTR, Revisited", "Tokens for CTR, Revisited"),  # plain: read without YAML
    ("'It''s a Trap: Tokens #1 for CTR'", TRAP),  # single quotes: read without YAML
    ('"It\'s a Trap: Tokens \\x231 for CTR"', TRAP),  # double quotes, an escape: YAML reads the line
    (">-\n  It's a Trap: Tokens\n  #1 for CTR", TRAP),  # folded over two lines: the whole front matter
])
def test_a_title_far_from_the_date_is_found_however_yaml_spells_it(blog: Path, written: str, title: str) -> None:
    path = note_path(blog, "2501.00001", week="2025/W02")
    path.parent.mkdir(parents=True)
    path.write_text(f"---\narxiv: '2501.00001'\ntitle: {written}\ndate: 2025-01-06\n---\n", encoding="utf-8")
    index = TitleIndex(NoteStore(load_config(blog)))
    assert index.lookup(title.upper(), near=dt.date(2026, 3, 4)) == [("2501.00001", title)]
    assert index.lookup("Another Paper", near=dt.date(2026, 3, 4)) == []
