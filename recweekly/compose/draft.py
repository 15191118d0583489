"""A period's draft: NotionNext front matter, generated regions, seeded prose and TODO markers.

`render_regions` is the contract with `recweekly fill`: region name → generated text, a pure
function of the period's notes, the config and the templates (no clock, no randomness), so a fill
with nothing changed is a no-op. `render_draft` renders the same template once and wraps each
region in its markers; everything outside the regions (front matter, the seeded per-paper prose,
the `TODO:` lines) belongs to the human from then on.

Front matter decisions:
- date: the publication day. A weekly is published on the Monday after its ISO week (2026-W10 →
  2026-03-09, as on the live blog); a daily on its own day.
- slug: `<slug of the blog name>-<year>-w<week>` for a weekly, `daily-<date>` for a daily. The same
  slug in both languages: each language has its own Notion database, and sharing the slug gives a
  post the same URL path on both sites. Slugs are unique within a language by construction.
- summary: a TODO for the human; category from `[compose]`; tags: the series' own tags from
  `[compose]` (a weekly's `weekly_tags`, plus its `weekly_note_tags` most common note tags; a daily's
  `daily_tags` plus its 标签 line).

Templates call `region(name)` for text recweekly owns and `seed(name, section=…, mentions=…)` for a
paper's section (`compose.seeds`): generated until the editor edits it, theirs after, and inserted
by `fill` for a paper that arrives later.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from recweekly.compose import statistics
from recweekly.compose.papers import PaperView, paper_view
from recweekly.compose.regions import wrap
from recweekly.compose.render import render_template
from recweekly.compose.seeds import Generated, Seed
from recweekly.config import OTHER_THEME_NAMES, Config
from recweekly.errors import InputError, Problem
from recweekly.fsutil import atomic_write_text, shown_path
from recweekly.l10n import Formatter, translations
from recweekly.l10n.fallback import in_lang
from recweekly.l10n.names import org_name, theme_name
from recweekly.l10n.typography import typeset
from recweekly.notes.days import Day, load_day
from recweekly.notes.frontmatter_text import dump_mapping
from recweekly.notes.listing import select_notes
from recweekly.notes.model import Note
from recweekly.notes.store import NoteStore
from recweekly.periods import Period

_BLANK_RUNS = re.compile(r"\n{3,}")


class DraftExistsError(InputError):
    """The draft is already there; `new` never overwrites a file a person may have edited."""


class EmptyPeriodError(InputError):
    """No notes in the period: a draft with nothing to say is almost always a wrong --week."""


def draft_path(config: Config, period: Period, lang: str) -> Path:
    return config.drafts_path / f"{period.label}.{lang}.md"


def _wrap(name: str, text: str, seed: bool = False) -> str:
    return wrap(name, text, seed=seed)


def _tidy(text: str) -> str:
    """Region text as stored: no blank lines at either end, single blank lines inside, final newline."""
    lines = [line.rstrip() for line in text.split("\n")]
    body = _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")
    return body + "\n" if body else ""


class _Regions:
    """The `region` and `seed` callables templates use: `{% call region("roundup") %}…{% endcall %}`."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.seeds: list[Seed] = []

    def _text(self, name: str, caller: Any) -> str:
        if name in self.texts:
            raise InputError(f"template defines region {name!r} twice")
        text = _tidy(typeset(str(caller())))
        self.texts[name] = text
        return text

    def region(self, name: str, caller: Any) -> str:
        return _wrap(name, self._text(name, caller)) + "\n"

    def seed(self, name: str, caller: Any, section: str = "", mentions: str = "") -> str:
        """A paper's section: `section` is the text that opens the section it sits in (its heading line
        first), `mentions` the paper's id (see `compose.seeds`)."""
        text = self._text(name, caller)
        self.seeds.append(Seed(name, text, _tidy(typeset(section)), mentions))
        return _wrap(name, text, seed=True) + "\n"

    @property
    def generated(self) -> Generated:
        return Generated(dict(self.texts), list(self.seeds))


def _check_lang(config: Config, lang: str) -> None:
    if lang not in config.languages:
        raise InputError(f"language {lang!r} is not one of this blog's languages "
                         f"({', '.join(config.languages)})")


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def publication_date(period: Period) -> dt.date:
    return period.end + dt.timedelta(days=1) if period.kind == "weekly" else period.start


def slug_for(config: Config, period: Period) -> str:
    if period.kind == "daily":
        return f"daily-{period.label}"
    return f"{_slugify(config.name) or 'weekly'}-{period.label.lower()}"


def front_matter(config: Config, period: Period, lang: str, notes: list[Note]) -> dict[str, Any]:
    _ = translations(lang).gettext
    if period.kind == "daily":
        title = _("Daily Report %(date)s") % {"date": period.label}
        category = config.compose.daily_category.get(lang, config.compose.daily_category.get("en", ""))
    else:
        title = _("%(name)s %(period)s") % {"name": config.name, "period": period.label}
        category = config.compose.weekly_category.get(lang, config.compose.weekly_category.get("en", ""))
    return {
        "title": title,
        "slug": slug_for(config, period),
        "date": publication_date(period),
        "type": "Post",
        "status": "Draft",
        "category": category,
        "tags": series_tags(config, period, notes),
        "summary": _("TODO: one-sentence summary of the post"),
        "icon": "",
        "password": "",
        "lang": lang,
        "period": period.label,
    }


def _day(config: Config, period: Period) -> Day | None:
    """A daily's record of the day (its theme and tags, kept from the imported 日报), if any."""
    return load_day(config, period.start) if period.kind == "daily" else None


