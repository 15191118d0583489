"""A fake Notion API on 127.0.0.1 that behaves like the real one where recweekly depends on it.

Why a server and not a mock: the client, the sync and the CLI are exercised over real HTTP, so
headers, pagination, limits, retries and dropped connections are tested the way they happen in
production. Every JSON request body is validated against the contract schemas (generated from the
official SDK types) and against Notion's size limits; a bad body gets Notion's 400 answer AND is
recorded in `violations`, so a fixture can fail a test whose code sent one even if the error was
swallowed somewhere.

Responses imitate what Notion fills in (ids, timestamps, `plain_text`, `href`, default annotations
and colours, `has_children`, select option ids and colours, `time_zone: null` on dates) and the
read-only fields no request can set: `list_start_index` / `list_format` on the first item of every
numbered list, `icon: null` on paragraphs, `is_archived` / `is_locked` on pages, and uploaded files
as signed S3 URLs (`…/<workspace>/<file id>/<file name>?X-Amz-…`, a new signature on every read,
valid one hour). As in API version 2026-03-11, answers carry `in_trash` and no `archived`. Code that
compares what it wants with what it reads back must normalise, as it must against the real service.
Page icons and covers are checked like Notion checks them (an emoji, an http(s) URL, an uploaded
file), and so are link URLs (a scheme Notion does not recognise, such as `MAILTO:`, is "Invalid URL
for link."); `heading_4` is a heading like the other three (coloured, toggleable); a select option
that does not exist is created, unless the fake is told that the integration cannot edit the
database's schema (`schema_editable=False`), which is refused.

Usage:

    with FakeNotion() as server:               # one NotionNext-like database is created
        client = NotionClient(server.token, base_url=server.url)
        ...
        assert server.violations == []

Faults: `server.inject("PATCH", r"/children$", 503, times=2)`, kinds 429 / 500 / 502 / 503 / 529,
"drop", "apply_then_503", "slow". Rate limit: off by default (fast suite); `set_rate_limit(3, burst=3,
clock=fake_clock)` turns Notion's 3 requests/s average on, on real or virtual time.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import email.parser
import email.policy
import json
import re
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, urlencode, urlsplit

NOTION_VERSION = "2026-03-11"
DEFAULT_TOKEN = "ntn_fake_test_token_0123456789abcdef"


MAX_ARRAY = 100
MAX_BLOCKS_PER_REQUEST = 1000
MAX_BODY_BYTES = 500 * 1000
MAX_TEXT = 2000
MAX_URL = 2000
MAX_INLINE_EQUATION = 1000
RATE_LIMITED = "You have been rate limited. Please try again in a few minutes."
QUERY_RESULT_LIMIT = 10_000  # rows one data source query returns at most, then request_status: incomplete
LIST_PARAMS = ("filter_properties",)  # query parameters that repeat (`?filter_properties=a&filter_properties=b`)
# A link URL Notion accepts: a lower-case scheme (`https:`, `mailto:`) or a path on Notion, and no
# whitespace. `MAILTO:x@y.z` or `HTTPS://…` is refused with "Invalid URL for link.".
LINK_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*:|/)\S+")
MAX_BLOCK_DEPTH = 3  # top-level blocks plus two levels of children in one request

DEFAULT_ANNOTATIONS: dict[str, Any] = {
    "bold": False,
    "italic": False,
    "strikethrough": False,
    "underline": False,
    "code": False,
    "color": "default",
}
COLOURED_TYPES = {
    "paragraph", "bulleted_list_item", "numbered_list_item", "to_do", "toggle", "quote", "callout",
    "heading_1", "heading_2", "heading_3", "heading_4", "table_of_contents",
}
PARENT_TYPES = {
    "paragraph", "bulleted_list_item", "numbered_list_item", "to_do", "toggle", "quote", "callout",
    "heading_1", "heading_2", "heading_3", "heading_4", "table", "column_list", "column", "synced_block", "template",
    "tab", "tab_item",
}
MEDIA_TYPES = {"image", "video", "file", "pdf", "audio"}
WORKSPACE_ID = "7d3a1c52-2f0b-4c1e-9a55-0e4b7f6a9c21"  # the S3 prefix of every uploaded file
LIST_FORMATS = ("numbers", "letters", "roman")  # Notion's default numbering per nesting level
SELECT_COLOURS = ("default", "gray", "brown", "orange", "yellow", "green", "blue", "purple", "pink", "red")


# --------------------------------------------------------------------------------------------
# Schema helpers: build a data source's property schema the way Notion returns it.


def notion_property(name: str, type_: str, options: list[str] | None = None, prop_id: str | None = None) -> dict:
    """One column of a data source, in response form."""
    prop: dict[str, Any] = {"id": prop_id or ("title" if type_ == "title" else _short_id()), "name": name,
                            "type": type_}
    if type_ in ("select", "multi_select", "status"):
        prop[type_] = {"options": [_option(o, i) for i, o in enumerate(options or [])]}
        if type_ == "status":
            prop[type_]["groups"] = []
    else:
        prop[type_] = {}
    return prop


def notionnext_schema(status_type: str = "select") -> dict[str, dict]:
    """The columns of NotionNext's template database (optionally with a Notion `status` column)."""
    cols = [
        notion_property("title", "title"),
        notion_property("type", "select", ["Post", "Page", "Notice", "Menu", "SubMenu"]),
        notion_property("status", status_type, ["Published", "Invisible", "Draft"]),
        notion_property("category", "select", []),
        notion_property("tags", "multi_select", []),
        notion_property("slug", "rich_text"),
        notion_property("summary", "rich_text"),
        notion_property("password", "rich_text"),
        notion_property("icon", "rich_text"),
        notion_property("date", "date"),
    ]
    return {c["name"]: c for c in cols}


def _option(name: str, index: int = 0) -> dict:
    return {"id": _short_id(), "name": name, "color": SELECT_COLOURS[index % len(SELECT_COLOURS)], "description": None}


_ISSUED_IDS: set[str] = set()


def _short_id() -> str:
    """A short id never issued before in this process: Notion's property ids are unique within a
    data source, and a listing's `filter_properties` names columns by them (four random hex digits
    alone collided about once per test run, and a column then vanished from the listing)."""
    while True:
        short = uuid.uuid4().hex[:6]
        if short not in _ISSUED_IDS:
            _ISSUED_IDS.add(short)
            return short


def _now() -> str:
    stamp = dt.datetime.now(dt.timezone.utc).replace(second=0, microsecond=0)
    return stamp.strftime("%Y-%m-%dT%H:%M:00.000Z")


def _norm_id(raw: str) -> str | None:
    """Notion accepts ids with or without dashes; canonical form is the dashed UUID."""
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        return None


