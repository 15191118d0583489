"""Where notes are filed (`recweekly/notes/filing.py`): misfiled notes found, and `notes move`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import git
import pytest

from recweekly.config import load_config
from recweekly.errors import RecweeklyError
from recweekly.notes.filing import dated_line, misfiled_notes, move_note
from recweekly.notes.store import NoteStore
from recweekly.periods import parse_day, parse_week
from tests.helpers.notes import note_path, run, snapshot, write_note


def test_the_date_line_is_read_from_the_text_alone() -> None:
    assert dated_line("---\narxiv: '1'\ndate: 2026-03-04  # collected\n---\nbody date: 2027-01-01\n") == (
        dt.date(2026, 3, 4), 3)
    assert dated_line("---\r\ndate: '2026-03-04'\r\n---\r\n") == (dt.date(2026, 3, 4), 2)
    assert dated_line("no front matter\ndate: 2026-03-04\n") is None
    assert dated_line("---\ndate: 2026-13-01\n---\n") is None  # the validator reports it, with its line


def test_misfiled_notes_are_found_in_any_folder_and_by_the_period_they_belong_to(blog: Path) -> None:
    write_note(blog, "2603.00001", "2026-03-04")  # filed right (W10)
    write_note(blog, "2603.00002", "2026-03-04", week_dir="2026/W12")  # a W10 note under W12
    write_note(blog, "2603.00003", "2026-03-17", week_dir="2026/W10")  # a W12 note under W10
    store = NoteStore(load_config(blog))
    found = {m.arxiv: (m.date, m.expected.parent.name) for m in misfiled_notes(store)}
    assert found == {"2603.00002": (dt.date(2026, 3, 4), "W10"), "2603.00003": (dt.date(2026, 3, 17), "W12")}
    # for a period: the notes dated in it that live elsewhere (its own folder is checked when loaded)
    assert [m.arxiv for m in misfiled_notes(store, parse_week("2026-W10"))] == ["2603.00002"]
    assert [m.arxiv for m in misfiled_notes(store, parse_day("2026-03-04"))] == ["2603.00002"]
    assert misfiled_notes(store, parse_day("2026-03-05")) == []


def test_new_and_fill_for_the_week_a_note_belongs_to_report_it(blog: Path) -> None:
    write_note(blog, "2603.00001", "2026-03-04", "summary:\n  en: Filed right.\n")
    assert run("new", "--week", "2026-W10").exit_code == 0
    stray = write_note(blog, "2603.00002", "2026-03-05", "summary:\n  en: Filed wrong.\n", week_dir="2026/W12")
    before = snapshot(blog)
    expected = ("notes/2026/W12/2603.00002.md:4: date: note dated 2026-03-05 belongs to 2026-W10 but is filed "
                "under notes/2026/W12/, so the drafts of 2026-W10 leave it out; run `recweekly notes move "
                "2603.00002` to file it under notes/2026/W10/ (or fix its date)")
    for args in (["new", "--week", "2026-W10", "--lang", "zh"], ["fill", "drafts/2026-W10.en.md"],
                 ["fill", "--check"], ["check", "drafts/2026-W10.en.md"], ["check"]):
        result = run(*args)
        assert result.exit_code == 1, args
        assert expected in result.stderr, args
        assert result.stderr.count(expected) == 1, args
    assert snapshot(blog) == before
    # the fix it names, then the draft takes the note in
    moved = run("notes", "move", "2603.00002")
    assert moved.exit_code == 0, moved.output
    assert "notes/2026/W12/2603.00002.md -> notes/2026/W10/2603.00002.md (move; date: 2026-03-05)" in moved.stdout
    assert "run `recweekly fill drafts/2026-W10.en.md`" in moved.stderr
    assert not stray.exists() and not stray.parent.exists()  # the emptied week folder is gone
    assert run("fill", "drafts/2026-W10.en.md").exit_code == 0
    assert "Filed wrong." in (blog / "drafts" / "2026-W10.en.md").read_text(encoding="utf-8")
    assert run("check").exit_code == 0


def test_move_changes_only_the_date_value_and_moves_the_file(blog: Path) -> None:
    path = write_note(blog, "2603.00001", "2026-03-04", "score: 7\n")
    text = path.read_text(encoding="utf-8").replace("date: 2026-03-04", "date: '2026-03-04'   # from the digest")
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    result = move_note(load_config(blog), "arXiv:2603.00001v2", day=dt.date(2026, 3, 11))
    target = note_path(blog, "2603.00001", week="2026/W11")
    assert (result.source, result.destination, result.git) == (path, target, "move")
    assert target.read_bytes() == text.replace("2026-03-04", "2026-03-11").replace("\n", "\r\n").encode("utf-8")
    assert not path.exists()


def test_the_lead_figure_moves_with_its_note(blog: Path) -> None:
    repo = git.Repo.init(blog)
    path = write_note(blog, "2603.00001", "2026-03-04", "figure: 2603.00001.figure.png\n")
    figure = path.with_name("2603.00001.figure.png")
    figure.write_bytes(b"\x89PNG\r\n\x1a\nimage")
    repo.index.add([str(path), str(figure)])
    repo.index.commit("a note and its figure")
    result = run("notes", "move", "2603.00001", "--date", "2026-03-16")
    assert result.exit_code == 0, result.output
    moved = note_path(blog, "2603.00001", week="2026/W12").with_name("2603.00001.figure.png")
    assert moved.read_bytes() == b"\x89PNG\r\n\x1a\nimage" and not figure.exists()
    assert "notes/2026/W12/2603.00001.figure.png" in repo.git.diff("--cached", "--name-status", "-M")
    assert run("check").exit_code == 0


def test_move_to_a_week_keeps_the_weekday_or_a_date_already_in_it(blog: Path) -> None:
    write_note(blog, "2603.00001", "2026-03-04")  # a Wednesday
    config = load_config(blog)
    assert move_note(config, "2603.00001", week=parse_week("2026-W12")).new_date == dt.date(2026, 3, 18)
    assert move_note(config, "2603.00001", week=parse_week("2026-W12")).changed is False


def test_a_tracked_note_is_git_moved_and_staged(blog: Path) -> None:
    repo = git.Repo.init(blog)
    path = write_note(blog, "2603.00001", "2026-03-04")
    repo.index.add([str(path)])
    repo.index.commit("a note")
    result = run("notes", "move", "2603.00001", "--date", "2026-03-16")
    assert result.exit_code == 0, result.output
    assert "(git mv; date: 2026-03-04 -> 2026-03-16)" in result.stdout
    status, old, new = repo.git.diff("--cached", "--name-status", "-M").split("\t")
    assert status.startswith("R") and (old, new) == ("notes/2026/W10/2603.00001.md", "notes/2026/W12/2603.00001.md")
    assert "date: 2026-03-16" in repo.git.show(":notes/2026/W12/2603.00001.md")  # the new date is staged too


def test_nothing_changes_when_the_move_cannot_be_done(blog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_note(blog, "2603.00001", "2026-03-04")
    write_note(blog, "2603.00001", "2026-03-11", week_dir="2026/W10x")  # not a week folder: ignored
    (blog / "notes" / "2026" / "W11").mkdir(parents=True)
    (blog / "notes" / "2026" / "W11" / "2603.00001.md").write_text("taken\n", encoding="utf-8")
    before = snapshot(blog)
    result = run("notes", "move", "2603.00001", "--date", "2026-03-11")
    assert result.exit_code == 1 and "notes/2026/W11/2603.00001.md already exists" in result.stderr
    assert snapshot(blog) == before
    assert run("notes", "move", "2603.09999").exit_code == 1
    assert run("notes", "move", "2603.00001", "--date", "2026-03-11", "--week", "2026-W11").exit_code == 2
    assert run("notes", "move", "2603.00001", "--week", "2026-11").exit_code == 2
    # the move itself fails (a git error, a full disk): the note's new date is taken back
    (blog / "notes" / "2026" / "W11" / "2603.00001.md").unlink()
    before = snapshot(blog)

    def broken(source: Path, destination: Path) -> str:
        raise RecweeklyError("git failed while moving")

    monkeypatch.setattr("recweekly.gitmove.move_file", broken)
    result = run("notes", "move", "2603.00001", "--date", "2026-03-11")
    assert result.exit_code == 1 and "git failed while moving" in result.stderr
    assert snapshot(blog) == before


def test_a_broken_note_is_not_moved_and_dry_run_changes_nothing(blog: Path) -> None:
    path = write_note(blog, "2603.00001", "2026-03-04", "score: high\n")
    before = snapshot(blog)
    result = run("notes", "move", "2603.00001", "--date", "2026-03-11")
    assert result.exit_code == 1 and "2603.00001.md:5: score: expected a whole number" in result.stderr
    path.write_text(path.read_text(encoding="utf-8").replace("score: high\n", ""), encoding="utf-8")
    before = snapshot(blog)
    result = run("notes", "move", "2603.00001", "--date", "2026-03-11", "--dry-run")
    assert result.exit_code == 0 and "dry run: nothing changed" in result.stdout
    assert snapshot(blog) == before


def test_help_explains_and_gives_examples(blog: Path) -> None:
    result = run("notes", "move", "--help")
    assert result.exit_code == 0
    for text in ("recweekly notes move 2603.03988 --date 2026-03-04", "--week", "git mv", "--dry-run"):
        assert text in result.stdout


def test_drafts_look_for_strays_in_the_weeks_around_them_check_looks_everywhere(blog: Path) -> None:
    write_note(blog, "2603.00001", "2026-03-04", week_dir="2026/W18")  # 8 weeks away: a draft sees it
    write_note(blog, "2603.00002", "2026-03-05", week_dir="2026/W19")  # 9 weeks away: only `check` does
    store = NoteStore(load_config(blog))
    near = misfiled_notes(store, parse_week("2026-W10"), nearby=8)
    assert [m.arxiv for m in near] == ["2603.00001"]
    assert [m.arxiv for m in misfiled_notes(store, parse_week("2026-W10"))] == ["2603.00001", "2603.00002"]
    result = run("check")
    assert result.exit_code == 1
    assert "notes/2026/W19/2603.00002.md:4: date: note dated 2026-03-05 belongs to 2026-W10" in result.stderr
