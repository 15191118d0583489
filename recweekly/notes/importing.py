"""Turning papers from outside (digest, daily report, arXiv) into notes, safely.

Everything is read, parsed, resolved and validated before the first byte is written: an import
either applies completely or changes no file. Writing goes through `NoteStore.merge`, which
creates a note or fills only its empty keys, so importing the same file twice changes nothing and a
hand edit is never overwritten (a differing value is reported as a conflict and kept).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recweekly.config import Config
from recweekly.errors import InputError, NoteError, Problem
from recweekly.fsutil import read_text
from recweekly.notes.frontmatter_text import FrontMatterProblem, parse_front_matter
from recweekly.notes.model import Note, parse_note, render_note
from recweekly.notes.store import MergeResult, NoteStore

if TYPE_CHECKING:
    from recweekly.notes.arxiv import ArxivPaper


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

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def conflicts(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.conflicts and not o.skipped]

    def summary_line(self) -> str:
        return (f"{self.count('created')} created, {self.count('filled')} filled, "
                f"{self.count('unchanged')} unchanged, {len(self.conflicts)} with conflicts (kept your value), "
                f"{self.count('skipped')} skipped")


def title_key(title: str) -> str:
    """Titles compare case-, width- and whitespace-insensitively ('Top-K  Recs' == 'top-k recs')."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", title).casefold()).rstrip(".")


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


def plan(sources: Sequence[ParsedSource], store: NoteStore, date_override: dt.date | None) -> list[PlannedNote]:
    """Give every paper an id and a date, or a reason it is skipped; raise if a date is missing."""
    missing_dates = [s for s in sources if date_override is None and s.date is None]
    if missing_dates:
        raise InputError("no date for the notes", [
            Problem(s.path, f"this {s.kind} names no date (no 'YYYY-MM-DD 日报' heading, no date in the file "
                    "name); give one with --date YYYY-MM-DD", 1, "date") for s in missing_dates])
    titles = _TitleIndex(store)
    pending: list[tuple[str, str]] = []  # ids and titles planned in this run, for later sources
    planned: list[PlannedNote] = []
    for source in sources:
        day = date_override or source.date
        assert day is not None
        for paper in source.papers:
            outcome = Outcome(source=str(source.path), arxiv=paper.arxiv, title=paper.title, line=paper.line)
            arxiv_id, title = paper.arxiv, paper.title
            if arxiv_id is None:
                candidates = [(a, t) for a, t in pending if title_key(t) == title_key(title)]
                candidates += [c for c in titles.lookup(title, day) if c[0] not in {a for a, _ in candidates}]
                if not candidates:
                    outcome.skipped = ("no note has this title and the row gives no arXiv id; add the paper "
                                       "first (recweekly notes add ID) or put arXiv:ID in the row")
                elif len(candidates) > 1:
                    outcome.skipped = (f"several notes have this title ({', '.join(a for a, _ in candidates)}); "
                                       "put arXiv:ID in the row to choose")
                else:
                    arxiv_id, title = candidates[0]  # the note's own spelling of the title: no conflict
            if arxiv_id is None:
                planned.append(PlannedNote(outcome, None))
                continue
            outcome.arxiv = arxiv_id
            fields = dict(paper.fields)
            body = fields.pop("body", "")
            note = Note(arxiv=arxiv_id, title=title, date=day, body=body or "", **fields)
            pending.append((arxiv_id, title))
            planned.append(PlannedNote(outcome, note))
    return planned


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


def apply(planned: Sequence[PlannedNote], store: NoteStore) -> ImportReport:
    report = ImportReport()
    for item in planned:
        if item.note is not None:
            result: MergeResult = store.merge(item.note)
            item.outcome.path = result.path
            item.outcome.created = result.created
            item.outcome.filled = list(result.filled)
            item.outcome.conflicts = list(result.conflicts)
        report.outcomes.append(item.outcome)
    return report


def import_files(paths: Sequence[Path], config: Config, date_override: dt.date | None = None) -> ImportReport:
    """`recweekly notes import`: parse every file, then plan, validate, and only then write."""
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
    planned = plan(sources, store, date_override)
    validate_planned(planned, store, config)
    return apply(planned, store)


def import_notes(notes: Sequence[Note], config: Config, source: str = "arXiv") -> ImportReport:
    """`recweekly notes add`: the same validate-then-merge path for notes built from arXiv."""
    store = NoteStore(config)
    planned = [PlannedNote(Outcome(source=source, arxiv=n.arxiv, title=n.title), n) for n in notes]
    validate_planned(planned, store, config)
    return apply(planned, store)


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
