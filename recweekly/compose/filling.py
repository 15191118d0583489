"""`fill`: refresh the generated regions of drafts from the current notes, one file at a time.

Policy for several files: every file is planned first (read, markers parsed, regions rendered,
hand edits detected); then each file without problems is written atomically, and each file with a
problem is left byte-for-byte untouched. A hand-edited region in one draft thus does not block
refreshing another, no file is ever half-filled, and the command still exits 1 so CI and people
notice. `--check` plans the same way and writes nothing.

The draft's front matter says what it covers (`period`, `lang`), so a draft is refilled from the
same week's or day's notes it was created from, whatever today is. A UTF-8 byte order mark, if the
file has one, is kept.

Regions are refreshed first (`compose.regions`), then seeds are placed (`compose.seeds`): a paper
that arrived after the draft was made gets its section as well as its line in the facts and the
roundup, so a draft is never half-filled.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from recweekly.compose.draft import render_parts
from recweekly.compose.regions import FillResult, RegionError, find_regions, replace_regions
from recweekly.compose.seeds import Generated, Placement, Seed, place_seeds
from recweekly.config import Config
from recweekly.errors import Problem, RecweeklyError
from recweekly.fsutil import atomic_write_text, decode_utf8, shown_path
from recweekly.notes.frontmatter_text import FrontMatter, FrontMatterProblem, parse_front_matter
from recweekly.notes.store import NoteStore
from recweekly.periods import BadPeriod, Period, parse_period

Renderer = Callable[[Config, object, Period, str], "Generated | dict[str, str]"]


def render_generated(config: Config, store: object, period: Period, lang: str) -> Generated:
    """The generated regions and seeds for a period and language (compose.draft owns the content)."""
    return render_parts(config, store, period, lang)  # type: ignore[arg-type]


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
    placement: Placement | None = None
    period: Period | None = None

    @property
    def changed(self) -> list[str]:
        """What a fill changes, as the fill report names it: regions, and sections added or removed."""
        out = list(self.result.changed) if self.result else []
        if self.placement:
            out += [f"added the section of {seed.mentions} (under {seed.heading!r})"
                    for seed in self.placement.inserted]
            out += [f"removed the untouched section {name!r} (its paper is no longer among the notes)"
                    for name in self.placement.removed]
        return out

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
        seeds = {r.name for r in self.result.regions if r.seed}
        out += [f"{self.display}: region {name!r} is not generated for this post; left as it is"
                for name in self.result.unknown if name not in seeds]
        if self.placement:
            out += [f"{self.display}:{region.begin_line}: {orphan_message(region.name, self.period)}"
                    for region in self.placement.orphans]
        return out


def orphan_message(name: str, period: Period | None) -> str:
    week = f" of {period.label}" if period else ""
    return (f"section {name!r} was edited but its paper is no longer among the notes{week} (moved to another "
            "week or deleted): delete the section with its markers, or file the note back in this period")


def unplaced_message(seed: Seed) -> str:
    return (f"paper {seed.mentions} has no section in this post, and there is no {seed.heading!r} section "
            "nor any other theme section to put one beside; "
            f"add that heading, then run `recweekly fill` (it inserts the seeded section), or write the section "
            f"by hand with the id in its heading")


class _RenderCache:
    """Render each (period, lang) once per run, and remember failures so they are reported once."""

    def __init__(self, config: Config, renderer: Renderer | None) -> None:
        self.config = config
        self.renderer = renderer
        self.store: object | None = None
        self.cache: dict[tuple[str, str], Generated | RecweeklyError] = {}

    def get(self, period: Period, lang: str) -> Generated | RecweeklyError:
        key = (period.label, lang)
        if key not in self.cache:
            if self.store is None:
                self.store = NoteStore(self.config)
            renderer = self.renderer or render_generated
            try:
                self.cache[key] = Generated.of(renderer(self.config, self.store, period, lang))
            except RecweeklyError as exc:
                self.cache[key] = exc
        return self.cache[key]


def period_and_lang(text: str, display: str, config: Config,
                    front: FrontMatter | None = None) -> tuple[Period | None, str, list[Problem]]:
    """Read `period` and `lang` from the front matter (`front`, when the caller has parsed `text`
    already), with problems naming the line."""
    if front is not None:
        fm = front
    else:
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
    text: str | None = None,
    front: FrontMatter | None = None,
) -> FillPlan:
    """Work out what filling `path` would do, without writing anything. `text` (and its `front`
    matter): the file as the caller has just read it — the preview, which judges the text it shows."""
    shown = display or shown_path(path)
    plan = FillPlan(path=Path(path), display=shown)
    cache = cache or _RenderCache(config, renderer)
    if text is None:
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
    try:
        if not find_regions(text, shown):
            plan.has_regions = False
            return plan  # a hand-written page: nothing to fill, nothing wrong
    except RegionError as exc:
        plan.problems.extend(exc.problems)
    period, lang, problems = period_and_lang(text, shown, config, front)
    plan.period = period
    plan.problems.extend(problems)
    if plan.problems or period is None:
        return plan
    generated = cache.get(period, lang)
    if isinstance(generated, RecweeklyError):
        plan.problems.append(Problem(shown, f"cannot generate regions for {period.label} ({lang}): "
                                            f"{generated.message}"))
        plan.problems.extend(generated.problems)
        return plan
    seeds = generated.seeds
    result = replace_regions(text, generated.texts, force=force, path=shown, seeds={seed.name for seed in seeds})
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
    if plan.problems:
        return plan
    placement = place_seeds(result.text, seeds, shown)
    plan.placement = placement
    line = _first_line_of(text, "<!-- recweekly:begin")
    plan.problems.extend(Problem(shown, unplaced_message(seed), line) for seed in placement.unplaced)
    if not plan.problems:
        plan.new_text = placement.text
    return plan


def _first_line_of(text: str, marker: str) -> int | None:
    index = text.find(marker)
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def make_cache(config: Config, renderer: Renderer | None = None) -> _RenderCache:
    return _RenderCache(config, renderer)


def write_plan(plan: FillPlan) -> bool:
    """Write a clean plan's text atomically; True if the file changed."""
    if plan.problems or not plan.would_change:
        return False
    atomic_write_text(plan.path, ("\ufeff" if plan.bom else "") + plan.new_text)
    return True
