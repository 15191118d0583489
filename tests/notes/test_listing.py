"""`recweekly notes list` (`recweekly/notes/listing.py`): the notes of a period as a table and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers.notes import run, write_note


def test_the_table_lists_the_period_and_cuts_long_values(blog: Path) -> None:
    long_title = " ".join(["A Very Long Title"] * 5)
    path = write_note(blog, "2603.00001", "2026-03-03", extra="model: SORT\nscore: 8\n")
    path.write_text(path.read_text(encoding="utf-8").replace("title: Paper 2603.00001", f"title: {long_title}"),
                    encoding="utf-8")
    write_note(blog, "2603.00002", "2026-03-10")  # another week
    result = run("notes", "list", "--week", "2026-W10")
    assert result.exit_code == 0, result.output
    header, row = result.stdout.splitlines()
    assert header.split() == ["date", "arxiv", "model", "category", "affiliation", "score", "title"]
    assert row.startswith("2026-03-03  2603.00001    SORT") and "  8      A Very Long Title" in row
    assert row.endswith("…") and len(row.split("  8      ", 1)[1]) == 60
    assert result.stderr == "1 note(s)\n"
    listed = json.loads(run("notes", "list", "--json").stdout)
    assert [n["arxiv"] for n in listed] == ["2603.00001", "2603.00002"]
    assert listed[0]["path"] == "notes/2026/W10/2603.00001.md" and listed[0]["title"] == long_title


def test_an_empty_period_says_so_on_stderr(blog: Path) -> None:
    result = run("notes", "list", "--date", "2026-03-03")
    assert result.exit_code == 0
    assert result.stdout == "" and "no notes in" in result.stderr
