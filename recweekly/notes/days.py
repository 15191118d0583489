"""The day's own record: the 主题 (theme line) and 标签 (tags) a daily report gives the whole day.

Notes are one per paper, but a 日报 also says something about the day — its theme and its tags — and
the daily is rebuilt from notes only if that is kept too. It lives beside the week's notes as
`notes/<ISO year>/W<week>/<date>.day.yml`, a YAML mapping:

    date: 2026-06-23
    theme:
      zh: 推荐扩展的代价与 LLM 驱动的评估新范式
    tags:
    - parameter-scaling

(`.yml`, not `.md`, so the note store never takes it for a paper). Importing a report creates it or
fills its empty keys, at the text level like a note (comments and hand edits kept); a differing
value is a conflict, kept. The daily draft shows the theme in the post's language (marked when only
the other language has one) and the tags, instead of a TODO and the papers' most used tags.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recweekly.config import SUPPORTED_LANGS, Config
from recweekly.errors import NoteError, Problem
from recweekly.fsutil import atomic_write_text, read_text, shown_path
from recweekly.l10n.typography import script_lang
from recweekly.notes.fill_keys import MergeResult
from recweekly.notes.frontmatter_text import FrontMatterProblem, dump_mapping, parse_front_matter, replace_keys
from recweekly.notes.report import PaperOutcome
from recweekly.notes.store import week_dir_name

SUFFIX = ".day.yml"


@dataclass(frozen=True)
class Day:
    date: dt.date
    theme: dict[str, str] = field(default_factory=dict)  # per language
    tags: tuple[str, ...] = ()

    @classmethod
    def from_report(cls, date: dt.date, theme: str | None, tags: tuple[str, ...]) -> Day:
        """A report's theme line is in the report's language: Chinese when it has Han characters."""
        text = (theme or "").strip()
        return cls(date, {script_lang(text) or "zh": text} if text else {}, tags)


def day_path(config: Config, date: dt.date) -> Path:
    year, week, _ = date.isocalendar()
    return config.notes_path / week_dir_name(year, week) / f"{date.isoformat()}{SUFFIX}"


def load_day(config: Config, date: dt.date) -> Day | None:
    """The day's record, or None; a broken one is an error naming its file, line and key."""
    path = day_path(config, date)
    if not path.is_file():
        return None
    day, problems = _parse(read_text(path), shown_path(path, config.root), date)
    if day is None:
        raise NoteError("the day's record cannot be read", problems)
    return day


def merge_day(config: Config, day: Day, *, write: bool = True) -> MergeResult:
    """Create the day's record, or fill its empty keys; a differing value is kept and reported."""
    path = day_path(config, day.date)
    result = MergeResult(path)
    wanted = {"theme": dict(day.theme), "tags": list(day.tags)}
    if not path.is_file():
        result.created = True
        if write:
            atomic_write_text(path, dump_mapping({"date": day.date, **wanted}))
        return result
    text = read_text(path)
    current, problems = _parse(text, shown_path(path, config.root), day.date)
    if current is None:
        raise NoteError("cannot merge into a broken day record; fix it first", problems)
    fm = parse_front_matter(_wrap(text), path)
    updates: dict[str, Any] = {}
    theme = dict(current.theme)
    for lang, value in day.theme.items():
        if lang not in theme:
            theme[lang] = value
        elif theme[lang] != value:
            result.conflicts.append(f"theme.{lang}")
    if theme != current.theme:
        updates["theme"] = theme
    if day.tags and not current.tags:
        updates["tags"] = list(day.tags)
    elif day.tags and list(day.tags) != list(current.tags):
        result.conflicts.append("tags")
    result.filled = list(updates)
    if updates and write:
        atomic_write_text(path, _unwrap(replace_keys(_wrap(text), fm, updates)))
    return result


def day_line(result: MergeResult, config: Config) -> str:
    """The report's line for the day's record, like a paper's."""
    outcome = PaperOutcome(source="the day's theme and tags", arxiv=None, title="", path=result.path,
                           created=result.created, filled=result.filled, conflicts=result.conflicts)
    return outcome.line_for(config.root) + "  (the day's theme and tags)"


def check_day(config: Config, date: dt.date) -> list[Problem]:
    """Problems that would stop a merge into the day's record (checked before anything is written)."""
    path = day_path(config, date)
    if not path.is_file():
        return []
    return _parse(read_text(path), shown_path(path, config.root), date)[1]


def _parse(text: str, shown: str, date: dt.date) -> tuple[Day | None, list[Problem]]:
    try:
        fm = parse_front_matter(_wrap(text), shown)
    except FrontMatterProblem as exc:
        problem = exc.problem
        return None, [Problem(shown, problem.message, problem.line - 1 if problem.line else None, problem.field)]
    problems: list[Problem] = []

    def bad(key: str, message: str) -> None:
        line = fm.line_of(key)
        problems.append(Problem(shown, message, line - 1 if line else 1, key))

    for key in fm.data:
        if key not in ("date", "theme", "tags"):
            bad(str(key), "unknown key; a day's record has date, theme, tags")
    if str(fm.data.get("date")) != date.isoformat():
        bad("date", f"expected {date.isoformat()}, the day this file is named after")
    theme = fm.data.get("theme") or {}
    if not isinstance(theme, dict) or not all(k in SUPPORTED_LANGS and isinstance(v, str) for k, v in theme.items()):
        bad("theme", "expected one line per language, e.g. 'zh: …' indented under theme:")
        theme = {}
    tags = fm.data.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        bad("tags", "expected a list of tags (one '- tag' per line)")
        tags = []
    if problems:
        return None, problems
    return Day(date, {k: v.strip() for k, v in theme.items() if v.strip()}, tuple(tags)), []


def _wrap(text: str) -> str:
    """The record as front matter, so the note machinery (key lines, text-level edits) serves it too."""
    return "---\n" + text + ("" if text.endswith("\n") else "\n") + "---\n"


def _unwrap(text: str) -> str:
    return text.removeprefix("---\n").removesuffix("---\n")

