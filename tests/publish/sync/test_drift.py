"""Publish never overwrites an edit made in Notion: it refuses that post, with a Markdown diff."""

from __future__ import annotations

import re

import pytest

from recweekly.publish.notion.client import NotionClient
from recweekly.publish.sync import fingerprint
from tests.helpers.notion_edits import EDITS, paragraph, text
from tests.helpers.publishing import (
    BODY,
    FP,
    Env,
    assert_converged,
    edit_post,
    publish_killed_after,
    published,
    stored,
)


@pytest.mark.parametrize("column", [False, True], ids=["no fingerprint", "fingerprint"])
@pytest.mark.parametrize("kind", list(EDITS))
def test_a_page_edited_in_notion_is_refused_with_a_diff_and_left_alone(env: Env, kind: str, column: bool) -> None:
    editor = published(env, column)
    edit, _, shown = EDITS[kind]
    edit(editor)
    page_before = env.notion.page(editor.page_id)
    blocks_before = env.notion.page_blocks(editor.page_id)
    env.notion.reset_calls()
    # with the fingerprint an unchanged post's page is not read at all: --full-diff reads it
    result = env.run(*(["--full-diff"] if column else []), "posts/w10.en.md")
    assert result.exit_code == 1, result.output
    assert "edited in Notion" in result.output and "recweekly pull posts/w10.en.md" in result.output
    assert shown in result.output  # the diff is Markdown lines, not block JSON
    assert env.notion.writes() == []
    assert env.notion.page_blocks(editor.page_id) == blocks_before
    assert env.notion.page(editor.page_id)["properties"] == page_before["properties"]


def test_the_other_posts_of_the_run_go_on(env: Env) -> None:
    editor = published(env, column=False)
    env.write_post("w11.en.md", "Another post.\n", slug="w11")
    env.commit("w11")
    assert env.run("posts/w11.en.md").exit_code == 0
    editor.set_text("Second paragraph.", text("Edited in Notion."))
    edit_post(env, "Another post.", "Another post, revised.", name="w11.en.md")
    env.commit("revise w11")
    result = env.run("--all")
    assert result.exit_code == 1
    assert re.search(r"posts/w10.en.md .*edited in Notion: not overwritten +failed", result.output)
    assert re.search(r"posts/w11.en.md .*update with 1 block change +ok", result.output)


@pytest.mark.parametrize("column", [False, True], ids=["no fingerprint", "fingerprint"])
def test_force_overwrites_and_says_so(env: Env, column: bool) -> None:
    editor = published(env, column)
    editor.set_text("Second paragraph.", text("Edited in Notion."))
    result = env.run("--full-diff", "--force", "posts/w10.en.md")
    assert result.exit_code == 0, result.output
    assert "edited in Notion; overwritten (--force)" in result.output
    assert "Second paragraph." in str(env.notion.page_blocks(editor.page_id))


@pytest.mark.parametrize("column", [False, True], ids=["no fingerprint", "fingerprint"])
def test_a_page_that_only_lags_behind_is_updated_as_always(env: Env, column: bool) -> None:
    published(env, column)
    before = env.git("rev-parse", "HEAD")
    edit_post(env, "Second paragraph.", "Second paragraph, revised in git.")
    env.commit("revise")
    env.notion.reset_calls()
    result = env.run("--changed-since", before)
    assert result.exit_code == 0, result.output
    assert "update with 1 block change" in result.output
    assert len([c for c in env.notion.writes() if c.path.startswith("/v1/blocks/")]) == 1


def test_without_the_column_the_page_is_matched_against_the_posts_history(env: Env) -> None:
    """A failed CI run left the page two commits behind: still a lag, not an edit."""
    published(env, column=False)
    edit_post(env, "First paragraph.", "First paragraph, second version.")
    env.commit("second version")  # never published (say the run failed)
    before = env.git("rev-parse", "HEAD")
    edit_post(env, "Last words.", "Last words, third version.")
    env.commit("third version")
    result = env.run("--changed-since", before)
    assert result.exit_code == 0, result.output
    assert "update with 2 block changes" in result.output


@pytest.mark.parametrize("column", [False, True], ids=["no fingerprint", "fingerprint"])
def test_an_edit_in_notion_and_a_change_in_git_together_are_refused(env: Env, column: bool) -> None:
    editor = published(env, column)
    editor.add_after("Last words.", paragraph(text("Added in Notion.")))
    edit_post(env, "First paragraph.", "First paragraph, revised in git.")
    env.commit("revise")
    env.notion.reset_calls()
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 1 and "+Added in Notion." in result.output
    assert env.notion.writes() == []


