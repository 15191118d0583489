"""`recweekly notes …`: collect and list paper notes.

Each command parses its options, loads the config, calls one function of `recweekly.notes` and
prints what it returns. The library is imported inside the commands, when one runs: `recweekly
notes --help` must not load YAML, the importers or the arXiv client.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from recweekly.cache_folder import CacheFolder
from recweekly.commands._common import date_option, get_config, today, week_option
from recweekly.errors import RemoteError
from recweekly.fsutil import shown_path
from recweekly.periods import week_of

if TYPE_CHECKING:
    from recweekly.config import Config
    from recweekly.notes.arxiv_html import ArxivHtmlClient


@click.group()
def notes() -> None:
    """Collect and list paper notes.

    \b
    Notes live in notes/<year>/W<week>/<arxiv id>.md: YAML front matter
    (arxiv, title, date, category, orgs, score, summary, …) and free notes.
    """


@notes.command("list")
@click.option("--week", "week", metavar="YYYY-Www", help="Only this ISO week, e.g. 2026-W10.")
@click.option("--date", "day", metavar="YYYY-MM-DD", help="Only this day, e.g. 2026-06-23.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def list_command(week: str | None, day: str | None, as_json: bool) -> None:
    """List the notes of a period (all notes if none is given).

    \b
    Examples:
      recweekly notes list --week 2026-W10
      recweekly notes list --date 2026-06-23 --json
    """
    from recweekly.notes.listing import (  # lazy: start-up
        list_notes,
        table_lines,
    )

    if week and day:
        raise click.UsageError("give --week or --date, not both")
    period = week_option(week) or date_option(day)
    rows = list_notes(get_config(), period)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no notes" + (f" in {period.label}" if period else ""), err=True)
        return
    for line in table_lines(rows):
        click.echo(line)
    click.echo(f"{len(rows)} note(s)", err=True)


@notes.command("add")
@click.argument("ids", nargs=-1, required=True, metavar="ID...")
@click.option("--date", "day", metavar="YYYY-MM-DD",
              help="The day the notes were collected (decides their week). Default: today.")
@click.option("--category", metavar="KEY", help="Category key from the config, e.g. discriminative-rec.")
@click.option("--theme", metavar="TEXT", help="Section of the weekly the papers belong to.")
@click.option("--org", "orgs", multiple=True, metavar="NAME",
              help="Organization behind the papers (repeatable); names from the org table are canonicalised.")
@click.option("--no-enrich", is_flag=True,
              help="Do not read the papers' HTML pages (organizations, lead figure).")
@click.option("--dry-run", is_flag=True, help="Fetch and report what would be created or filled; write nothing.")
def add_command(ids: tuple[str, ...], day: str | None, category: str | None, theme: str | None,
              orgs: tuple[str, ...], no_enrich: bool, dry_run: bool) -> None:
    """Fetch papers from the arXiv API and write a note for each.

    IDs may be 2603.03988, 2603.03988v2, arXiv:2603.03988, an arxiv.org
    abs/pdf URL or an old-style id (cs/0112017). All ids go out in one
    request. An existing note is never overwritten: only its empty fields
    are filled, and differing values are reported as conflicts.

    A note is filed under the day it was collected (--date, else today).
    When arXiv's submission date falls in another ISO week, a note says
    so, with the `recweekly notes move` command that re-files it.

    Each paper's HTML page (https://arxiv.org/html/ID) is read too, for the
    organizations its authors name and its lead figure (saved next to the
    note); see `recweekly notes enrich --help`. --no-enrich skips it.

    The API address comes from RECWEEKLY_ARXIV_API_URL (default
    https://export.arxiv.org/api/query), the HTML pages' from
    RECWEEKLY_ARXIV_HTML_URL (default https://arxiv.org/html). Exit codes:
    0 ok, 1 bad or unknown id, 3 arXiv unreachable; on any error no file
    is changed (a paper whose HTML page fails is reported and written
    without what the page would have given).

    \b
    Examples:
      recweekly notes add 2603.03988
      recweekly notes add arXiv:2603.03988v2 https://arxiv.org/abs/2603.04567 \\
          --category generative-rec --org Kuaishou --date 2026-03-02
    """
    from recweekly.notes.arxiv import client_from_env  # lazy: start-up
    from recweekly.notes.importing import add_papers  # lazy: start-up

    config = get_config()
    if category is not None and category not in config.categories:
        raise click.BadParameter(f"unknown category {category!r}; expected one of {', '.join(config.categories)}",
                                 param_hint="--category")
    period = date_option(day)
    report = add_papers(ids, config, period.start if period else today(), category=category, theme=theme,
                        orgs=orgs, arxiv=client_from_env(os.environ, progress=_progress),
                        html=None if no_enrich else _html_client(config), progress=_progress, write=not dry_run)
    for line in report.lines(config.root):
        click.echo(line)
    for notice in report.notices:
        _progress(f"note: {notice}")


@notes.command("move")
@click.argument("arxiv_id", metavar="ID")
@click.option("--date", "day", metavar="YYYY-MM-DD", help="The day to file the note under (its new `date:`).")
@click.option("--week", "week", metavar="YYYY-Www",
              help="The ISO week to file it under (same weekday; its date is kept if already in that week).")
@click.option("--dry-run", is_flag=True, help="Say what would be moved; change nothing.")
def move_command(arxiv_id: str, day: str | None, week: str | None, dry_run: bool) -> None:
    """Re-file a note under another day or week (git mv when tracked).

    Sets the note's `date:` (only its value changes; every other byte
    stays) and moves the file to notes/<year>/W<week>/. With neither
    --date nor --week the note is filed where its own date says: the
    fix for a note `check` reports in the wrong week folder. Drafts of
    the weeks or days it leaves and joins are named: refresh them with
    `recweekly fill`. Exit codes: 0 ok, 1 no such note, a broken note or
    the destination exists (nothing changed), 2 bad options.

    \b
    Examples:
      recweekly notes move 2603.03988 --date 2026-03-04
      recweekly notes move 2603.03988 --week 2026-W10
      recweekly notes move 2603.03988          # to the week its date names
    """
    from recweekly.notes.filing import move_note  # lazy: start-up

    if week and day:
        raise click.UsageError("give --date or --week, not both")
    period = date_option(day)
    config = get_config()
    result = move_note(config, arxiv_id, day=period.start if period else None, week=week_option(week),
                       write=not dry_run)
    source, destination = (shown_path(p, config.root) for p in (result.source, result.destination))
    if not result.changed:
        click.echo(f"{source}: already filed under {result.old_date}; nothing to do")
        return
    how = "dry run: nothing changed" if dry_run else result.git
    dates = f"date: {result.old_date} -> {result.new_date}" if result.new_date != result.old_date else \
        f"date: {result.old_date}"
    click.echo(f"{source} -> {destination} ({how}; {dates})")
    for draft in result.drafts:
        _progress(f"note: {shown_path(draft, config.root)} covers this note's old or new day; "
                  f"run `recweekly fill {shown_path(draft, config.root)}`")


@notes.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE...")
@click.option("--date", "day", metavar="YYYY-MM-DD",
              help="Date for the notes, overriding the one in the file (heading or file name).")
@click.option("--offline", is_flag=True,
              help="Do not ask arXiv anything: rows no note matches are skipped instead of looked up, and no "
                   "HTML page is read.")
@click.option("--no-enrich", is_flag=True,
              help="Do not read the papers' HTML pages (organizations, lead figure).")
@click.option("--dry-run", is_flag=True, help="Report what would be created or filled; write nothing.")
def import_command(files: tuple[Path, ...], day: str | None, offline: bool, no_enrich: bool, dry_run: bool) -> None:
    """Turn daily arXiv digests and daily reports (日报) into notes.

    The format is detected from the content. A digest gives one note per
    paper (id, title, authors, arXiv category, TL;DR as summary.zh, details
    and abstract in the body, organizations recognised in the text, the
    model named before the title's colon, online results from its Result
    part as highlights, a suggested category and theme). A daily report
    gives model, category, affiliation, scores and key-paper summaries, and
    keeps the day's 主题 and 标签 (notes/<year>/W<week>/<date>.day.yml). Its
    rows name papers by title: each row goes to the note with that title
    (or the arXiv id written in the row, arXiv:ID or a link). An answer
    saved from the arXiv API (Atom XML) gives what `notes add` would for
    each of its papers.

    Each new paper's HTML page is read for its organizations and lead
    figure, like `notes enrich` (--no-enrich or --offline: not read).

    A title no note has is looked up on the arXiv API (title search, one
    request every 3 s; exact title only, after ignoring case, spacing and
    final punctuation), and a new note is made from arXiv's data (title,
    authors, arXiv category, abstract) plus the report's fields. A title
    arXiv does not have, or has twice, is skipped with the reason. With
    --offline arXiv is not asked and such rows are skipped.
    RECWEEKLY_ARXIV_API_URL points at another API server,
    RECWEEKLY_ARXIV_HTML_URL at another server of HTML pages.

    The date comes from the report heading (2026-06-23 日报), a date in the
    file name (daily-digest.cs.IR.2026-02-10.md), or --date. Existing
    notes only get their empty fields filled: importing twice changes
    nothing, and your edits win (reported as conflicts). On any error no
    file is changed. Exit codes: 0 ok, 1 a problem in a file or note,
    3 arXiv unreachable.

    \b
    Examples:
      recweekly notes import daily-digest.cs.IR.2026-02-10.md
      recweekly notes import daily-report.2026-06-23.zh.txt
      recweekly notes import report.txt --date 2026-06-23 --offline
    """
    from recweekly.notes.arxiv import client_from_env  # lazy: start-up
    from recweekly.notes.importing import import_files  # lazy: start-up

    period = date_option(day)
    config = get_config()
    client = None if offline else client_from_env(os.environ, progress=_progress)
    html = None if offline or no_enrich else _html_client(config)
    report = import_files(list(files), config, period.start if period else None, arxiv=client, html=html,
                          progress=_progress, write=not dry_run)
    for line in report.lines(config.root):
        click.echo(line)


@notes.command("enrich")
@click.argument("ids", nargs=-1, metavar="[ID...]")
@click.option("--week", "week", metavar="YYYY-Www", help="The notes of this ISO week (default: this week).")
@click.option("--offline", is_flag=True, help="Do not read arXiv: fill only what the notes' own words give.")
@click.option("--dry-run", is_flag=True, help="Read arXiv and report what would be filled; write nothing.")
def enrich_command(ids: tuple[str, ...], week: str | None, offline: bool, dry_run: bool) -> None:
    """Fill what notes lack from their papers' HTML pages and their own words.

    For each note (the IDs given, else the notes of --week, else of this
    week), the paper's HTML page on arXiv (https://arxiv.org/html/ID) gives:

    \b
      - orgs: the organizations its authors name, mapped to the org table
        by name and alias ("Taobao & Tmall Group" -> Alibaba); names the
        table lacks are kept as written and listed with the table entry
        to add; affiliation when the table cannot derive it from orgs
      - figure, figure_caption: the first figure's image, saved next to
        the note (notes/2026/W10/2603.03988.figure.png; PNG, JPEG, GIF or
        WebP up to [enrich] figure_max_bytes), which drafts show

    and the note's own title and text give model (SMES: Towards ... ->
    SMES), and suggested_category / suggested_theme from the [suggest]
    keyword rules when category / theme are empty.

    Only empty fields are filled; a value you wrote is never changed
    (a differing one is listed as a conflict). A page is read only for a
    note that lacks orgs or a figure, so running it again asks nothing.
    arXiv is asked once every 3 s, also across runs (the time of the last
    request is kept in .recweekly-cache/); a paper without an HTML version
    (404) is reported and skipped. RECWEEKLY_ARXIV_HTML_URL points at
    another server. Exit codes: 0 ok, 1 a bad note or id, 3 some page
    could not be read from arXiv (the other notes are still filled).

    \b
    Examples:
      recweekly notes enrich --week 2026-W10
      recweekly notes enrich 2603.03988 2603.04567 --dry-run
      recweekly notes enrich --offline
    """
    from recweekly.notes.enrich import enrich_notes  # lazy: start-up

    if ids and week:
        raise click.UsageError("give IDs or --week, not both")
    config = get_config()
    period = None if ids else (week_option(week) or week_of(today()))
    report = enrich_notes(config, ids, period, html=None if offline else _html_client(config),
                          progress=_progress, write=not dry_run)
    for line in report.lines(config.root):
        click.echo(line)
    if report.failures:
        raise RemoteError(f"arXiv could not serve {len(report.failures)} page(s) ({', '.join(report.failures)}); "
                          "run the command again later for them")


def _html_client(config: Config) -> ArxivHtmlClient:
    from recweekly.notes.arxiv_html import html_client_from_env  # lazy: start-up

    return html_client_from_env(os.environ, CacheFolder.for_config(config, os.environ), progress=_progress)


def _progress(message: str) -> None:
    """Progress and notes go to stderr, so stdout holds only the report."""
    click.echo(message, err=True)
