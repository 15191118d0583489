"""A tiny local HTTP server for previews: loopback only, read-only, drafts/ and posts/ only.

Every request renders the file again, so saving in the editor and reloading the browser shows the
edit. What it will serve is deliberately narrow: Markdown under drafts/ and posts/, and image files
inside the blog root; everything else (the config, .git, files outside the root reached by `..`,
encoded `%2e%2e`, backslashes or symlinks) is a 404. The Host header must name the loopback address,
so a web page cannot reach the server through DNS rebinding.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

from recweekly.config import Config
from recweekly.errors import RecweeklyError
from recweekly.preview import (
    IMAGE_TYPES,
    content_type,
    in_content_dirs,
    preview_path,
    relative_to_root,
    render_post_page,
)
from recweekly.preview.page import CSP, error_page, index_page

HOST = "127.0.0.1"
_LOCAL_HOSTS = ("127.0.0.1", "localhost")


class PreviewServer(ThreadingHTTPServer):
    """Serves one blog. `on_render(path, warnings)` hears of every page rendered, `on_error` of failures."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, config: Config, port: int = 0,
                 on_render: Callable[[str, list[str]], None] | None = None,
                 on_error: Callable[[str, RecweeklyError], None] | None = None) -> None:
        self.config = config
        self.on_render = on_render or (lambda path, warnings: None)
        self.on_error = on_error or (lambda path, error: None)
        super().__init__((HOST, port), _Handler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def url(self, rel: str | None = None) -> str:
        base = f"http://{HOST}:{self.port}"
        return base + (preview_path(rel) if rel else "/")

    def start_in_thread(self, poll_interval: float = 0.05) -> threading.Thread:
        """For tests and embedding: serve in a daemon thread; shutdown() returns within `poll_interval`."""
        thread = threading.Thread(target=self.serve_forever, args=(poll_interval,), name="recweekly-preview",
                                  daemon=True)
        thread.start()
        return thread


def _path_of(target: str) -> str:
    """The path of a request target, taken literally (`//x` is a path here, not a host)."""
    return target.split("#", 1)[0].split("?", 1)[0]


def resolve_request(config: Config, raw_path: str) -> tuple[str, Path] | None:
    """("post" | "image", file) for a request path the server may answer, else None (a 404)."""
    path = unquote(_path_of(raw_path))
    if "\x00" in path or "\\" in path:
        return None
    parts = path.lstrip("/").split("/")
    if any(part in ("..", ".") for part in parts) or any(p.startswith(".") for p in parts if p):
        return None  # no traversal, no dotfiles (.git, .env)
    root = config.root.resolve()
    target = (root / "/".join(parts)).resolve()
    if root not in target.parents or not target.is_file():
        return None
    suffix = target.suffix.lower()
    if suffix in (".md", ".markdown") and in_content_dirs(config, target):
        return "post", target
    if suffix in IMAGE_TYPES:
        return "image", target
    return None


def listing(config: Config) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(href, label) of every draft and post, sorted by path."""
    found: list[list[tuple[str, str]]] = []
    for folder in (config.drafts_path, config.posts_path):
        items: list[tuple[str, str]] = []
        if folder.is_dir():
            for file in sorted(folder.rglob("*.md")):
                rel = relative_to_root(config, file)
                if rel and not any(p.startswith(".") for p in rel.split("/")):
                    items.append((preview_path(rel), rel))
        found.append(items)
    return found[0], found[1]


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        return None  # the CLI prints warnings, not an access log

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def _answer(self, head: bool) -> None:
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]")
        if host not in _LOCAL_HOSTS:
            self._send(HTTPStatus.FORBIDDEN, "text/plain; charset=utf-8", b"forbidden host\n", head)
            return
        config = self.server.config
        if _path_of(self.path) in ("", "/"):
            drafts, posts = listing(config)
            self._html(HTTPStatus.OK, index_page(config.name, drafts, posts), head)
            return
        found = resolve_request(config, self.path)
        if found is None:
            self._html(HTTPStatus.NOT_FOUND, error_page("Not found", "Only drafts/, posts/ and images "
                                                        "inside the blog can be previewed."), head)
            return
        kind, file = found
        if kind == "image":
            self._send(HTTPStatus.OK, content_type(file), file.read_bytes(), head)
            return
        rel = relative_to_root(config, file) or file.name
        try:
            page = render_post_page(config, file)
        except RecweeklyError as exc:
            self.server.on_error(rel, exc)
            self._html(HTTPStatus.UNPROCESSABLE_ENTITY, error_page(f"Cannot preview {rel}", str(exc)), head)
            return
        self.server.on_render(rel, page.warnings)
        self._html(HTTPStatus.OK, page.html, head)

    def _html(self, status: HTTPStatus, text: str, head: bool) -> None:
        self._send(status, "text/html; charset=utf-8", text.encode("utf-8"), head)

    def _send(self, status: HTTPStatus, kind: str, data: bytes, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Security-Policy", CSP)
        self.end_headers()
        if not head:
            self.wfile.write(data)