def test_a_post_that_already_holds_the_notion_edit_is_published(env: Env) -> None:
    """What `pull` leaves behind: the post has the Notion edit and a change of its own."""
    editor = published(env, column=False)
    editor.set_text("Second paragraph.", text("Fixed in Notion."))
    edit_post(env, "Second paragraph.", "Fixed in Notion.")
    edit_post(env, "Last words.", "Last words, revised in git.")
    env.commit("pulled, then revised")
    env.notion.reset_calls()
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0, result.output
    assert len(env.notion.writes()) == 1


def test_property_edits_are_seen_without_reading_the_blocks(env: Env) -> None:
    """With the fingerprint the slug query returns the properties: an edit there costs no call."""
    editor = published(env, column=True)
    editor.set_properties({"status": {"select": {"name": "Invisible"}}})
    env.notion.reset_calls()
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 1 and "+status: Invisible" in result.output
    assert env.notion.writes() == [] and len(env.notion.reads()) == 3  # database, data source, slug query


def test_the_fingerprint_records_the_commit_and_reads_the_old_format(env: Env) -> None:
    published(env, column=True)
    stamp = fingerprint.read_stamp(stored(env))
    assert stamp.commit == env.git("rev-parse", "HEAD") and stamp.fields["page"]
    page_id = env.page_by_slug("w10")[0]["id"]
    env.notion.pages[page_id]["properties"][FP]["rich_text"][0]["plain_text"] = stamp.hash  # as 0.1 wrote it
    env.notion.pages[page_id]["properties"][FP]["rich_text"][0]["text"]["content"] = stamp.hash
    env.notion.reset_calls()
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0 and "unchanged (fingerprint)" in result.output and env.notion.writes() == []
    edit_post(env, "Second paragraph.", "Second, edited in git.")  # a page stamped by 0.1 lags behind
    env.commit("edit in git")
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0, result.output
    renewed = fingerprint.read_stamp(stored(env))
    assert renewed.commit == env.git("rev-parse", "HEAD") and renewed.fields["page"]  # the full stamp now


def test_a_page_stamped_by_an_older_recweekly_and_edited_in_notion_is_refused(env: Env) -> None:
    editor = published(env, column=True)
    page_id = editor.page_id
    legacy = fingerprint.read_stamp(stored(env)).hash
    with NotionClient(env.notion.token, env.notion.url, rate_per_sec=0) as client:
        client.update_page(page_id, {"properties": {FP: fingerprint.stamp_property(legacy or "")}})
    editor.set_text("Second paragraph.", text("Second, fixed in Notion."))
    edit_post(env, "First paragraph.", "First, edited in git.")
    env.commit("edit in git")
    env.notion.reset_calls()
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 1 and "edited in Notion" in result.output and env.notion.writes() == []
    assert "+Second, fixed in Notion." in result.output


def test_drift_detection_adds_no_notion_call(env: Env) -> None:
    """A refused post costs the reads the diff makes anyway; --force makes the same reads."""
    editor = published(env, column=False)
    editor.set_text("Second paragraph.", text("Edited in Notion."))
    env.notion.reset_calls()
    assert env.run("posts/w10.en.md").exit_code == 1
    refused = len(env.notion.reads())
    env.notion.reset_calls()
    assert env.run("--force", "posts/w10.en.md").exit_code == 0
    assert len(env.notion.reads()) == refused


def test_the_job_summary_shows_the_diff_as_a_diff(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    editor = published(env, column=False)
    editor.set_text("Second paragraph.", text("Edited in Notion."))
    summary = env.root / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert env.run("posts/w10.en.md").exit_code == 1
    shown = summary.read_text(encoding="utf-8")
    assert "**posts/w10.en.md**: edited in Notion" in shown
    assert "```diff\n--- published" in shown and "+Edited in Notion.\n" in shown


@pytest.mark.parametrize("after_writes", [1, 2, 3])
def test_an_update_cut_short_is_finished_by_the_next_run_not_taken_for_an_edit(env: Env, after_writes: int) -> None:
    env.write_post("w10.en.md", BODY, slug="w10")
    env.commit("post")
    assert env.run("posts/w10.en.md").exit_code == 0
    before = env.git("rev-parse", "HEAD")
    body = BODY.replace("Paragraph number 7.", "Paragraph seven, revised.").replace(
        "Paragraph number 150.", "Paragraph 150, revised.").replace("Paragraph number 3.\n\n", "")
    env.write_post("w10.en.md", body, slug="w10")
    env.commit("revise")
    publish_killed_after(env, after_writes, "--changed-since", before)  # dies among the block writes
    result = env.run("--changed-since", before)
    assert result.exit_code == 0, result.output
    assert_converged(env, body=body)
