"""The import plan: every paper of every source given an id, a date and its note, or a reason to skip.

Planning reads and asks, but writes nothing: the plan is validated as a whole (`merge.py`) before
the first byte is written, so an import either applies completely or changes no file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from recweekly.errors import InputError, Problem
from recweekly.notes.arxiv import ArxivClient, ArxivPaper
from recweekly.notes.arxiv_source import imported_paper
from recweekly.notes.figures import FigureFile
from recweekly.notes.model import SUGGESTS, Note
from recweekly.notes.report import PaperOutcome
from recweekly.notes.resolution import ask_arxiv
from recweekly.notes.source import ImportedPaper, ParsedSource
from recweekly.notes.store import NoteStore
from recweekly.notes.title_index import TitleIndex
from recweekly.notes.titles import title_key

NO_NOTE_OFFLINE = ("no note has this title and the row gives no arXiv id (arXiv was not asked: --offline); add "
                   "the paper first (recweekly notes add ID), put arXiv:ID in the row, or import without --offline")


@dataclass
class PlannedNote:
    outcome: PaperOutcome
    note: Note | None  # None when skipped
    figure: FigureFile | None = None  # the lead figure to save next to the note (`notes.enrich`)


@dataclass
class _Row:
    """One paper on its way to a note: matched to an id, waiting for arXiv, or skipped."""

    paper: ImportedPaper
    day: dt.date
    outcome: PaperOutcome
    arxiv: str | None = None
    title: str = ""
    lookup: bool = False  # named by a title no note has: ask arXiv
    from_arxiv: ArxivPaper | None = None


def plan(sources: Sequence[ParsedSource], store: NoteStore, date_override: dt.date | None, *,
         arxiv: ArxivClient | None = None, progress: Callable[[str], None] | None = None) -> list[PlannedNote]:
    """Give every paper an id and a date, or a reason it is skipped; raise if a date is missing.

    A paper named by title goes to the note (or paper of this run) with that title. Without one, and
    with an arXiv client, the title is looked up on arXiv and a new note is made from what arXiv
    knows plus what the source says; so is a paper whose id the source gives but no note has yet.
    Without a client (offline) such titles are skipped, as they always were.
    """
    missing_dates = [s for s in sources if date_override is None and s.date is None]
    if missing_dates:
        raise InputError("no date for the notes", [
            Problem(s.where, f"this {s.kind.value} names no date (no 'YYYY-MM-DD 日报' heading, no date in the "
                    "file name); give one with --date YYYY-MM-DD", 1, "date") for s in missing_dates])
    rows = _match_titles(sources, store, date_override, ask=arxiv is not None)
    if arxiv is not None:
        _resolve_on_arxiv(rows, store, arxiv, progress or (lambda message: None))
    return [_planned(row, store) for row in rows]


def _match_titles(sources: Sequence[ParsedSource], store: NoteStore, date_override: dt.date | None, *,
                  ask: bool) -> list[_Row]:
    """Papers named by title alone go to the one note (or paper of this run) with that title."""
    titles = TitleIndex(store)
    # ids and titles this run brings, whichever file comes first, for the papers named by title
    pending: list[tuple[str, str]] = list(dict.fromkeys(
        (p.arxiv, p.title) for s in sources for p in s.papers if p.arxiv is not None))
    rows: list[_Row] = []
    for source in sources:
        day = date_override or source.date
        assert day is not None
        for paper in source.papers:
            row = _Row(paper, day, PaperOutcome(source=source.where, arxiv=paper.arxiv, title=paper.title,
                                                line=paper.line), paper.arxiv, paper.title)
            if row.arxiv is None:
                candidates = [(a, t) for a, t in pending if title_key(t) == title_key(row.title)]
                candidates += [c for c in titles.lookup(row.title, day) if c[0] not in {a for a, _ in candidates}]
                if not candidates:
                    row.lookup = ask
                    row.outcome.skipped = None if row.lookup else NO_NOTE_OFFLINE
                elif len(candidates) > 1:
                    row.outcome.skipped = (f"several notes have this title ({', '.join(a for a, _ in candidates)}); "
                                           "put arXiv:ID in the row to choose")
                else:
                    row.arxiv, row.title = candidates[0]  # the note's own spelling of the title: no conflict
            rows.append(row)
    return rows


def _resolve_on_arxiv(rows: Sequence[_Row], store: NoteStore, client: ArxivClient,
                      progress: Callable[[str], None]) -> None:
    """Ask arXiv for the titles no note has and the ids no note has; fill in or skip their rows."""
    lookups = [r for r in rows if r.lookup]
    by_id_rows = [r for r in rows if r.paper.arxiv is not None and not r.paper.fields.get("authors")
                  and store.find_path(r.paper.arxiv) is None]
    # a digest in the same run already says what arXiv would (title, authors, abstract)
    described = {r.paper.arxiv for r in rows if r.paper.arxiv is not None and r.paper.fields.get("authors")}
    by_id_rows = [r for r in by_id_rows if r.paper.arxiv not in described]
    answers = ask_arxiv([r.title for r in lookups], [r.paper.arxiv for r in by_id_rows if r.paper.arxiv],
                        client, progress)
    for row in lookups:
        paper, row.outcome.skipped = answers.paper_titled(row.title)
        if paper is not None:
            row.arxiv, row.title, row.from_arxiv = paper.arxiv, paper.title, paper
    for row in by_id_rows:
        assert row.paper.arxiv is not None
        paper, row.outcome.skipped = answers.paper_with_id(row.paper.arxiv)
        if paper is not None:
            row.title, row.from_arxiv = paper.title, paper


def _planned(row: _Row, store: NoteStore) -> PlannedNote:
    if row.arxiv is None or row.outcome.skipped:
        return PlannedNote(row.outcome, None)
    row.outcome.arxiv = row.arxiv
    fields = dict(row.paper.fields)
    body = fields.pop("body", "")
    if row.from_arxiv is not None:
        # what arXiv knows, overridden by whatever the source says
        arxiv_fields = imported_paper(row.from_arxiv, store.config).fields
        arxiv_body = arxiv_fields.pop("body")
        fields = {**arxiv_fields, **{k: v for k, v in fields.items() if v not in (None, "", (), [], {})}}
        body = body or arxiv_body
    for suggested, decided in SUGGESTS.items():  # the source decided: arXiv's guess is not needed
        if fields.get(decided):
            fields.pop(suggested, None)
    return PlannedNote(row.outcome, Note(arxiv=row.arxiv, title=row.title, date=row.day, body=body or "", **fields))
