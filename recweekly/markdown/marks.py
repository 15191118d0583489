"""Where the unfinished parts of a post are: `TODO:` markers and translation-fallback marks.

A draft is finished when none is left (`promote` refuses while any `TODO:` remains), so the
preview highlights each and counts them, and its index counts them per file. Both read the text
through one `MarkScanner`, so the page and the index cannot disagree about what a mark is.

A fallback mark (`recweekly.l10n.fallback`, `⟦zh→en TODO: …⟧`) may span several blocks, so the
scanner is fed text in document order and remembers whether it is inside one; the `TODO:` that
every fallback carries belongs to the fallback and is not counted twice. A plain `TODO:` marks the
rest of its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, NamedTuple

from recweekly.l10n.fallback import ARROW, CLOSE, OPEN

TODO_MARKER = "TODO:"
MarkKind = Literal["todo", "fallback"]
_FALLBACK_OPEN = re.compile(f"{OPEN}[a-z]{{2}}{ARROW}[a-z]{{2}} TODO:")
_TODO_LINE = re.compile(f"{TODO_MARKER}.*")  # `.` stops at "\n", as a mark does
_START = re.compile(f"{_FALLBACK_OPEN.pattern}|{TODO_MARKER}")


class Segment(NamedTuple):
    """A piece of text: plain (`kind` None) or part of a mark; `starts` on the first piece of a mark
    (a tuple: the preview makes one for every piece of text near a mark, on every render)."""

    text: str
    kind: MarkKind | None = None
    starts: bool = False


@dataclass(frozen=True)
class MarkCount:
    todos: int = 0
    fallbacks: int = 0

    @property
    def total(self) -> int:
        return self.todos + self.fallbacks


class MarkScanner:
    """Splits text, fed in document order, into plain pieces and pieces of marks."""

    def __init__(self) -> None:
        self.in_fallback = False

    def is_plain(self, text: str) -> bool:
        """True when `text` holds no part of a mark: the common case, answered by two substring tests."""
        return not self.in_fallback and OPEN not in text and TODO_MARKER not in text

    def split(self, text: str) -> list[Segment]:
        if self.is_plain(text):
            return [Segment(text)] if text else []
        out: list[Segment] = []
        pos = 0
        starts = False
        while pos < len(text):
            if self.in_fallback:
                end = text.find(CLOSE, pos)
                stop = len(text) if end < 0 else end + 1
                out.append(Segment(text[pos:stop], "fallback", starts))
                starts = False
                self.in_fallback = end < 0
                pos = stop
                continue
            found = _START.search(text, pos)
            if found is None:
                out.append(Segment(text[pos:]))
                break
            if found.start() > pos:
                out.append(Segment(text[pos:found.start()]))
            if found.group(0) == TODO_MARKER:
                end = text.find("\n", found.start())
                stop = len(text) if end < 0 else end
                out.append(Segment(text[found.start():stop], "todo", True))
                pos = stop
            else:
                self.in_fallback, starts, pos = True, True, found.start()
        return out


def count_marks(text: str) -> MarkCount:
    """The marks in a file's text (front matter included: a draft's summary starts as a TODO)."""
    if OPEN not in text:  # no fallback: a `TODO:` marks the rest of its line, so lines with one are the count
        return MarkCount(len(_TODO_LINE.findall(text)), 0)
    scanner = MarkScanner()
    todos = fallbacks = 0
    for segment in scanner.split(text):
        if segment.starts:
            if segment.kind == "todo":
                todos += 1
            else:
                fallbacks += 1
    return MarkCount(todos, fallbacks)
