"""`recweekly new`: write a weekly or daily draft from the period's notes."""

from __future__ import annotations

import click

from recweekly.commands._common import date_option, get_config, today, week_option
from recweekly.fsutil import shown_path
from recweekly.periods import parse_day, week_of


@click.command()
@click.option("--week", "week", metavar="YYYY-Www",
              help="The ISO week of a weekly, e.g. 2026-W10 (default: this week).")
@click.option("--date", "day", metavar="YYYY-MM-DD",
              help="The day of a daily report, e.g. 2026-06-23 (implies --series daily; with "
                   "--series weekly, the week of that day).")
@click.option("--series", type=click.Choice(["weekly", "daily"]), default=None,
              help="weekly (default) or daily (default day: today).")
@click.option("--daily", "daily", is_flag=True, help="Short for --series daily.")
@click.option("--lang", metavar="LANG", default=None,
              help="Language of the draft: en or zh (default: the blog's default_lang).")
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the draft instead of writing drafts/….")
@click.option("--allow-empty", is_flag=True, help="Write a draft even when the period has no notes.")
def new(week: str | None, day: str | None, series: str | None, daily: bool, lang: str | None,
        to_stdout: bool, allow_empty: bool) -> None:
    """Scaffold a draft: statistics and roundup generated, TODO: lines for you.

    Writes drafts/<period>.<lang>.md with NotionNext front matter (status Draft). Generated parts sit
    between <!-- recweekly:begin/end --> markers; refresh them later with `recweekly fill`. An
    existing draft is never overwritten.

    \b
    Examples:
      recweekly new                              # this ISO week, default language
      recweekly new --week 2026-W10 --lang zh
      recweekly new --date 2026-06-23 --lang zh  # a daily report
      recweekly new --daily                      # today's daily report
      recweekly new --week 2026-W10 --stdout     # print, write nothing

    Exit codes: 0 written; 1 the draft exists, the period has no notes, or a
    note is broken (file, line and field are named); 2 bad options.
    """
    from recweekly.compose.draft import create_draft  # lazy: start-up
    from recweekly.notes.store import NoteStore  # lazy: start-up

    if week and day:
        raise click.UsageError("give --week or --date, not both")
    if daily:
        if series == "weekly":
            raise click.UsageError("--daily and --series weekly contradict each other")
        series = "daily"
    if week and series == "daily":
        raise click.UsageError("--week makes a weekly; use --date for a daily report")
    series = series or ("daily" if day else "weekly")
    if series == "daily":
        period = date_option(day) or parse_day(today().isoformat())
    else:
        week_period = week_option(week)
        day_period = date_option(day)
        period = week_period or week_of(day_period.start if day_period else today())
    config = get_config()
    lang = lang or config.default_lang
    if lang not in config.languages:
        raise click.BadParameter(f"{lang!r} is not one of {', '.join(config.languages)}", param_hint="--lang")
    path, text = create_draft(config, NoteStore(config), period, lang, allow_empty=allow_empty,
                              write=not to_stdout)
    if to_stdout:
        click.echo(text, nl=False)
        return
    shown = shown_path(path, config.root)
    click.echo(f"wrote {shown}")
    click.echo(f"next: write the TODO: parts, then `recweekly fill {shown}` after adding notes", err=True)
