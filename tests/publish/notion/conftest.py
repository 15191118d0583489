"""Fixtures for the Notion client and properties tests: a started fake server that fails any test
whose code sent a body Notion would reject, and a client pointed at it with virtual waits."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from recweekly.publish.notion.client import NotionClient
from tests.fakes.notion_server import FakeClock, FakeNotion, running


@pytest.fixture
def notion() -> Iterator[FakeNotion]:
    with running() as server:
        yield server


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def client(notion: FakeNotion, clock: FakeClock) -> Iterator[NotionClient]:
    """Paced at Notion's 3 requests/s, on virtual time: waits are recorded in clock.sleeps, not slept."""
    with NotionClient(notion.token, notion.url, sleep=clock.sleep, clock=clock.now, timeout=5.0) as c:
        yield c
