"""Whether a draft's generated regions still match its notes: what `fill` would change, seen live.

The preview shows the file as it is (that is what `publish` sends), so a note edited after the last
`fill` does not change the page's text; it makes a region stale, and the page says so, like `check`
and `fill --check`. The regions are generated from the period's notes by `compose` (the same
function `fill` calls) and kept per period and language until a note of that period, or a blog
template, changes: reloading a draft costs a few `stat()` calls, not a render of the notes.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recweekly.compose.filling import render_generated
from recweekly.compose.regions import MARKER_PREFIX, RegionError, find_regions, replace_regions
from recweekly.config import Config
from recweekly.errors import RecweeklyError
from recweekly.notes.store import NoteStore, week_dir_name
from recweekly.periods import BadPeriod, Period, parse_period
from recweekly.preview.watch import Sources, folder_and_files


@dataclass(frozen=True)
class RegionStatus:
    """`stale`: regions a `fill` would rewrite; `edited`: regions changed by hand (fill refuses them)."""

    names: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)
    problem: str = ""  # why freshness cannot be told (broken markers, broken notes, no period)
    sources: tuple[Path, ...] = ()  # the note folders and files, and templates, they are generated from


def period_sources(config: Config, period: Period) -> tuple[Path, ...]:
    """The note folders and files a period's regions are generated from, and the blog's templates."""
    weeks = sorted({day.isocalendar()[:2] for day in period.days()})
    paths: list[Path] = []
    for year, week in weeks:
        paths += folder_and_files(config.notes_path / week_dir_name(year, week))
    paths += folder_and_files(config.templates_path, "*.j2")
    return tuple(paths)


class RegionChecker:
    """Generated regions per (period, language), rendered again only when their sources change."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, str], tuple[str, dict[str, str] | RecweeklyError]] = {}

    def status(self, text: str, display: str, meta: dict[str, Any]) -> RegionStatus | None:
        """The regions of a file's text, or None when it has none (a hand-written page)."""
        if MARKER_PREFIX not in text and "recweekly:" not in text:
            return None  # no marker, not even a broken one: nothing to scan line by line
        try:
            regions = find_regions(text, display)
        except RegionError as exc:
            return RegionStatus(problem="; ".join(str(p) for p in exc.problems) or exc.message)
        if not regions:
            return None
        names = [region.name for region in regions]
        try:
            period = parse_period(str(meta.get("period") or ""))
        except BadPeriod:
            return RegionStatus(names, problem="no valid `period` in the front matter: cannot tell which notes "
                                               "the regions come from")
        sources = period_sources(self.config, period)
        generated = self._generated(period, str(meta.get("lang") or self.config.default_lang), sources)
        if isinstance(generated, RecweeklyError):
            return RegionStatus(names, problem=f"cannot generate the regions from the notes: {generated.message}",
                                sources=sources)
        result = replace_regions(text, generated, path=display)
        return RegionStatus(names, result.changed, result.refused, sources=sources)

    def _generated(self, period: Period, lang: str, sources: tuple[Path, ...]) -> dict[str, str] | RecweeklyError:
        key = (period.label, lang)
        stamp = Sources(sources).stamp()
        with self._lock:
            cached = self._cache.get(key)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        value: dict[str, str] | RecweeklyError
        try:
            value = render_generated(self.config, NoteStore(self.config), period, lang)
        except RecweeklyError as exc:
            value = exc
        with self._lock:
            self._cache[key] = (stamp, value)
        return value
