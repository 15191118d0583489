"""Where a note is filed: the week folder its `date:` names. Finding notes filed elsewhere, and re-filing.

A note's `date` decides its day and week, and the store reads a week from its folder only; a note
whose date and folder disagree would silently drop out of its week's draft. `misfiled_notes` finds
them by reading only the `date:` line of each note (text, no YAML). `check` reads every folder (CI
runs it, once per change). `new` and `fill` for a period read the folders of the NEARBY_WEEKS weeks
either side of it: a note lands in the wrong folder when its date is edited by hand or it is copied
into a neighbouring week, so that is where a week's strays are; reading every folder would make a
draft's cost grow with the blog's history (about 0.1 ms per note, `bench/notes_load.py`), which the
week-per-folder layout exists to avoid. A stray further away is still reported by `check`.

`move_note` re-files a note (`recweekly notes move`): under another day or week, or, with neither,
under the week its own date names (the repair for a misfiled note). Only the value on the `date:`
line changes, at the text level; the file is moved with `git mv` when git tracks it, and its lead
figure (the image its `figure:` names, beside it) with it. The note is
edited first and put back as it was if the move fails, so nothing is half done.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from recweekly import gitmove
from recweekly.config import Config
from recweekly.errors import InputError, NoteError, Problem
from recweekly.fsutil import atomic_write_text, decode_utf8
from recweekly.notes.frontmatter_text import FrontMatterProblem, parse_front_matter, replace_keys
from recweekly.notes.ids import BadArxivId, normalize_arxiv_id
from recweekly.notes.model import parse_note
from recweekly.notes.store import NoteStore, week_dir_name
from recweekly.periods import Period, week_of

_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^---[ \t]*\r?$", re.DOTALL | re.MULTILINE)
_HEAD = 4096  # bytes: a note's front matter almost always fits
_DATE_LINE = re.compile(r"^date:[ \t]*(['\"]?)(\d{4}-\d{2}-\d{2})\1", re.MULTILINE)


@dataclass(frozen=True)
class Misfiled:
    """A note whose date names another week than the folder it is in."""

    path: Path
    arxiv: str  # as its file name spells it
    date: dt.date
    line: int
    expected: Path  # where its date says it belongs


def dated_line(text: str) -> tuple[dt.date, int] | None:
    """The date on a note's `date:` line and the line's number, read from the text alone."""
    front = _FRONT.match(text)
    if front is None:
        return None
    found = _DATE_LINE.search(front.group(1))
    if found is None:
        return None
    try:
        day = dt.date.fromisoformat(found.group(2))
    except ValueError:
        return None  # an impossible date is the validator's to report, with its line
    return day, text.count("\n", 0, front.start(1) + found.start()) + 1


NEARBY_WEEKS = 8


def misfiled_notes(store: NoteStore, period: Period | None = None, *, nearby: int | None = None) -> list[Misfiled]:
    """Notes filed under another week than their date's; with `period`, only those dated in it, and with
    `nearby`, only those in the folders of the `nearby` weeks either side of it."""
    found: list[Misfiled] = []
    own = store.root / week_dir_name(*period.iso_week) if period is not None else None
    files = store.files() if period is None or nearby is None else _files_near(store, period, nearby)
    for path in files:
        if path.parent == own:
            continue  # the period's own folder: loading it checks its notes' dates already
        try:
            dated = _read_date(path)
        except OSError:
            continue
        if dated is None:
            continue
        day, line = dated
        if period is not None and not period.start <= day <= period.end:
            continue
        year, week, _ = day.isocalendar()
        expected = store.root / week_dir_name(year, week) / path.name
        if expected.parent != path.parent:
            found.append(Misfiled(path, path.stem, day, line, expected))
    return found


def _files_near(store: NoteStore, period: Period, weeks: int) -> list[Path]:
    """The note files in the week folders within `weeks` weeks of `period` (listing only those folders)."""
    monday = week_of(period.start).start
    folders = {store.root / week_dir_name(*week_of(monday + dt.timedelta(weeks=k)).iso_week)
               for k in range(-weeks, weeks + 1)}
    return sorted(p for folder in folders if folder.is_dir() for p in folder.glob("*.md"))


def _read_date(path: Path) -> tuple[dt.date, int] | None:
    """The `date:` line of a note, reading only its first few KB unless its front matter is longer."""
    with path.open("rb") as handle:
        head = handle.read(_HEAD)
        dated = dated_line(head.decode("utf-8", "replace"))
        if dated is None and len(head) == _HEAD:
            dated = dated_line((head + handle.read()).decode("utf-8", "replace"))
    return dated


def misfiled_problems(store: NoteStore, misfiled: list[Misfiled]) -> list[Problem]:
    return [store.misfiled_problem(m.path, m.arxiv.replace("_", "/"), m.date, m.line) for m in misfiled]


@dataclass
class MoveResult:
    arxiv: str
    source: Path
    destination: Path
    old_date: dt.date
    new_date: dt.date
    git: str = ""  # how it was moved: "git mv", "move + git add", "move"; "" when nothing was done
    drafts: list[Path] = field(default_factory=list)  # drafts of the periods it leaves and joins

    @property
    def changed(self) -> bool:
        return self.source != self.destination or self.old_date != self.new_date


def move_note(config: Config, arxiv_id: str, *, day: dt.date | None = None, week: Period | None = None,
              write: bool = True) -> MoveResult:
    """Re-file a note under `day`, or a day of `week` (the same weekday), or where its own date says."""
    store = NoteStore(config)
    try:
        canonical = normalize_arxiv_id(arxiv_id)
    except BadArxivId as exc:
        raise InputError(str(exc), [Problem("<arguments>", str(exc), field="ID")]) from None
    source = store.find_path(canonical)
    if source is None:
        raise InputError(f"no note for arXiv {canonical} in {config.notes_dir}/; "
                         f"add one with `recweekly notes add {canonical}`")
    shown = store.display(source)
    original = source.read_bytes()
    text = decode_utf8(original, shown)
    try:
        fm = parse_front_matter(text, shown)
    except FrontMatterProblem as exc:
        raise NoteError("cannot re-file a broken note; fix it first", [exc.problem]) from None
    note, problems = parse_note(text, Path(shown), config)
    if note is None:
        raise NoteError("cannot re-file a broken note; fix it first", problems)
    new_date = day or (_day_in(week, note.date) if week else note.date)
    destination = store.root / week_dir_name(*new_date.isocalendar()[:2]) / source.name
    result = MoveResult(canonical, source, destination, note.date, new_date)
    if destination != source and destination.exists():
        raise InputError(f"{store.display(destination)} already exists; remove one of the two notes for "
                         f"{canonical} first")
    # the lead figure lives next to its note (`figure:` names it): it moves with it
    figure = source.parent / note.figure if note.figure and (source.parent / note.figure).is_file() else None
    figure_to = destination.parent / note.figure if figure is not None and note.figure else None
    if figure_to is not None and destination.parent != source.parent and figure_to.exists():
        raise InputError(f"{store.display(figure_to)} already exists; move or remove it first")
    result.drafts = _drafts(config, {note.date, new_date})
    if not result.changed or not write:
        return result
    new_text = _with_date(text, fm.key_lines["date"][0], new_date) if new_date != note.date else text
    bom = "\ufeff" if original.startswith(b"\xef\xbb\xbf") else ""
    if new_text != text:
        atomic_write_text(source, bom + new_text)
    if destination == source:
        result.git = "edited in place"
        return result
    moved_figure = figure is not None and figure_to is not None and figure_to.parent != figure.parent
    try:
        if moved_figure:  # first: a stray image is harmless, a note naming a missing one is not
            assert figure is not None and figure_to is not None
            gitmove.move_file(figure, figure_to)
        result.git = gitmove.move_file(source, destination)
    except BaseException:
        if moved_figure and figure_to is not None and figure_to.exists() and figure is not None:
            gitmove.move_file(figure_to, figure)
        if source.exists():
            source.write_bytes(original)
        raise
    for folder in (source.parent, source.parent.parent):
        if folder != store.root and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return result


def _day_in(week: Period, current: dt.date) -> dt.date:
    """`current` when it is in `week`, else the same weekday of `week`."""
    if week.start <= current <= week.end:
        return current
    return week.start + dt.timedelta(days=current.weekday())


def _with_date(text: str, line: int, day: dt.date) -> str:
    """The text with only the date value on line `line` changed (quotes, comments and line ending kept)."""
    lines = text.splitlines(keepends=True)
    old = lines[line - 1]
    new = re.sub(r"^(date:[ \t]*['\"]?)\d{4}-\d{2}-\d{2}", lambda m: m.group(1) + day.isoformat(), old, count=1)
    if new == old:  # not a plain date (e.g. a timestamp): rewrite the key's lines as YAML
        fm = parse_front_matter(text, "<note>")
        return replace_keys(text, fm, {"date": day})
    lines[line - 1] = new
    return "".join(lines)


def _drafts(config: Config, days: set[dt.date]) -> list[Path]:
    """Drafts whose period holds one of `days`: their facts and sections change with the move."""
    labels = {d.isoformat() for d in days} | {week_of(d).label for d in days}
    folder = config.drafts_path
    return sorted({p for label in labels for p in folder.glob(f"{label}.*.md")}) if folder.is_dir() else []
