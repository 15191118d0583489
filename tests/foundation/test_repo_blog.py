"""This repository is itself a blog: its sample notes, drafts and posts must pass its own checks.

These are the commands the README's first line and the pull-request workflow run, on the real
files shipped in the repo, so a change that breaks the shipped samples fails here first.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from recweekly.cli import cli

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("RECWEEKLY_TODAY", "2026-03-09")
    return REPO


def test_sample_notes_load_and_the_weekly_draft_renders(in_repo: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(cli, ["notes", "list", "--json"])
    assert listed.exit_code == 0, listed.output
    assert len(json.loads(listed.stdout)) >= 20
    drafted = runner.invoke(cli, ["new", "--week", "2026-W10", "--stdout"])
    assert drafted.exit_code == 0, drafted.output
    assert "title: RecSys Weekly 2026-W10" in drafted.stdout
    assert "Industrial contributions:" in drafted.stdout


def test_shipped_drafts_and_posts_pass_check_and_are_fresh(in_repo: Path) -> None:
    runner = CliRunner()
    checked = runner.invoke(cli, ["check"])
    assert checked.exit_code == 0, checked.output
    filled = runner.invoke(cli, ["fill", "--check"])
    assert filled.exit_code == 0, filled.output


def test_daily_stats_count_the_papers_of_its_period(in_repo: Path) -> None:
    result = CliRunner().invoke(cli, ["stats", "drafts/2026-06-23.zh.md", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["papers"] == 8
    assert data["affiliations"] == {"academic": 8}


def test_workflows_shipped_by_init_match_the_repository_ones() -> None:
    """The repository's workflows are what `init` writes for this version (after a version bump,
    `bash .ci/sync-workflows` rewrites them)."""
    from recweekly.scaffold import install_spec, render

    packaged = REPO / "recweekly" / "data" / "init" / ".github" / "workflows"
    for path in sorted(packaged.glob("*.yml")):
        written = render(f".github/workflows/{path.name}", path.read_text(encoding="utf-8"), install_spec())
        assert (REPO / ".github" / "workflows" / path.name).read_text(encoding="utf-8") == written, path.name
