"""A blog in a git repository wired to a FakeNotion server, and what publish tests ask of it: runs of
`recweekly publish`, runs killed part-way, pages published then edited in Notion.

The `env` fixture that builds an `Env` lives in tests/conftest.py; these are plain helpers."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from recweekly.cli import cli
from recweekly.markdown import DocumentContext
from recweekly.markdown.renderers.notion import markdown_to_blocks
from recweekly.publish.blockdiff import RemoteBlock, diff_blocks
from recweekly.publish.notion.client import NotionClient
from tests.fakes.notion_server import FakeNotion, notion_property
from tests.helpers.notion_edits import POST, NotionEditor
from tests.helpers.posts import write_post_file


@dataclass
class Env:
    root: Path
    notion: FakeNotion
    sleeps: list[float] = field(default_factory=list)
    clients: list[NotionClient] = field(default_factory=list)
    on_request: Any = None  # called with every RequestInfo (tests use it to "kill" a run)

    def run(self, *args: str, **kwargs: Any) -> Result:
        result = CliRunner().invoke(cli, ["publish", *args], catch_exceptions=False, **kwargs)
        return result

    def write_post(self, name: str, body: str, **meta: Any) -> Path:
        front = {"title": "A post", "slug": name.split(".")[0], "date": "2026-03-09", "type": "Post",
                 "status": "Published", "lang": "en", "category": "RecSys Weekly", "tags": ["recsys"],
                 "summary": "What happened this week."}
        front.update(meta)
        return write_post_file(self.root / "posts" / name, front, body)

    def git(self, *args: str) -> str:
        out = subprocess.run(["git", *args], cwd=self.root, check=True, capture_output=True, text=True)
        return out.stdout.strip()

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, "--allow-empty")
        return self.git("rev-parse", "HEAD")

    def pages(self) -> list[dict[str, Any]]:
        return self.notion.live_pages()

    def page_by_slug(self, slug: str) -> list[dict[str, Any]]:
        out = []
        for page in self.pages():
            prop = page["properties"]["slug"]["rich_text"]
            if "".join(r["plain_text"] for r in prop) == slug:
                out.append(page)
        return out


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


FP = "recweekly_fingerprint"


def with_column(env: Env) -> None:
    (env.root / "recweekly.toml").write_text(f'name = "Test Blog"\n[notion]\nfingerprint_property = "{FP}"\n',
                                             encoding="utf-8")
    env.notion.schema()[FP] = notion_property(FP, "rich_text")


def published(env: Env, column: bool, name: str = "w10.en.md", slug: str = "w10") -> NotionEditor:
    if column:
        with_column(env)
    env.write_post(name, POST, slug=slug)
    env.commit(f"add {name}")
    assert env.run(f"posts/{name}").exit_code == 0
    return NotionEditor(env.notion, env.page_by_slug(slug)[0]["id"])


def edit_post(env: Env, old: str, new: str, name: str = "w10.en.md") -> None:
    path = env.root / "posts" / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def stored(env: Env, slug: str = "w10") -> str:
    prop = env.page_by_slug(slug)[0]["properties"][FP]
    return "".join(r["plain_text"] for r in prop["rich_text"])


WEEK10 = "# Week 10\n\nFirst paragraph.\n"  # a short post: one heading, one paragraph


def configure(env: Env, notion_table: str) -> None:
    (env.root / "recweekly.toml").write_text(f'name = "Test Blog"\n[notion]\n{notion_table}\n', encoding="utf-8")


def only_page(env: Env, slug: str = "w10") -> dict[str, Any]:
    [page] = env.page_by_slug(slug)
    return env.notion.page(page["id"])


def text_of(prop: dict[str, Any]) -> str:
    return "".join(r["plain_text"] for r in prop[prop["type"]])


def republish_writes(env: Env, *args: str) -> list[Any]:
    env.notion.reset_calls()
    result = env.run(*(args or ("--all",)))
    assert result.exit_code == 0, result.output
    return env.notion.writes()