def signed_file(upload: dict) -> dict:
    """An uploaded file as Notion answers it: a signed S3 URL valid one hour, new on every read."""
    now = dt.datetime.now(dt.timezone.utc)
    day, stamp = now.strftime("%Y%m%d"), now.strftime("%Y%m%dT%H%M%SZ")
    query = urlencode({
        "X-Amz-Algorithm": "AWS4-HMAC-SHA256", "X-Amz-Content-Sha256": "UNSIGNED-PAYLOAD",
        "X-Amz-Credential": f"ASIAZI2LB466FAKEKEY/{day}/us-west-2/s3/aws4_request", "X-Amz-Date": stamp,
        "X-Amz-Expires": "3600", "X-Amz-Signature": uuid.uuid4().hex + uuid.uuid4().hex,
        "X-Amz-SignedHeaders": "host", "x-id": "GetObject",
    })
    url = (f"https://prod-files-secure.s3.us-west-2.amazonaws.com/{WORKSPACE_ID}/{upload['file_id']}/"
           f"{quote(upload['filename'])}?{query}")
    expiry = (now + dt.timedelta(hours=1)).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return {"url": url, "expiry_time": expiry}


def looks_like_emoji(text: str) -> bool:
    """Roughly Notion's check of `emoji`: one pictograph, with joiners, variation and skin-tone marks."""
    import unicodedata

    if not text or len(text) > 12:
        return False
    marks = {"\u200d", "\ufe0f", "\ufe0e", "\u20e3"}
    pictographs = [c for c in text if unicodedata.category(c) == "So" or 0x1F1E6 <= ord(c) <= 0x1F1FF]
    rest = [c for c in text if c not in marks and c not in pictographs and not 0x1F3FB <= ord(c) <= 0x1F3FF
            and not 0xE0020 <= ord(c) <= 0xE007F and not (c in "#*0123456789" and "\u20e3" in text)]
    return (bool(pictographs) or "\u20e3" in text) and not rest


def utf16_len(text: str) -> int:
    """Notion counts string lengths in UTF-16 code units (JavaScript strings)."""
    return len(text.encode("utf-16-le")) // 2


# --------------------------------------------------------------------------------------------
# Contract validation


def contract_errors(name: str, body: Any) -> list[str]:
    """Schema problems of a request body (`name` e.g. "CreatePage"), via tests/contract/validate.py."""
    from tests.contract.validate import errors

    return [f"{name}: {problem}" for problem in errors(f"{name}BodyParameters", body)[:3]]


# --------------------------------------------------------------------------------------------
# Time and rate limiting


class FakeClock:
    """Virtual time shared by a client (`sleep`, `now`) and the server's rate limiter."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start
        self._lock = threading.Lock()
        self.sleeps: list[float] = []

    def now(self) -> float:
        with self._lock:
            return self._now

    __call__ = now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self._now += max(0.0, seconds)


class TokenBucket:
    """Notion's limit: an average of `rate` requests per second, with bursts up to `burst`."""

    def __init__(self, rate: float, burst: float, clock: Callable[[], float]) -> None:
        self.rate = rate
        self.burst = burst
        self.clock = clock
        self.tokens = burst
        self.stamp = clock()

    def take(self) -> float:
        """Take one token; return 0 if allowed, else the seconds until one is available."""
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1 - 1e-6:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


# --------------------------------------------------------------------------------------------
# Records


@dataclass
class Call:
    """One request as received. Unpacks as (method, path, body) like a tuple."""

    method: str
    path: str
    body: Any
    query: dict[str, Any] = field(default_factory=dict)  # last value of each parameter; lists for LIST_PARAMS
    status: int | None = None

    def __iter__(self) -> Iterator[Any]:
        return iter((self.method, self.path, self.body))

    @property
    def is_write(self) -> bool:
        return self.method in ("POST", "PATCH", "DELETE") and not self.path.endswith("/query")


@dataclass
class Injection:
    method: str
    pattern: re.Pattern[str]
    kind: int | str
    times: int
    retry_after: float | str | None
    delay: float
    after: int = 0
    hits: int = 0
    passed: int = 0


