"""A paper's lead figure, saved next to its note by `notes add`, is uploaded once when a post shows it."""

from __future__ import annotations

import pytest

from recweekly.publish.blockdiff import file_hash
from tests.helpers.notes import FakeTime, fake_arxiv, note_path, run
from tests.helpers.publishing import Env


def test_the_figure_a_draft_seeds_is_published_once(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    with fake_arxiv(monkeypatch, FakeTime()):
        added = run("notes", "add", "2603.01234", "--theme", "ranking")  # "Other" gets no section
    assert added.exit_code == 0, added.output
    draft = run("new", "--week", "2026-W10", "--stdout")
    assert draft.exit_code == 0, draft.output
    image = next(line for line in draft.stdout.splitlines() if line.startswith("!["))
    assert image == ("![Figure 1: LOOM's hierarchical memory: minutes, days and years of actions. "
                     "(Kuaishou, 2603.01234)](/notes/2026/W10/2603.01234.figure.png)")
    env.write_post("w10.en.md", f"## LOOM\n\n{image}\n\nWhy it matters.\n", slug="recsys-weekly-2026-w10")
    env.commit("W10")
    result = env.run("--all")
    assert result.exit_code == 0, result.output
    page = env.page_by_slug("recsys-weekly-2026-w10")[0]
    (block,) = [b for b in env.notion.page_blocks(page["id"]) if b["type"] == "image"]
    caption = "".join(r["plain_text"] for r in block["image"]["caption"])
    assert caption == "Figure 1: LOOM's hierarchical memory: minutes, days and years of actions. (Kuaishou, 2603.01234)"
    data = note_path(env.root, "2603.01234").with_name("2603.01234.figure.png").read_bytes()
    assert f"{file_hash(data)}_2603.01234.figure.png" in block["image"]["file"]["url"]
    assert len(env.notion.file_uploads) == 1
    env.notion.reset_calls()
    assert env.run("--all").exit_code == 0
    assert env.notion.writes() == [] and len(env.notion.file_uploads) == 1
