"""The registry of note sources (`recweekly/notes/sources.py`): a file's format told by its content."""

from __future__ import annotations

from pathlib import Path

import pytest

from recweekly.notes.arxiv_source import ArxivSource
from recweekly.notes.daily_report import DailyReportSource
from recweekly.notes.digest import DigestSource
from recweekly.notes.sources import SOURCES, source_for
from tests.fakes.arxiv_server import FakeArxiv
from tests.helpers.notes import DIGEST, REPORT, run, snapshot

pytestmark = pytest.mark.usefixtures("arxiv")  # no import may reach the real arXiv


def test_every_format_is_told_by_its_content_alone(arxiv: FakeArxiv) -> None:
    answer = arxiv.feed(["2603.01234"], "1").decode("utf-8")
    found = {name: source_for(text) for name, text in [
        ("digest", DIGEST.read_text(encoding="utf-8")), ("report", REPORT.read_text(encoding="utf-8")),
        ("answer", answer), ("list", "# My shopping list\n\n- milk\n")]}
    assert found == {"digest": DigestSource, "report": DailyReportSource, "answer": ArxivSource, "list": None}
    # each format is claimed by its own source only: the order of the registry decides nothing
    texts = {DigestSource: DIGEST.read_text(encoding="utf-8"), DailyReportSource: REPORT.read_text(encoding="utf-8"),
             ArxivSource: answer}
    assert {(s, o) for s in SOURCES for o in SOURCES if s.looks_like(texts[o])} == {(s, s) for s in SOURCES}


def test_a_file_in_no_known_format_is_told_what_every_format_has(blog: Path, tmp_path: Path) -> None:
    unknown = tmp_path / "notes.txt"
    unknown.write_text("# My shopping list\n\n- milk\n", encoding="utf-8")
    result = run("notes", "import", str(unknown))
    assert result.exit_code == 1
    for source in SOURCES:
        assert f"not {source.name} ({source.clue})" in result.stderr


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