class ApiError(Exception):
    """An error answer; `violation` marks answers caused by a request no correct client sends."""

    def __init__(self, status: int, code: str, message: str, *, violation: bool = False,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.violation = violation
        self.headers = headers or {}


def _validation(message: str, *, violation: bool = False) -> ApiError:
    return ApiError(400, "validation_error", message, violation=violation)


def _not_found(kind: str, obj_id: str) -> ApiError:
    return ApiError(
        404, "object_not_found",
        f"Could not find {kind} with ID: {obj_id}. Make sure the relevant pages and databases are shared "
        "with your integration.",
    )


# --------------------------------------------------------------------------------------------
# The server


class FakeNotion:
    """In-memory Notion: databases → data sources, pages, block trees, file uploads."""

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        properties: dict[str, dict] | None = None,
        status_type: str = "select",
        validate: bool = True,
        block_limit: int | None = None,
        schema_editable: bool = True,
    ) -> None:
        self.token = token
        # False: the integration may edit pages but not the database's schema, so writing a select
        # value that is not an option yet is refused instead of adding the option
        self.schema_editable = schema_editable
        self.validate = validate
        self.block_limit = block_limit  # a Free workspace's lifetime cap on created blocks (1000)
        self.lock = threading.RLock()
        self.databases: dict[str, dict] = {}
        self.data_sources: dict[str, dict] = {}
        self.pages: dict[str, dict] = {}
        self.blocks: dict[str, dict] = {}
        self.children: dict[str, list[str]] = {}
        self.file_uploads: dict[str, dict] = {}
        self.calls: list[Call] = []
        self.violations: list[str] = []
        self.injections: list[Injection] = []
        self.blocks_created = 0
        self.rate_limited = 0
        self.query_result_limit = QUERY_RESULT_LIMIT
        self._bucket: TokenBucket | None = None
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.database_id, self.data_source_id = self.add_database(
            "Blog", properties if properties is not None else notionnext_schema(status_type)
        )

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> FakeNotion:
        handler = type("Handler", (_Handler,), {"fake": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), name="fake-notion", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> FakeNotion:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        assert self._httpd is not None, "server not started"
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    # -- configuration for tests -------------------------------------------------------------

    def add_database(self, name: str = "Blog", properties: dict[str, dict] | None = None) -> tuple[str, str]:
        """Create a database with one data source; returns (database_id, data_source_id)."""
        db_id, ds_id = str(uuid.uuid4()), str(uuid.uuid4())
        props = copy.deepcopy(properties if properties is not None else notionnext_schema())
        with self.lock:
            self.databases[db_id] = {"id": db_id, "title": name, "data_sources": [ds_id], "in_trash": False}
            self.data_sources[ds_id] = {"id": ds_id, "name": name, "database_id": db_id, "properties": props}
        return db_id, ds_id

    def schema(self, data_source_id: str | None = None) -> dict[str, dict]:
        """The live property schema (mutable: tests may rename, retype or delete columns)."""
        return self.data_sources[data_source_id or self.data_source_id]["properties"]

    def inject(
        self,
        method: str,
        path_regex: str,
        kind: int | str,
        times: int = 1,
        *,
        retry_after: float | str | None = 1,
        delay: float = 1.0,
        after: int = 0,
    ) -> Injection:
        """Make `times` matching requests fail, after letting `after` of them through ("*" = any method)."""
        if kind not in (429, 500, 502, 503, 504, 529, "drop", "apply_then_503", "slow"):
            raise ValueError(f"unknown fault kind {kind!r}")
        inj = Injection(method.upper(), re.compile(path_regex), kind, times, retry_after, delay, after)
        with self.lock:
            self.injections.append(inj)
        return inj

    def set_rate_limit(self, rate: float | None, burst: float | None = None,
                       clock: Callable[[], float] = time.monotonic) -> None:
        """`rate` requests/s on average, bursts up to `burst` (default: one second's worth); None = off."""
        with self.lock:
            self._bucket = None if rate is None else TokenBucket(rate, burst or max(1.0, rate), clock)

    # -- inspection ----------------------------------------------------------------------------

    def writes(self) -> list[Call]:
        return [c for c in self.calls if c.is_write]

    def reads(self) -> list[Call]:
        return [c for c in self.calls if not c.is_write]

    def calls_to(self, method: str, path_regex: str) -> list[Call]:
        pattern = re.compile(path_regex)
        return [c for c in self.calls if c.method == method.upper() and pattern.search(c.path)]

    def reset_calls(self) -> None:
        with self.lock:
            self.calls.clear()

    def live_pages(self, data_source_id: str | None = None) -> list[dict]:
        ds = data_source_id or self.data_source_id
        return [p for p in self.pages.values()
                if p["parent"].get("data_source_id") == ds and not p["in_trash"]]

    def page(self, page_id: str) -> dict:
        """A page as `GET /v1/pages/{id}` answers it (icon and cover uploads as signed URLs)."""
        with self.lock:
            return self._page_response(self.pages[_norm_id(page_id) or page_id])

    def page_blocks(self, page_id: str) -> list[dict]:
        """The page's live block tree: response-form blocks, each with a `children` list added."""
        with self.lock:
            return self._tree(_norm_id(page_id) or page_id)

    def _tree(self, parent_id: str) -> list[dict]:
        out = []
        for bid in self.children.get(parent_id, []):
            block = self.blocks[bid]
            if block["in_trash"]:
                continue
            item = self._block_response(block)
            item["children"] = self._tree(bid)
            out.append(item)
        return out

    # -- request handling ----------------------------------------------------------------------

    def handle(self, req: _Handler) -> None:
        split = urlsplit(req.path)
        path = split.path.rstrip("/") or "/"
        query = {k: (v if k in LIST_PARAMS else v[-1]) for k, v in parse_qs(split.query).items()}
        length = int(req.headers.get("Content-Length") or 0)
        raw = req.rfile.read(length) if length else b""
        ctype = req.headers.get("Content-Type", "")
        call = Call(req.command, path, None, query)
        request_id = str(uuid.uuid4())
        body: Any = None
        try:
            if raw and "multipart/form-data" not in ctype:
                try:
                    body = json.loads(raw.decode("utf-8"))
                except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                    raise ApiError(400, "invalid_json", f"Error parsing JSON body: {exc}", violation=True) from None
            call.body = body
            with self.lock:
                self.calls.append(call)
                injection = self._take_injection(req.command, path)
            if injection is not None:
                if injection.kind == "drop":
                    call.status = 0
                    req.close_connection = True
                    with contextlib.suppress(OSError):
                        req.connection.shutdown(socket.SHUT_RDWR)
                    return
                if injection.kind == "slow":
                    time.sleep(injection.delay)
                elif isinstance(injection.kind, int):
                    headers = {}
                    if injection.retry_after is not None and injection.kind in (429, 529):
                        headers["Retry-After"] = str(injection.retry_after)
                    code = {429: "rate_limited", 500: "internal_server_error", 502: "bad_gateway",
                            503: "service_unavailable", 504: "gateway_timeout", 529: "service_overload"}
                    message = "Injected fault." if injection.kind != 429 else RATE_LIMITED
                    raise ApiError(injection.kind, code[injection.kind], message, headers=headers)
            with self.lock:
                self._check_headers(req)
                if self._bucket is not None:
                    wait = self._bucket.take()
                    if wait > 0:
                        self.rate_limited += 1
                        retry = str(max(1, round(wait + 0.5)))
                        raise ApiError(429, "rate_limited", RATE_LIMITED, headers={"Retry-After": retry})
                if len(raw) > MAX_BODY_BYTES:
                    raise _validation(f"Request body too large: {len(raw)} bytes, the limit is {MAX_BODY_BYTES}.",
                                      violation=True)
                status, payload = self._route(req.command, path, query, body, raw, ctype)
            if injection is not None and injection.kind == "apply_then_503":
                raise ApiError(503, "service_unavailable", "Injected fault after applying the request.")
            call.status = status
            self._send(req, status, payload, request_id)
        except ApiError as err:
            call.status = err.status
            if err.violation:
                with self.lock:
                    self.violations.append(f"{req.command} {path}: {err.message}")
            payload = {"object": "error", "status": err.status, "code": err.code, "message": err.message}
            self._send(req, err.status, payload, request_id, err.headers)

    def _take_injection(self, method: str, path: str) -> Injection | None:
        for inj in self.injections:
            if inj.hits < inj.times and inj.method in ("*", method) and inj.pattern.search(path):
                if inj.passed < inj.after:
                    inj.passed += 1
                    continue
                inj.hits += 1
                return inj
        return None

    def _send(self, req: _Handler, status: int, payload: dict, request_id: str,
              headers: dict[str, str] | None = None) -> None:
        payload = dict(payload)
        payload.setdefault("request_id", request_id)
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        try:
            req.send_response(status)
            req.send_header("Content-Type", "application/json; charset=utf-8")
            req.send_header("Content-Length", str(len(data)))
            req.send_header("x-request-id", request_id)
            for key, value in (headers or {}).items():
                req.send_header(key, value)
            # one write for head and body: two small writes meet Nagle + delayed ACK (40 ms a call)
            req._headers_buffer.append(b"\r\n" + data)  # type: ignore[attr-defined]
            req.flush_headers()
        except OSError:  # the client gave up (timeout test); nothing to answer
            req.close_connection = True

    def _check_headers(self, req: _Handler) -> None:
        auth = req.headers.get("Authorization", "")
        if auth != f"Bearer {self.token}":
            raise ApiError(401, "unauthorized", "API token is invalid.")
        version = req.headers.get("Notion-Version")
        if version is None:
            raise ApiError(400, "missing_version", "Notion-Version header failed validation: Notion-Version "
                           "header should be defined, instead was `undefined`.", violation=True)
        if version != NOTION_VERSION:
            raise _validation(f"Notion-Version {version!r} is not the version this fake speaks ({NOTION_VERSION}).",
                              violation=True)

    # -- routing -------------------------------------------------------------------------------

    def _route(self, method: str, path: str, query: dict[str, Any], body: Any, raw: bytes,
               ctype: str) -> tuple[int, dict]:
        parts = path.strip("/").split("/")
        if len(parts) < 2 or parts[0] != "v1":
            raise ApiError(400, "invalid_request_url", "Invalid request URL.", violation=True)
        res, rest = parts[1], parts[2:]
        ident = _norm_id(rest[0]) if rest else None
        if rest and ident is None:
            raise _validation(f"path failed validation: path.id should be a valid uuid, instead was `{rest[0]}`.",
                              violation=True)
        route = (method, res, len(rest), rest[1] if len(rest) > 1 else None)
        if body is None and method in ("POST", "PATCH") and "multipart" not in ctype:
            body = {}
        if route == ("GET", "databases", 1, None):
            return 200, self._get_database(ident)
        if route == ("GET", "data_sources", 1, None):
            return 200, self._get_data_source(ident)
        if route == ("POST", "data_sources", 2, "query"):
            self._check_contract("QueryDataSource", body)
            return 200, self._query(ident, body, query.get("filter_properties"))
        if route == ("PATCH", "data_sources", 1, None):
            self._check_contract("UpdateDataSource", body)
            return 200, self._update_data_source(ident, body)
        if route == ("POST", "pages", 0, None):
            self._check_contract("CreatePage", body)
            return 200, self._create_page(body)
        if route == ("GET", "pages", 1, None):
            return 200, self._get_page(ident)
        if route == ("PATCH", "pages", 1, None):
            self._check_contract("UpdatePage", body)
            return 200, self._update_page(ident, body)
        if route == ("GET", "blocks", 1, None):
            if ident in self.pages:
                return 200, self._page_as_block(ident)
            return 200, self._block_response(self._get_block(ident))
        if route == ("GET", "blocks", 2, "children"):
            return 200, self._list_children(ident, query)
        if route == ("PATCH", "blocks", 2, "children"):
            self._check_contract("AppendBlockChildren", body)
            return 200, self._append(ident, body)
        if route == ("PATCH", "blocks", 1, None):
            self._check_contract("UpdateBlock", body)
            return 200, self._update_block(ident, body)
        if route == ("DELETE", "blocks", 1, None):
            return 200, self._delete_block(ident)
        if route == ("POST", "file_uploads", 0, None):
            self._check_contract("CreateFileUpload", body)
            return 200, self._create_upload(body)
        if route == ("POST", "file_uploads", 2, "send"):
            return 200, self._send_upload(ident, raw, ctype)
        if route == ("GET", "file_uploads", 1, None):
            return 200, self._upload_response(ident)
        raise ApiError(400, "invalid_request_url", f"Invalid request URL: {method} {path}", violation=True)

    def _check_contract(self, name: str, body: Any) -> None:
        if not self.validate:
            return
        problems = check_limits(body) or contract_errors(name, body)  # limits first: cheap, and often enough
        if problems:
            raise _validation("; ".join(problems), violation=True)

    # -- databases and data sources ----------------------------------------------------------

    def _get_database(self, db_id: str) -> dict:
        db = self.databases.get(db_id)
        if db is None or db["in_trash"]:
            raise _not_found("database", db_id)
        return {
            "object": "database", "id": db_id, "title": _rich_out([{"text": {"content": db["title"]}}]),
            "in_trash": False, "is_inline": False, "created_time": _now(), "last_edited_time": _now(),
            "data_sources": [{"id": ds, "name": self.data_sources[ds]["name"]} for ds in db["data_sources"]],
            "parent": {"type": "workspace", "workspace": True},
            "url": f"https://www.notion.so/{db_id.replace('-', '')}",
        }

    def _get_data_source(self, ds_id: str) -> dict:
        ds = self.data_sources.get(ds_id)
        if ds is None:
            raise _not_found("data source", ds_id)
        return {
            "object": "data_source", "id": ds_id, "name": ds["name"],
            "title": _rich_out([{"text": {"content": ds["name"]}}]),
            "parent": {"type": "database_id", "database_id": ds["database_id"]},
            "properties": copy.deepcopy(ds["properties"]), "in_trash": False,
            "created_time": _now(), "last_edited_time": _now(),
        }

    def _query(self, ds_id: str, body: dict, filter_properties: list[str] | None = None) -> dict:
        """Pages of a data source, like Notion: ≤100 per answer with a cursor, trashed pages left out,
        `filter_properties` (property ids) limiting the properties of each page, and at most
        `query_result_limit` rows per query, after which `has_more` is false and `request_status`
        says the result is incomplete."""
        if ds_id not in self.data_sources:
            raise _not_found("data source", ds_id)
        schema = self.data_sources[ds_id]["properties"]
        size = int(body.get("page_size", 100))
        if size > 100 or size < 1:
            raise _validation("body.page_size should be between 1 and 100.", violation=True)
        keep = None
        if filter_properties is not None:
            ids = {col["id"]: name for name, col in schema.items()}
            unknown = [i for i in filter_properties if i not in ids]
            if unknown:
                raise _validation(f"filter_properties: {unknown[0]} is not a property id of this data source.",
                                  violation=True)
            keep = {ids[i] for i in filter_properties}
        matcher = self._filter(body.get("filter"), schema)
        pages = [p for p in self.pages.values()
                 if p["parent"].get("data_source_id") == ds_id and not p["in_trash"] and matcher(p)]
        descending = any(s.get("timestamp") == "created_time" and s.get("direction") == "descending"
                         for s in body.get("sorts") or [])
        # creation order, oldest first (what recweekly asks for); created_time is per minute, like Notion's
        pages.sort(key=lambda p: (p["created_time"], p["_seq"]), reverse=descending)
        capped = len(pages) > self.query_result_limit
        rows = [self._page_response(p, keep) for p in pages[:self.query_result_limit]]
        answer = _paginate(rows, body.get("start_cursor"), size, "page_or_data_source")
        if capped:
            answer["request_status"] = {"type": "incomplete", "incomplete_reason": "query_result_limit_reached"}
        return answer

    def _update_data_source(self, ds_id: str, body: dict) -> dict:
        """Add (a configuration), rename (`{"name": …}`) or remove (null) columns; every change is
        checked before any is made, as Notion does."""
        ds = self.data_sources.get(ds_id)
        if ds is None:
            raise _not_found("data source", ds_id)
        schema = ds["properties"]
        by_id = {col["id"]: name for name, col in schema.items()}
        changes = []
        for key, config in (body.get("properties") or {}).items():
            name = key if key in schema else by_id.get(key)
            if config is None:
                if name is None:
                    raise _validation(f"{key} is not a property that exists.")
                if schema[name]["type"] == "title":
                    raise _validation("Cannot delete the title property.")
                changes.append(("delete", name, None))
                continue
            kinds = [k for k in config if k not in ("name", "description", "type")]
            if name is None:
                if not kinds:
                    raise _validation(f"{key} is not a property that exists.")
                changes.append(("add", key, config))
            elif kinds and kinds[0] != schema[name]["type"] and schema[name]["type"] == "title":
                raise _validation("Cannot change the type of the title property.")
            else:
                changes.append(("change", name, config))
        for action, name, config in changes:
            if action == "delete":
                del schema[name]
                for page in self.pages.values():
                    if page["parent"].get("data_source_id") == ds_id:
                        page["properties"].pop(name, None)
                continue
            kinds = [k for k in config if k not in ("name", "description", "type")]
            if action == "add":
                column = notion_property(config.get("name", name), kinds[0])
                column["description"] = config.get("description")
                schema[column["name"]] = column
                for page in self.pages.values():
                    if page["parent"].get("data_source_id") == ds_id:
                        page["properties"][column["name"]] = _empty_property(column)
                continue
            column = schema[name]
            if kinds and kinds[0] != column["type"]:
                column.pop(column["type"], None)
                column["type"] = kinds[0]
                column[kinds[0]] = copy.deepcopy(config[kinds[0]])
            if "description" in config:
                column["description"] = config["description"]
            new_name = config.get("name")
            if new_name and new_name != name:
                schema[new_name] = schema.pop(name)
                column["name"] = new_name
                for page in self.pages.values():
                    if page["parent"].get("data_source_id") == ds_id and name in page["properties"]:
                        page["properties"][new_name] = page["properties"].pop(name)
        return self._get_data_source(ds_id)

    def _filter(self, spec: dict | None, schema: dict) -> Callable[[dict], bool]:
        if not spec:
            return lambda page: True
        if "and" in spec:
            subs = [self._filter(s, schema) for s in spec["and"]]
            return lambda page: all(f(page) for f in subs)
        if "or" in spec:
            subs = [self._filter(s, schema) for s in spec["or"]]
            return lambda page: any(f(page) for f in subs)
        name = spec.get("property")
        if name not in schema:
            raise _validation(f"Could not find property with name or id: {name}")
        prop_type = schema[name]["type"]
        for kind in ("rich_text", "title", "select", "status"):
            if kind in spec:
                if kind != prop_type and not (kind in ("rich_text", "title") and prop_type in ("rich_text", "title")):
                    raise _validation(f"database property {prop_type} does not match filter {kind}")
                cond = spec[kind]
                if set(cond) - {"equals"}:
                    raise _validation(f"fake Notion supports only `equals` filters, got {cond}", violation=True)
                wanted = cond["equals"]

                def match(page: dict, name: str = name, wanted: Any = wanted) -> bool:
                    value = page["properties"][name]
                    inner = value[value["type"]]
                    if isinstance(inner, list):
                        return "".join(r["plain_text"] for r in inner) == wanted
                    return inner is not None and inner.get("name") == wanted

                return match
        raise _validation(f"fake Notion does not support filter {spec}", violation=True)

    # -- pages ---------------------------------------------------------------------------------

    def _create_page(self, body: dict) -> dict:
        parent = body["parent"]
        ds_id = _norm_id(parent.get("data_source_id", "")) if "data_source_id" in parent else None
        if ds_id is None or ds_id not in self.data_sources:
            raise _validation("The fake only creates pages in a data source (parent.data_source_id).",
                              violation=ds_id is None)
        schema = self.data_sources[ds_id]["properties"]
        props = {name: _empty_property(col) for name, col in schema.items()}
        props.update(self._property_values(body.get("properties", {}), schema))
        children = body.get("children") or []
        self._check_children_shape(children)
        page_id = str(uuid.uuid4())
        now = _now()
        page = {
            "object": "page", "id": page_id, "created_time": now, "last_edited_time": now,
            "parent": {"type": "data_source_id", "data_source_id": ds_id,
                       "database_id": self.data_sources[ds_id]["database_id"]},
            "in_trash": False, "is_archived": False, "is_locked": False, "properties": props,
            "icon": self._page_file("icon", body.get("icon")), "cover": self._page_file("cover", body.get("cover")),
            "url": f"https://www.notion.so/{page_id.replace('-', '')}", "public_url": None, "_seq": len(self.pages),
        }
        self.pages[page_id] = page
        self.children[page_id] = []
        self._insert(page_id, "page_id", children, None)
        return self._page_response(page)

    def _get_page(self, page_id: str) -> dict:
        page = self.pages.get(page_id)
        if page is None:
            raise _not_found("page", page_id)
        return self._page_response(page)

    def _update_page(self, page_id: str, body: dict) -> dict:
        page = self.pages.get(page_id)
        if page is None:
            raise _not_found("page", page_id)
        trash = body.get("in_trash", body.get("archived"))
        if page["in_trash"] and trash is not False:
            raise _validation("Can't edit block that is archived. You must unarchive the block before editing.")
        icon_cover = {key: self._page_file(key, body[key]) for key in ("icon", "cover") if key in body}
        props = {}
        if "properties" in body:
            schema = self.data_sources[page["parent"]["data_source_id"]]["properties"]
            props = self._property_values(body["properties"], schema)
        if trash is not None:  # nothing is changed before the whole request was found valid
            page["in_trash"] = bool(trash)
        page["properties"].update(props)
        page.update(icon_cover)
        page["last_edited_time"] = _now()
        return self._page_response(page)

    def _page_as_block(self, page_id: str) -> dict:
        page = self.pages[page_id]
        title = next((v["title"] for v in page["properties"].values() if v["type"] == "title"), [])
        return {"object": "block", "id": page_id, "parent": copy.deepcopy(page["parent"]),
                "created_time": page["created_time"], "last_edited_time": page["last_edited_time"],
                "has_children": any(not self.blocks[b]["in_trash"] for b in self.children.get(page_id, [])),
                "in_trash": page["in_trash"], "type": "child_page",
                "child_page": {"title": "".join(t["plain_text"] for t in title)}}

    def _page_response(self, page: dict, keep: set[str] | None = None) -> dict:
        """A page as Notion answers (only the properties in `keep`, when a query names some)."""
        out = {k: copy.deepcopy(v) for k, v in page.items() if not k.startswith("_") and k != "properties"}
        out["properties"] = {name: copy.deepcopy(value) for name, value in page["properties"].items()
                             if keep is None or name in keep}
        for key in ("icon", "cover"):
            stored = out[key]
            if stored and stored.get("type") == "file" and "_upload" in stored["file"]:
                out[key] = {"type": "file", "file": signed_file(self.file_uploads[stored["file"]["_upload"]])}
        return out

    def _page_file(self, key: str, value: Any) -> dict | None:
        """A page icon or cover as stored: uploads become Notion-hosted files, anything bad is a 400."""
        if value is None:
            return None
        kind = value.get("type") or next(k for k in value if k != "type")
        if kind == "emoji" and key == "icon":
            if not looks_like_emoji(value["emoji"]):
                raise _validation(f"body failed validation: body.icon.emoji should be a valid emoji, instead was "
                                  f"`{value['emoji']!r}`.")
            return {"type": "emoji", "emoji": value["emoji"]}
        if kind == "external":
            url = value["external"]["url"]
            if not re.match(r"^https?://[^\s/]+", url):
                raise _validation(f"body failed validation: body.{key}.external.url should be a valid URL.")
            return {"type": "external", "external": {"url": url}}
        if kind == "file_upload":
            upload_id = _norm_id(value["file_upload"]["id"]) or value["file_upload"]["id"]
            rec = self.file_uploads.get(upload_id)
            if rec is None or rec["status"] != "uploaded":
                raise _validation(f"File upload {upload_id} is not uploaded (status must be `uploaded`).")
            if not str(rec["content_type"] or "").startswith("image/"):
                raise _validation(f"The {key} must be an image; file upload {upload_id} is {rec['content_type']}.")
            return {"type": "file", "file": {"_upload": upload_id}}
        return copy.deepcopy(value)  # custom_emoji / icon: kept as sent

    def _property_values(self, values: dict, schema: dict) -> dict:
        by_id = {col["id"]: name for name, col in schema.items()}
        out: dict[str, dict] = {}
        for key, value in values.items():
            name = key if key in schema else by_id.get(key)
            if name is None:
                raise _validation(f"{key} is not a property that exists.")
            col = schema[name]
            given = [k for k in value if k != "type"]
            if given != [col["type"]]:
                raise _validation(f"{name} is expected to be {col['type']}.")
            out[name] = self._property_value(col, value[col["type"]])
        return out

    def _property_value(self, col: dict, value: Any) -> dict:
        kind = col["type"]
        result: dict[str, Any] = {"id": col["id"], "type": kind}
        if kind in ("title", "rich_text"):
            result[kind] = _rich_out(value)
        elif kind in ("select", "status"):
            result[kind] = None if value is None else self._choose(col, value, create=kind == "select")
        elif kind == "multi_select":
            result[kind] = [self._choose(col, v, create=True) for v in value]
        elif kind == "date":
            result[kind] = None if value is None else _date_out(value)
        else:
            result[kind] = copy.deepcopy(value)
        return result

    def _choose(self, col: dict, value: dict, *, create: bool) -> dict:
        options = col[col["type"]]["options"]
        for opt in options:
            if ("name" in value and opt["name"] == value["name"]) or ("id" in value and opt["id"] == value["id"]):
                return {"id": opt["id"], "name": opt["name"], "color": opt["color"]}
        if not create or "name" not in value:
            raise _validation(f"Invalid {col['type']} option {value!r} for property {col['name']}.")
        if not self.schema_editable:
            raise _validation(f"{value['name']!r} is not an option of property {col['name']!r}, and this integration "
                              "cannot edit the database's schema to add it.")
        if "," in value["name"]:
            raise _validation(f"Invalid select option, commas not allowed: {value['name']}")
        opt = _option(value["name"], len(options))
        options.append(opt)
        return {"id": opt["id"], "name": opt["name"], "color": opt["color"]}

    # -- blocks ----------------------------------------------------------------------------------

    def _get_block(self, block_id: str) -> dict:
        block = self.blocks.get(block_id)
        if block is None:
            raise _not_found("block", block_id)
        return block

    def _block_response(self, block: dict) -> dict:
        """A block as Notion answers: stored content plus the read-only fields Notion computes."""
        out = copy.deepcopy(block)
        kind = out["type"]
        content = out[kind]
        if kind == "numbered_list_item":
            depth = self._list_depth(block)
            if depth is not None:  # the first item of a list says where and how its numbering starts
                content["list_start_index"] = 1
                content["list_format"] = LIST_FORMATS[depth % len(LIST_FORMATS)]
        if kind in MEDIA_TYPES and isinstance(content.get("file"), dict) and "_upload" in content["file"]:
            content["file"] = signed_file(self.file_uploads[content["file"]["_upload"]])
        return out

    def _list_depth(self, block: dict) -> int | None:
        """For the first item of a numbered list, how many numbered lists it is nested in; else None."""
        parent = block["parent"]
        siblings = [b for b in self.children.get(parent[parent["type"]], []) if not self.blocks[b]["in_trash"]]
        index = siblings.index(block["id"]) if block["id"] in siblings else 0
        if index and self.blocks[siblings[index - 1]]["type"] == "numbered_list_item":
            return None
        depth = 0
        while parent["type"] == "block_id":
            above = self.blocks[parent["block_id"]]
            depth += above["type"] == "numbered_list_item"
            parent = above["parent"]
        return depth

    def _container(self, block_id: str) -> tuple[str, str]:
        """(id, parent type) of something that can hold children: a live page or block."""
        if block_id in self.pages:
            if self.pages[block_id]["in_trash"]:
                raise _validation("Can't edit block that is archived. You must unarchive the block before editing.")
            return block_id, "page_id"
        block = self._get_block(block_id)
        if block["in_trash"]:
            raise _validation("Can't edit block that is archived. You must unarchive the block before editing.")
        return block_id, "block_id"

    def _list_children(self, block_id: str, query: dict[str, str]) -> dict:
        if block_id not in self.pages and block_id not in self.blocks:
            raise _not_found("block", block_id)
        try:
            size = int(query.get("page_size", "100"))
        except ValueError:
            raise _validation("query.page_size should be a number.", violation=True) from None
        if size > 100 or size < 1:
            raise _validation("query.page_size should be between 1 and 100.", violation=True)
        live = [self.blocks[b] for b in self.children.get(block_id, []) if not self.blocks[b]["in_trash"]]
        return _paginate([self._block_response(b) for b in live], query.get("start_cursor"), size, "block")

    def _append(self, block_id: str, body: dict) -> dict:
        parent_id, parent_type = self._container(block_id)
        if parent_type == "block_id":
            parent = self.blocks[parent_id]
            kind = parent["type"]
            if kind not in PARENT_TYPES or (kind.startswith("heading_") and not parent[kind].get("is_toggleable")):
                raise _validation(f"Block type {kind} does not support children.")
        children = body["children"]
        self._check_children_shape(children)
        after = None
        position = body.get("position")
        if "after" in body:
            after = _norm_id(body["after"])
        elif position:
            if position["type"] == "after_block":
                after = _norm_id(position["after_block"]["id"])
            elif position["type"] == "start":
                after = ""
        if after:
            live = [b for b in self.children[parent_id] if not self.blocks[b]["in_trash"]]
            if after not in live:
                raise _validation(f"Block {after} is not a child of {parent_id}.")
        created = self._insert(parent_id, parent_type, children, after)
        return {"object": "list", "results": [self._block_response(self.blocks[b]) for b in created],
                "next_cursor": None, "has_more": False, "type": "block", "block": {}}

    def _check_children_shape(self, children: list) -> None:
        total = _count_blocks(children)
        if self.block_limit is not None and self.blocks_created + total > self.block_limit:
            raise _validation(f"This workspace has reached its block limit ({self.block_limit} blocks). "
                              "Upgrade to add more content.")
        if total > MAX_BLOCKS_PER_REQUEST:
            raise _validation(f"A request may create at most {MAX_BLOCKS_PER_REQUEST} blocks, got {total}.",
                              violation=True)
        depth = _depth(children)
        if depth > MAX_BLOCK_DEPTH:
            raise _validation(f"Blocks are nested {depth} levels deep; one request allows {MAX_BLOCK_DEPTH} "
                              "(the top level and two levels of children).", violation=True)
        for child in children:
            self._check_block_request(child)

    def _check_block_request(self, block: dict) -> None:
        kind = _block_type(block)
        content = block[kind]
        for upload in _file_upload_ids(content):
            rec = self.file_uploads.get(_norm_id(upload) or upload)
            if rec is None or rec["status"] != "uploaded":
                raise _validation(f"File upload {upload} is not uploaded (status must be `uploaded`).")
        for child in content.get("children", []) if isinstance(content, dict) else []:
            if kind == "table" and _block_type(child) != "table_row":
                raise _validation("Table children must be table_row blocks.")
            self._check_block_request(child)
        if kind == "table":
            width = content["table_width"]
            for row in content.get("children", []):
                if len(row["table_row"]["cells"]) != width:
                    raise _validation(f"Table row has {len(row['table_row']['cells'])} cells, table_width is {width}.")

    def _insert(self, parent_id: str, parent_type: str, children: list, after: str | None) -> list[str]:
        """Create blocks under parent after `after` ("" = at the start, None = at the end)."""
        siblings = self.children.setdefault(parent_id, [])
        if after is None:
            index = len(siblings)
        elif after == "":
            index = 0
        else:
            index = siblings.index(after) + 1
        created = []
        for child in children:
            block_id = self._create_block(child, parent_id, parent_type)
            siblings.insert(index, block_id)
            index += 1
            created.append(block_id)
        if parent_type == "block_id" and created:
            self.blocks[parent_id]["has_children"] = True
        return created

    def _create_block(self, request: dict, parent_id: str, parent_type: str) -> str:
        kind = _block_type(request)
        content = copy.deepcopy(request[kind])
        nested = content.pop("children", []) if isinstance(content, dict) else []
        block_id = str(uuid.uuid4())
        now = _now()
        user = {"object": "user", "id": "00000000-0000-4000-8000-000000000001"}
        self.blocks[block_id] = {
            "object": "block", "id": block_id, "parent": {"type": parent_type, parent_type: parent_id},
            "created_time": now, "last_edited_time": now, "created_by": user, "last_edited_by": user,
            "has_children": False, "in_trash": False, "type": kind,
            kind: self._content_out(kind, content, None),
        }
        self.children[block_id] = []
        self.blocks_created += 1
        if nested:
            self._insert(block_id, "block_id", nested, None)
        return block_id

    def _content_out(self, kind: str, content: Any, old: dict | None) -> Any:
        """Response form of a block's content; `old` is merged under it on update."""
        if not isinstance(content, dict):
            return content
        out: dict[str, Any] = copy.deepcopy(old) if old else {}
        if old is None:
            if kind in COLOURED_TYPES:
                out["color"] = "default"
            if kind.startswith("heading_"):
                out["is_toggleable"] = False
            if kind == "to_do":
                out["checked"] = False
            if kind in ("code", "bookmark", "embed") or kind in MEDIA_TYPES:
                out["caption"] = []
            if kind == "table":
                out.update(has_column_header=False, has_row_header=False)
            if kind in ("callout", "paragraph"):
                out["icon"] = None
        sources = ("external", "file_upload", "file", "type")
        if kind in MEDIA_TYPES and any(k in content for k in sources):
            for key in sources:  # a new source replaces the old one
                out.pop(key, None)
        for key, value in content.items():
            if key in ("rich_text", "caption"):
                out[key] = _rich_out(value)
            elif key == "cells":
                out[key] = [_rich_out(cell) for cell in value]
            else:
                out[key] = copy.deepcopy(value)
        if kind in MEDIA_TYPES:
            source = out.get("type") or next((k for k in ("external", "file_upload", "file") if k in out), None)
            if source == "file_upload":
                upload = self.file_uploads[_norm_id(out["file_upload"]["id"]) or out["file_upload"]["id"]]
                out.pop("file_upload")
                out["type"] = "file"
                out["file"] = {"_upload": upload["id"]}  # signed anew on every read
            elif source:
                out["type"] = source
        return out

    def _update_block(self, block_id: str, body: dict) -> dict:
        if block_id in self.pages:
            raise _validation("Use PATCH /v1/pages to update a page.")
        block = self._get_block(block_id)
        trash = body.get("in_trash", body.get("archived"))
        if block["in_trash"] and trash is not False:
            raise _validation("Can't edit block that is archived. You must unarchive the block before editing.")
        kinds = [k for k in body if k not in ("type", "in_trash", "archived")]
        if kinds:
            kind = kinds[0]
            if kind != block["type"]:
                raise _validation(f"Block type cannot be changed: block {block_id} is a {block['type']}, "
                                  f"the request updates it as {kind}.")
            self._check_block_request({kind: body[kind]})
            block[kind] = self._content_out(kind, body[kind], block[kind])
        if trash is not None:
            self._set_trash(block, bool(trash))
        block["last_edited_time"] = _now()
        return self._block_response(block)

    def _delete_block(self, block_id: str) -> dict:
        if block_id in self.pages:
            page = self.pages[block_id]
            page["in_trash"] = True
            return self._page_response(page)
        block = self._get_block(block_id)
        if block["in_trash"]:
            raise _validation("Can't edit block that is archived. You must unarchive the block before editing.")
        self._set_trash(block, True)
        return self._block_response(block)

    def _set_trash(self, block: dict, trash: bool) -> None:
        block["in_trash"] = trash
        parent = block["parent"]
        if parent["type"] == "block_id":
            pid = parent["block_id"]
            self.blocks[pid]["has_children"] = any(not self.blocks[b]["in_trash"] for b in self.children[pid])

    # -- file uploads ----------------------------------------------------------------------------

    def _create_upload(self, body: dict) -> dict:
        mode = body.get("mode", "single_part")
        if mode != "single_part":
            raise _validation(f"The fake supports only single_part uploads, got {mode}.")
        upload_id = str(uuid.uuid4())
        self.file_uploads[upload_id] = {
            "id": upload_id, "filename": body.get("filename", "file"), "status": "pending",
            "content_type": body.get("content_type"), "content": None,
            "file_id": str(uuid.uuid4()),  # where the file will live in S3: not the upload's id
        }
        return self._upload_response(upload_id)

    def _send_upload(self, upload_id: str, raw: bytes, ctype: str) -> dict:
        rec = self.file_uploads.get(upload_id)
        if rec is None:
            raise _not_found("file upload", upload_id)
        if rec["status"] != "pending":
            raise _validation(f"File upload {upload_id} has status {rec['status']}, expected pending.")
        if "multipart/form-data" not in ctype:
            raise _validation("Send the file as multipart/form-data.", violation=True)
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            f"Content-Type: {ctype}\r\n\r\n".encode() + raw
        )
        content = None
        for part in message.iter_parts():
            if part.get_param("name", header="content-disposition") == "file":
                content = part.get_payload(decode=True)
        if content is None:
            raise _validation("The multipart body has no `file` part.", violation=True)
        if len(content) > 20 * 1024 * 1024:
            raise _validation("single_part uploads are limited to 20 MB.", violation=True)
        rec.update(status="uploaded", content=content)
        return self._upload_response(upload_id)

    def _upload_response(self, upload_id: str) -> dict:
        rec = self.file_uploads.get(upload_id)
        if rec is None:
            raise _not_found("file upload", upload_id)
        return {
            "object": "file_upload", "id": upload_id, "status": rec["status"], "filename": rec["filename"],
            "content_type": rec["content_type"],
            "content_length": None if rec["content"] is None else len(rec["content"]),
            "upload_url": f"{self.url}/v1/file_uploads/{upload_id}/send" if rec["status"] == "pending" else None,
            "created_time": _now(), "expiry_time": "2099-01-01T00:00:00.000Z",
        }


