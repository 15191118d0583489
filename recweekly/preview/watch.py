"""What a page was made from, and a stamp that changes when any of it does: live reload by polling.

A page depends on its Markdown file, the local images it shows, the posts it links to and, when it
has generated regions, the notes of its period (a new note changes its week folder). Polling
`stat()` of those few paths a few times a second costs microseconds and needs no watcher library,
no thread per folder and no platform quirks (inotify limits, network drives, editors that replace
the file on save — a replaced file has a new inode, which the state includes).

`Sources` records each path's state when the path becomes known: before the post is read, or when
a renderer first asks for an image or a linked post. So "changed" means changed since it was used.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterable
from pathlib import Path

POLL_SECONDS = 0.2  # how often an open page's sources are checked: edits show well within a second

State = tuple[int, int, int] | None  # (mtime ns, size, inode), or None for a missing path


def state(path: Path) -> State:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _digest(states: Iterable[tuple[Path, State]]) -> str:
    digest = hashlib.sha256()
    for path, known in states:
        digest.update(os.fsencode(path) + f"\0{known}\n".encode())
    return digest.hexdigest()[:16]


class Sources:
    """Paths a page was made from, each with its state when it was first used."""

    def __init__(self, paths: Iterable[Path] = ()) -> None:
        self._lock = threading.Lock()
        self._states: dict[Path, State] = {}
        self.add(paths)

    def add(self, paths: Iterable[Path]) -> None:
        for path in paths:
            if path not in self._states:
                found = state(path)
                with self._lock:
                    self._states.setdefault(path, found)

    @property
    def paths(self) -> list[Path]:
        with self._lock:
            return list(self._states)

    def stamp(self) -> str:
        """The states as they were used: what a page made from them carries."""
        with self._lock:
            return _digest(sorted(self._states.items()))

    def current(self) -> str:
        """The same paths' states now: differs from `stamp()` as soon as one of them changed."""
        return _digest((path, state(path)) for path in sorted(self.paths))

    def changed(self) -> bool:
        with self._lock:
            known = list(self._states.items())
        return any(state(path) != was for path, was in known)


def folder_and_files(folder: Path, pattern: str = "*.md") -> list[Path]:
    """A folder (its time changes when a file is added or removed) and the files in it."""
    if not folder.is_dir():
        return [folder]
    return [folder, *sorted(folder.glob(pattern))]
