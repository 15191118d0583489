"""The note collection on disk: `notes/<ISO year>/W<week>/<arxiv id>.md`.

Laid out by ISO week so that composing one week (or one day) reads one directory, not the whole
collection: the weekly draft's cost does not grow with the blog's history. Saves are atomic, and
merging new information into an existing note edits only its empty keys at the text level.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recweekly.config import Config
from recweekly.errors import InputError, NoteError, Problem
from recweekly.fsutil import atomic_write_text, decode_utf8
from recweekly.notes.frontmatter_text import FrontMatterProblem, parse_front_matter, replace_keys
from recweekly.notes.ids import id_to_filename
from recweekly.notes.model import NOTE_KEYS, SUGGESTS, Note, _is_empty, parse_note, render_note

_DATE_KEY = re.compile(r"^date:", re.MULTILINE)


def week_dir_name(year: int, week: int) -> Path:
    return Path(f"{year:04d}") / f"W{week:02d}"


@dataclass
class MergeResult:
    """What merging incoming information into a note did: keys filled, and disagreements kept as-is."""

    path: Path
    created: bool = False
    filled: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.created or bool(self.filled)


class NoteStore:
    """Reads and writes the notes of one blog."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.root = config.notes_path
        self._index: dict[str, Path] | None = None

    # ---- paths -------------------------------------------------------------------------------
    def path_for(self, note: Note) -> Path:
        year, week = note.iso_week
        return self.root / week_dir_name(year, week) / id_to_filename(note.arxiv)

    def find_path(self, arxiv_id: str) -> Path | None:
        """Where the note for an id lives, wherever its week; None if there is none.

        Answered from one listing of every week folder, made on first use: a draft names ~50
        papers and a blog has hundreds of weeks, so a glob per id would dominate `check`.
        """
        if self._index is None:
            self._index = self._list_files()
        return self._index.get(id_to_filename(arxiv_id))

    def files(self) -> list[Path]:
        """Every note file in a week folder, from the same one listing `find_path` uses."""
        if self._index is None:
            self._index = self._list_files()
        return sorted(self._index.values())

    def _list_files(self) -> dict[str, Path]:
        index: dict[str, Path] = {}
        if not self.root.is_dir():
            return index
        for year in sorted(os.scandir(self.root), key=lambda e: e.name):
            if not year.is_dir():
                continue
            for week in sorted(os.scandir(year.path), key=lambda e: e.name):
                if not (week.is_dir() and week.name.startswith("W")):
                    continue
                for entry in os.scandir(week.path):
                    if entry.name.endswith(".md"):
                        index.setdefault(entry.name, Path(entry.path))
        return index

    # ---- loading -----------------------------------------------------------------------------
    def load_week(self, year: int, week: int) -> list[Note]:
        directory = self.root / week_dir_name(year, week)
        return self._load_files(sorted(directory.glob("*.md")) if directory.is_dir() else [])

    def load_day(self, day: dt.date) -> list[Note]:
        year, week, _ = day.isocalendar()
        return [n for n in self.load_week(year, week) if n.date == day]

    def load_range(self, start: dt.date, end: dt.date) -> list[Note]:
        """Notes dated start..end inclusive, reading only the weeks that overlap the range."""
        weeks = sorted({(d.isocalendar()[0], d.isocalendar()[1]) for d in _days(start, end)})
        files: list[Path] = []
        for year, week in weeks:
            directory = self.root / week_dir_name(year, week)
            if directory.is_dir():
                files.extend(sorted(directory.glob("*.md")))
        return [n for n in self._load_files(files) if start <= n.date <= end]

    def load_ids(self, arxiv_ids: Iterable[str]) -> list[Note]:
        """The notes of these ids, wherever their week; an id without a note is an error naming it."""
        paths: list[Path] = []
        missing: list[Problem] = []
        for arxiv_id in arxiv_ids:
            path = self.find_path(arxiv_id)
            if path is None:
                missing.append(Problem("<arguments>", f"{arxiv_id}: no note for this paper; add it first with "
                                       f"`recweekly notes add {arxiv_id}`", field="ID"))
            elif path not in paths:
                paths.append(path)
        if missing:
            raise NoteError(f"{len(missing)} paper(s) have no note; nothing was changed", missing)
        return self._load_files(paths)

    def load_all(self) -> list[Note]:
        files, stray = self._all_files()
        return self._load_files(files, extra_problems=self._stray_problems(stray))

    def check(self, files: list[Path] | None = None) -> tuple[list[str], list[Problem]]:
        """Validate every note (or the given note files) without raising: (files seen, problems).

        What `recweekly check` runs, so a broken note fails CI in the pull request that breaks it.
        """
        stray: list[Path] = []
        if files is None:
            files, stray = self._all_files()
        try:
            self._load_files(files, extra_problems=self._stray_problems(stray))
        except NoteError as exc:
            return [self.display(p) for p in [*files, *stray]], list(exc.problems)
        return [self.display(p) for p in [*files, *stray]], []

    def _all_files(self) -> tuple[list[Path], list[Path]]:
        """Note files in the <year>/W<week>/ layout, and .md files anywhere else under the notes folder."""
        if not self.root.is_dir():
            return [], []
        files = sorted(self.root.glob("*/W*/*.md"))
        known = set(files)
        return files, [p for p in sorted(self.root.rglob("*.md")) if p not in known]

    def _stray_problems(self, stray: list[Path]) -> list[Problem]:
        return [Problem(self.display(p), "note is outside the <year>/W<week>/ layout; "
                        "run `recweekly notes list` after moving it under its ISO week folder") for p in stray]

    def _load_files(self, files: Iterable[Path], extra_problems: list[Problem] | None = None) -> list[Note]:
        """Load and validate; collect every problem in every file, then raise them together."""
        notes: list[Note] = []
        problems = list(extra_problems or [])
        for path in files:
            rel = self.display(path)
            try:
                text = read_note_text(path, rel)
            except InputError as exc:
                problems.extend(exc.problems)
                continue
            note, found = parse_note(text, Path(rel), self.config)
            problems.extend(found)
            if note is None:
                continue
            note = note.with_changes(path=path)
            if self.path_for(note).parent != path.parent:
                found_line = _DATE_KEY.search(text)
                line = text.count("\n", 0, found_line.start()) + 1 if found_line else None
                problems.append(self.misfiled_problem(path, note.arxiv, note.date, line))
                continue
            notes.append(note)
        by_id: dict[str, list[Note]] = defaultdict(list)
        for note in notes:
            by_id[note.arxiv].append(note)
        for arxiv_id, group in by_id.items():
            if len(group) > 1:
                names = " and ".join(self.display(n.path) for n in group if n.path)
                problems.append(Problem(names, f"two notes for arXiv {arxiv_id}; keep one", None, "arxiv"))
        if problems:
            count = len({str(p.path) for p in problems})
            raise NoteError(f"{len(problems)} problem(s) in {count} note file(s)", problems)
        return sorted(notes, key=lambda n: (n.date, n.arxiv))

    def misfiled_problem(self, path: Path, arxiv_id: str, day: dt.date, line: int | None) -> Problem:
        """The one message for a note filed under another week than its date's: the store's loads and
        `check` (`notes.filing`) both report it, and the same words let a run report it once."""
        year, week, _ = day.isocalendar()
        expected = self.root / week_dir_name(year, week)
        return Problem(self.display(path), f"note dated {day} belongs to {year}-W{week:02d} but is filed under "
                       f"{self.display(path.parent)}/, so the drafts of {year}-W{week:02d} leave it out; run "
                       f"`recweekly notes move {arxiv_id}` to file it under {self.display(expected)}/ (or fix its "
                       "date)", line, "date")

    def display(self, path: Path | None) -> str:
        """A path as messages show it: relative to the blog."""
        if path is None:
            return "?"
        try:
            return str(path.relative_to(self.config.root))
        except ValueError:
            return str(path)

    # ---- writing -----------------------------------------------------------------------------
    def save_new(self, note: Note, *, write: bool = True) -> Path:
        """Write a note that must not exist yet (anywhere in the collection); `write=False` only says where."""
        existing = self.find_path(note.arxiv)
        if existing is not None:
            raise NoteError(f"a note for arXiv {note.arxiv} already exists: {self.display(existing)}")
        path = self.path_for(note)
        if not write:
            return path
        atomic_write_text(path, render_note(note))
        if self._index is not None:
            self._index[path.name] = path
        return path

    def merge(self, incoming: Note, *, write: bool = True) -> MergeResult:
        """Create the note, or fill only the empty keys of the existing one; differing values are conflicts.

        A hand edit is never overwritten: a key that already has a value keeps it, and the body is
        only written when the existing note has none. `write=False` reports the same result and
        changes nothing (the commands' --dry-run).
        """
        existing_path = self.find_path(incoming.arxiv)
        if existing_path is None:
            path = self.save_new(incoming, write=write)
            return MergeResult(path=path, created=True)
        result = MergeResult(path=existing_path)
        rel = self.display(existing_path)
        try:
            text = read_note_text(existing_path, rel)
        except InputError as exc:
            raise NoteError("cannot merge into a broken note; fix it first", exc.problems) from None
        try:
            fm = parse_front_matter(text, rel)
        except FrontMatterProblem as exc:
            raise NoteError("cannot merge into a broken note; fix it first", [exc.problem]) from None
        current, problems = parse_note(text, Path(rel), self.config)
        if current is None:
            raise NoteError("cannot merge into a broken note; fix it first", problems)
        new_values = incoming.to_front_matter()
        updates: dict[str, Any] = {}
        for key in NOTE_KEYS:
            value = new_values.get(key)
            if key in ("arxiv", "date") or _is_empty(value):
                continue
            if key in SUGGESTS and not _is_empty(fm.data.get(SUGGESTS[key])):
                continue  # the note already has its category (or theme): no suggestion wanted
            if key == "summary":
                have = dict(current.summary)
                merged = dict(fm.data.get("summary") or {}) if isinstance(fm.data.get("summary"), dict) else {}
                changed = False
                for lang, text_value in value.items():
                    if _is_empty(text_value):
                        continue
                    if lang not in have:
                        merged[lang] = text_value
                        changed = True
                    elif have[lang] != text_value.strip():
                        result.conflicts.append(f"summary.{lang}")
                if changed:
                    updates["summary"] = merged
                    result.filled.append("summary")
                continue
            old = fm.data.get(key)
            if _is_empty(old):
                updates[key] = value
                result.filled.append(key)
            elif key in _SET_KEYS and isinstance(old, list) and set(_normal(value)) <= set(_normal(old)):
                continue  # the note names these orgs (tags) already, maybe with more: nothing to say
            elif _normal(old) != _normal(value):
                result.conflicts.append(key)
        if incoming.date != current.date:
            result.conflicts.append("date")
        new_text = replace_keys(text, fm, updates) if updates else text
        if incoming.body.strip():
            if not current.body.strip():
                newline = "\r\n" if "\r\n" in new_text else "\n"
                body = incoming.body.strip("\n").replace("\r\n", "\n").replace("\n", newline)
                sep = "" if new_text.endswith("\n") else newline
                new_text = new_text + sep + newline + body + newline
                result.filled.append("body")
            elif _normal_text(incoming.body) not in _normal_text(current.body):
                result.conflicts.append("body")
        if new_text != text and write:
            atomic_write_text(existing_path, new_text)
        return result


