"""`check` lists the notes a draft covers that have no category yet (`recweekly/check/categories.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.drafts import draft_text, fake_renderer, write_draft
from tests.helpers.notes import run, write_note


@pytest.fixture
def week(blog: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    fake_renderer(monkeypatch)
    write_note(blog, "2603.03988", "2026-03-03", extra="category: llm\n")
    write_note(blog, "2603.04011", "2026-03-04", extra="category:\nsuggested_category: generative-rec\n")
    write_note(blog, "2603.04012", "2026-03-05")
    write_note(blog, "2603.09999", "2026-03-10")  # another week: not covered
    write_draft(blog, "2026-W10.en.md", draft_text(body_extra="Done.\n"))
    write_draft(blog, "2026-W10.zh.md", draft_text(body_extra="完成。\n").replace("lang: en", "lang: zh"))
    return blog


def test_uncategorised_notes_of_the_period_are_listed_once_and_do_not_fail(week: Path) -> None:
    result = run("check")
    assert result.exit_code == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if "no category yet" in line]
    assert notes == [
        "note: notes/2026/W10/2603.04011.md:5: category: no category yet; suggested: generative-rec (by keywords) — "
        "set `category: generative-rec` to accept, or another of discriminative-rec, generative-rec, llm, other",
        "note: notes/2026/W10/2603.04012.md: category: no category yet; set `category:` to one of "
        "discriminative-rec, generative-rec, llm, other",
    ]
