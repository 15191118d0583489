"""Debian's chromium driven by Playwright, for the preview's browser tests (never `playwright install`)."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"  # gitignored: screenshots kept for people


def unavailable() -> str | None:
    """Why no browser test can run here, or None when one can."""
    if importlib.util.find_spec("playwright") is None:
        return "playwright is not installed (pip install -e '.[test]' or the lock)"
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return (f"no browser at {CHROMIUM}: `apt-get install chromium fonts-noto-cjk` "
                "(.ci/install-browser does it when run as root)")
    return None
