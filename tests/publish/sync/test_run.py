"""Faults on the wire and crashes mid-run: every run ends with one page per slug, right content."""

from __future__ import annotations

from typing import Any

import pytest

from recweekly.markdown import DocumentContext
from recweekly.markdown.renderers.notion import markdown_to_blocks
from recweekly.publish.blockdiff import RemoteBlock, diff_blocks
from tests.publish.conftest import Env

# > 100 top-level blocks and a list nested 5 deep: a create plus several appends and follow-ups
DEEP_LIST = "\n\n- a\n  - b\n    - c\n      - d\n        - e\n\nThe end.\n"
BODY = "\n\n".join(f"Paragraph number {i}." for i in range(230)) + DEEP_LIST
SMALL = "\n\n".join(f"Paragraph number {i}." for i in range(104)) + DEEP_LIST  # create + 1 append


def remote_tree(blocks: list[dict]) -> list[RemoteBlock]:
    return [RemoteBlock.from_api(b, remote_tree(b.get("children", []))) for b in blocks]


def assert_converged(env: Env, slug: str = "w10", body: str = BODY) -> None:
    pages = env.page_by_slug(slug)
    assert len(pages) == 1, f"{len(pages)} pages for slug {slug}"
    rendered = markdown_to_blocks(body, DocumentContext()).blocks
    tree = remote_tree(env.notion.page_blocks(pages[0]["id"]))
    assert diff_blocks(pages[0]["id"], tree, rendered) == []


class Killed(BaseException):
    """Stands for the process being killed: nothing in recweekly may catch it."""


def publish_killed_after(env: Env, after_writes: int, *args: str) -> None:
    """Run a publish (of `args`, by default the one post) that dies at its `after_writes`-th write
    request (reads never count)."""
    count = 0

    def kill(info: Any) -> None:
        nonlocal count
        if info.method in ("POST", "PATCH", "DELETE") and not info.path.endswith("/query"):
            count += 1
            if count >= after_writes:
                raise Killed

    env.on_request = kill
    with pytest.raises(Killed):
        env.run(*(args or ("posts/w10.en.md",)))
    env.on_request = None


@pytest.mark.parametrize("after_writes", [1, 2, 3, 4])
def test_killed_mid_publish_then_rerun_converges(env: Env, after_writes: int) -> None:
    env.write_post("w10.en.md", BODY, slug="w10")
    publish_killed_after(env, after_writes)
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0, result.output
    assert_converged(env)
    env.notion.reset_calls()
    assert env.run("posts/w10.en.md").exit_code == 0 and env.notion.writes() == []


@pytest.mark.parametrize("method,path", [
    ("POST", r"^/v1/pages$"),  # the create was applied, the answer lost
    ("PATCH", r"/children$"),  # an append was applied, the answer lost
])
def test_write_applied_but_answered_503_converges_in_the_same_run(env: Env, method: str, path: str) -> None:
    env.write_post("w10.en.md", SMALL, slug="w10")
    env.notion.inject(method, path, "apply_then_503")
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0, result.output
    assert "converged after 1 retry" in result.output  # re-read, then finished: no duplicate
    assert_converged(env, body=SMALL)


def test_update_applied_but_answered_503(env: Env) -> None:
    path = env.write_post("w10.en.md", SMALL, slug="w10")
    assert env.run("posts/w10.en.md").exit_code == 0
    body = SMALL.replace("Paragraph number 7.", "Paragraph seven, edited.")
    path.write_text(path.read_text(encoding="utf-8").replace("Paragraph number 7.", "Paragraph seven, edited."),
                    encoding="utf-8")
    env.notion.inject("PATCH", r"^/v1/blocks/[^/]+$", "apply_then_503")
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0, result.output
    assert_converged(env, body=body)


def test_connection_dropped_on_a_write_and_on_a_read(env: Env) -> None:
    env.write_post("w10.en.md", SMALL, slug="w10")
    env.notion.inject("PATCH", r"/children$", "drop")
    env.notion.inject("GET", r"/children$", "drop")
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0, result.output
    assert_converged(env, body=SMALL)


def test_429_storm_waits_retry_after_and_finishes(env: Env) -> None:
    env.write_post("w10.en.md", SMALL, slug="w10")
    env.notion.inject("*", r".", 429, times=4, retry_after=2)  # the first request, four times over
    env.notion.inject("PATCH", r"/children$", 429, times=4, retry_after=2)
    env.notion.inject("POST", r"^/v1/pages$", 529, times=3, retry_after=2)
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 0, result.output
    assert env.sleeps.count(2.0) >= 11
    assert_converged(env, body=SMALL)


def test_notion_down_exits_3_and_names_the_post(env: Env) -> None:
    env.write_post("w10.en.md", SMALL, slug="w10")
    env.notion.inject("POST", r"/query$", 503, times=50)
    result = env.run("posts/w10.en.md")
    assert result.exit_code == 3
    assert "posts/w10.en.md" in result.output and "failed" in result.output
