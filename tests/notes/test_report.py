"""The import report (`recweekly/notes/report.py`): one line per paper, then the totals."""

from __future__ import annotations

from pathlib import Path

from recweekly.notes.report import ImportReport, PaperOutcome, Status

ROOT = Path("/blog")


def test_each_paper_gets_one_line_with_its_note_relative_to_the_blog() -> None:
    report = ImportReport(outcomes=[
        PaperOutcome("digest.md", "2603.00001", "A", line=3, path=ROOT / "notes/2026/W10/2603.00001.md",
                     created=True),
        PaperOutcome("digest.md", "2603.00002", "B", line=9, path=ROOT / "notes/2026/W10/2603.00002.md",
                     filled=["model", "score"], conflicts=["title"]),
        PaperOutcome("arXiv", "2603.00003", "C", path=Path("/elsewhere/2603.00003.md")),
        PaperOutcome("report.txt", None, "D", line=29, skipped="arXiv has no paper titled 'D'"),
    ])
    assert [o.status for o in report.outcomes] == [Status.CREATED, Status.FILLED, Status.UNCHANGED, Status.SKIPPED]
    assert report.lines(ROOT) == [
        "created   notes/2026/W10/2603.00001.md",
        "filled    notes/2026/W10/2603.00002.md  filled: model, score  conflicts (kept yours): title",
        "unchanged /elsewhere/2603.00003.md",
        "skipped   report.txt (line 29): 'D': arXiv has no paper titled 'D'",
        "1 created, 1 filled, 1 unchanged, 1 with conflicts (kept your value), 1 skipped",
    ]


def test_a_dry_run_says_so_in_the_totals() -> None:
    assert ImportReport(dry_run=True).lines(ROOT) == [
        "0 created, 0 filled, 0 unchanged, 0 with conflicts (kept your value), 0 skipped (dry run: nothing written)"]
