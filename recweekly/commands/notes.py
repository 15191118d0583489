"""`recweekly notes …`: collect and list paper notes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from recweekly.commands._common import date_option, get_config, week_option

if TYPE_CHECKING:
    from recweekly.config import Config
    from recweekly.notes.importing import ImportReport


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
def list_notes(week: str | None, day: str | None, as_json: bool) -> None:
    """List the notes of a period (all notes if none is given).

    \b
    Examples:
      recweekly notes list --week 2026-W10
      recweekly notes list --date 2026-06-23 --json
    """
    from recweekly.notes.listing import note_rows, select_notes
    from recweekly.notes.store import NoteStore

    if week and day:
        raise click.UsageError("give --week or --date, not both")
    period = week_option(week) or date_option(day)
    config = get_config()
    selected = select_notes(NoteStore(config), period)
    rows = note_rows(selected, config)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no notes" + (f" in {period.label}" if period else ""), err=True)
        return
    columns = [("date", 10), ("arxiv", 12), ("model", 14), ("category", 18), ("affiliation", 11),
               ("score", 5), ("title", 60)]
    click.echo("  ".join(name.ljust(width) for name, width in columns).rstrip())
    for row in rows:
        cells = []
        for name, width in columns:
            value = "" if row.get(name) is None else str(row[name])
            if len(value) > width:
                value = value[: width - 1] + "…"
            cells.append(value.ljust(width))
        click.echo("  ".join(cells).rstrip())
    click.echo(f"{len(rows)} note(s)", err=True)


@notes.command("add")
@click.argument("ids", nargs=-1, required=True, metavar="ID...")
@click.option("--date", "day", metavar="YYYY-MM-DD",
              help="The day the notes were collected (decides their week). Default: today.")
@click.option("--category", metavar="KEY", help="Category key from the config, e.g. discriminative-rec.")
@click.option("--theme", metavar="TEXT", help="Section of the weekly the papers belong to.")
@click.option("--org", "orgs", multiple=True, metavar="NAME",
              help="Organisation behind the papers (repeatable); names from the org table are canonicalised.")
@click.option("--dry-run", is_flag=True, help="Fetch and report what would be created or filled; write nothing.")
def add_notes(ids: tuple[str, ...], day: str | None, category: str | None, theme: str | None,
              orgs: tuple[str, ...], dry_run: bool) -> None:
    """Fetch papers from the arXiv API and write a note for each.

    IDs may be 2603.03988, 2603.03988v2, arXiv:2603.03988, an arxiv.org
    abs/pdf URL or an old-style id (cs/0112017). All ids go out in one
    request. An existing note is never overwritten: only its empty fields
    are filled, and differing values are reported as conflicts.

    The API address comes from RECWEEKLY_ARXIV_API_URL (default
    https://export.arxiv.org/api/query). Exit codes: 0 ok, 1 bad or unknown
    id, 3 arXiv unreachable; on any error no file is changed.

    \b
    Examples:
      recweekly notes add 2603.03988
      recweekly notes add arXiv:2603.03988v2 https://arxiv.org/abs/2603.04567 \\
          --category generative-rec --org Kuaishou --date 2026-03-02
    """
    import os

    from recweekly.commands._common import today
    from recweekly.errors import InputError, Problem
    from recweekly.notes.arxiv import client_from_env, normalize_ids
    from recweekly.notes.importing import import_notes, note_from_paper

    config = get_config()
    if category is not None and category not in config.categories:
        raise click.BadParameter(f"unknown category {category!r}; expected one of {', '.join(config.categories)}",
                                 param_hint="--category")
    from recweekly.l10n.names import unknown_name_notes

    for message in unknown_name_notes(config, theme=theme, orgs=orgs):  # "did you mean …"
        click.echo(f"note: {message}", err=True)
    period = date_option(day)
    collected = period.start if period else today()
    org_keys: list[str] = []
    for name in orgs:
        org = config.find_org(name)
        key = org.key if org else name.strip()
        if key and key not in org_keys:
            org_keys.append(key)

    wanted = normalize_ids(ids)
    client = client_from_env(os.environ, progress=lambda message: click.echo(message, err=True))
    fetched = client.fetch(wanted)
    if fetched.missing:
        raise InputError(f"arXiv returned no paper for {len(fetched.missing)} id(s); nothing was written", [
            Problem("<arguments>", f"{arxiv_id}: no such paper on arXiv (asked for it, not in the answer); "
                    "check the id", field="ID") for arxiv_id in fetched.missing
        ])
    new_notes = [note_from_paper(fetched.papers[i], collected, category=category, theme=theme, orgs=org_keys)
                 for i in wanted]
    _print_report(import_notes(new_notes, config, write=not dry_run), config)


@notes.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE...")
@click.option("--date", "day", metavar="YYYY-MM-DD",
              help="Date for the notes, overriding the one in the file (heading or file name).")
@click.option("--offline", is_flag=True,
              help="Do not ask arXiv: rows no note matches are skipped instead of looked up.")
@click.option("--dry-run", is_flag=True, help="Report what would be created or filled; write nothing.")
def import_files_command(files: tuple[Path, ...], day: str | None, offline: bool, dry_run: bool) -> None:
    """Turn daily arXiv digests and daily reports (日报) into notes.

    The format is detected from the content. A digest gives one note per
    paper (id, title, authors, arXiv category, TL;DR as summary.zh, details
    and abstract in the body, organisations recognised in the text). A daily
    report gives model, category, affiliation, scores and key-paper
    summaries. Its rows name papers by title: each row goes to the note with
    that title (or the arXiv id written in the row, arXiv:ID or a link).

    A title no note has is looked up on the arXiv API (title search, one
    request every 3 s; exact title only, after ignoring case, spacing and
    final punctuation), and a new note is made from arXiv's data (title,
    authors, arXiv category, abstract) plus the report's fields. A title
    arXiv does not have, or has twice, is skipped with the reason. With
    --offline arXiv is not asked and such rows are skipped.
    RECWEEKLY_ARXIV_API_URL points at another API server.

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
    import os

    from recweekly.notes.arxiv import client_from_env
    from recweekly.notes.importing import import_files

    period = date_option(day)
    config = get_config()

    def progress(message: str) -> None:
        click.echo(message, err=True)

    client = None if offline else client_from_env(os.environ, progress=progress)
    report = import_files(list(files), config, period.start if period else None, arxiv=client, progress=progress,
                          write=not dry_run)
    _print_report(report, config)


def _print_report(report: ImportReport, config: Config) -> None:
    """One line per paper, then the totals: what a user checks before committing the notes."""
    for outcome in report.outcomes:
        where = _relative(outcome.path, config.root) if outcome.path else outcome.source
        if outcome.status == "skipped":
            line = f" (line {outcome.line})" if outcome.line else ""
            click.echo(f"skipped   {outcome.source}{line}: {outcome.title!r}: {outcome.skipped}")
            continue
        text = f"{outcome.status:<9} {where}"
        if outcome.filled:
            text += f"  filled: {', '.join(outcome.filled)}"
        if outcome.conflicts:
            text += f"  conflicts (kept yours): {', '.join(outcome.conflicts)}"
        click.echo(text)
    click.echo(report.summary_line())


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