@contextlib.contextmanager
def running(**kwargs: Any) -> Iterator[FakeNotion]:
    """A started FakeNotion that fails the caller if any request broke the contract or a limit.

    In a test:  `with running() as notion: ...`  (or wrap it in a fixture).
    """
    with FakeNotion(**kwargs) as server:
        yield server
        assert server.violations == [], "requests Notion would reject were sent:\n" + "\n".join(server.violations)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    fake: FakeNotion

    def do_GET(self) -> None:
        self.fake.handle(self)

    do_POST = do_PATCH = do_DELETE = do_PUT = do_GET

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass


# --------------------------------------------------------------------------------------------
# Pure helpers


def _paginate(items: list[dict], cursor: str | None, size: int, kind: str) -> dict:
    start = 0
    if cursor:
        ids = [i["id"] for i in items]
        norm = _norm_id(cursor)
        if norm not in ids:
            raise _validation(f"start_cursor {cursor} is not valid.", violation=True)
        start = ids.index(norm)
    chunk = items[start:start + size]
    more = start + size < len(items)
    return {"object": "list", "results": chunk, "next_cursor": items[start + size]["id"] if more else None,
            "has_more": more, "type": kind, kind: {}}


def _block_type(block: dict) -> str:
    if "type" in block:
        return str(block["type"])
    kinds = [k for k in block if k not in ("object", "type")]
    if len(kinds) != 1:
        raise _validation(f"Cannot tell the block type of {sorted(block)}.", violation=True)
    return kinds[0]


