"""`recweekly publish`: converge Notion pages on the posts (thin layer over recweekly.publish.sync)."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from recweekly.commands._common import get_config
from recweekly.errors import redact

EXAMPLES = """\b
Examples:
  recweekly publish posts/2026-W10.en.md          publish one post
  recweekly publish --changed-since HEAD~1        posts changed by the last commit
  recweekly publish --changed-since "$BEFORE"     what the GitHub Action runs on push
  recweekly publish --all --dry-run               show what would change, write nothing
  recweekly publish --all --json                  machine-readable results
  recweekly publish --all --full-diff             re-read every page (edits made in Notion are refused)
  recweekly publish --force posts/2026-W10.en.md  overwrite a page edited in Notion
  recweekly publish --setup                       show the fingerprint column each database lacks
  recweekly publish --setup --apply               add it (a schema change in Notion)

\b
Environment:
  NOTION_TOKEN               the integration's secret (required; never printed)
  NOTION_DATABASE_ID_EN/_ZH  database per language (or [notion] databases in recweekly.toml)
  RECWEEKLY_NOTION_API_URL   API base URL (default https://api.notion.com)
  GITHUB_STEP_SUMMARY        when set, a Markdown summary is appended to this file

\b
Fingerprint: when a database has a Text column named as [notion] fingerprint_property says
(default recweekly_fingerprint; --setup --apply adds it; "" turns it off),
every complete sync stores there a stamp of what it wrote (a hash, the post's commit, a hash of the
page), and a post whose hash matches is "unchanged (fingerprint)" without reading its blocks. The
commit and page hash are how a later run tells a page that lags behind its post from one edited in
Notion. Trade-off: an edit made in Notion on a post that did not change goes unseen until the post
changes or a run with --full-diff reads the page.

\b
Edits made in Notion: a page whose blocks or properties differ from every version of the post git
has was edited in Notion. Its post is refused ("edited in Notion", with a Markdown diff, exit 1),
the page is left as it is and the other posts go on. `recweekly pull POST` writes the edit into
the file; --force overwrites it instead.

\b
Exit codes: 0 every post published (or nothing to do), 1 a post, the config or the database
schema is wrong (nothing was written), 2 bad usage, 3 Notion failed for at least one post.
"""


@click.command("publish", epilog=EXAMPLES)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--changed-since", "rev", metavar="REV",
              help="Publish posts added, changed, renamed or deleted between REV and HEAD (an all-zero REV "
                   "means every post).")
@click.option("--all", "everything", is_flag=True, help="Publish every post under posts/.")
@click.option("--dry-run", is_flag=True, help="Only read from Notion and print the plan per post.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON on stdout.")
@click.option("--full-diff", is_flag=True,
              help="Ignore stored fingerprints: read each page's blocks (finds edits made in Notion, which are "
                   "refused unless --force).")
@click.option("--force", is_flag=True,
              help="Overwrite pages edited in Notion (by default such a post is refused; see `recweekly pull`).")
@click.option("--setup", is_flag=True,
              help="Show which databases lack the fingerprint column (reads only); with --apply, add it.")
@click.option("--apply", is_flag=True, help="With --setup: make the change in Notion.")
@click.option("--verbose", "-v", is_flag=True, help="Log every Notion request (method, path, status) on stderr.")
def publish(paths: tuple[Path, ...], rev: str | None, everything: bool, dry_run: bool, as_json: bool,
            full_diff: bool, force: bool, setup: bool, apply: bool, verbose: bool) -> None:
    """Create or update the Notion page of each post, in place, with the fewest writes.

    A page is found by the post's slug in the database of the post's language. An unchanged post
    makes no write call; an edited paragraph is one update. Posts deleted from posts/ or set back
    to status Draft are unpublished (status Invisible, or trashed with notion.unpublish = "trash").
    Every post is validated before the first write.
    """
    from recweekly.publish.sync.run import (  # lazy: start-up
        publish_posts,
        results_table,
        step_summary,
    )

    if apply and not setup:
        raise click.UsageError("--apply goes with --setup (to publish, leave it out)")
    if setup and (paths or rev or everything or dry_run or full_diff or force or as_json):
        raise click.UsageError("--setup takes no posts and no other options but --apply and --verbose")
    if not (paths or rev or everything or setup):
        raise click.UsageError("say what to publish: PATH…, --changed-since REV or --all")
    config = get_config()

    on_request = None
    if verbose:
        def on_request(info: Any) -> None:
            status = info.status if info.status is not None else (info.error or "no answer")
            click.echo(redact(f"notion: {info.method} {info.path} -> {status} ({info.elapsed:.2f}s)"), err=True)

    if setup:
        _setup(config, apply, on_request)
        return

    with contextlib.ExitStack() as stack:
        bar: Any = None

        def start(total: int) -> None:
            nonlocal bar
            if sys.stderr.isatty() and not as_json:
                bar = stack.enter_context(click.progressbar(
                    length=total, label="publishing", file=sys.stderr, item_show_func=lambda o: o.path if o else ""))

        def client() -> Any:
            return make_client(on_request, on_wait=_announce_wait, max_retry_after=config.notion.max_retry_after)

        report = publish_posts(config, paths, rev, everything, make_client=client,
                               dry_run=dry_run, full_diff=full_diff, force=force, on_start=start,
                               on_done=lambda o: bar.update(1, o) if bar is not None else None)
    for warning in report.warnings:
        click.echo(redact(f"warning: {warning}"), err=True)
    if as_json:
        click.echo(redact(json.dumps(report.as_dict(), ensure_ascii=False, indent=2 if report.outcomes else None)))
    elif not report.outcomes:
        click.echo("nothing to publish")
    else:
        for outcome in report.outcomes:
            for warning in outcome.warnings:
                click.echo(redact(f"warning: {warning}"), err=True)
            if outcome.error:
                click.secho(redact(f"error: {outcome.path}: {outcome.error}"), fg="red", err=True)
        click.echo(redact(results_table(report)))
        calls = report.calls
        if calls is not None:
            click.echo(f"Notion calls: {calls.reads} reads, {calls.writes} writes, {calls.retries} retries; "
                       f"{calls.blocks_created} blocks created")
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        with open(summary_file, "a", encoding="utf-8") as fh:
            fh.write(redact(step_summary(report)))
    failure = report.failure()
    if failure is not None:
        raise failure


def _setup(config: Any, apply: bool, on_request: Any) -> None:
    from recweekly.publish.sync.setup import set_up_fingerprint  # lazy: start-up

    steps = set_up_fingerprint(config, lambda: make_client(on_request, on_wait=_announce_wait,
                                                           max_retry_after=config.notion.max_retry_after),
                               apply=apply)
    for step in steps:
        click.echo(redact(step.describe(applied=apply)))
    if not apply and any(step.action == "add" for step in steps):
        click.echo("dry run: nothing was changed; `recweekly publish --setup --apply` adds the column "
                   "(publishing then stores a stamp per page there; see `recweekly publish --help`)")


def make_client(on_request: Any = None, **options: Any) -> Any:
    """The Notion client of a run (token and URL from the environment); tests swap in a faster one."""
    from recweekly.publish.notion.client import NotionClient  # lazy: start-up

    return NotionClient.from_env(on_request=on_request, **options)


def _announce_wait(seconds: float) -> None:
    """A long silence in CI looks like a hang: say why the run waits (Notion's Retry-After)."""
    click.echo(f"notion: rate limited; waiting {seconds:g}s before retrying, as Notion asked (Retry-After)",
               err=True)
