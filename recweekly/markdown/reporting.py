"""Warnings and problems about a post, each with the line of the file it comes from.

mistune's AST carries no positions, so a message finds its line by searching the source for a
snippet of what it is about, onward from the previous hit: renderers walk the document in order,
so the search lands on the occurrence being rendered, not an earlier one with the same text.
One `Reporter` belongs to one render; a renderer that must stay silent passes `ignore` instead.
"""

from __future__ import annotations

from collections.abc import Callable

from recweekly.errors import Problem

Warn = Callable[[str, "str | None"], None]  # (message, snippet of the source that locates it)


def ignore(message: str, snippet: str | None = None) -> None:
    """A `Warn` for renders whose warnings are not wanted (a second output of the same document)."""
    return None


class Reporter:
    """Collects `"<file>:<line>: message"` warnings and `Problem`s in document order.

    `where` may be given as a function, called on the first message: most renders report nothing,
    and naming the file (it resolves paths) costs more than rendering a short post.
    """

    def __init__(self, source: str, where: str | Callable[[], str], line_offset: int = 0) -> None:
        self.source = source
        self._where = where
        self.line_offset = line_offset
        self.warnings: list[str] = []
        self.problems: list[Problem] = []
        self._cursor = 0

    @property
    def where(self) -> str:
        if callable(self._where):
            self._where = self._where()
        return self._where


    def locate(self, snippet: str | None) -> int | None:
        """Line of `snippet` in the source, searching onward from the last hit (document order)."""
        return self.line_at(self.seek(snippet))

    def seek(self, snippet: str | None) -> int | None:
        """Move past `snippet` as `locate` does, without computing a line (the offset, or None):
        for things that need a line only if they turn out to be wrong."""
        if not snippet:
            return None
        probe = snippet.strip().splitlines()[0] if snippet.strip() else snippet
        index = self.source.find(probe, self._cursor)
        if index < 0:
            index = self.source.find(probe)
        if index < 0:
            return None
        self._cursor = index + 1
        return index

    def line_at(self, index: int | None) -> int | None:
        """The line of a source offset: counted, not looked up in a table of line starts, since a
        render has a few messages at most and building the table costs more than counting."""
        if index is None:
            return None
        return self.source.count("\n", 0, index) + 1 + self.line_offset

    def warn(self, message: str, snippet: str | None = None) -> None:
        line = self.locate(snippet)
        where = f"{self.where}:{line}" if line is not None else self.where
        self.warnings.append(f"{where}: {message}")

    def problem(self, message: str, line: int | None) -> None:
        self.problems.append(Problem(self.where, message, line))
