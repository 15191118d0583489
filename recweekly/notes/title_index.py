"""Existing notes by title, for sources that name a paper by its title alone (the daily report).

A report names papers collected in the days before it, so the weeks around its date are searched
first; the whole collection is read only for a title not found there, and then without validating
whole notes: a lookup must not cost a full load.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import yaml

from recweekly.notes.frontmatter_text import FrontMatterProblem, parse_front_matter
from recweekly.notes.model import Note
from recweekly.notes.store import NoteStore
from recweekly.notes.titles import title_key

# title key -> (arXiv id, the note's own spelling of the title), one per note with that title
Index = dict[str, list[tuple[str, str]]]


class TitleIndex:
    """Read lazily: nothing is loaded until the first lookup, so sources with ids cost nothing."""

    WINDOW_BEFORE = dt.timedelta(days=14)
    WINDOW_AFTER = dt.timedelta(days=7)

    def __init__(self, store: NoteStore) -> None:
        self.store = store
        self._near: dict[dt.date, Index] = {}
        self._all: Index | None = None

    @staticmethod
    def _index(notes: Sequence[Note]) -> Index:
        index: Index = {}
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


def _scan_titles(store: NoteStore) -> Index:
    """Every note's title, read without validating whole notes.

    The file name gives the id (one file per id, by the store's layout); the title comes from its one
    `title:` line, or from the parsed front matter when it spans several lines. Unreadable files are
    passed over here: only the notes actually merged into are validated, before anything is written.
    """
    index: Index = {}
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
