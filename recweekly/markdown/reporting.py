"""Warnings and problems about a post, each with the line of the file it comes from.

mistune's AST carries no positions, so a message finds its line by searching the source for a
snippet of what it is about, onward from the previous hit: renderers walk the document in order,
so the search lands on the occurrence being rendered, not an earlier one with the same text.
One `Reporter` belongs to one render; a renderer that must stay silent passes `ignore` instead.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from recweekly.errors import Problem

Warn = Callable[[str, "str | None"], None]  # (message, snippet of the source that locates it)


def ignore(message: str, snippet: str | None = None) -> None:
    """A `Warn` for renders whose warnings are not wanted (a second output of the same document)."""
    return None


class Reporter:
    """Collects `"<file>:<line>: message"` warnings and `Problem`s in document order."""

    def __init__(self, source: str, where: str, line_starts: list[int], line_offset: int = 0) -> None:
        self.source = source
        self.where = where
        self.line_starts = line_starts
        self.line_offset = line_offset
        self.warnings: list[str] = []
        self.problems: list[Problem] = []
        self._cursor = 0

    def locate(self, snippet: str | None) -> int | None:
        """Line of `snippet` in the source, searching onward from the last hit (document order)."""
        if not snippet:
            return None
        probe = snippet.strip().splitlines()[0] if snippet.strip() else snippet
        index = self.source.find(probe, self._cursor)
        if index < 0:
            index = self.source.find(probe)
        if index < 0:
            return None
        self._cursor = index + 1
        return bisect.bisect_right(self.line_starts, index) + self.line_offset

    def warn(self, message: str, snippet: str | None = None) -> None:
        line = self.locate(snippet)
        where = f"{self.where}:{line}" if line is not None else self.where
        self.warnings.append(f"{where}: {message}")

    def problem(self, message: str, line: int | None) -> None:
        self.problems.append(Problem(self.where, message, line))
