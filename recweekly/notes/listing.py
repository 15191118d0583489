"""Selecting the notes of a period and flattening them for tables and JSON (`recweekly notes list`)."""

from __future__ import annotations

from typing import Any

from recweekly.config import Config
from recweekly.notes.model import Note, affiliation_of
from recweekly.notes.store import NoteStore
from recweekly.periods import Period


def select_notes(store: NoteStore, period: Period | None) -> list[Note]:
    """Only the period's week directories are read; None means the whole collection."""
    if period is None:
        return store.load_all()
    if period.kind == "daily":
        return store.load_day(period.start)
    return store.load_range(period.start, period.end)


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
            "path": str(n.path.relative_to(config.root)) if n.path and n.path.is_relative_to(config.root)
            else (str(n.path) if n.path else None),
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
