"""`recweekly preview`: render a draft or post to HTML, serve it on 127.0.0.1 or write one file."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from recweekly.errors import InputError, RecweeklyError

if TYPE_CHECKING:
    from recweekly.config import Config


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Port on 127.0.0.1 to serve on; 0 picks a free one.")
@click.option("--open/--no-open", "open_browser", default=True, show_default=True,
              help="Open the page in the default web browser once the server runs.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write one self-contained HTML file (images, styles and KaTeX inlined) and exit instead of serving.")
def preview(path: Path, port: int, open_browser: bool, output: Path | None) -> None:
    """Show a draft or post as it will look once published.

    The page is laid out like the NotionNext article: cover, page icon and
    title, date, category, tags, 字数/阅读时长 (counted as `stats` and
    NotionNext count them), a table of contents, and a Draft badge.
    Equations are typeset with KaTeX (shipped inside recweekly, as on the
    blog). Every `TODO:` and ⟦…⟧ translation fallback is highlighted and
    counted at the top; stale generated regions and the warnings `publish`
    would give are listed there too (warnings also go to stderr).

    The body is rendered from the same Markdown AST as `publish`, with the
    same decisions: region markers and HTML comments vanish, other raw HTML
    is shown as escaped text, GitHub alerts become callouts, <details>
    becomes a toggle, footnotes become a Notes section, and links to other
    posts go to their blog URL (or, with no site_url configured, to their
    local preview).

    The server listens on 127.0.0.1 only. The open page follows its
    sources: save the file (or an image it shows, or a note its generated
    regions come from) and the page updates within a second, keeping your
    scroll position. The index page (/) is a dashboard of every draft and
    post: language, status, TODOs, words, stale regions, publish warnings.
    Nothing is loaded from the internet. Stop it with Ctrl-C.

    \b
    Examples:
      recweekly preview drafts/2026-W10.en.md
      recweekly preview drafts/2026-W10.en.md --port 8000 --no-open
      recweekly preview posts/2026-W10.zh.md --output /tmp/w10.html
    """
    from recweekly.commands._common import get_config  # lazy: start-up (no config parsing for --help)
    from recweekly.fsutil import atomic_write_text  # lazy: start-up
    from recweekly.preview import render_post_page  # lazy: start-up
    from recweekly.preview.paths import in_content_dirs, relative_to_root  # lazy: start-up

    config = get_config()
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, expected a draft or post file")

    if output is not None:
        page = render_post_page(config, path, standalone=True)
        _print_warnings(page.warnings)
        atomic_write_text(output, page.html)
        click.echo(f"wrote {output}")
        return

    rel = relative_to_root(config, path)
    if rel is None or not in_content_dirs(config, path):
        raise InputError(f"{path}: the server previews files under {config.drafts_dir}/ and {config.posts_dir}/; "
                         "use --output FILE.html for other files")
    page = render_post_page(config, path)  # fail early (exit 1) on a broken post
    _serve(config, rel, port, open_browser, page.warnings)


def _print_warnings(warnings: list[str]) -> None:
    for warning in warnings:
        click.secho(f"warning: {warning}", fg="yellow", err=True)


def _serve(config: Config, rel: str, port: int, open_browser: bool, first_warnings: list[str]) -> None:
    from recweekly.preview.server import PreviewServer  # lazy: start-up

    last: dict[str, list[str]] = {}

    def on_render(path: str, warnings: list[str]) -> None:
        if last.get(path) != warnings:  # print a file's warnings when they change, not on every reload
            last[path] = warnings
            _print_warnings(warnings)

    def on_error(path: str, error: RecweeklyError) -> None:
        last.pop(path, None)
        click.secho(f"error: {error}", fg="red", err=True)

    try:
        server = PreviewServer(config, port, on_render=on_render, on_error=on_error)
    except OSError as exc:
        raise InputError(f"cannot listen on 127.0.0.1:{port} ({exc.strerror}); try another --port") from None
    url = server.url(rel)
    on_render(rel, first_warnings)
    click.echo(f"Previewing {rel} at {url}")
    click.echo(f"Index of drafts and posts: {server.url()}  (Ctrl-C to stop)")
    if open_browser:
        _open_browser(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        server.server_close()


def _open_browser(url: str) -> None:
    """Open a graphical browser; without a display, say so rather than start a console browser."""
    import webbrowser  # lazy: start-up (only `preview --open` needs it)

    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        click.echo("no display found: open the URL in your browser", err=True)
        return
    if not webbrowser.open(url):
        click.echo("could not start a browser: open the URL yourself", err=True)
