"""`recweekly check`: validate drafts and posts; exit 1 with every problem, file and line."""

from __future__ import annotations

from pathlib import Path

import click

from recweekly.commands._common import get_config
from recweekly.errors import ProblemsFound


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def check(paths: tuple[Path, ...]) -> None:
    """Validate notes, drafts and posts (all of notes/, drafts/ and posts/ by default).

    \b
    Checks, each problem reported as FILE:LINE:
      - every note: keys, types and values, its week folder, one note
        per arXiv id (as `notes list` does)
      - UTF-8, not empty; front matter keys, types and values
        (type, status, date, slug format, lang)
      - slugs unique per language across posts/
      - no `TODO:` left in posts/ (allowed in drafts/)
      - region markers well formed; no region stale (`fill` would
        change it) or edited by hand
      - every arXiv id named in the text has a note
      - every local image exists
      - every paper of a weekly's period has a section (`fill`
        inserts the missing ones), and no section is left of a
        paper that left the period
      - no note filed under another week than its date's
      - language: ⟦en→zh TODO: …⟧ translation fallbacks (counted
        in drafts, each one fails a post), themes and organizations
        the config's tables lack ("did you mean …"), translations
        whose source changed since `translations mark-synced`
      - notes of the file's period without a category (a note, with
        the category suggested by the [suggest] keyword rules)
    Lines starting with "note:" are printed but do not fail.
    Exit 0 when all files pass, 1 otherwise: also outside a blog (no
    config found) and for a PATH that does not exist or holds no .md file,
    so a mistyped CI path fails. Nothing is written.

    \b
    Examples:
      recweekly check
      recweekly check drafts/2026-W10.en.md
      recweekly check posts/
    """
    from recweekly.check.validate import check_paths  # lazy: start-up

    report = check_paths(get_config(), list(paths))
    for problem in report.problems:
        click.echo(str(problem), err=True)
    for notice in report.notices:
        click.echo(f"note: {notice}", err=True)
    if report.problems:
        failed = set(report.failed_files())
        notes = f" and {len(failed & set(report.notes))} of {len(report.notes)} note(s)" if report.notes else ""
        raise ProblemsFound(f"{len(report.problems)} problem(s) in {len(failed & set(report.files))} of "
                            f"{len(report.files)} file(s){notes}")
    click.echo(f"{len(report.files)} file(s) OK" + (f", {len(report.notes)} note(s) OK" if report.notes else ""))
