"""`recweekly stats`: word count, reading time and paper statistics of a post."""

from __future__ import annotations

import json
from pathlib import Path

import click

from recweekly.fsutil import shown_path


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def stats(path: Path, as_json: bool) -> None:
    """Words, reading time and papers of a draft or post, as NotionNext counts them.

    Words follow NotionNext's 字数: a run of Latin letters, digits and
    punctuation (Latin-1) is one word, every other character (e.g. each
    Chinese character) counts one; reading time is floor(words / 400) + 1
    minutes. Counted over the blocks publish sends, joined as NotionNext
    joins them (nothing between top-level blocks, so a paragraph's last word
    and the next one's first are one word); front matter, Markdown syntax,
    link targets, HTML comments and region markers do not count, and a post
    with a password counts 0. Papers are the notes of the post's `period`
    (the papers its facts count, roundup-only ones included); ids named
    outside the period are listed apart. A post without a period covers
    the arXiv ids it mentions, joined with their notes when they exist.

    \b
    Examples:
      recweekly stats drafts/2026-W10.en.md
      recweekly stats posts/2026-W10.zh.md --json
    """
    from recweekly.commands._common import get_config  # lazy: start-up (no config parsing for --help)
    from recweekly.poststats import load_post_stats  # lazy: start-up

    config = get_config()
    result = load_post_stats(config, path, shown_path(path))
    if as_json:
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return
    click.echo(result.path)
    click.echo(f"  words:        {result.words}")
    click.echo(f"  reading time: {result.reading_minutes} min")
    click.echo(f"  papers:       {len(result.papers)}")
    if result.affiliations:
        click.echo("  affiliation:  " + " · ".join(f"{k} {v}" for k, v in result.affiliations.items()))
    if result.categories:
        click.echo("  categories:   " + " · ".join(f"{k} {v}" for k, v in result.categories.items()))
    if result.also_named:
        click.echo("  also names:   " + ", ".join(result.also_named))
    if result.without_note:
        click.echo("  no note for:  " + ", ".join(result.without_note))
    if result.broken_notes:
        click.echo("  broken notes: " + ", ".join(result.broken_notes))
