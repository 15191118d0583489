"""What a paper's HTML page adds to its note: the organizations behind it and its lead figure.

One `Enricher` serves a command: `notes add` and `notes import` ask it for each paper they write
(`enrich_plan`), `notes enrich` for notes already written (`recweekly.notes.enriching`). A page is
read only when the note lacks something the page can give — organizations, or a figure — so a second
run over the same notes asks arXiv nothing; an image is fetched only when a figure is wanted.

A paper without an HTML version (404), or whose page or image cannot be had, is reported and left
as it was; the run goes on with the next paper. Nothing is written here: the planned notes carry
the new fields and the figure's bytes, and are validated and written with everything else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from recweekly.config import Config
from recweekly.errors import RemoteError
from recweekly.fsutil import read_text, shown_path
from recweekly.notes.affiliations import (
    Affiliations,
    UnknownOrg,
    affiliation_kind,
    match_affiliations,
    toml_entry,
)
from recweekly.notes.arxiv import normalize_ids
from recweekly.notes.arxiv_html import MISS_TTL, ArxivHtmlClient
from recweekly.notes.derive import derived_fields
from recweekly.notes.figures import FigureFile, FigureRejected, clean_caption, figure_name
from recweekly.notes.latexml import parse_page
from recweekly.notes.listing import select_notes
from recweekly.notes.merge import save_figure
from recweekly.notes.model import Note, parse_note
from recweekly.notes.plan import PlannedNote
from recweekly.notes.report import ImportReport, PaperOutcome
from recweekly.notes.store import NoteStore
from recweekly.periods import Period

Progress = Callable[[str], None]


@dataclass
class Enrichment:
    """What one paper's page gave, and what it could not."""

    arxiv: str
    affiliations: Affiliations | None = None
    figure: FigureFile | None = None
    caption: str | None = None
    remarks: list[str] = field(default_factory=list)  # "no HTML version (404)", "figure not kept: …"
    failed: str | None = None  # arXiv could not be read (the command's exit status says so)

    def fields(self, config: Config, orgs: Sequence[str] = ()) -> dict[str, Any]:
        """Note fields: `orgs` (those given first, then the page's), `affiliation` only when the org
        table cannot derive it from those orgs (an org it lacks, whose kind its name tells), the
        figure's file name and caption."""
        out: dict[str, Any] = {}
        if self.affiliations is not None and self.affiliations.found:
            out["orgs"] = tuple(dict.fromkeys((*orgs, *self.affiliations.orgs)))
            if self.affiliations.unknown:
                kind = affiliation_kind(out["orgs"], self.affiliations.unknown, config)
                if kind:
                    out["affiliation"] = kind
        if self.figure is not None:
            out["figure"] = self.figure.name
            out["figure_caption"] = self.caption or None
        return out


@dataclass
class EnrichRun:
    """Everything a command's enrichment reports after its per-paper lines."""

    remarks: list[str] = field(default_factory=list)
    unknown: dict[str, tuple[UnknownOrg, list[str]]] = field(default_factory=dict)  # name -> (org, papers)
    failures: list[str] = field(default_factory=list)
    pages: int = 0

    def lines(self, config: Config) -> list[str]:
        """The remarks, then each organization the table lacks with the entry to add for it."""
        out = list(self.remarks)
        if self.unknown:
            where = config.source.name if config.source is not None else "recweekly.toml"
            out.append(f"organizations the org table does not know ({len(self.unknown)}); add them to {where} "
                       "so they count by name and kind:")
            for org, papers in self.unknown.values():
                hint = f"; did you mean {org.closest!r}?" if org.closest else ""
                out.append(f"  {org.name!r} ({', '.join(papers)}){hint}")
                out.extend("    " + line for line in toml_entry(org, config).splitlines())
        return out

    def add(self, enrichment: Enrichment) -> None:
        self.remarks.extend(f"arXiv HTML: {enrichment.arxiv}: {r}" for r in enrichment.remarks)
        if enrichment.failed:
            self.failures.append(enrichment.arxiv)
        if enrichment.affiliations is not None:
            for org in enrichment.affiliations.unknown:
                self.unknown.setdefault(org.name, (org, []))[1].append(enrichment.arxiv)


