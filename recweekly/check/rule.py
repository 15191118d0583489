"""What every `check` rule over the notes holds, once: the config, the note store, how a file is
named in messages, and the notices it collects (printed; unlike problems, they fail no file)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recweekly.config import Config
from recweekly.errors import Problem
from recweekly.notes.store import NoteStore


class NoteRule:
    """A rule `check` runs over the files it checks, reading the notes they cover."""

    def __init__(self, config: Config, notes: NoteStore, display: Callable[[Path], str]) -> None:
        self.config = config
        self.notes = notes
        self.display = display
        self.notices: list[Problem] = []
