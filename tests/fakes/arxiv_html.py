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
import struct
import zlib
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import unquote, urlparse

from tests.fakes.local import Handler, LocalServer

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


def page_ids() -> list[str]:
    return sorted(p.stem.replace("_", "/") for p in PAGES.glob("*.html"))


class FakeArxivHtml(LocalServer):
    def __init__(self) -> None:
        self.huge_bytes = 1_500_000
        self.requests: list[str] = []  # paths asked for, in order
        self.user_agents: list[str] = []
        super().__init__()

    @property
    def url(self) -> str:
        return f"{self.base}/html"

    @property
    def pages_asked(self) -> list[str]:
        return [p for p in self.requests if _PAGE.match(p)]

    @property
    def images_asked(self) -> list[str]:
        return [p for p in self.requests if _ASSET.match(p)]

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

        class HtmlHandler(Handler):
            def do_GET(self) -> None:
                path = unquote(urlparse(self.path).path)
                fake.requests.append(path)
                fake.user_agents.append(self.headers.get("User-Agent", ""))
                fault = fake.next_fault()
                if self.shared_fault(fault, fake):
                    return
                page = _PAGE.match(path)
                asset = _ASSET.match(path)
                if fault == "404" or not (page or asset):
                    self.send(404, b"<html><body>Not Found</body></html>", "text/html; charset=utf-8")
                elif page:
                    body = fake.page(page.group("id"))
                    if body is None:  # arXiv's answer for a paper without an HTML version
                        self.send(404, b"<html><body><h1>No HTML for '" + page.group("id").encode()
                                   + b"'</h1></body></html>", "text/html; charset=utf-8")
                    else:
                        self.send(200, body, "text/html; charset=utf-8")
                else:
                    assert asset is not None
                    status, content_type, body, length = fake.image(asset.group("name"))
                    self.send(status, body, content_type, length=length)

        return HtmlHandler
