"""recweekly/publish/sync/publisher.py: a post published end to end over HTTP against FakeNotion —
create, no-op, one edit — a post using every feature round-tripped block for block, and a note's lead
figure uploaded once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from recweekly.markdown import DocumentContext
from recweekly.markdown.renderers.notion import markdown_to_blocks
from recweekly.publish.blockdiff import diff_blocks, file_hash
from tests.helpers.notes import FakeTime, fake_arxiv, note_path, run
from tests.helpers.publishing import WEEK10, Env, only_page, remote_tree
from tests.helpers.sample_posts import EVERY_FEATURE, PNG

BODY = "# Week 10\n\nFirst paragraph.\n\nSecond paragraph.\n\n- one\n- two\n"


def test_first_publish_creates_one_page_then_republish_writes_nothing(env: Env) -> None:
    env.write_post("w10.en.md", BODY, slug="recsys-weekly-2026-w10")
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0, result.output
    pages = env.page_by_slug("recsys-weekly-2026-w10")
    assert len(pages) == 1
    types = [b["type"] for b in env.notion.page_blocks(pages[0]["id"])]
    assert types == ["heading_1", "paragraph", "paragraph", "bulleted_list_item", "bulleted_list_item"]
    assert "create" in result.output

    env.notion.reset_calls()
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0, result.output
    assert env.notion.writes() == []
    assert "unchanged" in result.output


def test_editing_one_paragraph_makes_exactly_one_write(env: Env) -> None:
    path = env.write_post("w10.en.md", BODY, slug="w10")
    assert env.run("posts/w10.en.md").exit_code == 0
    path.write_text(path.read_text(encoding="utf-8").replace("Second paragraph.", "Second, edited."),
                    encoding="utf-8")
    env.notion.reset_calls()
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0, result.output
    writes = env.notion.writes()
    assert len(writes) == 1
    assert writes[0].method == "PATCH" and "/children" not in writes[0].path
    page = env.page_by_slug("w10")[0]
    texts = [b[b["type"]].get("rich_text", [{}])[0].get("plain_text") for b in env.notion.page_blocks(page["id"])]
    assert "Second, edited." in texts and "Second paragraph." not in texts
    assert "update with 1 block change" in result.output


def test_property_change_patches_only_that_property(env: Env) -> None:
    path = env.write_post("w10.en.md", BODY, slug="w10")
    assert env.run("posts/w10.en.md").exit_code == 0
    path.write_text(path.read_text(encoding="utf-8").replace("title: A post", "title: A better title"),
                    encoding="utf-8")
    env.notion.reset_calls()
    assert env.run("posts/w10.en.md").exit_code == 0
    writes = env.notion.writes()
    assert len(writes) == 1 and writes[0].method == "PATCH" and writes[0].path.startswith("/v1/pages/")
    assert list(writes[0].body["properties"]) == ["title"]


def test_dry_run_only_reads_and_prints_the_plan(env: Env) -> None:
    env.write_post("w10.en.md", BODY, slug="w10")
    result = env.run("--dry-run", "posts/w10.en.md")
    assert result.exit_code == 0, result.output
    assert env.notion.writes() == [] and env.pages() == []
    assert "create (5 blocks)" in result.output
    assert env.run("posts/w10.en.md").exit_code == 0
    path = env.root / "posts/w10.en.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nA new closing paragraph.\n", encoding="utf-8")
    env.notion.reset_calls()
    result = env.run("--dry-run", "--json", "posts/w10.en.md")
    assert env.notion.writes() == []
    data = json.loads(result.output)
    assert data["posts"][0]["action"] == "update" and data["posts"][0]["block_changes"] == 1


def test_json_and_step_summary(env: Env, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    env.write_post("w10.en.md", BODY, slug="w10")
    summary = env.root / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = env.run("--json", "posts/w10.en.md")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["ok"] is True and data["posts"][0]["status"] == "ok" and data["posts"][0]["action"] == "create"
    text = summary.read_text(encoding="utf-8")
    assert "| posts/w10.en.md | en | w10 |" in text


def test_page_read_back_matches_rendered_blocks(env: Env) -> None:
    env.write_post("w10.en.md", BODY, slug="w10")
    assert env.run("posts/w10.en.md").exit_code == 0
    from recweekly.markdown import DocumentContext
    from recweekly.markdown.renderers.notion import markdown_to_blocks

    rendered = markdown_to_blocks(BODY, DocumentContext(source_path=env.root / "posts/w10.en.md",
                                                        repo_root=env.root)).blocks
    page = env.page_by_slug("w10")[0]
    assert diff_blocks(page["id"], remote_tree(env.notion.page_blocks(page["id"])), rendered) == []


def test_usage_error_without_targets(env: Env) -> None:
    result = env.run()
    assert result.exit_code == 2


def test_inserting_and_removing_paragraphs_touch_only_those_blocks(env: Env) -> None:
    path = env.write_post("w10.en.md", BODY, slug="w10")
    assert env.run("posts/w10.en.md").exit_code == 0
    page = env.page_by_slug("w10")[0]
    before = env.notion.page_blocks(page["id"])
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("First paragraph.\n", "First paragraph.\n\nA new one in between.\n"),
                    encoding="utf-8")
    env.notion.reset_calls()
    assert env.run("posts/w10.en.md").exit_code == 0
    writes = env.notion.writes()
    assert len(writes) == 1 and writes[0].path.endswith("/children")
    assert writes[0].body["position"] == {"type": "after_block", "after_block": {"id": before[1]["id"]}}
    after = env.notion.page_blocks(page["id"])
    assert [b["id"] for b in after if b["id"] != after[2]["id"]] == [b["id"] for b in before]

    path.write_text(text.replace("Second paragraph.\n\n", ""), encoding="utf-8")
    env.notion.reset_calls()
    assert env.run("posts/w10.en.md").exit_code == 0
    methods = sorted(c.method for c in env.notion.writes())
    assert methods == ["DELETE", "DELETE"]  # the inserted paragraph and the second one
    texts = ["".join(r["plain_text"] for r in b[b["type"]]["rich_text"]) for b in env.notion.page_blocks(page["id"])]
    assert texts == ["Week 10", "First paragraph.", "one", "two"]


# -- A post using every Markdown feature survives the round trip to Notion, block for block.

def setup_blog(env: Env) -> Path:
    (env.root / "recweekly.toml").write_text(
        'name = "Test Blog"\n[notion]\nsite_url = "https://blog.example.org"\n', encoding="utf-8")
    (env.root / "posts" / "img").mkdir(parents=True)
    (env.root / "posts" / "img" / "chart.png").write_bytes(PNG)
    env.write_post("w09.en.md", "Last week.\n", slug="recsys-weekly-2026-w09")
    return env.write_post("w10.en.md", EVERY_FEATURE, slug="recsys-weekly-2026-w10")


def flat(blocks: list[dict]) -> list[dict]:
    out = []
    for b in blocks:
        out.append(b)
        out += flat(b.get("children", []))
    return out


def test_every_feature_round_trips_and_republish_is_a_no_op(env: Env) -> None:
    setup_blog(env)
    result = env.run("--all")
    assert result.exit_code == 0, result.output
    assert "raw HTML" in result.output or "html" in result.output.lower()  # the warning is shown
    page = env.page_by_slug("recsys-weekly-2026-w10")[0]
    tree = env.notion.page_blocks(page["id"])

    source = env.root / "posts/w10.en.md"
    body = source.read_text(encoding="utf-8").split("---\n", 2)[2]
    rendered = markdown_to_blocks(body, DocumentContext(
        source_path=source, repo_root=env.root,
        resolve_post_link=lambda href: "https://blog.example.org/article/recsys-weekly-2026-w09"
        if href == "w09.en.md" else None)).blocks
    hashes = {"posts/img/chart.png": file_hash(PNG)}
    assert diff_blocks(page["id"], remote_tree(tree), rendered, hashes) == []

    blocks = flat(tree)
    kinds = {b["type"] for b in blocks}
    assert {"heading_1", "heading_2", "heading_3", "heading_4", "paragraph", "bulleted_list_item", "numbered_list_item",
            "to_do", "quote", "callout", "code", "table", "table_row", "image", "divider", "toggle",
            "equation"} <= kinds
    # the fifth level of the nested list arrived (sent in a follow-up request)
    texts = ["".join(r["plain_text"] for r in b[b["type"]].get("rich_text", [])) for b in blocks]
    assert "fifth level" in texts
    # the long paragraph was split into runs, and nothing was lost
    assert any(t.count("Ranking models keep growing") == 40 for t in texts)
    # links to other posts point at the blog; markers never reach Notion
    hrefs = [r.get("href") for b in blocks for r in b[b["type"]].get("rich_text", [])]
    assert "https://blog.example.org/article/recsys-weekly-2026-w09" in hrefs
    # what react-notion-x would not draw is drawn: every quote has text; names and titles survive
    assert all(b["quote"]["rich_text"] for b in blocks if b["type"] == "quote")
    assert "mailto:editor@example.org" in hrefs and any("AT&T &copy 2026 ©" in t for t in texts)
    captions = ["".join(r["plain_text"] for r in b[b["type"]]["caption"]) for b in blocks if "caption" in b[b["type"]]]
    assert "zig" in captions and "Architecture — Figure 1: the pipeline" in captions
    assert not any("recweekly:begin" in t for t in texts)
    uploads = [b for b in blocks if b["type"] == "image" and b["image"]["type"] == "file"]
    assert len(uploads) == 1 and f"{file_hash(PNG)}_chart.png" in uploads[0]["image"]["file"]["url"]
    assert len(env.notion.file_uploads) == 1

    env.notion.reset_calls()
    result = env.run("--all")
    assert result.exit_code == 0, result.output
    assert env.notion.writes() == []


def test_changed_image_is_uploaded_again_and_only_its_block_updated(env: Env) -> None:
    setup_blog(env)
    assert env.run("--all").exit_code == 0
    (env.root / "posts" / "img" / "chart.png").write_bytes(PNG + b"changed")
    env.notion.reset_calls()
    assert env.run("posts/w10.en.md").exit_code == 0
    writes = [(c.method, c.path) for c in env.notion.writes()]
    assert [m for m, _ in writes] == ["POST", "POST", "PATCH"]  # create upload, send it, update block
    assert writes[-1][0] == "PATCH" and writes[-1][1].startswith("/v1/blocks/")


# -- A paper's lead figure, saved next to its note by `notes add`, is uploaded once when a post shows it.

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


# -- a block trashed in Notion between our read and our delete


def test_a_block_trashed_in_notion_meanwhile_counts_as_deleted(env: Env) -> None:
    path = env.write_post("w10.en.md", WEEK10 + "\nTo be removed.\n", slug="w10")
    assert env.run("--all").exit_code == 0
    doomed = env.notion.page_blocks(only_page(env)["id"])[-1]
    path.write_text(path.read_text(encoding="utf-8").replace("\nTo be removed.\n", ""), encoding="utf-8")

    def trash_after_the_read(info: Any) -> None:  # someone trashes it between our read and our delete
        if info.method == "GET" and info.path.endswith("/children"):
            env.notion.blocks[doomed["id"]]["in_trash"] = True

    env.on_request = trash_after_the_read
    env.notion.reset_calls()
    result = env.run("--all")
    assert result.exit_code == 0, result.output
    [delete] = env.notion.calls_to("DELETE", r"/blocks/")
    assert delete.status == 400  # Notion: "Can't edit block that is archived" — already done
