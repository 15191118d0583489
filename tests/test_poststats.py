"""`stats` (`recweekly/poststats.py`): the papers a post covers are the ones its overview counts."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers.notes import run, write_note


def test_stats_count_what_the_overview_counts_roundup_only_papers_included(blog: Path) -> None:
    write_note(blog, "2603.00001", "2026-03-03", "theme: ranking\nsummary:\n  en: Ranks.\n", body="")
    write_note(blog, "2603.00002", "2026-03-04", "summary:\n  en: Has no theme, so roundup only.\n", body="")
    write_note(blog, "2602.00009", "2026-02-24", "summary:\n  en: Last month's.\n", body="")
    assert run("new", "--week", "2026-W10").exit_code == 0
    path = blog / "drafts" / "2026-W10.en.md"
    text = path.read_text(encoding="utf-8")
    assert "2603.00002" not in text.split("## Paper Roundup")[0]  # no section, no id in the text
    path.write_text(text + "\nAs 2602.00009 showed last month, and 2601.00042 before it.\n", encoding="utf-8")
    result = run("stats", "drafts/2026-W10.en.md", "--json")
    data = json.loads(result.stdout)
    assert "2 papers" in text and data["papers"] == 2
    assert data["paper_ids"] == ["2603.00001", "2603.00002"]
    assert data["also_named"] == ["2602.00009", "2601.00042"]
    assert data["without_note"] == ["2601.00042"]
    shown = run("stats", "drafts/2026-W10.en.md")
    assert "papers:       2" in shown.stdout and "also names:   2602.00009, 2601.00042" in shown.stdout
