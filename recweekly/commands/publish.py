"""`recweekly publish`: converge Notion pages on the posts (thin layer over recweekly.publish.sync)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from recweekly.commands._common import get_config

EXAMPLES = """\b
Examples:
  recweekly publish posts/2026-W10.en.md          publish one post
  recweekly publish --changed-since HEAD~1        posts changed by the last commit
  recweekly publish --changed-since "$BEFORE"     what the GitHub Action runs on push
  recweekly publish --all --dry-run               show what would change, write nothing
  recweekly publish --all --json                  machine-readable results
  recweekly publish --all --full-diff             re-read every page, repair edits made in Notion

\b
Environment:
  NOTION_TOKEN               the integration's secret (required; never printed)
  NOTION_DATABASE_ID_EN/_ZH  database per language (or [tool.recweekly.notion] databases)
  RECWEEKLY_NOTION_API_URL   API base URL (default https://api.notion.com)
  GITHUB_STEP_SUMMARY        when set, a Markdown summary is appended to this file

\b
Fingerprint (opt-in): with [tool.recweekly.notion] fingerprint_property = "recweekly_fingerprint"
(a Text property of that name in each database), every complete sync stores a hash of what it wrote
on the page, and a post whose hash matches is "unchanged (fingerprint)" without reading its blocks.
Trade-off: an edit made by hand in Notion keeps the old hash, so it goes unnoticed until a run with
--full-diff (which ignores the hash, reads every page and writes the post's content back).

\b
Exit codes: 0 every post published (or nothing to do), 1 a post, the config or the database
schema is wrong (nothing was written), 2 bad usage, 3 Notion failed for at least one post.
"""


class _Redactor:
    """Replaces the token (and any value of NOTION_TOKEN) wherever it could leak into output."""

    def __init__(self) -> None:
        token = os.environ.get("NOTION_TOKEN", "").strip()
        self.secrets = [token] if len(token) >= 4 else []

    def __call__(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text


@click.command("publish", epilog=EXAMPLES)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--changed-since", "rev", metavar="REV",
              help="Publish posts added, changed, renamed or deleted between REV and HEAD (an all-zero REV "
                   "means every post).")
@click.option("--all", "everything", is_flag=True, help="Publish every post under posts/.")
@click.option("--dry-run", is_flag=True, help="Only read from Notion and print the plan per post.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON on stdout.")
@click.option("--full-diff", is_flag=True,
              help="Ignore stored fingerprints: read each page's blocks and repair any edit made in Notion.")
@click.option("--verbose", "-v", is_flag=True, help="Log every Notion request (method, path, status) on stderr.")
def publish(paths: tuple[Path, ...], rev: str | None, everything: bool, dry_run: bool, as_json: bool,
            full_diff: bool, verbose: bool) -> None:
    """Create or update the Notion page of each post, in place, with the fewest writes.

    A page is found by the post's slug in the database of the post's language. An unchanged post
    makes no write call; an edited paragraph is one update. Posts deleted from posts/ or set back
    to status Draft are unpublished (status Invisible, or trashed with notion.unpublish = "trash").
    Every post is validated before the first write.
    """
    from recweekly.errors import RecweeklyError

    if not (paths or rev or everything):
        raise click.UsageError("say what to publish: PATH…, --changed-since REV or --all")
    redact = _Redactor()
    ctx = click.get_current_context()
    try:
        code = _run(paths, rev, everything, dry_run, as_json, verbose, redact, full_diff)
    except RecweeklyError as exc:
        click.secho(redact(f"error: {exc}"), fg="red", err=True)
        ctx.exit(exc.exit_code)
    ctx.exit(code)


def _run(paths: tuple[Path, ...], rev: str | None, everything: bool, dry_run: bool, as_json: bool,
         verbose: bool, redact: _Redactor, full_diff: bool = False) -> int:
    from recweekly.markdown.links import PostLinks
    from recweekly.publish.sync import Publisher, select

    config = get_config()
    selection = select(config, paths, rev, everything)
    for warning in selection.warnings:
        click.echo(redact(f"warning: {warning}"), err=True)
    jobs = selection.jobs
    if not jobs:
        message = "nothing to publish"
        if as_json:
            click.echo(json.dumps({"dry_run": dry_run, "posts": [], "ok": True}))
        else:
            click.echo(message)
        _step_summary([], dry_run, None)
        return 0

    on_request = None
    if verbose:
        def on_request(info: Any) -> None:
            status = info.status if info.status is not None else (info.error or "no answer")
            click.echo(redact(f"notion: {info.method} {info.path} -> {status} ({info.elapsed:.2f}s)"), err=True)

    client = make_client(on_request, on_wait=_announce_wait, max_retry_after=config.notion.max_retry_after)
    links = PostLinks(config.notion, selection.posts)
    publisher = Publisher(config, client, dry_run=dry_run, resolve_link=links.resolver, full_diff=full_diff)
    show_progress = sys.stderr.isatty() and not as_json
    try:
        if show_progress:
            with click.progressbar(length=len(jobs), label="publishing", file=sys.stderr,
                                   item_show_func=lambda o: o.path if o else "") as bar:
                outcomes = publisher.run(jobs, on_done=lambda o: bar.update(1, o))
        else:
            outcomes = publisher.run(jobs)
    finally:
        client.close()
    if not config.notion.site_url and links.unresolved:
        click.echo("warning: links to other posts were left as written; set [tool.recweekly.notion] "
                   "site_url to turn them into blog URLs", err=True)
    ok = all(o.status in ("ok", "planned") for o in outcomes)
    stats = client.stats
    if as_json:
        data = {"dry_run": dry_run, "ok": ok, "posts": [o.as_dict() for o in outcomes],
                "calls": {"reads": stats.reads, "writes": stats.writes, "retries": stats.retries,
                          "blocks_created": stats.blocks_created}}
        click.echo(redact(json.dumps(data, ensure_ascii=False, indent=2)))
    else:
        for outcome in outcomes:
            for warning in outcome.warnings:
                click.echo(redact(f"warning: {warning}"), err=True)
            if outcome.error:
                click.secho(redact(f"error: {outcome.path}: {outcome.error}"), fg="red", err=True)
        click.echo(redact(_table(outcomes, dry_run)))
        click.echo(f"Notion calls: {stats.reads} reads, {stats.writes} writes, {stats.retries} retries; "
                   f"{stats.blocks_created} blocks created")
    _step_summary(outcomes, dry_run, redact)
    return max((o.exit_code for o in outcomes if o.status == "failed"), default=0)


def make_client(on_request: Any = None, **options: Any) -> Any:
    """The Notion client of a run (token and URL from the environment); tests swap in a faster one."""
    from recweekly.publish.notion.client import NotionClient

    return NotionClient.from_env(on_request=on_request, **options)


def _announce_wait(seconds: float) -> None:
    """A long silence in CI looks like a hang: say why the run waits (Notion's Retry-After)."""
    click.echo(f"notion: rate limited; waiting {seconds:g}s before retrying, as Notion asked (Retry-After)",
               err=True)


def _rows(outcomes: list[Any]) -> list[tuple[str, ...]]:
    return [(o.path, o.lang, o.slug, o.detail, o.status) for o in outcomes]


def _table(outcomes: list[Any], dry_run: bool) -> str:
    head = ("post", "lang", "slug", "plan" if dry_run else "action", "status")
    rows = [head, *_rows(outcomes)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    counts: dict[str, int] = {}
    for o in outcomes:
        key = "failed" if o.status == "failed" else o.action
        counts[key] = counts.get(key, 0) + 1
    total = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
    lines.append(f"{len(outcomes)} post(s): {total}" + (" (dry run: nothing written)" if dry_run else ""))
    return "\n".join(lines)


def _step_summary(outcomes: list[Any], dry_run: bool, redact: _Redactor | None) -> None:
    """With GITHUB_STEP_SUMMARY set (GitHub Actions), append the same summary in Markdown."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    title = "### recweekly publish" + (" (dry run)" if dry_run else "")
    lines = [title, ""]
    if not outcomes:
        lines.append("Nothing to publish.")
    else:
        lines += ["| Post | Lang | Slug | " + ("Plan" if dry_run else "Action") + " | Status |",
                  "|---|---|---|---|---|"]
        for row in _rows(outcomes):
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
        for o in outcomes:
            if o.error:
                lines.append(f"\n**{o.path}**: {o.error}")
    text = "\n".join(lines) + "\n\n"
    if redact is not None:
        text = redact(text)
    with open(target, "a", encoding="utf-8") as fh:
        fh.write(text)
