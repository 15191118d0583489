"""Turning papers from outside (digest, daily report, arXiv) into notes, safely.

Everything is read, parsed, resolved and validated before the first byte is written: an import
either applies completely or changes no file. Writing goes through `NoteStore.merge`, which
creates a note or fills only its empty keys, so importing the same file twice changes nothing and a
hand edit is never overwritten (a differing value is reported as a conflict and kept).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recweekly.config import Config
from recweekly.errors import InputError, NoteError, Problem
from recweekly.fsutil import read_text
from recweekly.notes.frontmatter_text import FrontMatterProblem, parse_front_matter
from recweekly.notes.model import Note, parse_note, render_note
from recweekly.notes.store import MergeResult, NoteStore
from recweekly.notes.titles import title_key

if TYPE_CHECKING:
    from recweekly.notes.arxiv import ArxivClient, ArxivPaper


@dataclass
class ImportedPaper:
    """One paper as a source describes it; `arxiv` is None when the source names it by title only."""

    line: int
    arxiv: str | None
    title: str
    fields: dict[str, Any] = field(default_factory=dict)  # Note fields besides arxiv/title/date (+ body)


@dataclass
class ParsedSource:
    kind: str  # "digest" | "daily report" | "arXiv"
    path: Path
    date: dt.date | None
    date_origin: str | None
    papers: list[ImportedPaper]


@dataclass
class Outcome:
    """What happened to one paper of one source."""

    source: str
    arxiv: str | None
    title: str
    line: int | None = None
    path: Path | None = None
    created: bool = False
    filled: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    skipped: str | None = None  # why the paper was not imported

    @property
    def status(self) -> str:
        if self.skipped:
            return "skipped"
        if self.created:
            return "created"
        if self.filled:
            return "filled"
        return "unchanged"


@dataclass
class ImportReport:
    outcomes: list[Outcome] = field(default_factory=list)
    dry_run: bool = False

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def conflicts(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.conflicts and not o.skipped]

    def summary_line(self) -> str:
        line = (f"{self.count('created')} created, {self.count('filled')} filled, "
                f"{self.count('unchanged')} unchanged, {len(self.conflicts)} with conflicts (kept your value), "
                f"{self.count('skipped')} skipped")
        return line + (" (dry run: nothing written)" if self.dry_run else "")


# ---- reading sources -----------------------------------------------------------------------------
def parse_source(path: Path, config: Config) -> ParsedSource:
    """Read a file and parse it with the importer its content calls for."""
    from recweekly.notes.daily_report import looks_like_daily_report, parse_daily_report
    from recweekly.notes.digest import looks_like_digest, parse_digest

    text = read_text(path)
    if not text.strip():
        raise InputError("nothing to import", [Problem(path, "file is empty; expected a daily arXiv digest "
                                                       "or a daily report (日报)", 1)])
    if looks_like_digest(text):
        source, problems = parse_digest(text, path, config)
    elif looks_like_daily_report(text):
        source, problems = parse_daily_report(text, path, config)
    else:
        raise InputError("unknown file format", [Problem(
            path, "not a daily arXiv digest (no '### [1] [Title](https://arxiv.org/abs/…)' headings) and not a "
            "daily report (no 'YYYY-MM-DD 日报' heading, 重点论文 or 全部论文 section)", 1)])
    if problems:
        raise InputError(f"cannot import {path}: {len(problems)} problem(s); nothing was written", problems)
    if not source.papers:
        raise InputError("nothing to import", [Problem(path, f"no papers found in this {source.kind}", 1)])
    return source


# ---- planning ------------------------------------------------------------------------------------
@dataclass
class PlannedNote:
    outcome: Outcome
    note: Note | None  # None when skipped


class _TitleIndex:
    """Existing notes by title key, read only when a source names a paper by title alone.

    A report names papers collected in the days before it, so the weeks around its date are searched
    first; the whole collection is read only for a title not found there.
    """

    WINDOW_BEFORE = dt.timedelta(days=14)
    WINDOW_AFTER = dt.timedelta(days=7)

    def __init__(self, store: NoteStore) -> None:
        self.store = store
        self._near: dict[dt.date, dict[str, list[tuple[str, str]]]] = {}
        self._all: dict[str, list[tuple[str, str]]] | None = None

    @staticmethod
    def _index(notes: Sequence[Note]) -> dict[str, list[tuple[str, str]]]:
        index: dict[str, list[tuple[str, str]]] = {}
        for note in notes:
            index.setdefault(title_key(note.title), []).append((note.arxiv, note.title))
        return index

    def lookup(self, title: str, near: dt.date) -> list[tuple[str, str]]:
        key = title_key(title)
        if near not in self._near:
            self._near[near] = self._index(
                self.store.load_range(near - self.WINDOW_BEFORE, near + self.WINDOW_AFTER))
        found = self._near[near].get(key, [])
        if found:
            return found
        if self._all is None:
            self._all = _scan_titles(self.store)
        return self._all.get(key, [])


_TITLE_LINE = re.compile(r"^title:[ \t]*(?P<value>.*)$", re.MULTILINE)


def _scan_titles(store: NoteStore) -> dict[str, list[tuple[str, str]]]:
    """Every note's title, read without validating whole notes: a lookup must not cost a full load.

    The file name gives the id (one file per id, by the store's layout); the title comes from its one
    `title:` line, or from the parsed front matter when it spans several lines. Unreadable files are
    passed over here: only the notes actually merged into are validated, before anything is written.
    """
    import yaml

    index: dict[str, list[tuple[str, str]]] = {}
    if not store.root.is_dir():
        return index
    for path in store.root.glob("*/W*/*.md"):
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        head = text[: text.find("\n---", 3) + 1] if text.startswith("---") else ""
        match = _TITLE_LINE.search(head)
        title: object = _plain_scalar(match.group("value")) if match else None
        if match and title is None:
            try:
                title = yaml.load(match.group(0), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)).get("title")
            except (yaml.YAMLError, AttributeError):
                title = None
        if not isinstance(title, str) or not title.strip():
            try:
                title = parse_front_matter(text, path).data.get("title")
            except FrontMatterProblem:
                continue
        if isinstance(title, str) and title.strip():
            arxiv_id = path.stem.replace("_", "/")
            index.setdefault(title_key(title), []).append((arxiv_id, title.strip()))
    return index


def _plain_scalar(value: str) -> str | None:
    """The common spellings of a one-line YAML string without the (slow, pure-Python) YAML parser.

    None means "ask YAML": double quotes (escapes), block scalars, flow collections, comments.
    """
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == "'":
        inner = value[1:-1]
        return inner.replace("''", "'") if "'" not in inner.replace("''", "") else None
    if not value or value[0] in "[]{}>|*&!%@`#'\"" or ": " in value or " #" in value or value.endswith(":"):
        return None
    if value[0] in "-?:" and (len(value) == 1 or value[1] in " \t"):
        return None
    return value


NO_NOTE_OFFLINE = ("no note has this title and the row gives no arXiv id (arXiv was not asked: --offline); add "
                   "the paper first (recweekly notes add ID), put arXiv:ID in the row, or import without --offline")


@dataclass
class _Row:
    """One paper on its way to a note: matched to an id, waiting for arXiv, or skipped."""

    paper: ImportedPaper
    day: dt.date
    outcome: Outcome
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
            Problem(s.path, f"this {s.kind} names no date (no 'YYYY-MM-DD 日报' heading, no date in the file "
                    "name); give one with --date YYYY-MM-DD", 1, "date") for s in missing_dates])
    titles = _TitleIndex(store)
    # ids and titles this run brings, whichever file comes first, for the papers named by title
    pending: list[tuple[str, str]] = list(dict.fromkeys(
        (p.arxiv, p.title) for s in sources for p in s.papers if p.arxiv is not None))
    rows: list[_Row] = []
    for source in sources:
        day = date_override or source.date
        assert day is not None
        for paper in source.papers:
            row = _Row(paper, day, Outcome(source=str(source.path), arxiv=paper.arxiv, title=paper.title,
                                           line=paper.line), paper.arxiv, paper.title)
            if row.arxiv is None:
                candidates = [(a, t) for a, t in pending if title_key(t) == title_key(row.title)]
                candidates += [c for c in titles.lookup(row.title, day) if c[0] not in {a for a, _ in candidates}]
                if not candidates:
                    row.lookup = arxiv is not None
                    row.outcome.skipped = None if row.lookup else NO_NOTE_OFFLINE
                elif len(candidates) > 1:
                    row.outcome.skipped = (f"several notes have this title ({', '.join(a for a, _ in candidates)}); "
                                           "put arXiv:ID in the row to choose")
                else:
                    row.arxiv, row.title = candidates[0]  # the note's own spelling of the title: no conflict
            rows.append(row)
    if arxiv is not None:
        _resolve_on_arxiv(rows, store, arxiv, progress or (lambda message: None))
    planned: list[PlannedNote] = []
    for row in rows:
        if row.arxiv is None or row.outcome.skipped:
            planned.append(PlannedNote(row.outcome, None))
            continue
        row.outcome.arxiv = row.arxiv
        fields = dict(row.paper.fields)
        body = fields.pop("body", "")
        if row.from_arxiv is not None:
            base = note_from_paper(row.from_arxiv, row.day)
            known = {k: v for k, v in fields.items() if v not in (None, "", (), [], {})}
            note = base.with_changes(**known, body=body or base.body)
        else:
            note = Note(arxiv=row.arxiv, title=row.title, date=row.day, body=body or "", **fields)
        planned.append(PlannedNote(row.outcome, note))
    return planned


def _resolve_on_arxiv(rows: Sequence[_Row], store: NoteStore, client: ArxivClient,
                      progress: Callable[[str], None]) -> None:
    """Look up, once each, the titles no note has and the ids no note has; fill in or skip the rows.

    Raises what the client raises (RemoteError: arXiv unreachable) before anything is written.
    """
    from recweekly.notes.arxiv import FetchResult, TitleSearch

    searches: dict[str, TitleSearch] = {}
    lookups = [r for r in rows if r.lookup]
    titles = list(dict.fromkeys(title_key(r.title) for r in lookups))
    by_id_rows = [r for r in rows if r.paper.arxiv is not None and not r.paper.fields.get("authors")
                  and store.find_path(r.paper.arxiv) is None]
    # a digest in the same run already says what arXiv would (title, authors, abstract)
    described = {r.paper.arxiv for r in rows if r.paper.arxiv is not None and r.paper.fields.get("authors")}
    ids = list(dict.fromkeys(r.paper.arxiv for r in by_id_rows if r.paper.arxiv not in described))
    if titles:
        noun = "title" if len(titles) == 1 else "titles"
        progress(f"resolving {len(titles)} {noun} on arXiv (one request every {client.min_interval:g} s)…")
    first = {title_key(r.title): r.title for r in reversed(lookups)}
    for index, key in enumerate(titles, 1):
        progress(f"  [{index}/{len(titles)}] {first[key]}")
        searches[key] = client.search_title(first[key])
    fetched = FetchResult()
    if ids:
        progress(f"fetching {len(ids)} paper(s) named by id from arXiv…")
        fetched = client.fetch(ids)
    for row in lookups:
        search = searches[title_key(row.title)]
        if len(search.matches) == 1:
            paper = search.matches[0]
            row.arxiv, row.title, row.from_arxiv = paper.arxiv, paper.title, paper
        elif search.matches:
            row.outcome.skipped = (f"arXiv has several papers titled {row.title!r} "
                                   f"({', '.join(p.arxiv for p in search.matches)}); put arXiv:ID in the row to choose")
        else:
            row.outcome.skipped = f"arXiv has no paper titled {row.title!r}" + (
                f" (closest: {', '.join(f'{p.arxiv} {p.title!r}' for p in search.others[:2])})"
                if search.others else "") + "; check the title or put arXiv:ID in the row"
    for row in by_id_rows:
        if row.paper.arxiv in described:
            continue
        assert row.paper.arxiv is not None
        paper_found = fetched.papers.get(row.paper.arxiv)
        if paper_found is None:
            row.outcome.skipped = f"arXiv has no paper {row.paper.arxiv} (the id in the row); check the id"
        else:
            row.title, row.from_arxiv = paper_found.title, paper_found


def validate_planned(planned: Sequence[PlannedNote], store: NoteStore, config: Config) -> None:
    """Every note to write must be valid, and every note to merge into must load: check all first."""
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
            rel = existing.relative_to(config.root) if existing.is_relative_to(config.root) else existing
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


def apply(planned: Sequence[PlannedNote], store: NoteStore, *, write: bool = True) -> ImportReport:
    report = ImportReport(dry_run=not write)
    for item in planned:
        if item.note is not None:
            result: MergeResult = store.merge(item.note, write=write)
            item.outcome.path = result.path
            item.outcome.created = result.created
            item.outcome.filled = list(result.filled)
            item.outcome.conflicts = list(result.conflicts)
        report.outcomes.append(item.outcome)
    return report


def import_files(paths: Sequence[Path], config: Config, date_override: dt.date | None = None, *,
                 arxiv: ArxivClient | None = None, progress: Callable[[str], None] | None = None,
                 write: bool = True) -> ImportReport:
    """`recweekly notes import`: parse every file, then plan (asking `arxiv`, if given), validate, and
    only then write."""
    store = NoteStore(config)
    problems: list[Problem] = []
    sources: list[ParsedSource] = []
    for path in paths:
        try:
            sources.append(parse_source(Path(path), config))
        except InputError as exc:
            problems.extend(exc.problems or [Problem(path, exc.message.removeprefix(f"{path}: "))])
    if problems:
        raise InputError("nothing was imported", problems)
    planned = plan(sources, store, date_override, arxiv=arxiv, progress=progress)
    validate_planned(planned, store, config)
    return apply(planned, store, write=write)


def import_notes(notes: Sequence[Note], config: Config, source: str = "arXiv", *, write: bool = True) -> ImportReport:
    """`recweekly notes add`: the same validate-then-merge path for notes built from arXiv."""
    store = NoteStore(config)
    planned = [PlannedNote(Outcome(source=source, arxiv=n.arxiv, title=n.title), n) for n in notes]
    validate_planned(planned, store, config)
    return apply(planned, store, write=write)


def note_from_paper(paper: ArxivPaper, collected: dt.date, *, category: str | None = None, theme: str | None = None,
                    orgs: Sequence[str] = ()) -> Note:
    """A new note from what arXiv knows: the rest is left empty, to be filled in by hand."""
    return Note(
        arxiv=paper.arxiv,
        title=paper.title,
        date=collected,
        authors=tuple(paper.authors),
        arxiv_category=paper.primary_category,
        category=category,
        theme=theme,
        orgs=tuple(orgs),
        body=f"## Abstract\n\n{paper.abstract}" if paper.abstract else "",
    )
