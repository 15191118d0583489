"""Selecting the notes of a period and flattening them for tables and JSON."""

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
