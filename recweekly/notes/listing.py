"""Selecting the notes of a period and flattening them for tables and JSON (`recweekly notes list`)."""

from __future__ import annotations

from typing import Any

from recweekly.config import Config
from recweekly.errors import NoteError
from recweekly.fsutil import shown_path
from recweekly.notes.filing import NEARBY_WEEKS, misfiled_notes, misfiled_problems
from recweekly.notes.model import Note, affiliation_of
from recweekly.notes.store import NoteStore
from recweekly.periods import Period


def select_notes(store: NoteStore, period: Period | None) -> list[Note]:
    """The period's notes (None: the whole collection); raise if one of them is filed under another week.

    Only the period's week directories are loaded; the folders of the weeks around it are read for
    `date:` lines only (`notes.filing`), so a note filed in the wrong week stops the draft with the
    fix, instead of silently dropping out of it.
    """
    if period is None:
        return store.load_all()
    notes = store.load_day(period.start) if period.kind == "daily" else store.load_range(period.start, period.end)
    stray = misfiled_notes(store, period, nearby=NEARBY_WEEKS)
    if stray:
        raise NoteError(f"{len(stray)} note(s) of {period.label} are filed under another week",
                        misfiled_problems(store, stray))
    return notes


def list_notes(config: Config, period: Period | None) -> list[dict[str, Any]]:
    """`recweekly notes list`: the period's notes (all when None) as rows, for JSON or `table_lines`."""
    return note_rows(select_notes(NoteStore(config), period), config)


def note_rows(notes: list[Note], config: Config) -> list[dict[str, Any]]:
    return [
        {
            "arxiv": n.arxiv,
            "date": n.date.isoformat(),
            "title": n.title,
            "model": n.model,
            "category": n.category,
            "affiliation": affiliation_of(n, config),
            "orgs": list(n.orgs),
            "theme": n.theme,
            "tags": list(n.tags),
            "score": n.score,
            "deep_read": n.deep_read,
            "path": shown_path(n.path, config.root) if n.path else None,
        }
        for n in notes
    ]


# column -> width; a longer value is cut with "…" so a row stays one terminal line
COLUMNS = (("date", 10), ("arxiv", 12), ("model", 14), ("category", 18), ("affiliation", 11), ("score", 5),
           ("title", 60))


def table_lines(rows: list[dict[str, Any]]) -> list[str]:
    """The header and one line per row."""
    lines = ["  ".join(name.ljust(width) for name, width in COLUMNS).rstrip()]
    for row in rows:
        cells = []
        for name, width in COLUMNS:
            value = "" if row.get(name) is None else str(row[name])
            if len(value) > width:
                value = value[: width - 1] + "…"
            cells.append(value.ljust(width))
        lines.append("  ".join(cells).rstrip())
    return lines