def _count_blocks(children: list) -> int:
    total = 0
    for child in children:
        total += 1
        content = child.get(_block_type(child))
        if isinstance(content, dict):
            total += _count_blocks(content.get("children", []))
    return total


def _depth(children: list) -> int:
    deepest = 0
    for child in children:
        content = child.get(_block_type(child))
        below = _depth(content.get("children", [])) if isinstance(content, dict) else 0
        deepest = max(deepest, 1 + below)
    return deepest


def _file_upload_ids(content: Any) -> list[str]:
    if isinstance(content, dict) and isinstance(content.get("file_upload"), dict):
        return [content["file_upload"]["id"]]
    return []


def _rich_out(items: list) -> list[dict]:
    out = []
    for item in items:
        ann = {**DEFAULT_ANNOTATIONS, **item.get("annotations", {})}
        kind = item.get("type") or next((k for k in ("text", "equation", "mention") if k in item), "text")
        if kind == "text":
            text = item["text"]
            link = text.get("link")
            link_out = {"url": link["url"]} if link else None
            out.append({"type": "text", "text": {"content": text["content"], "link": link_out},
                        "annotations": ann, "plain_text": text["content"], "href": link_out and link_out["url"]})
        elif kind == "equation":
            expr = item["equation"]["expression"]
            out.append({"type": "equation", "equation": {"expression": expr}, "annotations": ann,
                        "plain_text": expr, "href": None})
        else:
            out.append({"type": kind, kind: copy.deepcopy(item[kind]), "annotations": ann,
                        "plain_text": item.get("plain_text", ""), "href": None})
    return out