class Enricher:
    def __init__(self, config: Config, client: ArxivHtmlClient, progress: Progress | None = None) -> None:
        self.config = config
        self.client = client
        self.progress = progress or (lambda message: None)

    def wants(self, arxiv_id: str, note: Note | None) -> tuple[bool, bool]:
        """(organizations, figure): what a note (None: a note not written yet) still lacks and arXiv may
        have — not what it lacked in the last week (no page, a page naming no affiliation, no usable figure)."""
        miss = self.client.recent_miss
        if miss(arxiv_id) is not None:
            return True, False  # asked for the 404 remark alone: no request is made (see `enrich`)
        want_orgs = (note is None or not note.orgs) and miss(arxiv_id, "orgs") is None
        want_figure = (self.config.enrich.figures and (note is None or not note.figure)
                       and miss(arxiv_id, "figure") is None)
        return want_orgs, want_figure

    def enrich(self, arxiv_id: str, *, figure: bool) -> Enrichment:
        """Read the paper's page (and its lead figure's image, if `figure`); failures become remarks."""
        result = Enrichment(arxiv_id)
        missed = self.client.recent_miss(arxiv_id)
        if missed is not None:
            day = dt.datetime.fromtimestamp(missed, dt.timezone.utc).date()
            result.remarks.append(f"no HTML version on arXiv (404 on {day}; asked again after "
                                  f"{day + dt.timedelta(seconds=MISS_TTL)})")
            return result
        try:
            page = self.client.page(arxiv_id)
        except RemoteError as exc:
            result.failed = exc.message
            result.remarks.append(f"{exc.message}; nothing taken from it (run `recweekly notes enrich "
                                  f"{arxiv_id}` later)")
            return result
        if page is None:
            result.remarks.append("no HTML version on arXiv (404); organizations and figure not read")
            return result
        parsed = parse_page(page.html, page.url)
        result.affiliations = match_affiliations(parsed.authors, self.config)
        self.client.remember(arxiv_id, "orgs", missing=not result.affiliations.found)
        if not result.affiliations.found:
            result.remarks.append("the page names no affiliation")
        if figure and parsed.figure is None:
            self.client.remember(arxiv_id, "figure", missing=True)
            result.remarks.append("the page has no figure with an image")
        elif figure and parsed.figure is not None:
            try:
                image = self.client.image(parsed.figure.src, self.config.enrich.figure_max_bytes)
            except FigureRejected as exc:
                self.client.remember(arxiv_id, "figure", missing=True)
                result.remarks.append(f"figure not kept: {exc}")
            except RemoteError as exc:
                result.failed = exc.message
                result.remarks.append(f"figure not kept: {exc.message}")
            else:
                result.figure = FigureFile(figure_name(arxiv_id, image.suffix), image.data)
                result.caption = clean_caption(parsed.figure.caption)
        return result


def enrich_plan(planned: Sequence[PlannedNote], store: NoteStore, enricher: Enricher, run: EnrichRun) -> bool:
    """Ask each planned paper's page for what its note will lack; the plan carries the new fields.
    Returns whether any planned note changed (so it is validated again)."""
    todo: list[tuple[PlannedNote, Note | None, bool]] = []
    for item in planned:
        if item.note is None:
            continue
        existing = _existing(store, item.note.arxiv)
        want_orgs, want_figure = enricher.wants(item.note.arxiv, existing)
        if want_orgs or want_figure:
            todo.append((item, existing, want_figure))
    announce(enricher, len(todo))
    changed = False
    for index, (item, existing, want_figure) in enumerate(todo, 1):
        assert item.note is not None
        enricher.progress(f"  [{index}/{len(todo)}] {item.note.arxiv}")
        enrichment = enricher.enrich(item.note.arxiv, figure=want_figure)
        run.add(enrichment)
        run.pages += 1
        fields = enrichment.fields(enricher.config, item.note.orgs)
        if item.note.affiliation or (existing is not None and existing.affiliation):
            fields.pop("affiliation", None)  # the source (or the person) said it already
        if fields:
            item.note = item.note.with_changes(**fields)
            changed = True
        item.figure = enrichment.figure
    return changed


def announce(enricher: Enricher, count: int) -> None:
    if count:
        enricher.progress(f"reading {count} paper page(s) from arXiv HTML for affiliations and figures "
                          f"(one request every {enricher.client.pace.interval:g} s)…")


def _existing(store: NoteStore, arxiv_id: str) -> Note | None:
    """The note already written for a paper, if any (read for what it lacks; merge re-reads it)."""
    path = store.find_path(arxiv_id)
    if path is None:
        return None
    note, _ = parse_note(read_text(path), path, store.config)
    return note


def enrich_notes(config: Config, ids: Sequence[str], period: Period | None, *, html: ArxivHtmlClient | None,
                 progress: Progress | None = None, write: bool = True) -> ImportReport:
    """`recweekly notes enrich`: fill what written notes lack — from their own words (model, suggested
    category and theme) and, with `html`, from their papers' pages — never changing a value they have.

    Every note is merged on its own: a paper arXiv could not serve is listed in `failures` and the
    others are still written (each write atomic, each fills empty keys only, so a re-run after a
    failure asks arXiv for the failed papers alone).
    """
    store = NoteStore(config)
    notes = store.load_ids(normalize_ids(ids)) if ids else select_notes(store, period)
    report = ImportReport(dry_run=not write)
    run = EnrichRun()
    enricher = Enricher(config, html, progress) if html is not None else None
    wanted = {n.arxiv: enricher.wants(n.arxiv, n) for n in notes} if enricher is not None else {}
    to_read = [n for n in notes if any(wanted.get(n.arxiv, ()))]
    if enricher is not None:
        announce(enricher, len(to_read))
    for note in notes:
        fields: dict[str, Any] = derived_fields(note, config)
        figure = None
        if enricher is not None and note in to_read:
            enricher.progress(f"  [{to_read.index(note) + 1}/{len(to_read)}] {note.arxiv}")
            enrichment = enricher.enrich(note.arxiv, figure=wanted[note.arxiv][1])
            run.add(enrichment)
            fields.update(enrichment.fields(config, note.orgs))
            if note.affiliation:
                fields.pop("affiliation", None)
            figure = enrichment.figure
        incoming = note.with_changes(**fields)
        if figure is not None and write:
            save_figure(store, incoming, figure)
        result = store.merge(incoming, write=write)
        shown = shown_path(note.path, config.root) if note.path else str(note.path)
        report.outcomes.append(PaperOutcome(source=shown, arxiv=note.arxiv, title=note.title, path=result.path,
                                            filled=list(result.filled), conflicts=list(result.conflicts)))
    report.remarks.extend(run.lines(config))
    report.failures = run.failures
    return report
