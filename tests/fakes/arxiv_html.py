"""A stand-in for arxiv.org/html on 127.0.0.1: LaTeXML pages and the images they show.

It answers like arXiv where recweekly depends on it: `/html/<id>` (no version) is the page itself,
with `<base href="/html/<id>v1/">` so its relative image paths resolve to `/html/<id>v1/x1.png`; a
paper without a page in tests/fixtures/latexml/ answers 404 (arXiv has no HTML version of it).
Images are made up from their name, the way each test needs them: `*.png` is a small real PNG,
`*.jpg` a JPEG, `huge*.png` a PNG of `huge_bytes` (declared in Content-Length), `stream*.png` the same
sent without a length, `wrong-type*.png` PNG bytes answered as text/html, `fake*.png` HTML bytes
answered as image/png; a name without a file of its own is missing (404).

Faults are queued per request, like the API fake: "503" / "500" (Retry-After: 2), "drop" (close the
connection unanswered), "slow" (answer after `slow_seconds`), "404".
"""

from __future__ import annotations

import re
import socket
import struct
import threading
import zlib
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "latexml"
_PAGE = re.compile(r"^/html/(?P<id>\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})$")
_ASSET = re.compile(r"^/html/(?P<id>[^/]+?)v\d+/(?P<name>.+)$")


def tiny_png(width: int = 2, height: int = 2) -> bytes:
    """A valid PNG (white pixels)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9"


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that stops reading a capped image resets the connection: that is expected here."""


def page_ids() -> list[str]:
    return sorted(p.stem.replace("_", "/") for p in PAGES.glob("*.html"))


class FakeArxivHtml:
    def __init__(self) -> None:
        self.faults: list[str] = []
        self.slow_seconds = 1.0
        self.huge_bytes = 1_500_000
        self.requests: list[str] = []  # paths asked for, in order
        self.user_agents: list[str] = []
        self.clock: Callable[[], float] | None = None  # when set, each request's time goes to `stamps`
        self.stamps: list[float] = []
        self._stop = threading.Event()
        self._server = _QuietServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/html"

    def queue(self, *faults: str) -> None:
        self.faults.extend(faults)

    @property
    def pages_asked(self) -> list[str]:
        return [p for p in self.requests if _PAGE.match(p)]

    @property
    def images_asked(self) -> list[str]:
        return [p for p in self.requests if _ASSET.match(p)]

    def __enter__(self) -> FakeArxivHtml:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()

    # ---- answers ---------------------------------------------------------------------------------
    def page(self, arxiv_id: str) -> bytes | None:
        path = PAGES / f"{arxiv_id.replace('/', '_')}.html"
        return path.read_bytes() if path.is_file() else None

    def image(self, name: str) -> tuple[int, str, bytes, bool]:
        """(status, content type, body, send Content-Length) for an image path inside a paper's folder."""
        base = name.rsplit("/", 1)[-1]
        if base.startswith("huge"):
            return 200, "image/png", tiny_png() + b"\x00" * self.huge_bytes, True
        if base.startswith("stream"):
            return 200, "image/png", tiny_png() + b"\x00" * self.huge_bytes, False
        if base.startswith("wrong-type"):
            return 200, "text/html; charset=utf-8", tiny_png(), True
        if base.startswith("fake"):
            return 200, "image/png", b"<html><body>Not found</body></html>", True
        if base.startswith("missing"):
            return 404, "text/html", b"<html>404</html>", True
        if base.endswith(".jpg"):
            return 200, "image/jpeg", JPEG, True
        if base.endswith(".png"):
            return 200, "image/png", tiny_png(), True
        return 404, "text/html", b"<html>404</html>", True

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms delayed-ACK stall

            def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                path = unquote(urlparse(self.path).path)
                fake.requests.append(path)
                fake.user_agents.append(self.headers.get("User-Agent", ""))
                if fake.clock is not None:
                    fake.stamps.append(fake.clock())
                fault = fake.faults.pop(0) if fake.faults else None
                if fault == "drop":
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if fault == "slow" and fake._stop.wait(fake.slow_seconds):
                    return
                if fault in ("503", "500"):
                    self._send(int(fault), b"Service Unavailable", "text/plain", {"Retry-After": "2"})
                    return
                page = _PAGE.match(path)
                asset = _ASSET.match(path)
                if fault == "404" or not (page or asset):
                    self._send(404, b"<html><body>Not Found</body></html>", "text/html; charset=utf-8")
                elif page:
                    body = fake.page(page.group("id"))
                    if body is None:  # arXiv's answer for a paper without an HTML version
                        self._send(404, b"<html><body><h1>No HTML for '" + page.group("id").encode()
                                   + b"'</h1></body></html>", "text/html; charset=utf-8")
                    else:
                        self._send(200, body, "text/html; charset=utf-8")
                else:
                    assert asset is not None
                    status, content_type, body, length = fake.image(asset.group("name"))
                    self._send(status, body, content_type, length=length)

            def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None,
                      *, length: bool = True) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    if length:
                        self.send_header("Content-Length", str(len(body)))
                    else:
                        self.send_header("Connection", "close")
                        self.close_connection = True
                    for name, value in (headers or {}).items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading (a capped image): nothing to do

        return Handler
