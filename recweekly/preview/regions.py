"""Whether a draft's generated regions still match its notes: what `fill` would change, seen live.

The preview shows the file as it is (that is what `publish` sends), so a note edited after the last
`fill` does not change the page's text; it makes the draft stale, and the page says so. The verdict
is `fill --check`'s own (`compose.filling.plan_fill`, as `check` asks it): regions it would rewrite,
paper sections it would add or remove, regions edited by hand that it would refuse. Only the
generation is kept here, per period and language, until a note of that period or a blog template
changes: reloading a draft costs a few `stat()` calls, not a render of the notes.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from recweekly.compose.filling import plan_fill, render_generated
from recweekly.compose.regions import MARKER_PREFIX
from recweekly.compose.seeds import Generated
from recweekly.config import Config
from recweekly.errors import RecweeklyError
from recweekly.notes.store import NoteStore, week_dir_name
from recweekly.periods import Period
from recweekly.post import Post
from recweekly.preview.watch import Sources, folder_and_files


@dataclass(frozen=True)
class RegionStatus:
    """`stale`: what a `fill` would change; `edited`: regions changed by hand (fill refuses them)."""

    names: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)
    problem: str = ""  # why fill cannot run (broken markers, broken notes, no period, …)
    remarks: list[str] = field(default_factory=list)  # fill's notes, e.g. a section whose paper left
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
    """`fill --check` for one file, with the generated text per (period, language) kept while its sources stay."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, str], tuple[str, Generated | RecweeklyError]] = {}

    def status(self, post: Post, display: str) -> RegionStatus | None:
        """The regions of a post's file (as just read), or None when it has none (a hand-written page)."""
        text = post.text
        if MARKER_PREFIX not in text and "recweekly:" not in text:
            return None  # no marker, not even a broken one: nothing for fill to do
        used: list[tuple[Path, ...]] = []

        def generate(config: Config, store: object, period: Period, lang: str) -> Generated:
            sources = period_sources(config, period)
            used.append(sources)
            made = self._generated(period, lang, sources)
            if isinstance(made, RecweeklyError):
                raise made
            return made

        plan = plan_fill(self.config, post.path, renderer=generate, display=display, text=text, front=post.front)
        if not plan.has_regions:
            return None
        sources = used[0] if used else ()
        result = plan.result
        if result is None:
            return RegionStatus(problem="; ".join(str(p) for p in plan.problems), sources=sources)
        names = [region.name for region in result.regions]
        others = plan.problems[len(result.refused):]  # fill reports the refused regions first
        remarks = [note.split(": ", 1)[-1] for note in plan.notes]
        return RegionStatus(names, plan.changed, list(result.refused), "; ".join(str(p) for p in others), remarks,
                            sources)

    def _generated(self, period: Period, lang: str, sources: tuple[Path, ...]) -> Generated | RecweeklyError:
        key = (period.label, lang)
        stamp = Sources(sources).stamp()
        with self._lock:
            cached = self._cache.get(key)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        value: Generated | RecweeklyError
        try:
            value = Generated.of(render_generated(self.config, NoteStore(self.config), period, lang))
        except RecweeklyError as exc:
            value = exc
        with self._lock:
            self._cache[key] = (stamp, value)
        return value
