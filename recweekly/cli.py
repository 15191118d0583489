"""The `recweekly` command line: a thin click layer over the library.

Subcommands live in `recweekly.commands.*` and are imported only when invoked, so `recweekly --help`
does not pay for Jinja2, Babel, mistune, GitPython or requests. This module owns the exit codes:
0 success, 1 a problem with the content (notes, drafts, posts, config), 2 bad usage, 3 an outside
service failed (arXiv, Notion), 130 interrupted.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from recweekly import __version__

# name -> ("module", "attribute", "one-line help shown by --help without importing the module")
COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": ("recweekly.commands.init", "init", "Create a new blog repository (config, folders, templates)."),
    "notes": ("recweekly.commands.notes", "notes", "Collect and list paper notes (arXiv, digests, reports)."),
    "new": ("recweekly.commands.new", "new", "Scaffold a weekly or daily draft from the notes."),
    "fill": ("recweekly.commands.fill", "fill", "Refresh the generated regions of drafts from the notes."),
    "stats": ("recweekly.commands.stats", "stats", "Word count, reading time and paper statistics of a post."),
    "check": ("recweekly.commands.check", "check", "Validate drafts and posts (front matter, regions, TODOs)."),
    "promote": ("recweekly.commands.promote", "promote", "Move a finished draft to posts/ (git mv)."),
    "publish": ("recweekly.commands.publish", "publish", "Publish changed posts to the Notion database."),
    "preview": ("recweekly.commands.preview", "preview", "Render a post to HTML and serve it locally."),
    "translations": ("recweekly.commands.translations", "translations", "Translations: up to date, stale, missing."),
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use; --help lists them from COMMANDS."""

    def invoke(self, ctx: click.Context) -> Any:
        """Library errors become a message on stderr and their exit code, here, in one place."""
        from recweekly.errors import RecweeklyError

        try:
            return super().invoke(ctx)
        except RecweeklyError as exc:
            click.secho(f"error: {exc}", fg="red", err=True)
            ctx.exit(exc.exit_code)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, (module, _, _) in COMMANDS.items() if _module_exists(module)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module_name, attr, _ = COMMANDS[cmd_name]
        if ctx.resilient_parsing or _listing_help(ctx):
            return _HelpStub(cmd_name, COMMANDS[cmd_name][2])
        module = importlib.import_module(module_name)
        command: click.Command = getattr(module, attr)
        return command


class _HelpStub(click.Command):
    """Stands in for a command while the group's --help is printed, so nothing heavy is imported."""

    def __init__(self, name: str, short_help: str) -> None:
        super().__init__(name, short_help=short_help, help=short_help)


def _listing_help(ctx: click.Context) -> bool:
    """True while click formats the group's own help page (it asks for every command)."""
    return bool(ctx.meta.get("recweekly.listing_help"))


def _module_exists(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


EPILOG = """\b
The weekly loop:
  recweekly notes add 2603.03988 --category discriminative-rec
  recweekly notes import digest.md
  recweekly new --week 2026-W10 --lang en
  recweekly fill drafts/2026-W10.en.md
  recweekly check
  recweekly promote drafts/2026-W10.en.md
  recweekly publish --changed-since HEAD~1 --dry-run
"""


@click.group(cls=LazyGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="recweekly")
def cli() -> None:
    """Run a research blog from git: paper notes, drafts, and publishing to NotionNext."""


_original_format_commands = click.Group.format_commands


def _format_commands(self: click.Group, ctx: click.Context, formatter: click.HelpFormatter) -> None:
    ctx.meta["recweekly.listing_help"] = True
    try:
        _original_format_commands(self, ctx, formatter)
    finally:
        ctx.meta.pop("recweekly.listing_help", None)


LazyGroup.format_commands = _format_commands  # type: ignore[method-assign]


def main() -> None:
    from recweekly.errors import RecweeklyError

    try:
        cli.main(prog_name="recweekly", standalone_mode=True)
    except RecweeklyError as exc:  # errors raised outside run(), e.g. while loading config
        click.secho(f"error: {exc}", fg="red", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
