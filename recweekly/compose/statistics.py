"""Counting a period's notes: pure functions of the notes and the config, no I/O, no language.

Order rules (they decide what a reader sees, so they are fixed and documented):
- Notes arrive in collection order: date, then arXiv id (NoteStore's order). Every tie below is
  broken by that order, so output never depends on file system listing order.
- `category_counts` lists categories in order of first appearance. This is the order of the daily
  report's 📊 line ("llm 2 · other 2 · discriminative-rec 3 · generative-rec 1" is neither by count
  nor by name: it follows the papers). `by_count` re-sorts any such list by count, descending,
  keeping first appearance among equals; prose ("3 discriminative, 2 LLM, …") uses that.
- "Industry" counts papers with at least one industrial organisation (affiliation industry or
  mixed); "academic" counts purely academic papers; papers whose affiliation is unknown count in
  neither, so industry + academic may be less than the total.
- Industrial teams (the overview's "Teams from …"): organizations the table knows as industry, and
  unknown ones on papers whose note says `affiliation: industry`; by paper count, then first
  appearance.
- The daily's 标签: the day's note tags by paper count, ties by name (so the line does not depend on
  which paper was collected first), capped; then the day's affiliation: `academic` or `industry`
  when every paper whose affiliation is known has that one, else `mixed`.
- Themes: grouped by the theme table's key (a note may name its theme by key or by its name in any
  language; an unknown theme groups as written), by paper count descending, then key; papers
  without a theme (or with "Other") form the "Other" group, always last. Papers inside a group,
  key papers and table rows: by score descending (papers with no score last), ties in collection
  order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from recweekly.config import Config
from recweekly.l10n.names import theme_key
from recweekly.notes.model import Note, affiliation_of

INDUSTRIAL = ("industry", "mixed")


@dataclass(frozen=True)
class PeriodStats:
    total: int
    deep_read: int
    industry: int
    academic: int
    unknown: int
    categories: tuple[tuple[str, int], ...]  # first appearance
    orgs: tuple[tuple[str, int], ...]  # paper count desc
    tags: tuple[tuple[str, int], ...]  # paper count desc
    industry_orgs: tuple[tuple[str, int], ...] = ()  # paper count desc


def first_appearance_counts(keys: Iterable[str]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    return list(counts.items())


def by_count(pairs: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    """Count descending; equal counts keep their incoming order (sorted() is stable)."""
    return sorted(pairs, key=lambda pair: -pair[1])


def category_counts(notes: list[Note]) -> list[tuple[str, int]]:
    """Categories in order of first appearance; notes without a category are not counted."""
    return first_appearance_counts(n.category for n in notes if n.category)


def org_key(name: str, config: Config) -> str:
    """The config's key for an organisation spelled any known way; unknown names stay as written."""
    org = config.find_org(name)
    return org.key if org else name.strip()


def org_counts(notes: list[Note], config: Config, *, industry_only: bool = False) -> list[tuple[str, int]]:
    """Organisations by number of papers (a paper counts once per organisation); with `industry_only`,
    the industrial teams: orgs the table knows as industry, unknown ones on an `affiliation: industry` note."""
    keys: list[str] = []
    for note in notes:
        seen: list[str] = []
        for name in note.orgs:
            org = config.find_org(name)
            if industry_only and not (org.kind == "industry" if org else note.affiliation == "industry"):
                continue
            key = org_key(name, config)
            if key not in seen:
                seen.append(key)
        keys.extend(seen)
    return by_count(first_appearance_counts(keys))


def day_tags(notes: list[Note], config: Config, limit: int, affiliation_tag: bool) -> list[str]:
    """The daily's 标签 line: the most common note tags (ties by name), capped, then the affiliation."""
    counts = dict(tag_counts(notes))
    tags = sorted(counts, key=lambda tag: (-counts[tag], tag))[:limit]
    if affiliation_tag:
        kinds = {a for a in (affiliation_of(n, config) for n in notes) if a is not None}
        if kinds:
            tags.append(kinds.pop() if len(kinds) == 1 else "mixed")
    return tags


def tag_counts(notes: list[Note]) -> list[tuple[str, int]]:
    keys: list[str] = []
    for note in notes:
        keys.extend(dict.fromkeys(note.tags))
    return by_count(first_appearance_counts(keys))


def period_stats(notes: list[Note], config: Config) -> PeriodStats:
    affiliations = [affiliation_of(n, config) for n in notes]
    industry = sum(1 for a in affiliations if a in INDUSTRIAL)
    academic = sum(1 for a in affiliations if a == "academic")
    return PeriodStats(
        total=len(notes),
        deep_read=sum(1 for n in notes if n.deep_read is not None),
        industry=industry,
        academic=academic,
        unknown=len(notes) - industry - academic,
        categories=tuple(category_counts(notes)),
        orgs=tuple(org_counts(notes, config)),
        tags=tuple(tag_counts(notes)),
        industry_orgs=tuple(org_counts(notes, config, industry_only=True)),
    )


def ranked(notes: Iterable[Note]) -> list[Note]:
    """Score descending, unscored last, ties in incoming order."""
    return sorted(notes, key=lambda n: -(n.score or 0))


def key_papers(notes: Iterable[Note], min_score: int) -> list[Note]:
    return ranked(n for n in notes if n.score is not None and n.score >= min_score)


def theme_groups(notes: list[Note], config: Config) -> list[tuple[str | None, list[Note]]]:
    """(theme key, ranked papers) by paper count then key; None ("Other") last."""
    groups: dict[str | None, list[Note]] = {}
    for note in notes:
        groups.setdefault(theme_key(note.theme, config), []).append(note)
    named = sorted((k for k in groups if k is not None), key=lambda k: (-len(groups[k]), k.casefold(), k))
    order: list[str | None] = [*named, *([None] if None in groups else [])]
    return [(theme, ranked(groups[theme])) for theme in order]
