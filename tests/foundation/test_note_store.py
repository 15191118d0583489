"""The note store: layout by ISO week, loading a period, merging without losing hand edits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from recweekly.config import load_config
from recweekly.errors import NoteError
from recweekly.notes.model import Note, affiliation_of
from recweekly.notes.store import NoteStore
from tests.foundation.notes_helpers import write_note


def test_week_and_day_read_only_their_folder(blog: Path) -> None:
    write_note(blog, "2603.00001", "2026-03-02")
    write_note(blog, "2603.00002", "2026-03-08")
    write_note(blog, "2603.00003", "2026-03-09")  # Monday of W11
    # a broken note in another week must not matter when one week is loaded
    broken = write_note(blog, "2601.00009", "2026-01-05")
    broken.write_text("---\narxiv: [\n---\n", encoding="utf-8")
    store = NoteStore(load_config(blog))
    assert [n.arxiv for n in store.load_week(2026, 10)] == ["2603.00001", "2603.00002"]
    assert [n.arxiv for n in store.load_day(dt.date(2026, 3, 9))] == ["2603.00003"]
    assert [n.arxiv for n in store.load_range(dt.date(2026, 3, 8), dt.date(2026, 3, 9))] == [
        "2603.00002", "2603.00003"]
    with pytest.raises(NoteError):
        store.load_all()


def test_save_new_writes_the_layout_and_refuses_a_second_copy(blog: Path) -> None:
    store = NoteStore(load_config(blog))
    note = Note(arxiv="2603.03988", title="SORT", date=dt.date(2026, 3, 3), orgs=("Alibaba",))
    path = store.save_new(note)
    assert path == blog / "notes/2026/W10/2603.03988.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\narxiv: '2603.03988'\ntitle: SORT\nmodel:\n")
    loaded = store.load_week(2026, 10)
    assert loaded[0].title == "SORT" and loaded[0].orgs == ("Alibaba",)
    with pytest.raises(NoteError, match="already exists"):
        store.save_new(note.with_changes(date=dt.date(2026, 5, 1)))


def test_merge_fills_empty_keys_keeps_hand_edits_and_comments(blog: Path) -> None:
    path = write_note(
        blog, "2603.03988", "2026-03-03",
        extra="model:\n# my comment\ncategory: llm\nscore:\nsummary:\n  en: Mine.\n", body="My own notes.\n",
    )
    store = NoteStore(load_config(blog))
    incoming = Note(
        arxiv="2603.03988", title="Different title", date=dt.date(2026, 3, 3), model="SORT",
        category="generative-rec", score=7, summary={"en": "Theirs.", "zh": "中文摘要。"}, body="Abstract.",
    )
    result = store.merge(incoming)
    assert sorted(result.filled) == ["model", "score", "summary"]
    assert sorted(result.conflicts) == ["body", "category", "summary.en", "title"]
    text = path.read_text(encoding="utf-8")
    assert "# my comment\n" in text
    assert "title: Paper 2603.03988\n" in text and "category: llm\n" in text
    assert "model: SORT\n" in text and "score: 7\n" in text
    assert text.endswith("My own notes.\n")
    note = store.load_week(2026, 10)[0]
    assert note.summary == {"en": "Mine.", "zh": "中文摘要。"}
    # merging the same information again changes nothing
    before = path.read_bytes()
    again = store.merge(incoming)
    assert not again.changed and path.read_bytes() == before


def test_affiliation_is_derived_from_known_orgs(blog: Path) -> None:
    config = load_config(blog)
    base = Note(arxiv="1", title="t", date=dt.date(2026, 1, 1))
    assert affiliation_of(base.with_changes(orgs=("Kuaishou", "快手")), config) == "industry"
    assert affiliation_of(base.with_changes(orgs=("Kuaishou", "Tsinghua")), config) == "mixed"
    assert affiliation_of(base.with_changes(orgs=("清华大学",)), config) == "academic"
    assert affiliation_of(base.with_changes(orgs=("Unknown Lab",)), config) is None
    assert affiliation_of(base.with_changes(orgs=("Unknown Lab",), affiliation="academic"), config) == "academic"


def test_unquoted_id_that_yaml_reads_as_a_number_keeps_its_digits(blog: Path) -> None:
    path = write_note(blog, "2603.03980", "2026-03-03")
    path.write_text(path.read_text(encoding="utf-8").replace("'2603.03980'", "2603.03980"), encoding="utf-8")
    notes = NoteStore(load_config(blog)).load_week(2026, 10)
    assert notes[0].arxiv == "2603.03980"


def test_merge_into_a_crlf_note_keeps_crlf_line_endings(blog: Path) -> None:
    path = write_note(blog, "2603.03988", "2026-03-03", extra="model:\n", body="")
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    store = NoteStore(load_config(blog))
    store.merge(Note(arxiv="2603.03988", title="Paper 2603.03988", date=dt.date(2026, 3, 3), model="M",
                     body="Line one.\nLine two."))
    data = path.read_bytes()
    assert b"model: M\r\n" in data and data.endswith(b"Line one.\r\nLine two.\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_find_path_sees_notes_saved_after_the_first_lookup(blog: Path) -> None:
    store = NoteStore(load_config(blog))
    assert store.find_path("2603.00001") is None
    saved = store.save_new(Note(arxiv="2603.00001", title="t", date=dt.date(2026, 3, 3)))
    assert store.find_path("2603.00001") == saved
    with pytest.raises(NoteError, match="already exists"):
        store.save_new(Note(arxiv="2603.00001", title="t", date=dt.date(2026, 4, 3)))
