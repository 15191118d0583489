"""Shared fixtures: a throwaway blog directory, and a guard that no test reaches the internet."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests: no per-example deadline (2 shared cores make timings noisy); in CI, a fixed seed
# sequence so a red run can be reproduced exactly.
settings.register_profile(
    "recweekly", deadline=None, suppress_health_check=[HealthCheck.too_slow],
    derandomize=bool(os.environ.get("CI")),
)
settings.load_profile("recweekly")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


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
