"""`recweekly pull`: edits made in Notion come back into the post, only where they were made."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner, Result

from recweekly.cli import cli
from tests.fakes.notion_server import notion_property
from tests.helpers.notion_edits import BOOKMARK, EDITS, POST, NotionEditor, paragraph, text
from tests.helpers.publishing import FP, Env, edit_post, published, stored


def pull(*args: str) -> Result:
    return CliRunner().invoke(cli, ["pull", *args], catch_exceptions=False)


def post_text(env: Env, name: str = "w10.en.md") -> str:
    return (env.root / "posts" / name).read_text(encoding="utf-8")


def tree_reads(env: Env) -> int:
    return len(env.notion.calls_to("GET", r"/children$"))


@pytest.mark.parametrize("column", [False, True], ids=["no fingerprint", "fingerprint"])
@pytest.mark.parametrize("kind", list(EDITS))
def test_pull_changes_the_file_only_where_the_page_was_edited_and_then_publish_writes_nothing(
        env: Env, kind: str, column: bool) -> None:
    editor = published(env, column)
    before = post_text(env)
    edit, expected, _ = EDITS[kind]
    edit(editor)
    result = pull("posts/w10.en.md")
    assert result.exit_code == 0, result.output
    assert "posts/w10.en.md: pulled" in result.output
    assert post_text(env) == expected(before)  # every other line, key and marker byte for byte
    env.commit(f"pull: {kind}")
    env.notion.reset_calls()
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0, result.output
    assert env.notion.writes() == []
    if column:  # pull renewed the fingerprint: the page is not even read
        assert tree_reads(env) == 0 and "unchanged (fingerprint)" in result.output
    env.notion.reset_calls()
    assert env.run("--full-diff", "posts/w10.en.md").exit_code == 0 and env.notion.writes() == []


def test_edits_in_git_and_in_notion_are_merged(env: Env) -> None:
    editor = published(env, column=True)
    editor.set_text("Second paragraph.", text("Second, fixed in Notion."))
    edit_post(env, "First paragraph.", "First paragraph, revised in git.")
    env.commit("revise")
    assert env.run("posts/w10.en.md").exit_code == 1  # refused: publishing would undo the Notion edit
    result = pull("posts/w10.en.md")
    assert result.exit_code == 0, result.output
    assert post_text(env) == first_version(env).replace("First paragraph.", "First paragraph, revised in git.") \
        .replace("Second paragraph.", "Second, fixed in Notion.")
    env.commit("pull")
    env.notion.reset_calls()
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0, result.output
    assert [c.path.split("/")[2] for c in env.notion.writes()] == ["pages", "blocks", "pages"]  # git's edit
    env.notion.reset_calls()
    assert env.run("posts/w10.en.md").exit_code == 0 and env.notion.writes() == []


def first_version(env: Env) -> str:
    """The post as first written, front matter included."""
    return env.git("show", "HEAD~1:posts/w10.en.md") + "\n"


def test_the_same_block_changed_on_both_sides_needs_force(env: Env) -> None:
    editor = published(env, column=False)
    editor.set_text("Second paragraph.", text("Notion's version."))
    edit_post(env, "Second paragraph.", "Git's version.")
    env.commit("git's version")
    before = post_text(env)
    result = pull("posts/w10.en.md")
    assert result.exit_code == 1 and "changed in the post and in Notion" in result.output
    assert post_text(env) == before
    result = pull("--force", "posts/w10.en.md")
    assert result.exit_code == 0, result.output
    assert post_text(env) == before.replace("Git's version.", "Notion's version.")


def test_a_file_with_uncommitted_changes_is_refused_unless_forced(env: Env) -> None:
    editor = published(env, column=False)
    editor.set_text("Second paragraph.", text("Fixed in Notion."))
    edit_post(env, "Last words.", "Last words, not committed.")
    before = post_text(env)
    env.notion.reset_calls()
    result = pull("posts/w10.en.md")
    assert result.exit_code == 1 and "uncommitted changes" in result.output
    assert post_text(env) == before and env.notion.calls == []  # refused before asking Notion
    result = pull("--force", "posts/w10.en.md")
    assert result.exit_code == 0, result.output
    assert post_text(env) == before.replace("Second paragraph.", "Fixed in Notion.")


def test_dry_run_shows_the_diff_and_writes_nothing(env: Env) -> None:
    editor = published(env, column=True)
    editor.set_text("Second paragraph.", text("Fixed in Notion."))
    before = post_text(env)
    env.notion.reset_calls()
    result = pull("--all", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "-Second paragraph.\n+Fixed in Notion." in result.output
    assert post_text(env) == before and env.notion.writes() == []


def test_nothing_to_pull(env: Env) -> None:
    published(env, column=False)
    env.write_post("w11.en.md", "Not published yet.\n", slug="w11")
    env.write_post("w12.en.md", "A draft.\n", slug="w12", status="Draft")
    env.commit("more posts")
    edit_post(env, "Last words.", "Last words, revised.")
    env.commit("revise")  # the page lags behind: publish's business, not pull's
    result = pull("--all")
    assert result.exit_code == 0, result.output
    assert "posts/w10.en.md: behind" in result.output
    assert "posts/w11.en.md: not published" in result.output and "posts/w12.en.md: not published" in result.output
    assert env.git("status", "--porcelain") == ""


def test_a_block_added_after_a_generated_region_lands_after_its_end_marker(env: Env) -> None:
    editor = published(env, column=False)
    before = post_text(env)
    editor.add_after("Ten papers this week.", paragraph(text("Written in Notion.")))
    assert pull("posts/w10.en.md").exit_code == 0
    assert post_text(env) == before.replace("<!-- recweekly:end overview -->\n",
                                            "<!-- recweekly:end overview -->\n\nWritten in Notion.\n")


def test_a_footnote_edited_in_notion_is_refused_with_the_reason(env: Env) -> None:
    editor = published(env, column=False)
    editor.set_text("[1] A note.", text("[1] A note, edited."))
    before = post_text(env)
    result = pull("posts/w10.en.md")
    assert result.exit_code == 1 and "footnote" in result.output
    assert post_text(env) == before


BLOCKS_MARKDOWN_LACKS: dict[str, dict[str, Any]] = {
    "column_list": {"object": "block", "type": "column_list", "column_list": {"children": [
        {"object": "block", "type": "column", "column": {"children": [paragraph(text("Left."))]}},
        {"object": "block", "type": "column", "column": {"children": [paragraph(text("Right."))]}}]}},
    "synced_block": {"object": "block", "type": "synced_block", "synced_block": {
        "synced_from": None, "children": [paragraph(text("Shared across pages."))]}},
    "embed": {"object": "block", "type": "embed", "embed": {"url": "https://example.org/video"}},
    "callout": {"object": "block", "type": "callout", "callout": {
        "rich_text": [text("A callout with its own emoji.")], "icon": {"type": "emoji", "emoji": "🔥"}}},
    "paragraph": paragraph(text("Underlined", underline=True), text(" words.")),
    "table_of_contents": {"object": "block", "type": "table_of_contents", "table_of_contents": {}},
}


@pytest.mark.parametrize("kind", list(BLOCKS_MARKDOWN_LACKS))
def test_blocks_markdown_lacks_come_back_as_placeholders_that_publish_keeps(env: Env, kind: str) -> None:
    editor = published(env, column=False)
    editor.add_after("First paragraph.", BLOCKS_MARKDOWN_LACKS[kind])
    result = pull("posts/w10.en.md")
    assert result.exit_code == 0, result.output
    assert f"kept as <!-- notion: --> placeholders: {kind}" in result.output
    assert f"<!-- notion:{kind} " in post_text(env) or f"<!-- notion:{kind} -->" in post_text(env)
    env.commit("pull")
    env.notion.reset_calls()
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0 and env.notion.writes() == [], result.output


def test_a_placeholder_publishes_the_block_on_a_new_page(env: Env) -> None:
    env.write_post("w13.en.md", "Before.\n\n" + BOOKMARK + "\n\nAfter.\n", slug="w13")
    assert env.run("posts/w13.en.md").exit_code == 0
    blocks = env.notion.page_blocks(env.page_by_slug("w13")[0]["id"])
    assert [b["type"] for b in blocks] == ["paragraph", "bookmark", "paragraph"]
    assert blocks[1]["bookmark"]["url"] == "https://example.org/paper"


def test_pull_renews_the_fingerprint_only_when_the_file_now_matches_the_page(env: Env) -> None:
    editor = published(env, column=True)
    editor.set_text("Second paragraph.", text("Fixed in Notion."))
    old = stored(env)
    env.notion.reset_calls()
    assert pull("posts/w10.en.md").exit_code == 0
    assert [c.path.split("/")[2] for c in env.notion.writes()] == ["pages"]  # the fingerprint, and nothing else
    assert stored(env) != old and FP in env.notion.writes()[0].body["properties"]
    assert "commit=" not in stored(env)  # the pulled file is not committed yet


def test_post_text_kept_in_crlf(env: Env) -> None:
    path = env.write_post("w10.en.md", POST, slug="w10")
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    env.commit("crlf")
    assert env.run("posts/w10.en.md").exit_code == 0
    editor = NotionEditor(env.notion, env.page_by_slug("w10")[0]["id"])
    editor.set_text("Second paragraph.", text("Fixed in Notion."))
    before = path.read_bytes()
    assert pull("posts/w10.en.md").exit_code == 0
    assert path.read_bytes() == before.replace(b"Second paragraph.", b"Fixed in Notion.")


def test_help_and_usage() -> None:
    result = pull("--help")
    assert result.exit_code == 0 and "recweekly pull --all --dry-run" in result.output
    assert pull().exit_code == 2
    assert POST  # the post the tests edit is the shared one


def test_markers_written_against_the_content_stay_byte_for_byte(env: Env) -> None:
    body = ("Intro.\n<!-- recweekly:begin facts sha256=000000000000 -->\nFacts line.\n- fact one\n"
            "<!-- recweekly:end facts -->\nAfter.\n")
    path = env.write_post("w10.en.md", body, slug="w10")
    env.commit("post")
    assert env.run("posts/w10.en.md").exit_code == 0
    editor = NotionEditor(env.notion, env.page_by_slug("w10")[0]["id"])
    editor.set_text("Facts line.", text("Facts line, corrected."))
    editor.set_text("fact one", text("fact one, corrected"))
    before = path.read_text(encoding="utf-8")
    assert pull("posts/w10.en.md").exit_code == 0
    assert path.read_text(encoding="utf-8") == before.replace("Facts line.", "Facts line, corrected.") \
        .replace("- fact one", "- fact one, corrected")


def test_a_post_linking_to_another_post_is_pulled_with_its_link_as_written(env: Env) -> None:
    (env.root / "recweekly.toml").write_text(
        f'name = "Test Blog"\n[notion]\nsite_url = "https://blog.example.org"\nfingerprint_property = "{FP}"\n',
        encoding="utf-8")
    env.notion.schema()[FP] = notion_property(FP, "rich_text")
    env.write_post("w09.en.md", "# Week 9\n\nLast week.\n", slug="w09")
    env.write_post("w10.en.md", POST.replace("First paragraph.", "First paragraph, after [week 9](w09.en.md)."),
                   slug="w10")
    env.commit("two posts")
    assert env.run("--all").exit_code == 0
    editor = NotionEditor(env.notion, env.page_by_slug("w10")[0]["id"])
    editor.set_text("Second paragraph.", text("Second, fixed in Notion."))
    before = post_text(env)
    result = pull("posts/w10.en.md")
    assert result.exit_code == 0, result.output
    assert post_text(env) == before.replace("Second paragraph.", "Second, fixed in Notion.")  # link kept as written
    env.commit("pull")
    env.notion.reset_calls()
    assert env.run("posts/w10.en.md").exit_code == 0 and env.notion.writes() == []
