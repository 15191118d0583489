"""Fixtures of the notes tests: the local fake arXiv API, and a clock that moves only when slept."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakes.arxiv_server import FakeArxiv
from tests.helpers.notes import FakeTime, fake_arxiv


@pytest.fixture
def time_() -> FakeTime:
    return FakeTime()


@pytest.fixture
def arxiv(monkeypatch: pytest.MonkeyPatch, time_: FakeTime) -> Iterator[FakeArxiv]:
    """See `tests.helpers.notes.fake_arxiv`."""
    with fake_arxiv(monkeypatch, time_) as server:
        yield server
