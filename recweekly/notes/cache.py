"""The blog's local cache folder (`[enrich] cache_dir`, default `.recweekly-cache/`): small JSON state files.

What is kept there is state about talking to arXiv, not content: the time of the last request (so
the pace holds across runs, `pacing.py`) and which papers had no HTML version lately
(`arxiv_html.py`). The folder is made with a `.gitignore` of its own (`*`), like pytest's cache, so
a blog never commits it whatever its own .gitignore says; files are replaced atomically; a missing,
broken or unwritable cache only costs a request, never an error.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from recweekly.fsutil import atomic_write_text

_GITIGNORE = "# Created by recweekly: local state about arXiv requests, never committed.\n*\n"


class CacheDir:
    def __init__(self, path: Path | None) -> None:
        self.path = path  # None: nothing is kept between runs

    def read(self, name: str) -> dict[str, Any]:
        if self.path is None:
            return {}
        try:
            data = json.loads((self.path / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def write(self, name: str, data: dict[str, Any]) -> None:
        if self.path is None:
            return
        try:
            self._make()
            atomic_write_text(self.path / name, json.dumps(data, sort_keys=True, ensure_ascii=False) + "\n")
        except OSError:
            pass  # a read-only checkout still works: the state is then kept within this run only

    @contextlib.contextmanager
    def lock(self, name: str) -> Iterator[None]:
        """An exclusive lock between processes (where the platform has `fcntl`), for read-then-write."""
        try:
            import fcntl  # here: not on Windows, where runs go on without the lock
        except ImportError:
            fcntl = None  # type: ignore[assignment]
        handle = None
        if fcntl is not None and self.path is not None:
            try:
                self._make()
                handle = (self.path / f"{name}.lock").open("a")
            except OSError:
                handle = None
        if handle is None:
            yield
            return
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _make(self) -> None:
        assert self.path is not None
        self.path.mkdir(parents=True, exist_ok=True)
        ignore = self.path / ".gitignore"
        if not ignore.exists():
            atomic_write_text(ignore, _GITIGNORE)
