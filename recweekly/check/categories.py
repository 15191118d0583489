"""`check` rule: the notes a draft or post covers that still have no category, listed as notices.

A note without a category drops out of the "papers per category" facts and the daily's stats line,
silently. Importers only suggest one (`suggested_category`, from the `[suggest]` keyword rules), so
`check` lists every such note of the periods it checks, with the suggestion when there is one and
the line to edit. A notice, not a failure: an uncategorised paper is a gap, not a broken post.
Each note is listed once per run, however many files (the en and zh drafts of a week) cover it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from recweekly.check.language import key_lines
from recweekly.check.rule import NoteRule
from recweekly.config import Config
from recweekly.errors import Problem, RecweeklyError
from recweekly.notes.listing import select_notes
from recweekly.notes.store import NoteStore
from recweekly.periods import BadPeriod, parse_period
from recweekly.post import Post


class CategoryRule(NoteRule):
    def __init__(self, config: Config, notes: NoteStore, display: Callable[[Path], str]) -> None:
        super().__init__(config, notes, display)
        self._periods: set[str] = set()

    def check(self, post: Post | None) -> None:
        period_text = str(post.meta.get("period") or "") if post is not None else ""
        if not period_text or period_text in self._periods:
            return
        self._periods.add(period_text)
        try:
            notes = select_notes(self.notes, parse_period(period_text))
        except (BadPeriod, RecweeklyError):
            return  # reported by the front-matter and region rules
        for note in notes:
            if note.category or note.path is None:
                continue
            keys = ", ".join(self.config.categories)
            if note.suggested_category:
                message = (f"no category yet; suggested: {note.suggested_category} (by keywords) — set "
                           f"`category: {note.suggested_category}` to accept, or another of {keys}")
            else:
                message = f"no category yet; set `category:` to one of {keys}"
            self.notices.append(Problem(self.display(note.path), message, key_lines(note.path).get("category"),
                                        "category"))

