"""Publishing a post end to end over HTTP against FakeNotion: create, no-op, one edit."""

from __future__ import annotations

import json

from recweekly.publish.blockdiff import RemoteBlock, diff_blocks
from tests.helpers.publishing import Env

BODY = "# Week 10\n\nFirst paragraph.\n\nSecond paragraph.\n\n- one\n- two\n"


def remote_tree(blocks: list[dict]) -> list[RemoteBlock]:
    return [RemoteBlock.from_api(b, remote_tree(b.get("children", []))) for b in blocks]


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
