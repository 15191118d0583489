"""`recweekly promote`: move a finished draft to posts/ (git mv), set status and date."""

from __future__ import annotations

from pathlib import Path

import click

from recweekly.commands._common import get_config, today
from recweekly.fsutil import shown_path


@click.command()
@click.argument("draft", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Promote even though TODO markers remain.")
def promote(draft: Path, force: bool) -> None:
    """Move a finished draft to posts/ and mark it Published.

    The draft is moved with `git mv` (an untracked draft is moved and
    `git add`-ed), `status` becomes Published and `date` is set to today
    unless the draft already has one. Only those front matter lines change.
    Refuses (exit 1, nothing changed) while `TODO:` markers remain (unless
    --force), when the draft fails `recweekly check`, or when the post
    already exists. Commit the result and open a pull request; the merge
    publishes it.

    \b
    Examples:
      recweekly promote drafts/2026-W10.en.md
      recweekly promote --force drafts/2026-06-23.zh.md
    """
    from recweekly.promotion import promote as promote_draft  # lazy: start-up

    config = get_config()
    result = promote_draft(config, draft, today=today(), force=force, display=shown_path(draft))
    changes = ", ".join(f"{k}: {v}" for k, v in result.changed.items()) or "front matter unchanged"
    click.echo(f"{shown_path(draft)} -> {shown_path(result.destination)} ({result.git}; {changes})")
