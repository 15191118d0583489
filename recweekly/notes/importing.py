"""Importing papers from outside into notes: what `notes import` and `notes add` call.

Both take the same road: sources are read (`sources.py`), planned (`plan.py`, asking arXiv for what
no note knows), given what each new paper's HTML page says (`enrich.py`: organizations, the lead
figure), validated as a whole and only then merged into the store (`merge.py`), with the day's record
a daily report gives (`days.py`). Nothing is written unless everything can be — a paper whose page
arXiv cannot serve is written without it, and reported — and the report says what happened to every
paper. Errors are
raised as the library's error classes (InputError, NoteError, RemoteError); the CLI picks exit codes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from recweekly.config import Config
from recweekly.errors import InputError, NoteError, Problem
from recweekly.l10n.names import unknown_name_notes
from recweekly.notes.arxiv import ArxivClient, ArxivPaper, normalize_ids
from recweekly.notes.arxiv_html import ArxivHtmlClient
from recweekly.notes.arxiv_source import ArxivSource
from recweekly.notes.days import Day, check_day, day_line, merge_day
from recweekly.notes.enrich import Enricher, EnrichRun, enrich_plan
from recweekly.notes.merge import apply_plan, validate_plan
from recweekly.notes.plan import plan
from recweekly.notes.report import ImportReport
from recweekly.notes.source import ParsedSource
from recweekly.notes.sources import read_source
from recweekly.notes.store import NoteStore

Progress = Callable[[str], None]


def import_files(paths: Sequence[Path], config: Config, date_override: dt.date | None = None, *,
                 arxiv: ArxivClient | None = None, html: ArxivHtmlClient | None = None,
                 progress: Progress | None = None, write: bool = True) -> ImportReport:
    """`recweekly notes import`: read every file, then plan (asking `arxiv`, if given), read each new
    paper's HTML page (with `html`, if given: organizations, lead figure), validate, and only then
    write. Every unreadable file is reported at once, not the first alone."""
    problems: list[Problem] = []
    sources: list[ParsedSource] = []
    for path in paths:
        try:
            sources.append(read_source(Path(path), config))
        except InputError as exc:
            problems.extend(exc.problems or [Problem(path, exc.message.removeprefix(f"{path}: "))])
    if problems:
        raise InputError("nothing was imported", problems)
    return _merge(sources, config, date_override, arxiv=arxiv, html=html, progress=progress, write=write)


def add_papers(ids: Sequence[str], config: Config, collected: dt.date, *, arxiv: ArxivClient,
               html: ArxivHtmlClient | None = None, category: str | None = None, theme: str | None = None,
               orgs: Sequence[str] = (), progress: Progress | None = None, write: bool = True) -> ImportReport:
    """`recweekly notes add`: fetch the papers in one request and merge them like any source.

    Ids are checked before arXiv is asked; an id arXiv does not return fails the whole command,
    since the user named it on purpose (a digest's missing paper is merely skipped).
    """
    say = progress or _quiet
    for message in unknown_name_notes(config, theme=theme, orgs=orgs):  # "did you mean …"
        say(f"note: {message}")
    org_keys = _org_keys(orgs, config)
    wanted = normalize_ids(ids)
    fetched = arxiv.fetch(wanted)
    if fetched.missing:
        raise InputError(f"arXiv returned no paper for {len(fetched.missing)} id(s); nothing was written", [
            Problem("<arguments>", f"{arxiv_id}: no such paper on arXiv (asked for it, not in the answer); "
                    "check the id", field="ID") for arxiv_id in fetched.missing
        ])
    papers = [fetched.papers[i] for i in wanted]
    source = ArxivSource.from_papers(papers, collected, config, category=category, theme=theme,
                                     orgs=tuple(org_keys))
    report = _merge([source], config, None, html=html, progress=progress, write=write)
    report.notices += filing_notices(report, papers, collected)
    return report


def filing_notices(report: ImportReport, papers: Sequence[ArxivPaper], collected: dt.date) -> list[str]:
    """Where `notes add` filed each paper, when that may not be where the user wants it.

    A note is filed under the day it was collected (`--date`, else today). arXiv's submission date in
    another ISO week is worth saying (the paper may belong to that week's post), with the command that
    re-files it; so is an existing note whose date differs from the one asked for (never changed
    silently: it is a conflict).
    """
    submitted = {paper.arxiv: paper.published for paper in papers}
    out: list[str] = []
    wanted_week = collected.isocalendar()[:2]
    for outcome in report.outcomes:
        arxiv_id = outcome.arxiv
        if arxiv_id is None or outcome.skipped:
            continue
        day = submitted.get(arxiv_id)
        if outcome.created and day is not None and day.isocalendar()[:2] != wanted_week:
            out.append(f"{arxiv_id} was submitted to arXiv on {day} ({_week_label(day)}) but is filed under "
                       f"{collected} ({_week_label(collected)}), the day it was collected; if it belongs to the "
                       f"week it was submitted: recweekly notes move {arxiv_id} --date {day}")
        if "date" in outcome.conflicts:
            out.append(f"{arxiv_id} is already filed under another day (kept); to re-file it under {collected}: "
                       f"recweekly notes move {arxiv_id} --date {collected}")
    return out


def _week_label(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _merge(sources: Sequence[ParsedSource], config: Config, date_override: dt.date | None, *,
           arxiv: ArxivClient | None = None, html: ArxivHtmlClient | None = None,
           progress: Progress | None = None, write: bool) -> ImportReport:
    store = NoteStore(config)
    planned = plan(sources, store, date_override, arxiv=arxiv, progress=progress)
    days = _days(sources, date_override)
    validate_plan(planned, store, config)  # before arXiv's pages are asked for: a broken note stops it all
    run = EnrichRun()
    if html is not None and enrich_plan(planned, store, Enricher(config, html, progress), run):
        validate_plan(planned, store, config)
    broken = [problem for day in days for problem in check_day(config, day.date)]
    if broken:
        raise NoteError("nothing was written: fix these first", broken)
    report = apply_plan(planned, store, write=write)
    report.remarks.extend(day_line(merge_day(config, day, write=write), config) for day in days)
    report.remarks.extend(run.lines(config))
    report.failures = run.failures
    return report


def _days(sources: Sequence[ParsedSource], date_override: dt.date | None) -> list[Day]:
    """The day records the sources give (a daily report's 主题 and 标签), one per day."""
    days: dict[dt.date, Day] = {}
    for source in sources:
        day = date_override or source.date
        if day is not None and (source.day_theme or source.day_tags):
            days.setdefault(day, Day.from_report(day, source.day_theme, source.day_tags))
    return list(days.values())


def _org_keys(names: Sequence[str], config: Config) -> list[str]:
    """Names from the org table become its keys (快手 -> Kuaishou); others are kept as written."""
    keys: list[str] = []
    for name in names:
        org = config.find_org(name)
        key = org.key if org else name.strip()
        if key and key not in keys:
            keys.append(key)
    return keys


def _quiet(message: str) -> None:
    """No progress wanted: library callers that print nothing."""
