"""`recweekly fill`: refresh generated regions of drafts from the current notes."""

from __future__ import annotations

from pathlib import Path

import click

from recweekly.commands._common import get_config
from recweekly.errors import ProblemsFound
from recweekly.fsutil import shown_path


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite regions that were edited by hand.")
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 1 if a fill would change any file (for CI).")
def fill(paths: tuple[Path, ...], force: bool, check_only: bool) -> None:
    """Refresh the generated regions of drafts from the current notes.

    Only the text between `<!-- recweekly:begin NAME … -->` and
    `<!-- recweekly:end NAME -->` is rewritten; every other byte, front matter
    included, stays as it is. The notes used are those of the draft's
    `period` (front matter), in its `lang`. A region whose text was edited
    by hand is not overwritten (exit 1, the region and its line named) unless
    --force. A weekly's paper sections are seed regions: yours once you edit
    them (never overwritten, even with --force); a paper added to the week
    since the draft was made gets its seeded section under its theme, and
    the untouched section of a paper that left the week is removed. A
    folder means every .md file in it; with no PATH, every draft
    under drafts/ is filled (posts/ only when named: a published post
    changes only on purpose).

    Files with problems are left untouched; the others are written (each one
    atomically), and the exit code is 1 if any file had a problem.

    \b
    Examples:
      recweekly fill drafts/2026-W10.en.md
      recweekly fill --check            # CI: are all drafts up to date?
      recweekly fill --force drafts/2026-W10.zh.md
    """
    from recweekly.compose.filling import (  # lazy: start-up
        make_cache,
        plan_fill,
        write_plan,
    )

    config = get_config()
    from recweekly.check.validate import collect_paths  # lazy: start-up

    targets = collect_paths(config, list(paths)) if paths else sorted(config.drafts_path.rglob("*.md"))
    if not targets:
        click.echo("no drafts to fill", err=True)
        return
    cache = make_cache(config)
    failed = stale = 0
    for path in targets:
        plan = plan_fill(config, path, force=force, cache=cache, display=shown_path(path))
        for note in plan.notes:
            click.echo(f"note: {note}", err=True)
        if plan.problems:
            failed += 1
            click.secho(f"error: {plan.display}: not filled", fg="red", err=True)
            for problem in plan.problems:
                click.echo(f"  {problem}", err=True)
            continue
        names = ", ".join(plan.changed)
        if not plan.has_regions:
            click.echo(f"{plan.display}: no generated regions, nothing to fill")
        elif not plan.would_change:
            click.echo(f"{plan.display}: up to date")
        elif check_only:
            stale += 1
            click.echo(f"{plan.display}: would refresh {names}")
        else:
            write_plan(plan)
            forced = f" (overwrote hand edits in {', '.join(plan.result.forced)})" if plan.result and \
                plan.result.forced else ""
            click.echo(f"{plan.display}: refreshed {names}{forced}")
    if failed or stale:
        parts = [f"{failed} file(s) not filled"] if failed else []
        if stale:
            parts.append(f"{stale} file(s) out of date; run `recweekly fill` on them")
        raise ProblemsFound("; ".join(parts))
