"""The index as a dashboard: rows from front matter (no Markdown parse), figures per post on request."""

from __future__ import annotations

from pathlib import Path

import pytest

from recweekly.config import load_config
from recweekly.markdown import parser
from recweekly.preview import Previewer
from recweekly.preview import dashboard as dashboard_module
from recweekly.preview.dashboard import Dashboard
from recweekly.preview.page import IndexRow
from tests.helpers.blogs import note_of_w10, w10_blog
from tests.helpers.posts import write_post


def make(root: Path) -> Dashboard:
    config = load_config(root)
    return Dashboard(config, Previewer(config))


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    mistune = parser._get_parser()
    real = mistune.parse

    def spy(text: str, state: object = None) -> object:
        seen.append(text)
        return real(text, state)

    monkeypatch.setattr(mistune, "parse", spy)
    return seen


def test_rows_come_from_front_matter_and_are_kept_until_their_file_changes(
    blog: Path, parses: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_post(blog / "drafts" / "w.md", "TODO: overview.\n\n⟦zh→en TODO: 摘要⟧\n", lang="en")
    write_post(blog / "posts" / "p.md", "Done.\n", status="Published", lang="zh", title="周报")
    (blog / "posts" / "broken.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    (blog / "drafts" / ".hidden.md").write_text("x", encoding="utf-8")
    dashboard = make(blog)
    rows, _ = dashboard.rows()
    assert parses == []  # no Markdown was parsed for the index
    by_path = {row.rel: row for row in rows}
    assert list(by_path) == ["drafts/w.md", "posts/broken.md", "posts/p.md"]
    w = by_path["drafts/w.md"]
    assert (w.href, w.title, w.lang, w.status, w.date) == ("/drafts/w.md", "A test week", "en", "Draft", "2026-03-09")
    assert (w.marks.todos, w.marks.fallbacks, w.summary_url) == (1, 1, "/_preview/summary?path=drafts/w.md")
    assert (by_path["posts/p.md"].title, by_path["posts/p.md"].lang) == ("周报", "zh")
    broken = by_path["posts/broken.md"]
    assert "YAML syntax error" in broken.problem and not broken.summary_url
    read: list[Path] = []
    monkeypatch.setattr(dashboard_module, "decode_utf8", lambda data, where: read.append(where) or data.decode())
    dashboard.rows()
    assert read == []  # nothing changed: no file is read again
    write_post(blog / "drafts" / "w.md", "All done.\n")
    assert [row.marks.todos for row in dashboard.rows()[0] if row.rel == "drafts/w.md"] == [0]
    assert read == ["drafts/w.md"]


def test_a_summary_gives_words_stale_regions_and_publish_warnings(tmp_path: Path) -> None:
    draft = w10_blog(tmp_path / "blog")
    with draft.open("a", encoding="utf-8") as out:
        out.write("\n<div>raw</div>\n")
    dashboard = make(tmp_path / "blog")
    cells = dashboard.summary(draft)["cells"]
    assert int(cells["words"]["text"]) > 500 and cells["words"]["title"].endswith(" min")
    assert cells["regions"]["text"] == "up to date"
    assert {"facts", "roundup"} <= set(cells["regions"]["title"].split(", "))
    assert cells["warnings"]["text"] == "1" and "raw HTML kept as text" in cells["warnings"]["title"]
    note = note_of_w10(tmp_path / "blog")
    note.write_text(note.read_text(encoding="utf-8").replace("Treats the ranking", "Tunes the ranking"),
                    encoding="utf-8")
    assert "roundup" in dashboard.summary(draft)["cells"]["regions"]["text"].split(", ")


def test_a_broken_post_has_a_row_that_says_why(blog: Path) -> None:
    (blog / "drafts" / "bad.md").write_bytes(b"---\ntitle: x\xff\n---\n")
    (row,) = make(blog).rows()[0]
    assert isinstance(row, IndexRow) and "not UTF-8" in row.problem
    assert row.cells["warnings"].startswith("cannot render: ")
