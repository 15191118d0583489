"""A copy of the fixture blog (tests/compose/fixtures/blog) as the working directory."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture
def fixture_blog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "blog"
    shutil.copytree(FIXTURES / "blog", root)
    for sub in ("drafts", "posts", "templates"):
        (root / sub).mkdir(exist_ok=True)
    monkeypatch.chdir(root)
    return root