def read_note_text(path: Path, shown: str) -> str:
    """A note's text; anything but a readable UTF-8 file (a folder named x.md, a dangling or looping
    symbolic link) is an InputError naming the file and what to do, never a traceback."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        problem = Problem(shown, "is a folder, not a note; a note is a file named <arXiv id>.md: rename or move "
                                 "the folder out of the notes folder")
    except FileNotFoundError:
        target = _link_target(path)
        what = f"dangling symbolic link (its target {target} does not exist)" if target else "no such file"
        problem = Problem(shown, f"{what}; remove the link or point it at the note file")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            problem = Problem(shown, "symbolic link loop (the link points back at itself); replace the link "
                                     "with the note file")
        else:
            problem = Problem(shown, f"cannot read ({exc.strerror})")
    else:
        return decode_utf8(data, shown)
    raise InputError("note cannot be read", [problem])


def _link_target(path: Path) -> str | None:
    try:
        return os.readlink(path)
    except OSError:
        return None


_SET_KEYS = ("orgs", "tags")  # lists whose order is the writer's: fewer of the same items is no conflict


def _normal(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value]
    if isinstance(value, str):
        return value.strip()
    return value


def _normal_text(text: str) -> str:
    return " ".join(text.split())


def _days(start: dt.date, end: dt.date) -> Iterable[dt.date]:
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=1)
