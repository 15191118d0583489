"""--changed-since: what a push changed, found from git trees (merges, renames, deletions)."""

from __future__ import annotations

import pytest

from recweekly.publish.gitchanges import changed_posts
from tests.helpers.publishing import Env

ZERO = "0" * 40


def status_of(env: Env, slug: str) -> str | None:
    pages = env.page_by_slug(slug)
    assert len(pages) <= 1
    if not pages:
        return None
    return pages[0]["properties"]["status"]["select"]["name"]


def seed(env: Env) -> str:
    env.write_post("a.en.md", "Post A.\n", slug="a")
    env.write_post("b.en.md", "Post B.\n", slug="b")
    env.write_post("c.en.md", "Post C.\n", slug="c")
    (env.root / "notes" / "n.md").write_text("not a post\n", encoding="utf-8")
    return env.commit("three posts")


def test_all_zero_rev_publishes_every_post(env: Env) -> None:
    seed(env)
    result = env.run("--changed-since", ZERO)
    assert result.exit_code == 0, result.output
    assert {status_of(env, s) for s in "abc"} == {"Published"}


def test_rename_keeps_the_page_and_deletion_unpublishes(env: Env) -> None:
    seed(env)
    assert env.run("--changed-since", ZERO).exit_code == 0
    page_a = env.page_by_slug("a")[0]["id"]
    before = env.git("rev-parse", "HEAD")
    env.git("mv", "posts/a.en.md", "posts/renamed.en.md")
    env.git("rm", "-q", "posts/b.en.md")
    env.commit("rename a, delete b")
    changes = changed_posts(env.root, env.root / "posts", before)
    assert sorted((c.status, c.path, c.old_path) for c in changes.changes) == [
        ("deleted", None, "posts/b.en.md"), ("renamed", "posts/renamed.en.md", "posts/a.en.md")]

    env.notion.reset_calls()
    result = env.run("--changed-since", before)
    assert result.exit_code == 0, result.output
    assert env.page_by_slug("a")[0]["id"] == page_a  # same page, nothing re-created
    assert status_of(env, "b") == "Invisible"
    writes = env.notion.writes()
    assert len(writes) == 1 and writes[0].body == {"properties": {"status": {"select": {"name": "Invisible"}}}}


def test_unpublish_by_trash(env: Env) -> None:
    (env.root / "recweekly.toml").write_text('name = "T"\n[notion]\nunpublish = "trash"\n', encoding="utf-8")
    seed(env)
    assert env.run("--changed-since", ZERO).exit_code == 0
    before = env.git("rev-parse", "HEAD")
    env.git("rm", "-q", "posts/b.en.md")
    env.commit("delete b")
    assert env.run("--changed-since", before).exit_code == 0
    assert env.page_by_slug("b") == []
    assert len(env.pages()) == 2


def test_back_to_draft_unpublishes_and_dry_run_says_so(env: Env) -> None:
    seed(env)
    assert env.run("--changed-since", ZERO).exit_code == 0
    before = env.git("rev-parse", "HEAD")
    path = env.root / "posts/c.en.md"
    path.write_text(path.read_text(encoding="utf-8").replace("status: Published", "status: Draft"), encoding="utf-8")
    env.commit("c back to draft")
    env.notion.reset_calls()
    result = env.run("--dry-run", "--changed-since", before)
    assert "unpublish (status Invisible)" in result.output and env.notion.writes() == []
    assert env.run("--changed-since", before).exit_code == 0
    assert status_of(env, "c") == "Invisible"


def test_merge_commit_files_are_found(env: Env) -> None:
    seed(env)
    assert env.run("--changed-since", ZERO).exit_code == 0
    before = env.git("rev-parse", "HEAD")
    env.git("checkout", "-q", "-b", "feature")
    env.write_post("c.en.md", "Post C, edited on a branch.\n", slug="c")
    env.write_post("d.en.md", "Post D, new on a branch.\n", slug="d")
    env.commit("feature work")
    env.git("checkout", "-q", "main")
    env.write_post("a.en.md", "Post A, edited on main.\n", slug="a")
    env.commit("main work")
    env.git("merge", "-q", "--no-ff", "feature", "-m", "merge feature")
    changes = changed_posts(env.root, env.root / "posts", before)
    assert sorted((c.status, c.path) for c in changes.changes) == [
        ("added", "posts/d.en.md"), ("modified", "posts/a.en.md"), ("modified", "posts/c.en.md")]
    # diffing only the merge commit against its first parent still sees the branch's files
    changes = changed_posts(env.root, env.root / "posts", "HEAD^1")
    assert sorted(c.path for c in changes.changes) == ["posts/c.en.md", "posts/d.en.md"]
    env.notion.reset_calls()
    result = env.run("--changed-since", before)
    assert result.exit_code == 0, result.output
    assert status_of(env, "d") == "Published" and len(env.pages()) == 4
    assert len(env.notion.writes()) == 3  # one block update each for a and c, one create for d


def test_slug_changed_by_rename_unpublishes_the_old_slug(env: Env) -> None:
    seed(env)
    assert env.run("--changed-since", ZERO).exit_code == 0
    before = env.git("rev-parse", "HEAD")
    env.git("rm", "-q", "posts/a.en.md")
    env.write_post("a2.en.md", "Post A.\n", slug="a-new")
    env.commit("new slug for a")
    assert env.run("--changed-since", before).exit_code == 0
    assert status_of(env, "a") == "Invisible" and status_of(env, "a-new") == "Published"


def test_unknown_revision_is_a_clear_error(env: Env) -> None:
    seed(env)
    result = env.run("--changed-since", "deadbeef" * 5)
    assert result.exit_code == 1
    assert "unknown revision" in result.output and "fetch-depth" in result.output
    assert env.notion.calls == []


def test_nothing_changed_under_posts_makes_no_call(env: Env) -> None:
    seed(env)
    before = env.git("rev-parse", "HEAD")
    (env.root / "notes" / "n.md").write_text("still not a post\n", encoding="utf-8")
    env.commit("notes only")
    result = env.run("--changed-since", before)
    assert result.exit_code == 0 and "nothing to publish" in result.output
    assert env.notion.calls == []


@pytest.mark.parametrize("rev", [ZERO, "0000000"])
def test_zero_rev_means_everything(env: Env, rev: str) -> None:
    assert changed_posts(env.root, env.root / "posts", rev).everything
