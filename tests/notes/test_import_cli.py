"""`recweekly notes import`: notes from digests and daily reports, safely and repeatably."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes.arxiv_server import FakeArxiv
from tests.notes.helpers import DIGEST, REPORT, note_path, run, snapshot

DIGEST_IDS = [f"2603.021{n:02d}" for n in range(1, 13)]


@pytest.fixture(autouse=True)
def arxiv(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeArxiv]:
    """Titles no note has are looked up on arXiv: here, the local fake, without real waiting."""
    import recweekly.notes.arxiv as module

    with FakeArxiv() as server:
        monkeypatch.setenv("RECWEEKLY_ARXIV_API_URL", server.url)
        monkeypatch.setattr(module, "_sleep", lambda seconds: None)
        yield server


def test_a_digest_becomes_one_note_per_paper(blog: Path) -> None:
    result = run("notes", "import", str(DIGEST))
    assert result.exit_code == 0, result.output
    assert "12 created, 0 filled, 0 unchanged" in result.stdout
    assert sorted(p.stem for p in (blog / "notes" / "2026" / "W10").glob("*.md")) == DIGEST_IDS
    text = note_path(blog, "2603.02101").read_text(encoding="utf-8")
    assert "date: 2026-03-03\n" in text  # the digest's date decides the week
    assert "title: 'RIVER: Streaming Interest Memory for Live-Commerce Ranking'\n" in text
    assert "orgs:\n- Kuaishou\n" in text
    assert "  zh: RIVER用流式兴趣记忆替代定长行为序列" in text
    assert "arxiv_category: cs.IR\n" in text
    assert "\n## Abstract\n\nLive-commerce ranking must react" in text
    listed = run("notes", "list", "--week", "2026-W10", "--json")
    assert listed.exit_code == 0 and listed.stdout.count('"arxiv"') == 12  # the notes load cleanly


def test_importing_the_same_files_twice_changes_nothing(blog: Path) -> None:
    assert run("notes", "import", str(DIGEST), str(REPORT)).exit_code == 0
    before = snapshot(blog)
    again = run("notes", "import", str(DIGEST), str(REPORT))
    assert again.exit_code == 0, again.output
    assert snapshot(blog) == before  # byte for byte
    assert "0 created, 0 filled, 18 unchanged" in again.stdout


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
    assert "filled: model, category, affiliation, score, deep_read" in result.stdout


def test_hand_edits_survive_a_re_import(blog: Path) -> None:
    run("notes", "import", str(DIGEST))
    path = note_path(blog, "2603.02101")
    text = path.read_text(encoding="utf-8")
    edited = (text.replace("category:\n", "category: other  # not ranking, really\n")
              .replace("  zh: RIVER用流式兴趣记忆替代定长行为序列，在快手直播电商排序中上线后订单量提升1.8%。",
                       "  zh: 我自己写的一句话总结。")
              .replace("**Motivation:**", "My own reading notes.\n\n**Motivation:**"))
    path.write_text(edited, encoding="utf-8")

    result = run("notes", "import", str(DIGEST), str(REPORT))
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert "category: other  # not ranking, really\n" in after
    assert "  zh: 我自己写的一句话总结。\n" in after
    assert "My own reading notes.\n" in after
    assert "model: RIVER\n" in after and "deep_read: 9\n" in after  # empty fields were still filled
    assert after.replace("model: RIVER\n", "model:\n").replace("affiliation: industry\n", "affiliation:\n") \
        .replace("score: 8\n", "score:\n").replace("deep_read: 9\n", "deep_read:\n") == edited
    line = next(x for x in result.stdout.splitlines() if "2603.02101.md" in x
                and "category" in x)
    assert "conflicts (kept yours): " in line and "category" in line.split("conflicts")[1]
    assert "summary.zh" in line.split("conflicts")[1]


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


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"   \n\n", "file is empty"),
        ("2026-03-04 日报\n全部论文\n".encode("gbk"), "is not UTF-8; save the file as UTF-8"),
        (b"# My shopping list\n\n- milk\n- eggs\n", "not a daily arXiv digest"),
        ("2026-03-04 日报\n综述\n今天没有论文。\n".encode(), "no papers found"),
    ],
)
def test_unreadable_inputs_are_clear_errors_and_change_nothing(
    blog: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    bad = tmp_path / "input-2026-03-04.txt"
    bad.write_bytes(content)
    before = snapshot(blog)
    result = run("notes", "import", str(DIGEST), str(bad))  # the good file is not imported either
    assert result.exit_code == 1, result.output
    assert message in result.stderr and str(bad) in result.stderr
    assert snapshot(blog) == before


def test_a_missing_file_is_an_error(blog: Path) -> None:
    result = run("notes", "import", "nope.md")
    assert result.exit_code == 1
    assert "nope.md" in result.stderr and "no such file" in result.stderr


def test_a_bad_row_blocks_the_whole_import(blog: Path, tmp_path: Path) -> None:
    run("notes", "import", str(DIGEST))
    before = snapshot(blog)
    bad = tmp_path / "report.txt"
    text = REPORT.read_text(encoding="utf-8")
    bad.write_text(text.replace("| 生成式 | 🎓 学术 | 7 | — |", "| 生成式 | 🎓 学术 | 7/9 | — |"), encoding="utf-8")
    result = run("notes", "import", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:24: score: 摘要分 must be a whole number" in result.stderr
    assert snapshot(blog) == before


def test_a_broken_existing_note_blocks_the_import_before_anything_is_written(blog: Path) -> None:
    path = note_path(blog, "2603.02107")
    path.parent.mkdir(parents=True)
    path.write_text("---\narxiv: '2603.02107'\ntitle: [unclosed\ndate: 2026-03-03\n---\n", encoding="utf-8")
    before = snapshot(blog)
    result = run("notes", "import", str(DIGEST))
    assert result.exit_code == 1
    assert "notes/2026/W10/2603.02107.md:4: YAML syntax error" in result.stderr
    assert "nothing was written" in result.stderr
    assert snapshot(blog) == before  # the 11 other papers were not created either


def test_help_explains_formats_and_gives_examples(blog: Path) -> None:
    result = run("notes", "import", "--help")
    assert result.exit_code == 0
    assert "recweekly notes import daily-digest.cs.IR.2026-02-10.md" in result.stdout
    assert "--date" in result.stdout


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


def test_dry_run_reports_the_same_outcome_and_writes_nothing(blog: Path) -> None:
    before = snapshot(blog)
    dry = run("notes", "import", str(DIGEST), "--dry-run", "--offline")
    assert dry.exit_code == 0, dry.output
    assert "12 created" in dry.stdout and "dry run: nothing written" in dry.stdout
    assert snapshot(blog) == before
    real = run("notes", "import", str(DIGEST), "--offline")
    assert real.exit_code == 0 and "12 created" in real.stdout
    assert snapshot(blog) != before
    again = run("notes", "import", str(DIGEST), "--dry-run", "--offline")
    assert "0 created" in again.stdout and "12 unchanged" in again.stdout
