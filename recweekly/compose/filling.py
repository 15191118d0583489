"""`fill`: refresh the generated regions of drafts from the current notes, one file at a time.

Policy for several files: every file is planned first (read, markers parsed, regions rendered,
hand edits detected); then each file without problems is written atomically, and each file with a
problem is left byte-for-byte untouched. A hand-edited region in one draft thus does not block
refreshing another, no file is ever half-filled, and the command still exits 1 so CI and people
notice. `--check` plans the same way and writes nothing.

The draft's front matter says what it covers (`period`, `lang`), so a draft is refilled from the
same week's or day's notes it was created from, whatever today is. A UTF-8 byte order mark, if the
file has one, is kept.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from recweekly.compose.regions import FillResult, RegionError, replace_regions
from recweekly.config import Config
from recweekly.errors import Problem, RecweeklyError
from recweekly.fsutil import atomic_write_text, decode_utf8
from recweekly.periods import BadPeriod, Period, parse_period

Renderer = Callable[[Config, object, Period, str], dict[str, str]]


def render_generated(config: Config, store: object, period: Period, lang: str) -> dict[str, str]:
    """The generated regions for a period and language (compose.draft owns the content)."""
    from recweekly.compose.draft import render_regions

    return render_regions(config, store, period, lang)  # type: ignore[arg-type]


@dataclass
class FillPlan:
    """What filling one file would do. `new_text` is only meaningful when `problems` is empty."""

    path: Path
    display: str
    original: str = ""
    new_text: str = ""
    result: FillResult | None = None
    problems: list[Problem] = field(default_factory=list)
    bom: bool = False
    has_regions: bool = True

    @property
    def changed(self) -> list[str]:
        return self.result.changed if self.result else []

    @property
    def would_change(self) -> bool:
        return not self.problems and self.new_text != self.original

    @property
    def notes(self) -> list[str]:
        """Non-fatal remarks: generated regions the file lacks, regions nothing generates."""
        if not self.result:
            return []
        out = [f"{self.display}: no region {name!r} in the file (it is generated but its markers were removed; "
               "nothing added)" for name in self.result.missing]
        out += [f"{self.display}: region {name!r} is not generated for this post; left as it is"
                for name in self.result.unknown]
        return out


def display_path(path: Path, root: Path | None = None) -> str:
    """Path as shown in messages: relative to the cwd (or `root`) when it is inside it."""
    base = root or Path.cwd()
    try:
        return str(Path(path).resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)


class _RenderCache:
    """Render each (period, lang) once per run, and remember failures so they are reported once."""

    def __init__(self, config: Config, renderer: Renderer | None) -> None:
        self.config = config
        self.renderer = renderer
        self.store: object | None = None
        self.cache: dict[tuple[str, str], dict[str, str] | RecweeklyError] = {}

    def get(self, period: Period, lang: str) -> dict[str, str] | RecweeklyError:
        key = (period.label, lang)
        if key not in self.cache:
            if self.store is None:
                from recweekly.notes.store import NoteStore

                self.store = NoteStore(self.config)
            renderer = self.renderer or render_generated
            try:
                self.cache[key] = renderer(self.config, self.store, period, lang)
            except RecweeklyError as exc:
                self.cache[key] = exc
        return self.cache[key]


def period_and_lang(text: str, display: str, config: Config) -> tuple[Period | None, str, list[Problem]]:
    """Read `period` and `lang` from the front matter, with problems naming the line."""
    from recweekly.notes.frontmatter_text import FrontMatterProblem, parse_front_matter

    try:
        fm = parse_front_matter(text, display)
    except FrontMatterProblem as exc:
        return None, config.default_lang, [exc.problem]
    problems: list[Problem] = []
    lang = fm.data.get("lang") or config.default_lang
    if lang not in config.languages:
        problems.append(Problem(display, f"expected one of {', '.join(config.languages)}, got {lang!r}",
                                fm.line_of("lang"), "lang"))
    raw = fm.raw.get("period", fm.data.get("period"))
    period: Period | None = None
    if raw in (None, ""):
        problems.append(Problem(display, "missing: fill needs the period the post covers "
                                         "(e.g. `period: 2026-W10` or `period: 2026-06-23`)",
                                fm.line_of("period") or fm.first_line, "period"))
    else:
        try:
            period = parse_period(str(raw))
        except BadPeriod as exc:
            problems.append(Problem(display, str(exc), fm.line_of("period"), "period"))
    return period, str(lang), problems


def plan_fill(
    config: Config,
    path: Path,
    *,
    force: bool = False,
    renderer: Renderer | None = None,
    cache: _RenderCache | None = None,
    display: str | None = None,
) -> FillPlan:
    """Work out what filling `path` would do, without writing anything."""
    shown = display or display_path(path)
    plan = FillPlan(path=Path(path), display=shown)
    cache = cache or _RenderCache(config, renderer)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        plan.problems.append(Problem(shown, "no such file"))
        return plan
    except OSError as exc:
        plan.problems.append(Problem(shown, f"cannot read ({exc.strerror})"))
        return plan
    plan.bom = data.startswith(codecs.BOM_UTF8)
    try:
        text = decode_utf8(data, shown)
    except RecweeklyError as exc:
        plan.problems.extend(exc.problems or [Problem(shown, exc.message)])
        return plan
    plan.original = plan.new_text = text
    from recweekly.compose.regions import find_regions

    try:
        if not find_regions(text, shown):
            plan.has_regions = False
            return plan  # a hand-written page: nothing to fill, nothing wrong
    except RegionError as exc:
        plan.problems.extend(exc.problems)
    period, lang, problems = period_and_lang(text, shown, config)
    plan.problems.extend(problems)
    if plan.problems or period is None:
        return plan
    generated = cache.get(period, lang)
    if isinstance(generated, RecweeklyError):
        plan.problems.append(Problem(shown, f"cannot generate regions for {period.label} ({lang}): "
                                            f"{generated.message}"))
        plan.problems.extend(generated.problems)
        return plan
    result = replace_regions(text, generated, force=force, path=shown)
    plan.result = result
    for name in result.refused:
        region = result.region(name)
        assert region is not None
        plan.problems.append(Problem(
            shown,
            f"region {name!r} was edited by hand (checksum {region.actual} != recorded {region.recorded}); "
            "move your text outside the recweekly:begin/end markers, or run `recweekly fill --force` "
            "to overwrite it",
            region.begin_line,
        ))
    if not plan.problems:
        plan.new_text = result.text
    return plan


def make_cache(config: Config, renderer: Renderer | None = None) -> _RenderCache:
    return _RenderCache(config, renderer)


def write_plan(plan: FillPlan) -> bool:
    """Write a clean plan's text atomically; True if the file changed."""
    if plan.problems or not plan.would_change:
        return False
    atomic_write_text(plan.path, ("\ufeff" if plan.bom else "") + plan.new_text)
    return True
