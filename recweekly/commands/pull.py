"""`recweekly pull`: bring edits made in Notion into the post files (thin layer over recweekly.publish.pull)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from recweekly.commands import publish
from recweekly.commands._common import get_config
from recweekly.errors import redact

EXAMPLES = """\b
Examples:
  recweekly pull posts/2026-W10.en.md        write the edits made on its page into the file
  recweekly pull --all --dry-run             show every post's edits as a diff, write nothing
  git diff && git commit -am "Pull edits made in Notion"

\b
Only the lines whose blocks changed in Notion, and the front-matter keys whose property changed,
are rewritten; everything else stays byte for byte. When the post was changed in git too, the
two are merged; the same block changed on both sides is refused unless --force (Notion's wins).
Blocks Markdown has no syntax for (a bookmark, an embed, columns, a synced block…) come in as
<!-- notion:TYPE {…} --> comments, which publish turns back into the same blocks.

\b
Exit codes: 0 every post pulled or nothing to pull, 1 a post was refused (uncommitted changes,
a conflict, an edit the file cannot hold exactly: nothing written to it), 3 Notion failed.
"""


@click.command("pull", epilog=EXAMPLES)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--all", "everything", is_flag=True, help="Pull every post under posts/.")
@click.option("--dry-run", is_flag=True, help="Print what would change in each file as a diff; write nothing.")
@click.option("--force", is_flag=True,
              help="Pull into files with uncommitted changes, and take Notion's side where both changed.")
def pull(paths: tuple[Path, ...], everything: bool, dry_run: bool, force: bool) -> None:
    """Write edits made to the posts' Notion pages back into the Markdown files."""
    from recweekly.publish.pull.run import pull_posts  # lazy: start-up

    if not (paths or everything):
        raise click.UsageError("say what to pull: PATH… or --all")
    config = get_config()
    report = pull_posts(config, paths, everything, make_client=_client(config), force=force, dry_run=dry_run)
    for outcome in report.outcomes:
        click.echo(redact(f"{outcome.path}: {outcome.status}" + (f" ({outcome.detail})" if outcome.detail else "")))
        if outcome.diff and (dry_run or outcome.status == "refused"):
            click.echo(redact(outcome.diff))
        if outcome.exception is not None:
            click.secho(redact(f"error: {outcome.exception}"), fg="red", err=True)
    if not report.outcomes:
        click.echo("nothing to pull")
    if report.calls is not None:
        calls = report.calls
        click.echo(f"Notion calls: {calls.reads} reads, {calls.writes} writes" + (" (dry run: no file written)"
                                                                                  if dry_run else ""))
    failure = report.failure()
    if failure is not None:
        raise failure


def _client(config: Any) -> Any:
    def make() -> Any:
        return publish.make_client(max_retry_after=config.notion.max_retry_after)

    return make
