"""The `recweekly notes` commands themselves (`recweekly/commands/notes.py`): help, and bad options."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from recweekly.cli import cli
from tests.helpers.notes import FakeTime, fake_arxiv, run


@pytest.mark.parametrize(("command", "expected"), [
    ("add", ["recweekly notes add 2603.03988", "RECWEEKLY_ARXIV_API_URL"]),
    ("import", ["recweekly notes import daily-digest.cs.IR.2026-02-10.md", "--date"]),  # formats, examples
    ("import", ["--offline", "looked up on the arXiv API", "RECWEEKLY_ARXIV_API_URL"]),  # title resolution
    ("list", ["recweekly notes list --week 2026-W10", "--json"]),
    ("enrich", ["recweekly notes enrich --week 2026-W10", "--offline", "--dry-run", "RECWEEKLY_ARXIV_HTML_URL",
                "Exit codes"]),
    ("add", ["--no-enrich", "RECWEEKLY_ARXIV_HTML_URL"]),
])
def test_help_explains_and_gives_examples(blog: Path, command: str, expected: list[str]) -> None:
    result = run("notes", command, "--help")
    assert result.exit_code == 0
    for text in expected:
        assert text in result.stdout


def test_unknown_category_is_a_usage_error(blog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with fake_arxiv(monkeypatch, FakeTime()) as arxiv:
        result = run("notes", "add", "2603.01234", "--category", "ranking")
    assert result.exit_code == 2
    assert "unknown category 'ranking'" in result.stderr
    assert arxiv.requests == []


def test_bad_week_option_is_a_usage_error(blog: Path) -> None:
    result = CliRunner().invoke(cli, ["notes", "list", "--week", "2026-10"])
    assert result.exit_code == 2
    assert "expected e.g. 2026-W10" in result.output


def test_a_week_and_a_day_together_are_a_usage_error(blog: Path) -> None:
    result = run("notes", "list", "--week", "2026-W10", "--date", "2026-03-03")
    assert result.exit_code == 2
    assert "give --week or --date, not both" in result.stderr