def _date_out(value: dict) -> dict:
    """Notion answers with the instant, the offset spelled out, and no time_zone."""
    def fmt(raw: str | None) -> str | None:
        if raw is None or "T" not in raw:
            return raw
        parsed = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
        if parsed.tzinfo is None:
            zone = value.get("time_zone")
            if zone:
                import zoneinfo

                parsed = parsed.replace(tzinfo=zoneinfo.ZoneInfo(zone))
            else:
                parsed = parsed.replace(tzinfo=dt.timezone.utc)
        return parsed.isoformat(timespec="milliseconds")
    return {"start": fmt(value.get("start")), "end": fmt(value.get("end")), "time_zone": None}


def _empty_property(col: dict) -> dict:
    kind = col["type"]
    empty: Any = [] if kind in ("title", "rich_text", "multi_select", "people", "files", "relation") else None
    return {"id": col["id"], "type": kind, kind: empty}


def check_limits(body: Any) -> list[str]:
    """Notion's size limits, which the contract schemas do not encode (first few problems)."""
    problems: list[str] = []

    def walk(node: Any, where: str, in_rich_item: bool) -> None:
        if len(problems) >= 5:
            return
        if isinstance(node, list):
            if len(node) > MAX_ARRAY:
                problems.append(f"{where}.length should be ≤ {MAX_ARRAY}, instead was {len(node)}.")
            for i, item in enumerate(node):
                walk(item, f"{where}[{i}]", where.endswith(("rich_text", "caption", "title")) or
                     bool(re.search(r"cells\[\d+\]$", where)))
            return
        if not isinstance(node, dict):
            return
        for key, value in node.items():
            path = f"{where}.{key}"
            if isinstance(value, str):
                if key == "content" and where.endswith(".text") and utf16_len(value) > MAX_TEXT:
                    problems.append(f"{path}.length should be ≤ {MAX_TEXT}, instead was {utf16_len(value)}.")
                elif key == "url" and utf16_len(value) > MAX_URL:
                    problems.append(f"{path}.length should be ≤ {MAX_URL}, instead was {utf16_len(value)}.")
                elif key == "url" and where.endswith(".link") and not LINK_URL.fullmatch(value):
                    problems.append(f"Content creation Failed. Fix the following: \nInvalid URL for link. ({path})")
                elif key == "expression" and in_rich_item and utf16_len(value) > MAX_INLINE_EQUATION:
                    problems.append(f"{path}.length should be ≤ {MAX_INLINE_EQUATION}, "
                                    f"instead was {utf16_len(value)}.")
            else:
                walk(value, path, in_rich_item)

    walk(body, "body", False)
    if isinstance(body, dict) and isinstance(body.get("children"), list):
        try:
            total = _count_blocks(body["children"])
        except (ApiError, AttributeError):
            total = 0  # malformed blocks: the schema check says what is wrong
        if total > MAX_BLOCKS_PER_REQUEST:
            problems.append(f"A request may create at most {MAX_BLOCKS_PER_REQUEST} blocks, got {total}.")
    return problems
