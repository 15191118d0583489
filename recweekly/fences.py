"""Fenced code in Markdown text, line by line, as CommonMark opens and closes it.

Several scanners read a post or a note as lines before (or instead of) a full parse: seed placement,
heading demotion in paper sections, the fallback-mark splitter, `check`'s reference finder. A heading
or an arXiv id inside fenced code is code, not prose, and all of them must agree on where code is, so
the rule is written once: a fence is three or more backticks or tildes indented at most three spaces;
it closes at a fence of the same character at least as long.
"""

from __future__ import annotations

import re

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)")  # an ATX heading; group 1: its marks


class FenceTracker:
    """Fed the lines of a text in order, says which are fenced code."""

    def __init__(self) -> None:
        self.fence: str | None = None  # the open fence's marks, None outside code

    @property
    def open(self) -> bool:
        return self.fence is not None

    def code(self, line: str) -> bool:
        """Is `line` fenced code? Its opening and closing fence lines are."""
        match = FENCE.match(line)
        if self.fence is None:
            if match is None:
                return False
            self.fence = match.group(1)
            return True
        if match and match.group(1)[0] == self.fence[0] and len(match.group(1)) >= len(self.fence):
            self.fence = None
        return True
