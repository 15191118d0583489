"""A stand-in for export.arxiv.org/api/query on 127.0.0.1, serving recorded-style Atom entries.

It behaves like the real API where recweekly depends on it: `id_list` is answered with the entries
it knows (unknown ids silently dropped, versions ignored), a malformed id gets HTTP 400 with an Atom
"Error" entry, and faults can be queued per request: "503" (with Retry-After), "500", "drop" (close
the connection without an answer), "slow" (answer after `slow_seconds`), "400" (refuse the first id
as malformed even if it looks fine), "garbage" (200 with non-XML).
"""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "arxiv"
_VALID = re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$")


def recorded_entries() -> dict[str, str]:
    """Canonical id -> <entry> XML, from tests/fixtures/arxiv/*.xml (file name: id with / as _)."""
    return {path.stem.replace("_", "/"): path.read_text(encoding="utf-8") for path in FIXTURES.glob("*.xml")}


class FakeArxiv:
    def __init__(self, entries: dict[str, str] | None = None) -> None:
        self.entries = recorded_entries() if entries is None else entries
        self.faults: list[str] = []
        self.slow_seconds = 1.0
        self.requests: list[dict[str, list[str]]] = []
        self.clock: Callable[[], float] | None = None  # when set, each request's time goes to `stamps`
        self.stamps: list[float] = []
        self._stop = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/api/query"

    def queue(self, *faults: str) -> None:
        self.faults.extend(faults)

    def __enter__(self) -> FakeArxiv:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()

    # ---- responses -----------------------------------------------------------------------------
    def feed(self, ids: Iterable[str], max_results: str) -> bytes:
        template = (FIXTURES / "feed.xml.tmpl").read_text(encoding="utf-8")
        found = [self.entries[i] for i in (re.sub(r"v\d+$", "", i) for i in ids) if i in self.entries]
        return template.format(
            id_list=",".join(ids), max_results=max_results, total=len(found), entries="".join(found)
        ).encode("utf-8")

    def error_feed(self, bad_id: str) -> bytes:
        template = (FIXTURES / "feed.xml.tmpl").read_text(encoding="utf-8")
        entry = (FIXTURES / "error_entry.xml.tmpl").read_text(encoding="utf-8").format(bad_id=bad_id)
        return template.format(id_list=bad_id, max_results=10, total=1, entries=entry).encode("utf-8")

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                url = urlparse(self.path)
                query = parse_qs(url.query)
                fake.requests.append(query)
                if fake.clock is not None:
                    fake.stamps.append(fake.clock())
                fault = fake.faults.pop(0) if fake.faults else None
                ids = [i for i in ",".join(query.get("id_list", [""])).split(",") if i]
                if fault == "drop":
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if fault == "slow" and fake._stop.wait(fake.slow_seconds):
                    return
                if fault in ("503", "500"):
                    self._send(int(fault), b"Service Unavailable", "text/plain", {"Retry-After": "2"})
                    return
                if fault == "garbage":
                    self._send(200, b"<html>maintenance</html", "text/html")
                    return
                bad = [i for i in ids if not _VALID.match(i)]
                if fault == "400" and ids:
                    bad = [ids[0]]
                if bad:
                    self._send(400, fake.error_feed(bad[0]), "application/atom+xml; charset=utf-8")
                    return
                body = fake.feed(ids, query.get("max_results", ["10"])[0])
                self._send(200, body, "application/atom+xml; charset=utf-8")

            def _send(self, status: int, body: bytes, content_type: str,
                      headers: dict[str, str] | None = None) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    for name, value in (headers or {}).items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test): nothing to do

        return Handler
