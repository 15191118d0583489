"""What the local fakes of outside HTTP services share: a threaded server on 127.0.0.1, faults queued per
request, the time of each request, and a handler base that answers in one call."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that gives up (a timeout, a capped download) resets the connection: expected here."""


class LocalServer:
    """Start with `with Fake() as fake:`; subclasses give `_handler()` and their `url`."""

    def __init__(self) -> None:
        self.faults: list[str] = []
        self.slow_seconds = 1.0
        self.clock: Callable[[], float] | None = None  # when set, each request's time goes to `stamps`
        self.stamps: list[float] = []
        self._stop = threading.Event()
        self._server = QuietServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def queue(self, *faults: str) -> None:
        self.faults.extend(faults)

    def next_fault(self) -> str | None:
        """Called once per request: records its time and takes the fault queued for it, if any."""
        if self.clock is not None:
            self.stamps.append(self.clock())
        return self.faults.pop(0) if self.faults else None

    def wait_slow(self) -> bool:
        """Sleep `slow_seconds` for a "slow" fault; True when the server is stopping meanwhile."""
        return self._stop.wait(self.slow_seconds)

    def __enter__(self) -> Any:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        raise NotImplementedError


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms delayed-ACK stall

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        pass

    def shared_fault(self, fault: str | None, server: LocalServer) -> bool:
        """The faults every fake knows: "drop" (close unanswered), "slow" (answer after `slow_seconds`),
        "503" / "500" (with Retry-After: 2). True when the request is done with."""
        if fault == "drop":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return True
        if fault == "slow" and server.wait_slow():
            return True
        if fault in ("503", "500"):
            self.send(int(fault), b"Service Unavailable", "text/plain", {"Retry-After": "2"})
            return True
        return False

    def send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None, *,
             length: bool = True) -> None:
        """One whole answer; without `length` the body ends when the connection closes."""
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
            pass  # the client gave up (a timeout, a capped download): nothing to do