def series_tags(config: Config, period: Period, notes: list[Note]) -> list[str]:
    """The post's tags: the series' own, then those drawn from the notes (see the module docstring)."""
    settings = config.compose
    if period.kind == "daily":
        day = _day(config, period)
        if day is not None and day.tags:  # the 标签 line of the day's own 日报, kept by `notes import`
            return list(dict.fromkeys([*settings.daily_tags, *day.tags]))
        drawn = statistics.day_tags(notes, config, settings.daily_note_tags, settings.daily_affiliation_tag)
        own = settings.daily_tags
    else:
        drawn = [tag for tag, _count in statistics.tag_counts(notes)[: settings.weekly_note_tags]]
        own = settings.weekly_tags
    return list(dict.fromkeys([*own, *drawn]))


def roundup_only(config: Config) -> set[str | None]:
    """Theme keys whose papers appear in the facts and the roundup only (None: papers without a theme)."""
    out: set[str | None] = set()
    for name in config.compose.roundup_only_themes:
        theme = config.find_theme(name)
        out.add(theme.key if theme else None if name.casefold() in OTHER_THEME_NAMES else name)
    return out


def _context(config: Config, period: Period, lang: str, notes: list[Note]) -> dict[str, Any]:
    trans = translations(lang)
    fmt = Formatter(lang)
    views = [paper_view(n, lang, config, trans) for n in notes]
    by_note = {id(v.note): v for v in views}

    def view(notes_: list[Note]) -> list[PaperView]:
        return [by_note[id(n)] for n in notes_]

    stats = statistics.period_stats(notes, config)

    def category_label(key: str) -> str:
        category = config.categories.get(key)
        return category.label.get(lang, key) if category else key

    def theme_label(key: str | None) -> str | None:
        """The theme's name in `lang`; an unknown theme as written (marked if in the other language)."""
        if key is None:
            return None
        return theme_name(key, lang, config) or in_lang(key, lang)

    year, week = period.iso_week
    only = roundup_only(config)
    return {
        "blog": config.name,
        "period": period,
        "series": period.kind,
        "week": week,
        "year": year,
        "range": fmt.interval(period.start, period.end),
        "papers": views,
        "ranked": view(statistics.ranked(notes)),
        "key_papers": view(statistics.key_papers(notes, config.compose.key_paper_score)),
        "key_paper_score": config.compose.key_paper_score,
        "themes": [{"key": key, "name": theme_label(key), "papers": view(group), "roundup_only": key in only}
                   for key, group in statistics.theme_groups(notes, config)],
        "stats": stats,
        "categories": [{"key": k, "label": category_label(k), "count": n} for k, n in stats.categories],
        "categories_by_count": [(category_label(k), n) for k, n in statistics.by_count(stats.categories)],
        "orgs_by_count": [(org_name(k, lang, config), n) for k, n in stats.orgs],
        "teams": [org_name(k, lang, config) for k, _n in stats.industry_orgs],
        "tags": series_tags(config, period, notes),
        "day_theme": _day_theme(_day(config, period), lang, config),
    }


def _day_theme(day: Day | None, lang: str, config: Config) -> str:
    """The day's theme in `lang`, else in another language, marked as untranslated; "" when none."""
    if day is None:
        return ""
    for candidate in (lang, *config.languages):
        if day.theme.get(candidate):
            return in_lang(day.theme[candidate], lang)
    return ""


def _render(config: Config, period: Period, lang: str, notes: list[Note]) -> tuple[str, Generated]:
    _check_lang(config, lang)
    regions = _Regions()
    context = _context(config, period, lang, notes)
    context["region"] = regions.region
    context["seed"] = regions.seed
    body = typeset(render_template(config, lang, f"{period.kind}.md.j2", context))
    body = _BLANK_RUNS.sub("\n\n", body).strip("\n") + "\n"
    return body, regions.generated


def render_parts(config: Config, store: NoteStore, period: Period, lang: str) -> Generated:
    """Every region's text (seeds included) and the seeds, from the period's notes only: what `fill` uses."""
    return _render(config, period, lang, select_notes(store, period))[1]


def render_regions(config: Config, store: NoteStore, period: Period, lang: str) -> dict[str, str]:
    """Region name → generated text (without markers), from the period's notes only."""
    return render_parts(config, store, period, lang).texts


def render_draft(config: Config, store: NoteStore, period: Period, lang: str) -> str:
    notes = select_notes(store, period)
    return _draft_text(config, period, lang, notes)


def _draft_text(config: Config, period: Period, lang: str, notes: list[Note]) -> str:
    body, _regions = _render(config, period, lang, notes)
    return "---\n" + dump_mapping(front_matter(config, period, lang, notes)) + "---\n\n" + body


def create_draft(config: Config, store: NoteStore, period: Period, lang: str, *,
                 allow_empty: bool = False, write: bool = True) -> tuple[Path, str]:
    """Render the draft and (unless `write` is False) write it; never overwrite an existing one."""
    _check_lang(config, lang)
    path = draft_path(config, period, lang)
    shown = shown_path(path, config.root)
    if write and path.exists():
        raise DraftExistsError(
            f"{shown} already exists; refresh its generated parts with `recweekly fill {shown}` "
            "(or delete it to start over)",
            [Problem(shown, "draft exists")],
        )
    notes = select_notes(store, period)
    if not notes and not allow_empty:
        raise EmptyPeriodError(
            f"no notes for {period.label} in {config.notes_dir}/; add some with `recweekly notes add` "
            "or pass --allow-empty for a draft with no papers")
    text = _draft_text(config, period, lang, notes)
    if write:
        atomic_write_text(path, text)
    return path, text

