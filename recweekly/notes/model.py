"""The paper note: one Markdown file per paper, validated field by field.

Validation collects every problem in a file (with its line) instead of stopping at the first, so a
broken collection is fixed in one pass. Values are checked against the blog's config (categories,
languages) because a category the blog does not know would silently drop out of every statistic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from recweekly.config import AFFILIATIONS, SUPPORTED_LANGS, Config
from recweekly.errors import Problem
from recweekly.notes.frontmatter_text import FrontMatter, FrontMatterProblem, dump_mapping, parse_front_matter
from recweekly.notes.ids import BadArxivId, normalize_arxiv_id

# Key order of a freshly written note; also the set of keys a note may have.
NOTE_KEYS: tuple[str, ...] = (
    "arxiv",
    "title",
    "model",
    "authors",
    "date",
    "category",
    "arxiv_category",
    "orgs",
    "affiliation",
    "theme",
    "suggested_category",
    "suggested_theme",
    "tags",
    "score",
    "deep_read",
    "highlights",
    "summary",
    "figure",
    "figure_caption",
)
REQUIRED_KEYS = ("arxiv", "title", "date")
# Keys recweekly fills by itself (suggestions, the lead figure): written only when they have a value, so
# a new note shows the keys a person fills in, not these.
MACHINE_KEYS = ("suggested_category", "suggested_theme", "figure", "figure_caption")
SUGGESTS = {"suggested_category": "category", "suggested_theme": "theme"}  # a suggestion -> what it suggests
FIGURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")


@dataclass(frozen=True)
class Note:
    """One paper. Empty optional fields are None or empty collections, never missing."""

    arxiv: str
    title: str
    date: dt.date
    model: str | None = None
    authors: tuple[str, ...] = ()
    category: str | None = None
    arxiv_category: str | None = None
    orgs: tuple[str, ...] = ()
    affiliation: str | None = None
    theme: str | None = None
    suggested_category: str | None = None  # a keyword rule's guess, for a person to confirm as `category`
    suggested_theme: str | None = None
    tags: tuple[str, ...] = ()
    score: int | None = None
    deep_read: int | None = None
    highlights: tuple[str, ...] = ()
    summary: dict[str, str] = field(default_factory=dict)
    figure: str | None = None  # the lead figure's file name, next to the note
    figure_caption: str | None = None
    body: str = ""
    path: Path | None = None

    @property
    def iso_week(self) -> tuple[int, int]:
        year, week, _ = self.date.isocalendar()
        return year, week

    @property
    def figure_file(self) -> Path | None:
        """Where the lead figure lives: next to the note file (None without a figure or a path)."""
        return self.path.parent / self.figure if self.figure and self.path is not None else None

    def to_front_matter(self) -> dict[str, Any]:
        """Every key in canonical order, empty ones included (but for empty MACHINE_KEYS), so a new note
        shows what to fill in."""
        data = {
            "arxiv": self.arxiv,
            "title": self.title,
            "model": self.model,
            "authors": list(self.authors),
            "date": self.date,
            "category": self.category,
            "arxiv_category": self.arxiv_category,
            "orgs": list(self.orgs),
            "affiliation": self.affiliation,
            "theme": self.theme,
            "suggested_category": self.suggested_category,
            "suggested_theme": self.suggested_theme,
            "tags": list(self.tags),
            "score": self.score,
            "deep_read": self.deep_read,
            "highlights": list(self.highlights),
            "summary": dict(self.summary) if self.summary else {lang: None for lang in SUPPORTED_LANGS},
            "figure": self.figure,
            "figure_caption": self.figure_caption,
        }
        return {k: v for k, v in data.items() if k not in MACHINE_KEYS or v}

    def with_changes(self, **changes: Any) -> Note:
        return replace(self, **changes)


def render_note(note: Note) -> str:
    """The text of a new note file."""
    body = note.body.strip("\n")
    return "---\n" + dump_mapping(note.to_front_matter()) + "---\n" + (f"\n{body}\n" if body else "")


def affiliation_of(note: Note, config: Config) -> str | None:
    """The note's own affiliation, else derived from orgs the config knows (None if any is unknown)."""
    if note.affiliation:
        return note.affiliation
    kinds = set()
    for name in note.orgs:
        org = config.find_org(name)
        if org is None:
            return None
        kinds.add(org.kind)
    if not kinds:
        return None
    return kinds.pop() if len(kinds) == 1 else "mixed"


def parse_note(text: str, path: Path, config: Config) -> tuple[Note | None, list[Problem]]:
    """Parse and validate one note's text. Returns the note (None if unusable) and every problem."""
    try:
        fm = parse_front_matter(text, path)
    except FrontMatterProblem as exc:
        return None, [exc.problem]
    return _validate(fm, path, config)


