"""A tiny local HTTP server for previews: loopback only, read-only, drafts/ and posts/ only.

Pages follow their sources: each page names an event stream (`/_preview/events`, server-sent
events) that polls the `stat()` of what the page was made from (`watch`) and says `change` once
when any of it differs from the page's stamp; the page's script then fetches itself again and
swaps the article in place, keeping the scroll position. Every request renders afresh what changed.

What it will serve is deliberately narrow: Markdown under drafts/ and posts/, image files inside the
blog root, and the preview's own static files; everything else (the config, .git, files outside
the root reached by `..`, encoded `%2e%2e`, backslashes or symlinks) is a 404. The Host header must
name the loopback address, so a web page cannot reach the server through DNS rebinding, and every
answer carries a Content-Security-Policy that allows only this server's own files.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from recweekly.config import Config
from recweekly.errors import RecweeklyError
from recweekly.preview.article import Previewer
from recweekly.preview.assets import HEADER_CSP, PREFIX, served_assets, static_file
from recweekly.preview.dashboard import SUMMARY_PATH, Dashboard
from recweekly.preview.page import error_page, index_page
from recweekly.preview.paths import IMAGE_TYPES, content_type, in_content_dirs, preview_path, relative_to_root
from recweekly.preview.watch import POLL_SECONDS, Sources

HOST = "127.0.0.1"
EVENTS_PATH = "/_preview/events"
_LOCAL_HOSTS = ("127.0.0.1", "localhost")
_KEEPALIVE_SECONDS = 10.0  # a comment line this often notices a closed tab and ends its stream


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
        self.previewer = Previewer(config, events=events_url)
        self.dashboard = Dashboard(config, self.previewer)
        self.stopping = threading.Event()
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

    def shutdown(self) -> None:
        self.stopping.set()  # event streams end at their next poll
        super().shutdown()

    def server_close(self) -> None:
        self.stopping.set()
        super().server_close()


def events_url(rel: str, stamp: str) -> str:
    """The event stream of a page (`rel` "" for the index) made from sources with this stamp."""
    return f"{EVENTS_PATH}?path={quote(rel)}&since={stamp}"


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
        path = _path_of(self.path)
        query = parse_qs(urlsplit(self.path).query)
        if path in ("", "/"):
            self._index(head)
        elif path.startswith(PREFIX):
            found = static_file(path[len(PREFIX):])
            if found is None:
                self._not_found(head)
            else:
                self._send(HTTPStatus.OK, found[1], found[0], head)
        elif path == EVENTS_PATH:
            self._events(query.get("path", [""])[0], query.get("since", [""])[0])
        elif path == SUMMARY_PATH:
            self._summary(query.get("path", [""])[0], head)
        else:
            self._file(head)

    def _index(self, head: bool) -> None:
        rows, sources = self.server.dashboard.rows()
        page = index_page(self.server.config.name, rows, served_assets(False), events_url("", sources.stamp()))
        self._html(HTTPStatus.OK, page, head)

    def _file(self, head: bool) -> None:
        config = self.server.config
        found = resolve_request(config, self.path)
        if found is None:
            self._not_found(head)
            return
        kind, file = found
        if kind == "image":
            self._send(HTTPStatus.OK, content_type(file), file.read_bytes(), head)
            return
        rel = relative_to_root(config, file) or file.name
        try:
            page = self.server.previewer.render(file)
        except RecweeklyError as exc:
            self.server.on_error(rel, exc)
            sources = self.server.previewer.sources_of(file)
            self._html(HTTPStatus.UNPROCESSABLE_ENTITY, error_page(f"Cannot preview {rel}", str(exc),
                       served_assets(False), events_url(rel, sources.stamp())), head)
            return
        self.server.on_render(rel, page.warnings)
        self._html(HTTPStatus.OK, page.html, head)

    def _post_of(self, rel: str) -> Path | None:
        found = resolve_request(self.server.config, "/" + rel)
        return found[1] if found is not None and found[0] == "post" else None

    def _summary(self, rel: str, head: bool) -> None:
        file = self._post_of(rel)
        if file is None:
            self._not_found(head)
            return
        self._json(self.server.dashboard.summary(file), head)

    def _json(self, value: object, head: bool) -> None:
        data = json.dumps(value, ensure_ascii=False).encode("utf-8")
        self._send(HTTPStatus.OK, "application/json; charset=utf-8", data, head)

    def _events(self, rel: str, since: str) -> None:
        """Server-sent events: one `change` when the page's sources differ from `since`, then the end."""
        sources: Callable[[], Sources]
        if rel:
            file = self._post_of(rel)
            if file is None:
                self._not_found(False)
                return

            def sources() -> Sources:
                return self.server.previewer.sources_of(file)
        else:
            sources = self.server.dashboard.sources

        self.close_connection = True
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self._common_headers()
        self.end_headers()
        last_write = time.monotonic()
        try:
            self.wfile.write(b"retry: 1000\n\n")
            while not self.server.stopping.wait(POLL_SECONDS):
                stamp = sources().current()
                if stamp != since:
                    self.wfile.write(f"event: change\ndata: {stamp}\n\n".encode())
                    return
                if time.monotonic() - last_write > _KEEPALIVE_SECONDS:
                    self.wfile.write(b": still watching\n\n")
                    last_write = time.monotonic()
        except OSError:
            return  # the tab was closed

    def _not_found(self, head: bool) -> None:
        self._html(HTTPStatus.NOT_FOUND, error_page("Not found", "Only drafts/, posts/ and images inside the blog "
                                                    "can be previewed.", served_assets(False)), head)

    def _html(self, status: HTTPStatus, text: str, head: bool) -> None:
        self._send(status, "text/html; charset=utf-8", text.encode("utf-8"), head)

    def _send(self, status: HTTPStatus, kind: str, data: bytes, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self._common_headers()
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def _common_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Security-Policy", HEADER_CSP)
