"""The `recweekly` command line: a thin click layer over the library.

Subcommands live in `recweekly.commands.*` and are imported only when invoked, so `recweekly --help`
does not pay for Jinja2, Babel, mistune, GitPython or requests. A command imports its library inside
its function, marked `# lazy: start-up`: `recweekly <command> --help` and shell completion (which
imports every command) then load click and little else. Elsewhere imports sit at the top of the
module; the few that wait for a heavy library say so the same way (tests/test_architecture.py).

This module is the only place that knows exit codes (like cog's `Cog.main`): library code and
commands raise typed errors, and `EXIT_CODES` below maps each error class to the code CI sees.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

import click

from recweekly import __version__
from recweekly.errors import BatchError, RecweeklyError, RemoteError, redact

# The documented meaning of every exit code (README "Exit codes"; `--help` epilogs).
EXIT_OK = 0
EXIT_CONTENT = 1  # a note, draft, post or the config is wrong: the message names file, line and field
EXIT_USAGE = 2  # bad command line (click's own UsageError exits with this too)
EXIT_REMOTE = 3  # an outside service (arXiv, Notion) failed
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT

# error class -> exit code; the first class the error is an instance of wins, so order matters
EXIT_CODES: tuple[tuple[type[BaseException], int], ...] = (
    (KeyboardInterrupt, EXIT_INTERRUPTED),
    (click.UsageError, EXIT_USAGE),
    (RemoteError, EXIT_REMOTE),
    (RecweeklyError, EXIT_CONTENT),
)


def exit_code_for(error: BaseException | None) -> int:
    """The exit code of an error; a batch exits with the worst code among the errors it carries."""
    if error is None:
        return EXIT_OK
    if isinstance(error, BatchError):
        return max((exit_code_for(e) for e in error.errors), default=EXIT_CONTENT)
    for cls, code in EXIT_CODES:
        if isinstance(error, cls):
            return code
    return EXIT_CONTENT


def _no_color() -> bool:
    """https://no-color.org: NO_COLOR set to anything but the empty string turns colour off."""
    return bool(os.environ.get("NO_COLOR"))


def report_error(error: BaseException) -> int:
    """Print an error the way every command does and return its exit code."""
    if isinstance(error, KeyboardInterrupt):
        click.echo("interrupted", err=True)
    else:
        click.secho(redact(f"error: {error}"), fg="red", err=True, color=False if _no_color() else None)
    return exit_code_for(error)


# name -> ("module", "attribute", "one-line help shown by --help without importing the module")
COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": ("recweekly.commands.init", "init", "Create a new blog repository (config, folders, templates)."),
    "notes": ("recweekly.commands.notes", "notes", "Collect and list paper notes (arXiv, digests, reports)."),
    "new": ("recweekly.commands.new", "new", "Scaffold a weekly or daily draft from the notes."),
    "fill": ("recweekly.commands.fill", "fill", "Refresh the generated regions of drafts from the notes."),
    "stats": ("recweekly.commands.stats", "stats", "Word count, reading time and paper statistics of a post."),
    "check": ("recweekly.commands.check", "check", "Validate notes, drafts and posts (front matter, regions, TODOs)."),
    "promote": ("recweekly.commands.promote", "promote", "Move a finished draft to posts/ (git mv)."),
    "publish": ("recweekly.commands.publish", "publish", "Publish changed posts to the Notion database."),
    "pull": ("recweekly.commands.pull", "pull", "Write edits made in Notion back into the post files."),
    "preview": ("recweekly.commands.preview", "preview", "Render a post to HTML and serve it locally."),
    "translations": ("recweekly.commands.translations", "translations", "Translations: up to date, stale, missing."),
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use; --help lists them from COMMANDS."""

    def invoke(self, ctx: click.Context) -> Any:
        """Library errors become a message on stderr and their exit code, here, in one place."""
        try:
            return super().invoke(ctx)
        except (RecweeklyError, KeyboardInterrupt) as exc:
            ctx.exit(report_error(exc))

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, (module, _, _) in COMMANDS.items() if _module_exists(module)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module_name, attr, short_help = COMMANDS[cmd_name]
        # Only the group's help page gets a stub; shell completion needs the real command's options
        # and subcommands, and pays the import (a completion is one command, once per TAB).
        if _listing_help(ctx):
            return _HelpStub(cmd_name, short_help)
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

\b
Exit codes: 0 ok, 1 a problem with a note, draft, post or the config,
2 bad usage, 3 an outside service (arXiv, Notion) failed, 130 interrupted.
Colour is off when NO_COLOR is set or the output is not a terminal.
Shell completion (bash; zsh and fish alike with zsh_source / fish_source):
  eval "$(_RECWEEKLY_COMPLETE=bash_source recweekly)"
"""


@click.group(cls=LazyGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="recweekly")
@click.option("--config", "config_path", metavar="PATH", envvar="RECWEEKLY_CONFIG",
              type=click.Path(path_type=Path),
              help="The blog's recweekly.toml or pyproject.toml (default: searched from the current folder "
                   "upwards; env RECWEEKLY_CONFIG).")
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None) -> None:
    """Run a research blog from git: paper notes, drafts, and publishing to NotionNext."""
    if _no_color():
        ctx.color = False
    ctx.meta["recweekly.config_path"] = config_path


_original_format_commands = click.Group.format_commands


def _format_commands(self: click.Group, ctx: click.Context, formatter: click.HelpFormatter) -> None:
    ctx.meta["recweekly.listing_help"] = True
    try:
        _original_format_commands(self, ctx, formatter)
    finally:
        ctx.meta.pop("recweekly.listing_help", None)


LazyGroup.format_commands = _format_commands  # type: ignore[method-assign]


def main() -> None:
    try:
        cli.main(prog_name="recweekly", standalone_mode=True)
    except (RecweeklyError, KeyboardInterrupt) as exc:  # raised outside a command, e.g. during completion
        sys.exit(report_error(exc))
