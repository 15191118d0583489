"""A blog in a git repository, a FakeNotion server, and a CLI runner wired to both."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from recweekly.cli import cli
from recweekly.publish.notion.client import NotionClient
from tests.fakes.notion_server import FakeNotion


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
        lines = ["---"]
        for key, value in front.items():
            if isinstance(value, list):
                lines.append(f"{key}: [{', '.join(value)}]")
            else:
                lines.append(f"{key}: {value}")
        lines.append("---")
        path = self.root / "posts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n" + body, encoding="utf-8")
        return path

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


@pytest.fixture
def env(blog: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Env]:
    with FakeNotion() as notion:
        state = Env(blog, notion)
        monkeypatch.setenv("NOTION_TOKEN", notion.token)
        monkeypatch.setenv("RECWEEKLY_NOTION_API_URL", notion.url)
        monkeypatch.setenv("NOTION_DATABASE_ID_EN", notion.database_id)

        def fast_client(on_request: Any = None, **options: Any) -> NotionClient:
            def report(info: Any) -> None:
                if on_request is not None:
                    on_request(info)
                if state.on_request is not None:
                    state.on_request(info)

            client = NotionClient.from_env(rate_per_sec=0, sleep=state.sleeps.append, timeout=5,
                                           on_request=report, **options)
            state.clients.append(client)
            return client

        monkeypatch.setattr("recweekly.commands.publish.make_client", fast_client)
        subprocess.run(["git", "init", "-q", "-b", "main"], cwd=blog, check=True)
        subprocess.run(["git", "config", "user.email", "t@example.com"], cwd=blog, check=True)
        subprocess.run(["git", "config", "user.name", "Test"], cwd=blog, check=True)
        subprocess.run(["git", "config", "commit.gpgsign", "false"], cwd=blog, check=True)
        yield state
        assert notion.violations == [], notion.violations
