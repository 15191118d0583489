"""Merging a plan into the note store: everything checked first, then written.

Writing goes through `NoteStore.merge`, which creates a note or fills only its empty keys, so
importing the same file twice changes nothing and a hand edit is never overwritten (a differing
value is reported as a conflict and kept). Every note to write, and every note to merge into, is
validated before the first write: a broken note found halfway would leave half an import behind.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from recweekly.config import Config
from recweekly.errors import InputError, NoteError, Problem
from recweekly.fsutil import read_text, shown_path
from recweekly.notes.figures import FigureFile
from recweekly.notes.model import Note, parse_note, render_note
from recweekly.notes.plan import PlannedNote
from recweekly.notes.report import ImportReport
from recweekly.notes.store import NoteStore


def validate_plan(planned: Sequence[PlannedNote], store: NoteStore, config: Config) -> None:
    """Every note to write must be valid, and every note to merge into must load: raise with all problems."""
    problems: list[Problem] = []
    checked: set[Path] = set()
    for item in planned:
        if item.note is None:
            continue
        note = item.note
        where = f"{item.outcome.source}:{item.outcome.line}" if item.outcome.line else item.outcome.source
        _, found = parse_note(render_note(note), store.path_for(note), config)
        problems.extend(Problem(where, f"paper {note.arxiv} would make an invalid note: {p.message}",
                                None, p.field) for p in found)
        existing = store.find_path(note.arxiv)
        if existing is not None and existing not in checked:
            checked.add(existing)
            rel = shown_path(existing, config.root)
            try:
                text = read_text(existing)
            except InputError as exc:
                problems.extend(exc.problems or [Problem(rel, exc.message)])
                continue
            current, found = parse_note(text, Path(rel), config)
            if current is None:
                problems.extend(found or [Problem(rel, "note cannot be read")])
    if problems:
        raise NoteError("nothing was written: fix these first", problems)


def save_figure(store: NoteStore, note: Note, figure: FigureFile) -> None:
    """Write the lead figure beside the note — before the note, so a note never names a missing file —
    unless the note already has a figure of its own (then the merge keeps it and reports a conflict)."""
    path = store.find_path(note.arxiv)
    if path is not None:
        current, _ = parse_note(read_text(path), path, store.config)
        if current is not None and current.figure:
            return
    figure.save(path or store.path_for(note))


def apply_plan(planned: Sequence[PlannedNote], store: NoteStore, *, write: bool = True) -> ImportReport:
    """Create or fill every planned note; `write=False` reports the same and changes nothing (--dry-run)."""
    report = ImportReport(dry_run=not write)
    for item in planned:
        if item.note is not None:
            if item.figure is not None and write:
                save_figure(store, item.note, item.figure)
            result = store.merge(item.note, write=write)
            item.outcome.path = result.path
            item.outcome.created = result.created
            item.outcome.filled = list(result.filled)
            item.outcome.conflicts = list(result.conflicts)
        report.outcomes.append(item.outcome)
    return report
