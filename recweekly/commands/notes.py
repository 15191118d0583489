"""`recweekly notes …`: collect and list paper notes."""

from __future__ import annotations

import json

import click

from recweekly.commands._common import date_option, get_config, week_option


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
    columns = [("date", 10), ("arxiv", 12), ("model", 14), ("category", 18), ("affiliation", 10),
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
