"""`recweekly translations …`: which posts are translated, which translations fell behind."""

from __future__ import annotations

import json
from pathlib import Path

import click

from recweekly.commands._common import get_config


@click.group()
def translations() -> None:
    """Keep each post and its translations in step.

    \b
    A post and its translation share a slug (or a `translation_key`); the
    translation records its source in its front matter:
      translated_from: en          # the source's language
      source_sha256: 3f2a9c1b0d4e  # the source's content when last synced
    When the source changes, `recweekly check` reports the translation as
    stale, with the sections and papers added or removed since.
    """


@translations.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def status(as_json: bool) -> None:
    """List every post with the state of each other language.

    \b
    States: up to date; stale (the source changed since mark-synced:
    what changed is shown); missing (no post in that language yet);
    untracked (both exist, nothing recorded: run mark-synced); no source
    (translated_from names a language with no post for this key).
    Posts in posts/ win over drafts with the same key. Nothing is written.

    \b
    Examples:
      recweekly translations status
      recweekly translations status --json
    """
    from recweekly.translations import Library  # lazy: start-up

    rows = Library.load(get_config()).statuses()
    if as_json:
        click.echo(json.dumps([{
            "key": row.key,
            "state": row.state,
            "lang": row.target_lang,
            "source": row.source.display if row.source else None,
            "source_lang": row.source.lang if row.source else None,
            "translation": row.translation.display if row.translation else None,
            "detail": row.detail(),
        } for row in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no posts or drafts", err=True)
        return
    for row in rows:
        source = f"{row.source.lang} {row.source.display}" if row.source else "—"
        target = f"{row.target_lang} {row.translation.display if row.translation else '—'}"
        click.echo(f"{row.state:<11} {row.key}: {source} -> {target}")
        if row.state not in ("up to date", "missing") and row.detail():
            click.echo(f"            {row.detail()}")
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.state] = counts.get(row.state, 0) + 1
    click.echo(", ".join(f"{n} {state}" for state, n in counts.items()), err=True)


@translations.command("mark-synced")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="TRANSLATION...")
@click.option("--from", "source_lang", metavar="LANG",
              help="The language it is translated from (default: the one recorded, or the only other one).")
@click.option("--dry-run", is_flag=True, help="Show what would be recorded; write nothing.")
def mark_synced(paths: tuple[Path, ...], source_lang: str | None, dry_run: bool) -> None:
    """Record that a translation matches its source as the source is now.

    Sets `translated_from` and `source_sha256` in the translation's front
    matter (only those two lines change; the write is atomic). Run it after
    updating a translation, or to start tracking one.

    \b
    Examples:
      recweekly translations mark-synced posts/2026-W10.zh.md
      recweekly translations mark-synced drafts/2026-W10.zh.md --from en
    """
    from recweekly.translations import mark_synced as mark  # lazy: start-up

    config = get_config()
    if source_lang is not None and source_lang not in config.languages:
        raise click.BadParameter(f"{source_lang!r} is not one of {', '.join(config.languages)}", param_hint="--from")
    for path in paths:  # every file is checked before any is written: an error leaves all of them as they were
        mark(config, path, source_lang=source_lang, write=False)
    for path in paths:
        result = mark(config, path, source_lang=source_lang, write=not dry_run)
        what = ", ".join(f"{k}: {v}" for k, v in result.changed.items()) or "already up to date"
        verb = "would mark" if dry_run and result.changed else "marked"
        click.echo(f"{verb} {result.display} as synced with {result.source.display} ({what})")
