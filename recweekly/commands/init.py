"""`recweekly init`: create a new blog repository."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("directory", required=False, default=".", type=click.Path(path_type=Path, file_okay=False))
def init(directory: Path) -> None:
    """Create a new blog in DIRECTORY (default: the current folder).

    \b
    Writes:
      recweekly.toml            settings, every default shown commented
      notes/ drafts/ posts/     the content folders
      templates/                the default draft templates, to customise
      .github/workflows/        CI: `check` on pull requests, `publish` on main
    Refuses (exit 1) when DIRECTORY already has a recweekly config; other
    existing files are kept, never overwritten.

    \b
    Examples:
      recweekly init my-blog && cd my-blog && git init
      recweekly init
    """
    from recweekly.compose.filling import display_path
    from recweekly.scaffold import init_blog

    result = init_blog(directory)
    for rel in result.created:
        click.echo(f"created {rel}")
    for rel in result.kept:
        click.echo(f"kept existing {rel}", err=True)
    where = display_path(result.root)
    click.echo(f"\nNew blog in {where}. Next: add notes (`recweekly notes add <arXiv id>`), then `recweekly new`.")
