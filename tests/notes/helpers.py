"""Shared bits for the notes importer tests: fixture paths, tree snapshots, running the CLI."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from recweekly.cli import cli

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
DIGEST = FIXTURES / "digest" / "daily-digest.cs.IR.2026-03-03.md"
REPORT = FIXTURES / "daily_report" / "daily-report.2026-03-04.zh.txt"
NEW_REPORT = FIXTURES / "daily_report" / "daily-report.2026-03-11.zh.txt"  # papers no note has yet


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root with its exact bytes: equality proves nothing changed."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def note_path(root: Path, arxiv_id: str, week: str = "2026/W10") -> Path:
    return root / "notes" / week / f"{arxiv_id.replace('/', '_')}.md"


class FakeTime:
    """A clock that only moves when the client sleeps: rate limits and backoff without waiting."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
