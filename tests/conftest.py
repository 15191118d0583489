"""Every fixture shared across the tree (helpers they build on live in tests/helpers/):

- a guard that no test reaches the internet, and an environment free of the developer's settings;
- blogs to work in: an empty one, a copy of the compose fixture blog, and one in a git repository
  wired to a FakeNotion server (`env`, for the publish and pull tests);
- a bare fake Notion with a client on virtual time (the client, properties and fake-server tests);
- one headless chromium for every browser test of the session (starting one takes a second or two).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from recweekly.publish.notion.client import NotionClient
from tests.fakes.notion_server import FakeClock, FakeNotion, running
from tests.helpers.blogs import FIXTURE_BLOG
from tests.helpers.browser import ARGS, CHROMIUM, unavailable
from tests.helpers.publishing import Env

# Property tests: no per-example deadline (2 shared cores make timings noisy); in CI, a fixed seed
# sequence so a red run can be reproduced exactly.
settings.register_profile(
    "recweekly", deadline=None, suppress_health_check=[HealthCheck.too_slow],
    derandomize=bool(os.environ.get("CI")),
)
settings.load_profile("recweekly")


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection to a non-loopback address fails the test loudly instead of leaking out."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        inet = self.family in (socket.AF_INET, socket.AF_INET6)
        if inet and isinstance(host, str) and not (host.startswith("127.") or host in ("localhost", "::1")):
            raise AssertionError(f"test tried to reach the network: {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests must not depend on the developer's shell: no real token, endpoints or pinned date; and
    the notes cache of whatever blog a test loads (this repository's own, too) goes to its tmp_path."""
    for name in list(os.environ):
        if name.startswith(("NOTION_", "RECWEEKLY_")) or name == "GITHUB_STEP_SUMMARY":
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("RECWEEKLY_CACHE_DIR", str(tmp_path / "recweekly-cache"))


@pytest.fixture
def blog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty blog (recweekly.toml with defaults) as the working directory."""
    root = tmp_path / "blog"
    root.mkdir()
    (root / "recweekly.toml").write_text('name = "Test Blog"\n', encoding="utf-8")
    for sub in ("notes", "drafts", "posts", "templates"):
        (root / sub).mkdir()
    monkeypatch.chdir(root)
    return root



@pytest.fixture
def fixture_blog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture blog (tests/compose/fixtures/blog) as the working directory."""
    root = tmp_path / "blog"
    shutil.copytree(FIXTURE_BLOG, root)
    for sub in ("drafts", "posts", "templates"):
        (root / sub).mkdir(exist_ok=True)
    monkeypatch.chdir(root)
    return root

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

            client = NotionClient.from_env(rate_per_sec=0, sleep=state.sleeps.append, timeout=30,
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


@pytest.fixture
def notion() -> Iterator[FakeNotion]:
    """A started fake server that fails any test whose code sent a body Notion would reject."""
    with running() as server:
        yield server


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def client(notion: FakeNotion, clock: FakeClock) -> Iterator[NotionClient]:
    """Paced at Notion's 3 requests/s, on virtual time: waits are recorded in clock.sleeps, not slept.
    A generous timeout: the fake validates every body against the schemas, which a loaded machine slows."""
    with NotionClient(notion.token, notion.url, sleep=clock.sleep, clock=clock.now, timeout=30.0) as c:
        yield c


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    reason = unavailable()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright  # only where a browser test runs

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
