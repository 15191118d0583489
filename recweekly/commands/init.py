"""`recweekly init`: create a new blog repository."""

from __future__ import annotations

from pathlib import Path

import click

from recweekly.fsutil import shown_path


@click.command()
@click.argument("directory", required=False, default=".", type=click.Path(path_type=Path, file_okay=False))
@click.option("--install", "install", metavar="git|pypi|REQUIREMENT",
              help="How the written workflows install recweekly: 'git' (this version's tag on GitHub; the "
                   "default until the first PyPI release), 'pypi' (recweekly==this version), or any pip "
                   "requirement, e.g. 'recweekly @ git+https://github.com/you/recweekly@main'.")
def init(directory: Path, install: str | None) -> None:
    """Create a new blog in DIRECTORY (default: the current folder).

    \b
    Writes:
      recweekly.toml            settings, every default shown commented
      notes/ drafts/ posts/     the content folders
      templates/                the default draft templates, to customise
      .github/workflows/        CI: `check` on pull requests, `publish` on main
    Refuses (exit 1) when DIRECTORY already has a recweekly config; other
    existing files are kept, never overwritten.

    The workflows install exactly the recweekly version that wrote them
    (env RECWEEKLY_PIP at the top of each file): CI does not change when a
    new release comes out; edit that line to upgrade.

    \b
    Examples:
      recweekly init my-blog && cd my-blog && git init
      recweekly init
      recweekly init --install pypi
    """
    from recweekly.scaffold import init_blog  # lazy: start-up

    result = init_blog(directory, install)
    for rel in result.created:
        click.echo(f"created {rel}")
    for rel in result.kept:
        click.echo(f"kept existing {rel}", err=True)
    click.echo(f"workflows install: {result.install}")
    where = shown_path(result.root)
    click.echo(f"\nNew blog in {where}. Next: add notes (`recweekly notes add <arXiv id>`), then `recweekly new`.")
