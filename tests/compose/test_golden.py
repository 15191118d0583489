"""Golden drafts: the weekly and the daily, in English and Chinese, from the fixture blog's notes.

Regenerate after an intended change with `UPDATE_GOLDEN=1 .venv/bin/pytest tests/compose -q`
and review the diff of tests/compose/golden/ like any other change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from recweekly.cli import cli
from tests.helpers.blogs import GOLDEN

CASES = [
    (["--week", "2026-W10", "--lang", "en"], "weekly.2026-W10.en.md"),
    (["--week", "2026-W10", "--lang", "zh"], "weekly.2026-W10.zh.md"),
    (["--date", "2026-06-23", "--lang", "en"], "daily.2026-06-23.en.md"),
    (["--date", "2026-06-23", "--lang", "zh"], "daily.2026-06-23.zh.md"),
]


@pytest.mark.parametrize(("args", "golden"), CASES, ids=[c[1] for c in CASES])
def test_draft_matches_golden(fixture_blog: Path, args: list[str], golden: str) -> None:
    result = CliRunner().invoke(cli, ["new", *args, "--stdout"])
    assert result.exit_code == 0, result.output
    path = GOLDEN / golden
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "golden"), CASES[1:3], ids=[c[1] for c in CASES[1:3]])
def test_written_draft_is_what_stdout_shows(fixture_blog: Path, args: list[str], golden: str) -> None:
    result = CliRunner().invoke(cli, ["new", *args])
    assert result.exit_code == 0, result.output
    lang = args[-1]
    period = args[1]
    written = fixture_blog / "drafts" / f"{period}.{lang}.md"
    assert written.read_text(encoding="utf-8") == (GOLDEN / golden).read_text(encoding="utf-8")
    assert f"drafts/{period}.{lang}.md" in result.stdout
