"""The index as a dashboard: every draft and post with what is left to do on it.

Listing the blog reads front matter and counts marks — text work, no Markdown parse — and keeps each
row until its file changes, so the index costs a `stat()` per file once the rows are known. What
needs a render (word count, stale regions, publish warnings) is a per-post summary the page's
script asks for row by row (`summary`); each costs one post, from the same cache the article
pages use, so opening the index never renders the whole blog in one request.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from recweekly.config import Config
from recweekly.errors import RecweeklyError
from recweekly.fsutil import decode_utf8
from recweekly.markdown.marks import count_marks
from recweekly.post import declared_keys, parse_post
from recweekly.preview.article import Previewer, Reading
from recweekly.preview.page import IndexRow
from recweekly.preview.paths import preview_path, relative_to_root
from recweekly.preview.watch import Sources, state

SUMMARY_PATH = "/_preview/summary"


def content_files(config: Config) -> tuple[list[Path], Sources]:
    """Markdown files under drafts/ and posts/ (no dotted names), and what changes when one is added."""
    files: list[Path] = []
    folders: list[Path] = []
    for folder in (config.drafts_path, config.posts_path):
        folders.append(folder)
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            rel = relative_to_root(config, path)
            if rel is None or any(part.startswith(".") for part in rel.split("/")):
                continue
            if path.is_dir():
                folders.append(path)
            elif path.suffix == ".md":
                files.append(path)
    return files, Sources(folders + files)


class Dashboard:
    """Index rows of one blog, each kept until its file changes."""

    def __init__(self, config: Config, previewer: Previewer) -> None:
        self.config = config
        self.previewer = previewer
        self._lock = threading.Lock()
        self._rows: dict[Path, tuple[object, IndexRow]] = {}
        self._summaries: dict[Path, tuple[Sources, dict[str, Any]]] = {}  # figures only: no parsed post kept

    def rows(self) -> tuple[list[IndexRow], Sources]:
        files, sources = content_files(self.config)
        return [self._row(path) for path in files], sources

    def sources(self) -> Sources:
        """What the index shows: every draft and post file, and the folders that hold them."""
        return content_files(self.config)[1]

    def _row(self, path: Path) -> IndexRow:
        stamp = state(path)
        with self._lock:
            known = self._rows.get(path)
        if known is not None and known[0] == stamp:
            return known[1]
        row = self._read_row(path)
        with self._lock:
            self._rows[path] = (stamp, row)
        return row

    def _read_row(self, path: Path) -> IndexRow:
        rel = relative_to_root(self.config, path) or path.name
        href = preview_path(rel)
        summary_url = f"{SUMMARY_PATH}?path={preview_path(rel).lstrip('/')}"
        try:
            text = decode_utf8(path.read_bytes(), rel)
        except (OSError, RecweeklyError) as exc:
            return IndexRow(href, rel, rel, problem=str(exc), cells=_broken(str(exc)))
        post, problems = parse_post(text, Path(rel), self.config.languages, declared_keys(self.config))
        marks = count_marks(text)
        if post is None:
            message = "; ".join(str(p) for p in problems)
            return IndexRow(href, rel, rel, marks=marks, problem=message, cells=_broken(message))
        date = post.date.isoformat()[:10] if post.date is not None else ""
        return IndexRow(href, rel, post.title, post.lang, post.status, date, marks, summary_url=summary_url)

    def summary(self, path: Path) -> dict[str, Any]:
        """The row's rendered figures, as the index script fills them in; kept until a source changes."""
        with self._lock:
            known = self._summaries.get(path)
        if known is not None and not known[0].changed():
            return known[1]
        try:
            reading = self.previewer.read(path)
        except RecweeklyError as exc:
            return {"cells": {name: {"text": text, "alert": True} for name, text in _broken(str(exc)).items()}}
        summary = _summary(reading)
        with self._lock:
            self._summaries[path] = (reading.sources, summary)
        return summary


def _summary(reading: Reading) -> dict[str, Any]:
    regions, warnings = reading.regions, reading.warnings
    if regions is None:
        region_cell = {"text": "—", "title": "no generated regions"}
    elif regions.problem:
        region_cell = {"text": "?", "title": regions.problem, "alert": True}
    elif regions.stale or regions.edited:
        names = regions.stale + [f"{name} (edited by hand)" for name in regions.edited]
        region_cell = {"text": ", ".join(names), "title": "run `recweekly fill` to refresh", "alert": True}
    else:
        region_cell = {"text": "up to date", "title": ", ".join(regions.names)}
    return {"cells": {
        "words": {"text": str(reading.words.words), "title": f"{reading.words.minutes} min"},
        "regions": region_cell,
        "warnings": {"text": str(len(warnings)), "title": "\n".join(warnings[:20]), "alert": bool(warnings)},
    }}


def _broken(message: str) -> dict[str, str]:
    short = message if len(message) <= 60 else message[:59] + "…"
    return {"words": "—", "regions": "—", "warnings": f"cannot render: {short}"}