def _validate(fm: FrontMatter, path: Path, config: Config) -> tuple[Note | None, list[Problem]]:
    problems: list[Problem] = []
    data = fm.data

    def bad(key: str, message: str) -> None:
        problems.append(Problem(path, message, fm.line_of(key) or fm.first_line, key))

    for key in data:
        if key not in NOTE_KEYS:
            bad(str(key), f"unknown key; a note may have: {', '.join(NOTE_KEYS)}")
    for key in REQUIRED_KEYS:
        if _is_empty(data.get(key)):
            problems.append(Problem(path, "required key is missing or empty", fm.line_of(key) or 1, key))

    values: dict[str, Any] = {}
    if not _is_empty(data.get("arxiv")):
        raw = fm.raw.get("arxiv", str(data["arxiv"]))
        try:
            values["arxiv"] = normalize_arxiv_id(raw)
        except BadArxivId as exc:
            bad("arxiv", str(exc))
    for key in ("title", "model", "arxiv_category", "theme", "suggested_theme", "figure_caption"):
        value = data.get(key)
        if _is_empty(value):
            continue
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            values[key] = str(fm.raw.get(key, value)).strip()
        else:
            bad(key, f"expected a single line of text, got {_kind(value)}")
    if not _is_empty(data.get("date")):
        value = data["date"]
        if isinstance(value, dt.datetime):
            values["date"] = value.date()
        elif isinstance(value, dt.date):
            values["date"] = value
        else:
            try:
                values["date"] = dt.date.fromisoformat(str(value).strip())
            except ValueError:
                bad("date", f"expected a date like 2026-03-02, got {value!r}")
    for key in ("authors", "orgs", "tags", "highlights"):
        value = data.get(key)
        if _is_empty(value):
            continue
        if isinstance(value, str) and key == "highlights":
            value = [value]
        if isinstance(value, list) and all(isinstance(v, (str, int, float)) and not isinstance(v, bool)
                                           for v in value):
            values[key] = tuple(str(v).strip() for v in value if str(v).strip())
        else:
            bad(key, f"expected a list of strings (one '- item' per line), got {_kind(value)}")
    for key in ("category", "suggested_category"):
        category = data.get(key)
        if _is_empty(category):
            continue
        if not isinstance(category, str):
            bad(key, f"expected one category key, got {_kind(category)}")
        elif category not in config.categories:
            bad(key, f"unknown category {category!r}; expected one of {', '.join(config.categories)}")
        else:
            values[key] = category
    figure = data.get("figure")
    if not _is_empty(figure):
        problem = _figure_problem(figure)
        if problem:
            bad("figure", problem)
        else:
            values["figure"] = str(figure).strip()
    affiliation = data.get("affiliation")
    if not _is_empty(affiliation):
        if affiliation not in AFFILIATIONS:
            bad("affiliation", f"expected one of {', '.join(AFFILIATIONS)}, got {affiliation!r}")
        else:
            values["affiliation"] = affiliation
    for key in ("score", "deep_read"):
        value = data.get(key)
        if _is_empty(value):
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10:
            bad(key, f"expected a whole number from 1 to 10, got {value!r}")
        else:
            values[key] = value
    summary = data.get("summary")
    if not _is_empty(summary):
        if not isinstance(summary, dict):
            bad("summary", "expected one entry per language, e.g. 'en: …' and 'zh: …' indented under summary:")
        else:
            clean: dict[str, str] = {}
            for lang, text in summary.items():
                if lang not in SUPPORTED_LANGS:
                    bad("summary", f"unknown language {lang!r}; expected {', '.join(SUPPORTED_LANGS)}")
                elif _is_empty(text):
                    continue
                elif not isinstance(text, str):
                    bad("summary", f"summary.{lang}: expected text, got {_kind(text)}")
                else:
                    clean[lang] = text.strip()
            values["summary"] = clean

    if "arxiv" in values and path.suffix == ".md" and path.stem != values["arxiv"].replace("/", "_"):
        bad("arxiv", f"file name {path.name} does not match arxiv id {values['arxiv']}; "
                     f"rename the file to {values['arxiv'].replace('/', '_')}.md")
    if problems or not all(k in values for k in REQUIRED_KEYS):
        return None, problems
    return Note(body=fm.body.lstrip("\n"), path=path, **values), problems


def _figure_problem(value: Any) -> str | None:
    """Why `figure:` is not the name of an image file beside the note (None when it is)."""
    if not isinstance(value, str):
        return f"expected the file name of an image next to the note, got {_kind(value)}"
    name = value.strip()
    if "/" in name or "\\" in name or name.startswith("."):
        return f"expected a file name next to the note (no folders), got {name!r}"
    if not name.lower().endswith(FIGURE_SUFFIXES):
        return f"expected an image file ({', '.join(FIGURE_SUFFIXES)}), got {name!r}"
    return None


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, dict, tuple)) and not value) or (
        isinstance(value, str) and not value.strip()
    )


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"a true/false value ({value})"
    return f"{type(value).__name__} {value!r}"
