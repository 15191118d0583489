"""Notes in tests: fixture paths, notes written in the on-disk layout, tree snapshots, the CLI, the fake
arXiv with a clock that moves only when slept.

Plain functions for any test to import (the note store's, the importers', and the commands' tests
that need notes on disk); the pytest fixtures built on them live in tests/notes/conftest.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from recweekly.cli import cli
from tests.fakes.arxiv_html import FakeArxivHtml
from tests.fakes.arxiv_server import FakeArxiv

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
DIGEST = FIXTURES / "digest" / "daily-digest.cs.IR.2026-03-03.md"
REPORT = FIXTURES / "daily_report" / "daily-report.2026-03-04.zh.txt"
NEW_REPORT = FIXTURES / "daily_report" / "daily-report.2026-03-11.zh.txt"  # papers no note has yet


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root with its exact bytes: equality proves nothing changed. The cache folder is
    left out: it holds the arXiv pace (the time of the last request), which every request moves on."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".recweekly-cache" not in p.relative_to(root).parts}


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def note_path(root: Path, arxiv_id: str, week: str = "2026/W10") -> Path:
    return root / "notes" / week / f"{arxiv_id.replace('/', '_')}.md"


def write_note(root: Path, arxiv: str, day: str, extra: str = "", body: str = "Notes.\n",
               week_dir: str | None = None) -> Path:
    """A small valid note (title 'Paper <id>') in its week's folder, or in `week_dir` if given."""
    year, week, _ = dt.date.fromisoformat(day).isocalendar()
    folder = root / "notes" / (week_dir or f"{year:04d}/W{week:02d}")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{arxiv.replace('/', '_')}.md"
    path.write_text(
        f"---\narxiv: '{arxiv}'\ntitle: Paper {arxiv}\ndate: {day}\n{extra}---\n\n{body}", encoding="utf-8"
    )
    return path


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


@contextmanager
def fake_arxiv(monkeypatch: pytest.MonkeyPatch, time: FakeTime) -> Iterator[FakeArxiv]:
    """The fake API with the CLI pointed at it, today pinned (`notes add` dates notes by today), and
    the client's pacing and backoff on `time`, so no test waits and every gap can be checked. The fake
    HTML pages (`fake_arxiv_html`) run beside it, as `server.html`: `notes add` and `import` read them."""
    import recweekly.notes.arxiv as module

    with FakeArxiv() as server, fake_arxiv_html(monkeypatch, time) as html:
        server.clock = time.clock
        server.html = html
        monkeypatch.setenv("RECWEEKLY_ARXIV_API_URL", server.url)
        monkeypatch.setenv("RECWEEKLY_TODAY", "2026-03-04")
        monkeypatch.setattr(module, "_clock", time.clock)
        monkeypatch.setattr(module, "_sleep", time.sleep)
        yield server


@contextmanager
def fake_arxiv_html(monkeypatch: pytest.MonkeyPatch, time: FakeTime) -> Iterator[FakeArxivHtml]:
    """The fake arxiv.org/html with the CLI pointed at it, and the HTML client's pace and backoff on
    `time` (which stands for the wall clock the pace is kept in across runs)."""
    import recweekly.notes.arxiv_html as module

    with FakeArxivHtml() as server:
        server.clock = time.clock
        monkeypatch.setenv("RECWEEKLY_ARXIV_HTML_URL", server.url)
        monkeypatch.setattr(module, "_clock", time.clock)
        monkeypatch.setattr(module, "_sleep", time.sleep)
        yield server


def searches(fake: FakeArxiv) -> list[str]:
    """The title queries the fake arXiv was asked, in order."""
    return [q["search_query"][0] for q in fake.requests if "search_query" in q]
