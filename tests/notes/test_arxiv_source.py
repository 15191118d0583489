"""The arXiv API as a source (`recweekly/notes/arxiv_source.py`): an answer saved to a file imports like `add`."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.fakes.arxiv_server import FakeArxiv
from tests.helpers.notes import note_path, run, snapshot

IDS = ["2603.01234", "cs/0112017"]


def test_a_saved_answer_gives_the_notes_that_add_writes(blog: Path, tmp_path: Path, arxiv: FakeArxiv) -> None:
    answer = tmp_path / "cs.IR.2026-03-04.xml"  # the day the notes were collected, as a digest names it
    answer.write_bytes(arxiv.feed(IDS, "2"))
    imported = run("notes", "import", str(answer))
    assert imported.exit_code == 0, imported.output
    assert "2 created" in imported.stdout
    assert arxiv.requests == []  # the answer already says what arXiv knows
    from_file = snapshot(blog)
    shutil.rmtree(blog / "notes")
    added = run("notes", "add", *IDS)  # today is pinned to 2026-03-04
    assert added.exit_code == 0, added.output
    assert snapshot(blog) == from_file
    text = note_path(blog, "2603.01234").read_text(encoding="utf-8")
    assert "- Hao Zhang\n" in text and "arxiv_category: cs.IR\n" in text and "\n## Abstract\n\nRanking models" in text


def test_an_answer_without_a_date_in_its_name_needs_the_option(blog: Path, tmp_path: Path, arxiv: FakeArxiv) -> None:
    answer = tmp_path / "query.xml"
    answer.write_bytes(arxiv.feed(IDS, "2"))
    result = run("notes", "import", str(answer))
    assert result.exit_code == 1
    assert "this arXiv API answer names no date" in result.stderr and "--date" in result.stderr
    assert run("notes", "import", str(answer), "--date", "2026-03-10").exit_code == 0
    assert note_path(blog, "cs/0112017", week="2026/W11").is_file()


@pytest.mark.parametrize(("answer", "message"), [
    (lambda fake: fake.error_feed("2603.1"), "arXiv reported an error: incorrect id format for 2603.1"),
    (lambda fake: fake.feed(["2603.99999"], "1"), "no papers found in this arXiv API answer"),
    (lambda fake: fake.feed(IDS, "2")[:-200], "not an arXiv API answer recweekly can read"),
])
def test_an_answer_without_papers_is_a_clear_error_and_changes_nothing(
    blog: Path, tmp_path: Path, arxiv: FakeArxiv, answer: Callable[[FakeArxiv], bytes], message: str
) -> None:
    path = tmp_path / "answer-2026-03-04.xml"
    path.write_bytes(answer(arxiv))
    before = snapshot(blog)
    result = run("notes", "import", str(path))
    assert result.exit_code == 1, result.output
    assert f"{path}:1: {message}" in result.stderr
    assert snapshot(blog) == before
