"""The import plan (`recweekly/notes/plan.py`): which note each paper goes to, its date, what arXiv is asked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.fakes.arxiv_server import FakeArxiv
from tests.helpers.notes import DIGEST, NEW_REPORT, REPORT, note_path, run, searches, snapshot

pytestmark = pytest.mark.usefixtures("arxiv")  # titles no note has are looked up on the fake
W11 = "2026/W11"


def test_a_report_fills_the_notes_a_digest_made(blog: Path) -> None:
    run("notes", "import", str(DIGEST))
    result = run("notes", "import", str(REPORT))
    assert result.exit_code == 0, result.output
    river = note_path(blog, "2603.02101").read_text(encoding="utf-8")
    for line in ("model: RIVER\n", "category: discriminative-rec\n", "affiliation: industry\n", "score: 8\n",
                 "deep_read: 9\n"):
        assert line in river
    assert "date: 2026-03-03\n" in river  # the note keeps the day it was collected
    tokens = note_path(blog, "2603.02102").read_text(encoding="utf-8")
    assert "model:\n" in tokens and "deep_read:\n" in tokens and "score: 7\n" in tokens  # "—" stays empty
    # matched although the report writes the title in lower case with doubled spaces
    rerank = note_path(blog, "2603.02106").read_text(encoding="utf-8")
    assert "category: llm\n" in rerank and "title: Do LLM Rerankers Read the Whole List?" in rerank
    # a row with an arXiv link makes a new note; a title nobody noted is skipped, clearly
    assert "score: 4\n" in note_path(blog, "2603.02150").read_text(encoding="utf-8")
    assert "skipped" in result.stdout and "CLIMB: Curriculum Learning for Incremental Model Backfills" in result.stdout
    assert "(line 29)" in result.stdout
    assert "1 created, 5 filled, 0 unchanged" in result.stdout and "1 skipped" in result.stdout
    # the digest named the model already ("RIVER: Streaming …"), the report fills the rest
    assert "2603.02101.md  filled: category, affiliation, score, deep_read" in result.stdout


def test_date_option_overrides_the_file_and_decides_the_week(blog: Path) -> None:
    result = run("notes", "import", str(DIGEST), "--date", "2026-03-10")
    assert result.exit_code == 0, result.output
    assert len(list((blog / "notes" / "2026" / "W11").glob("*.md"))) == 12


def test_a_file_without_a_date_needs_the_option(blog: Path, tmp_path: Path) -> None:
    undated = tmp_path / "digest.md"
    shutil.copy(DIGEST, undated)
    before = snapshot(blog)
    result = run("notes", "import", str(undated))
    assert result.exit_code == 1
    assert "--date" in result.stderr and str(undated) in result.stderr
    assert snapshot(blog) == before
    assert run("notes", "import", str(undated), "--date", "2026-03-03").exit_code == 0


def test_offline_asks_nothing_and_skips_unmatched_titles(blog: Path, arxiv: FakeArxiv) -> None:
    result = run("notes", "import", str(NEW_REPORT), "--offline")
    assert result.exit_code == 0, result.output
    assert arxiv.requests == []
    assert "1 created, 0 filled, 0 unchanged, 0 with conflicts (kept your value), 6 skipped" in result.stdout
    assert "arXiv was not asked: --offline" in result.stdout
    # the row with a link still becomes a note, from the report alone
    logging = note_path(blog, "2603.05107", W11).read_text(encoding="utf-8")
    assert "title: Counterfactual Logging at Scale\n" in logging and "authors: []\n" in logging


def test_titles_a_digest_in_the_same_run_brings_are_not_looked_up(blog: Path, arxiv: FakeArxiv) -> None:
    result = run("notes", "import", str(REPORT), str(DIGEST))  # the report first
    assert result.exit_code == 0, result.output
    # only CLIMB (in no digest, unknown to arXiv) is searched; the linked 2603.02150 is fetched by id
    assert searches(arxiv) == ['ti:"climb curriculum learning for incremental model backfills"',
                               "ti:climb AND ti:curriculum AND ti:learning AND ti:incremental AND ti:model "
                               "AND ti:backfills"]
    assert "model: RIVER\n" in note_path(blog, "2603.02101").read_text(encoding="utf-8")
    assert "authors:\n- Nora Hahn\n" in note_path(blog, "2603.02150").read_text(encoding="utf-8")
