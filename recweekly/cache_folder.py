"""The blog's cache folder, `.recweekly-cache/`: where it is and how anything in it is kept.

Two things live there, each its own module: the parsed notes (`notes/parsed_cache.py`, so a big
collection loads at about the cost of listing it) and the enrichment state (`notes/enrich_state.py`:
the arXiv pace between runs, papers arXiv lately lacked). Both are only ever a saving, so the
folder's rules are the same for both and kept here, once:

- Where: `RECWEEKLY_CACHE_DIR` when set (CI, tests, a read-only checkout), else the top-level config
  key `cache_dir` (default `.recweekly-cache`, relative to the config file).
- Never committed: the folder is made with a `.gitignore` of `*` (as pytest and ruff do), so it stays
  out of `git status` whatever the blog's own .gitignore says, and a `CACHEDIR.TAG` for backup tools.
- Safe to delete at any time; files are replaced atomically (temp file + rename, no fsync: a file
  a crash leaves empty reads as broken, which costs a parse or a request, never an error); a
  missing, broken or unwritable folder is never an error either.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from recweekly.fsutil import atomic_write_bytes

try:
    import fcntl
except ImportError:  # Windows: runs go on without the lock
    fcntl = None  # type: ignore[assignment]

ENV = "RECWEEKLY_CACHE_DIR"
_GITIGNORE = "# Created by recweekly: caches and local state, safe to delete, never committed.\n*\n"
_CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                 "# recweekly's cache (parsed notes, arXiv pace); safe to delete\n")


class CacheFolder:
    """One blog's cache folder; `path` None keeps nothing between runs."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._marked = False

    @classmethod
    def for_config(cls, config: Any, environ: Mapping[str, str] | None = None) -> CacheFolder:
        env = os.environ if environ is None else environ
        configured = env.get(ENV, "").strip()
        return cls(Path(configured) if configured else config.root / config.cache_dir)

    def read_bytes(self, name: str) -> bytes | None:
        """The file's bytes, or None when there is no such file (or no folder, or it cannot be read)."""
        if self.path is None:
            return None
        try:
            return (self.path / name).read_bytes()
        except OSError:
            return None

    def write_bytes(self, name: str, data: bytes) -> bool:
        """Replace the file atomically; False when the folder cannot be written (nothing raised)."""
        if self.path is None:
            return False
        try:
            self._make()
            atomic_write_bytes(self.path / name, data, durable=False)
        except OSError:
            return False
        return True

    @contextlib.contextmanager
    def lock(self, name: str) -> Iterator[None]:
        """An exclusive lock between processes (where the platform has `fcntl`), for read-then-write."""
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
        """Create the folder with its .gitignore and CACHEDIR.TAG (checked once per process)."""
        assert self.path is not None
        if self._marked:
            return
        self.path.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
            if not (self.path / name).exists():
                atomic_write_bytes(self.path / name, text.encode("utf-8"), durable=False)
        self._marked = True
