"""The note collection on disk: `notes/<ISO year>/W<week>/<arxiv id>.md`.

Laid out by ISO week so that composing one week (or one day) reads one directory, not the whole
collection: the weekly draft's cost does not grow with the blog's history. Saves are atomic, and
merging new information into an existing note edits only its empty keys at the text level. Loads go
through a cache of parsed notes keyed by each file's stat (parsed_cache.py), so a full load of an unchanged
collection costs about a listing of it.
"""

from __future__ import annotations

import datetime as dt
import errno
import fnmatch
import os
import re
import stat
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import fields
from pathlib import Path

from recweekly.config import Config
from recweekly.errors import InputError, NoteError, Problem
from recweekly.fsutil import atomic_write_text, decode_utf8, shown_path
from recweekly.notes.fill_keys import MergeResult, fill_empty_keys
from recweekly.notes.frontmatter_text import FrontMatterProblem, parse_front_matter
from recweekly.notes.ids import id_to_filename
from recweekly.notes.model import Note, parse_note, render_note
from recweekly.notes.parsed_cache import ParsedNoteCache, now_ns, stat_key

_DATE_KEY = re.compile(r"^date:", re.MULTILINE)


def week_dir_name(year: int, week: int) -> Path:
    return Path(f"{year:04d}") / f"W{week:02d}"


class NoteStore:
    """Reads and writes the notes of one blog."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.root = config.notes_path
        self._index: dict[str, str] | None = None
        self._cache: ParsedNoteCache | None = None

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
        found = self._index.get(id_to_filename(arxiv_id))
        return Path(found) if found is not None else None

    def files(self) -> list[Path]:
        """Every note file in a week folder, from the same one listing `find_path` uses."""
        if self._index is None:
            self._index = self._list_files()
        return sorted(Path(p) for p in self._index.values())

    def _list_files(self) -> dict[str, str]:
        """File name → path (as text: 20,000 Path objects cost more than the listing itself)."""
        index: dict[str, str] = {}
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
                        index.setdefault(entry.name, entry.path)
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
        """Note files in the <year>/W<week>/ layout, and .md files anywhere else under the notes folder.

        What `root.glob("*/W*/*.md")` and the rest of `root.rglob("*.md")` give, in the same order,
        from one walk with os.scandir: pathlib's globbing and sorting cost more than a warm load.
        """
        if not self.root.is_dir():
            return [], []
        layout: list[tuple[str, str, str]] = []
        for year in _entries(str(self.root)):
            if not _is_dir(year):  # as glob: a symbolic link to a folder counts
                continue
            for week in _entries(year.path):
                if fnmatch.fnmatchcase(week.name, "W*") and _is_dir(week):
                    layout += [(year.name, week.name, e.name) for e in _entries(week.path)
                               if e.name.endswith(".md")]
        layout.sort()
        files = [self.root.joinpath(*parts) for parts in layout]
        known = set(layout)
        stray = [parts for parts in _md_anywhere(str(self.root), ()) if parts not in known]
        return files, [self.root.joinpath(*parts) for parts in sorted(stray)]

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
                note, found = self._parse(path, rel)
            except InputError as exc:
                problems.extend(exc.problems)
                continue
            problems.extend(found)
            if note is None:
                continue
            if not self._in_week_folder(note, path):
                problems.append(self.misfiled_problem(path, note.arxiv, note.date, _date_line(path)))
                continue
            notes.append(note)
        if self._cache is not None:
            self._cache.save(self.config.root)
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

    def _parse(self, path: Path, rel: str) -> tuple[Note | None, list[Problem]]:
        """A note (its `path` set to `path`) and its problems: from the cache when the file's stat is
        the one it was parsed under, else read, parsed and remembered (see notes/parsed_cache.py)."""
        if self._cache is None:
            self._cache = ParsedNoteCache.for_config(self.config)
        try:
            st = os.stat(path)
        except OSError:
            st = None  # read_note_text names what is wrong (dangling link, loop…)
        key = stat_key(st) if st is not None and stat.S_ISREG(st.st_mode) else None
        if key is not None:
            cached = self._cache.get(rel, key)
            if cached is not None:
                fields, problems = cached
                return (Note(**fields, path=path) if fields is not None else None), list(problems)
        read_at = now_ns()
        note, problems = parse_note(read_note_text(path, rel), Path(rel), self.config)
        if key is not None:
            fields = {f: getattr(note, f) for f in _NOTE_FIELDS} if note is not None else None
            self._cache.put(rel, key, (fields, tuple(problems)), read_at)
        return (note.with_changes(path=path) if note is not None else None), problems

    def _in_week_folder(self, note: Note, path: Path) -> bool:
        """Is the note in the folder of its date's ISO week (compared as text: this runs per note)?"""
        year, week = note.iso_week
        return os.path.dirname(str(path)) == f"{self.root}{os.sep}{year:04d}{os.sep}W{week:02d}"

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
        return shown_path(path, self.config.root)

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
        new_text = fill_empty_keys(text, fm, current, incoming, result)
        if new_text != text and write:
            atomic_write_text(existing_path, new_text)
        return result


_NOTE_FIELDS = tuple(f.name for f in fields(Note) if f.name != "path")


def _date_line(path: Path) -> int | None:
    """The line of a note's `date:` key (read again: only for the rare misfiled note, which a cached
    load has not read)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    found = _DATE_KEY.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _entries(folder: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as found:
            return list(found)
    except OSError:  # unreadable or vanished: glob skips it too
        return []


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _md_anywhere(folder: str, prefix: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Relative parts of every entry named *.md below `folder`, not descending into linked folders
    (as `Path.rglob("*.md")`)."""
    out: list[tuple[str, ...]] = []
    for entry in _entries(folder):
        if entry.name.endswith(".md"):
            out.append((*prefix, entry.name))
        if _is_dir(entry) and not entry.is_symlink():
            out += _md_anywhere(entry.path, (*prefix, entry.name))
    return out


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


def _days(start: dt.date, end: dt.date) -> Iterable[dt.date]:
    day = start
    while day <= end:
        yield day
        day += dt.timedelta(days=1)
