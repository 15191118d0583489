"""The note store (`recweekly/notes/store.py`): layout by ISO week, loading a period, merging without losing
hand edits, and a corpus of broken notes reported all at once, with file, line and field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from recweekly.cli import cli
from recweekly.config import load_config
from recweekly.errors import NoteError
from recweekly.notes.model import Note
from recweekly.notes.store import NoteStore
from tests.helpers.notes import snapshot, write_note


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


# ---- broken notes: every problem in one run, nothing changed -----------------------------------------
def _corpus(blog: Path) -> None:
    write_note(blog, "2603.00001", "2026-03-02")  # a good one
    write_note(blog, "2603.00002", "2026-03-02").write_text(
        "---\narxiv: '2603.00002'\ntitle: [unclosed\ndate: 2026-03-02\n---\n", encoding="utf-8")
    write_note(blog, "2603.00003", "2026-03-02", extra="score: high\nauthors: Jane Doe\n")
    write_note(blog, "2603.00004", "2026-03-02", extra="category: ranking\n")
    bad_id = write_note(blog, "2603.00005", "2026-03-02")
    bad_id.write_text(bad_id.read_text(encoding="utf-8").replace("'2603.00005'", "'not-an-id'"), encoding="utf-8")
    write_note(blog, "2603.00006", "2026-03-02").write_bytes(
        b"---\narxiv: '2603.00006'\ntitle: caf\xe9\ndate: 2026-03-02\n---\n")
    write_note(blog, "2603.00007", "2026-03-02").write_text("", encoding="utf-8")
    write_note(blog, "2603.00008", "2026-03-02")
    write_note(blog, "2603.00008", "2026-03-10")  # same id in another week
    write_note(blog, "2603.00009", "2026-03-02", extra="colour: blue\n")


def test_every_problem_in_one_run_with_exit_1_and_no_file_changed(blog: Path) -> None:
    _corpus(blog)
    before = snapshot(blog)
    result = CliRunner().invoke(cli, ["notes", "list"])
    assert result.exit_code == 1, result.output
    err = result.stderr
    expected = [
        "notes/2026/W10/2603.00002.md:4: YAML syntax error",
        "a flow sequence started on line 3",
        "notes/2026/W10/2603.00003.md:5: score: expected a whole number from 1 to 10, got 'high'",
        "notes/2026/W10/2603.00003.md:6: authors: expected a list of strings",
        "notes/2026/W10/2603.00004.md:5: category: unknown category 'ranking'",
        "notes/2026/W10/2603.00005.md:2: arxiv: 'not-an-id' is not an arXiv id",
        "notes/2026/W10/2603.00006.md:3: byte 0xe9 is not UTF-8",
        "notes/2026/W10/2603.00007.md:1: file is empty",
        "two notes for arXiv 2603.00008",
        "notes/2026/W10/2603.00009.md:5: colour: unknown key",
    ]
    for fragment in expected:
        assert fragment in err, f"missing {fragment!r} in:\n{err}"
    assert "notes/2026/W11/2603.00008.md" in err
    assert snapshot(blog) == before


def test_a_period_with_a_broken_note_fails_but_other_weeks_do_not(blog: Path) -> None:
    _corpus(blog)
    runner = CliRunner()
    assert runner.invoke(cli, ["notes", "list", "--week", "2026-W10"]).exit_code == 1
    ok = runner.invoke(cli, ["notes", "list", "--week", "2026-W11", "--json"])
    assert ok.exit_code == 0, ok.output
    assert '"arxiv": "2603.00008"' in ok.stdout


def test_note_in_the_wrong_week_folder_says_where_to_move_it(blog: Path) -> None:
    write_note(blog, "2603.00001", "2026-03-09", week_dir="2026/W10")
    result = CliRunner().invoke(cli, ["notes", "list"])
    assert result.exit_code == 1
    assert ("notes/2026/W10/2603.00001.md:4: date: note dated 2026-03-09 belongs to 2026-W11 but is filed under "
            "notes/2026/W10/") in result.stderr
    assert "run `recweekly notes move 2603.00001` to file it under notes/2026/W11/" in result.stderr


def test_an_impossible_date_is_a_field_error_not_a_crash(blog: Path) -> None:
    write_note(blog, "2603.00001", "2026-03-02", extra="").write_text(
        "---\narxiv: '2603.00001'\ntitle: t\ndate: 2026-13-01\n---\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["notes", "list"])
    assert result.exit_code == 1
    assert "notes/2026/W10/2603.00001.md:4: date: expected a date like 2026-03-02, got '2026-13-01'" in result.stderr
    (blog / "posts" / "p.md").write_text(
        "---\ntitle: x\nslug: p\ntype: Post\nstatus: Draft\nlang: en\ndate: 2026-02-30\n---\nText.\n",
        encoding="utf-8")
    checked = CliRunner().invoke(cli, ["check", "posts/p.md"])
    assert checked.exit_code == 1
    assert "posts/p.md:7: date: expected a date" in checked.output
