"""A corpus of broken notes: every problem reported at once, with file, line and field; nothing changed."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from recweekly.cli import cli
from tests.foundation.notes_helpers import snapshot, write_note


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
    assert "belongs to 2026-W11; move it to notes/2026/W11/2603.00001.md" in result.stderr


def test_bad_week_option_is_a_usage_error(blog: Path) -> None:
    result = CliRunner().invoke(cli, ["notes", "list", "--week", "2026-10"])
    assert result.exit_code == 2
    assert "expected e.g. 2026-W10" in result.output


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
