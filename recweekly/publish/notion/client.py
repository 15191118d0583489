"""A small Notion API client on requests: the retry and safety rules live here, once.

Why not the official SDK: it is JavaScript, and the Python ports lag the API version we need. The
rules (DESIGN.md §5) that every caller would otherwise get wrong:

- Pace requests client-side at Notion's 3 requests/s average, so a long post does not trip 429s.
- On 429 and 529, wait `Retry-After` in full and retry, whatever the method: the request was refused,
  and asking again sooner only earns another 429. A wait longer than `max_retry_after` is not
  shortened but refused (`NotionRateLimited`), so a run fails clearly instead of hanging for hours;
  every such wait is announced through `on_wait`.
- Retry 5xx, timeouts and dropped connections only on reads (GET, DELETE, and POST …/query, which
  reads). A write that fails that way may have been applied: raise `WriteOutcomeUnknown`, and let
  the caller re-read before repeating it — never duplicate blocks or pages by retrying blindly.
- The token never leaves the Authorization header: not in errors, reprs, logs or hooks; a token an
  HTTP header cannot carry (a line break, a non-Latin-1 character) is refused before any request,
  since the HTTP library's error would quote the header, token and all.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import requests
import requests.auth

from recweekly.publish.notion.errors import (
    ERRORS_BY_STATUS,
    InvalidTokenError,
    MissingTokenError,
    NotionConnectionError,
    NotionError,
    NotionRateLimited,
    NotionServerError,
    NotionValidationError,
    WriteOutcomeUnknown,
)

log = logging.getLogger("recweekly.notion")

NOTION_VERSION = "2026-03-11"
DEFAULT_BASE_URL = "https://api.notion.com"
TOKEN_ENV = "NOTION_TOKEN"
BASE_URL_ENV = "RECWEEKLY_NOTION_API_URL"
MAX_CHILDREN_PER_REQUEST = 100
MAX_BLOCKS_PER_REQUEST = 1000


@dataclass
class ClientStats:
    """What a run cost: requests sent (attempts, including retries) and blocks created."""

    reads: int = 0
    writes: int = 0
    retries: int = 0
    rate_limited: int = 0
    blocks_created: int = 0
    waited: float = 0.0

    @property
    def calls(self) -> int:
        return self.reads + self.writes


@dataclass(frozen=True)
class QueryResult:
    """The pages of a query, and False in `complete` when Notion capped the result."""

    pages: list[dict]
    complete: bool = True


@dataclass(frozen=True)
class RequestInfo:
    """What `on_request` sees after each attempt; deliberately without headers or token."""

    method: str
    path: str
    status: int | None
    elapsed: float
    attempt: int
    request_id: str | None
    error: str | None = None


class _Pacer:
    """Token bucket: `rate` requests/s on average, bursts up to `burst`, on an injectable clock."""

    def __init__(self, rate: float, burst: float, clock: Callable[[], float], sleep: Callable[[float], None]) -> None:
        self.rate = rate
        self.burst = burst
        self.clock = clock
        self.sleep = sleep
        self.tokens = burst
        self.stamp: float | None = None

    def wait(self) -> float:
        if self.rate <= 0:
            return 0.0
        now = self.clock()
        if self.stamp is not None:
            self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        waited = 0.0
        if self.tokens < 1:
            waited = (1 - self.tokens) / self.rate
            self.sleep(waited)
            self.tokens = 1.0
            self.stamp = self.clock()
        self.tokens -= 1
        return waited


class NotionClient:
    """One connection to one Notion integration. Methods return Notion's JSON (dicts)."""

    def __init__(
        self,
        token: str,
        base_url: str = DEFAULT_BASE_URL,
        *,
        notion_version: str = NOTION_VERSION,
        rate_per_sec: float = 3.0,
        burst: float | None = None,
        timeout: float = 30.0,
        max_retries: int = 5,
        max_retry_after: float = 300.0,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        on_request: Callable[[RequestInfo], None] | None = None,
        on_wait: Callable[[float], None] | None = None,
    ) -> None:
        if not token or not token.strip():
            raise MissingTokenError(_missing_token_message())
        problem = token_problem(token.strip())
        if problem:
            raise InvalidTokenError(problem)
        self._token = _Secret(token.strip())
        self.base_url = base_url.rstrip("/")
        self.notion_version = notion_version
        self.timeout = timeout
        self.max_retries = max_retries
        self.max_retry_after = max_retry_after
        self.backoff = backoff
        self.sleep = sleep
        self.clock = clock
        self.on_request = on_request
        self.on_wait = on_wait  # told the seconds of every Retry-After wait, before it starts
        self.stats = ClientStats()
        self._pacer = _Pacer(rate_per_sec, burst if burst is not None else max(1.0, rate_per_sec), clock, sleep)
        self._auth = _BearerAuth(self._token)
        self._session = requests.Session()
        self._session.headers.update({"Notion-Version": notion_version, "User-Agent": "recweekly"})

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **kwargs: Any) -> NotionClient:
        """Token from NOTION_TOKEN only; API base URL from RECWEEKLY_NOTION_API_URL (for tests, proxies)."""
        env = os.environ if environ is None else environ
        token = env.get(TOKEN_ENV, "").strip()
        if not token:
            raise MissingTokenError(_missing_token_message())
        base_url = env.get(BASE_URL_ENV, "").strip() or DEFAULT_BASE_URL
        return cls(token, base_url, **kwargs)

    def __repr__(self) -> str:
        return f"NotionClient(base_url={self.base_url!r}, notion_version={self.notion_version!r}, token=***)"

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> NotionClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- databases and data sources ----------------------------------------------------------

    def retrieve_database(self, database_id: str) -> dict:
        return self._request("GET", f"/v1/databases/{database_id}")

    def data_source_id(self, database_id: str) -> str:
        """The database's first data source (NotionNext databases have exactly one)."""
        sources = self.retrieve_database(database_id).get("data_sources") or []
        if not sources:
            raise NotionError(f"database {database_id} has no data source", method="GET",
                              path=f"/v1/databases/{database_id}")
        return str(sources[0]["id"])

    def retrieve_data_source(self, data_source_id: str) -> dict:
        return self._request("GET", f"/v1/data_sources/{data_source_id}")

    def query_data_source(self, data_source_id: str, body: Mapping[str, Any] | None = None, *,
                          filter_properties: Sequence[str] | None = None) -> list[dict]:
        """Every page matching `body` (filter, sorts), following cursors."""
        return self.query_pages(data_source_id, body, filter_properties=filter_properties).pages

    def query_pages(self, data_source_id: str, body: Mapping[str, Any] | None = None, *,
                    filter_properties: Sequence[str] | None = None) -> QueryResult:
        """Every page matching `body`, following cursors, and whether that is really every one.

        `filter_properties` (property ids) limits each page's `properties` to those columns: a
        listing of a big database then carries only what the caller compares. Notion stops a query
        after 10,000 rows with `has_more: false` and `request_status.type: "incomplete"`, so
        following cursors alone can look complete when it is not; `complete` says which.
        """
        request = dict(body or {})
        request.setdefault("page_size", 100)
        path = f"/v1/data_sources/{data_source_id}/query"
        # ids as Notion gives them are URL-encoded ("%3AUPp"); the query string encodes them once
        params = {"filter_properties": [unquote(p) for p in filter_properties]} if filter_properties else None
        status: dict[str, Any] = {}
        pages = list(self._paginate("POST", path, request, params=params, status=status))
        return QueryResult(pages, status.get("type") != "incomplete")

    def update_data_source(self, data_source_id: str, body: Mapping[str, Any]) -> dict:
        """PATCH a data source: add, rename or remove columns (`properties`), title, icon."""
        return self._request("PATCH", f"/v1/data_sources/{data_source_id}", json=dict(body))

    def find_pages_by_property(self, data_source_id: str, prop: str, value: str, kind: str = "rich_text") -> list[dict]:
        """Pages whose text property `prop` equals `value` (kind: rich_text, title, select or status)."""
        return self.query_data_source(data_source_id, {"filter": {"property": prop, kind: {"equals": value}}})

    # -- pages ---------------------------------------------------------------------------------

    def create_page(self, body: Mapping[str, Any]) -> dict:
        page = self._request("POST", "/v1/pages", json=dict(body))
        self.stats.blocks_created += count_blocks(body.get("children") or [])
        return page

    def retrieve_page(self, page_id: str) -> dict:
        return self._request("GET", f"/v1/pages/{page_id}")

    def update_page(self, page_id: str, body: Mapping[str, Any]) -> dict:
        return self._request("PATCH", f"/v1/pages/{page_id}", json=dict(body))

    def trash_page(self, page_id: str) -> dict:
        return self.update_page(page_id, {"in_trash": True})

    # -- blocks ----------------------------------------------------------------------------------

    def retrieve_block(self, block_id: str) -> dict:
        return self._request("GET", f"/v1/blocks/{block_id}")

    def list_children(self, block_id: str) -> list[dict]:
        """All direct children of a page or block (one level), following cursors."""
        return list(self._paginate("GET", f"/v1/blocks/{block_id}/children", None))

    def append_children(
        self,
        block_id: str,
        children: Sequence[Mapping[str, Any]],
        position: Mapping[str, Any] | None = None,
        *,
        after: str | None = None,
    ) -> list[dict]:
        """Insert `children` in order (at the end, or per `position`/`after`); returns the created blocks.

        More than 100 children (or 1000 blocks counting nested ones) are sent in several requests, each
        placed after the last block the previous one created, so order is kept. If a later request
        fails, the error has `.created` (the blocks that did land). Nesting deeper than one request
        allows is the caller's job (append grandchildren to the created blocks).
        """
        if after is not None:
            if position is not None:
                raise ValueError("give either position or after, not both")
            position = after_block(after)
        created: list[dict] = []
        for chunk in _chunks(list(children)):
            body: dict[str, Any] = {"children": chunk}
            if position is not None:
                body["position"] = dict(position)
            try:
                result = self._request("PATCH", f"/v1/blocks/{block_id}/children", json=body)
            except NotionError as exc:
                if created:  # earlier requests of this call did land: say so, and hand them over
                    exc.add_context(appended=f"{len(created)} of {len(children)} blocks before this request")
                exc.created = created  # type: ignore[attr-defined]
                raise
            results = list(result.get("results") or [])
            self.stats.blocks_created += count_blocks(chunk)
            created += results
            if results and position is not None and position.get("type") != "end":
                position = after_block(results[-1]["id"])
        return created

    def update_block(self, block_id: str, body: Mapping[str, Any]) -> dict:
        return self._request("PATCH", f"/v1/blocks/{block_id}", json=dict(body))

    def delete_block(self, block_id: str) -> dict:
        """Move a block (or page) to the trash; a block already in the trash counts as done.

        DELETE is retried after a 5xx; when the first attempt was in fact applied, Notion answers
        the retry with "archived" — so read the block back instead of failing.
        """
        try:
            return self._request("DELETE", f"/v1/blocks/{block_id}")
        except NotionValidationError as exc:
            if "archived" not in exc.notion_message:
                raise
            block = self.retrieve_block(block_id)
            if not block.get("in_trash", block.get("archived")):
                raise
            return block

    # -- files -----------------------------------------------------------------------------------

    def upload_file(self, path: Path | str, *, content_type: str | None = None, filename: str | None = None) -> str:
        """Upload a local file (≤ 20 MB) and return its file_upload id, to use in an image block.

        Creating an upload is safe to repeat (an unused one expires), so the pair is retried as a
        whole; if sending fails ambiguously, the upload's status is read back before trying again.
        """
        path = Path(path)
        name = filename or path.name
        ctype = content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
        data = path.read_bytes()
        last: NotionError | None = None
        for _ in range(2):
            upload = self._request("POST", "/v1/file_uploads", json={"mode": "single_part", "filename": name,
                                                                       "content_type": ctype}, safe_to_retry=True)
            upload_id = str(upload["id"])
            try:
                self._request("POST", f"/v1/file_uploads/{upload_id}/send",
                              files={"file": (name, data, ctype)})
                return upload_id
            except WriteOutcomeUnknown as exc:
                last = exc
                status = self._request("GET", f"/v1/file_uploads/{upload_id}").get("status")
                if status == "uploaded":
                    return upload_id
        assert last is not None
        raise last

    # -- the one place requests are sent ---------------------------------------------------------

    def _paginate(self, method: str, path: str, body: dict | None, *, params: Mapping[str, Any] | None = None,
                  status: dict[str, Any] | None = None) -> Iterator[dict]:
        """Results of every page of a list; an `incomplete` request_status on any page lands in `status`."""
        cursor: str | None = None
        while True:
            if method == "GET":
                query = {"page_size": 100, **({"start_cursor": cursor} if cursor else {})}
                page = self._request("GET", path, params=query)
            else:
                request = dict(body or {})
                if cursor:
                    request["start_cursor"] = cursor
                page = self._request(method, path, json=request, params=params)
            request_status = page.get("request_status")
            if status is not None and isinstance(request_status, Mapping) and status.get("type") != "incomplete":
                status.update(request_status)
            yield from page.get("results") or []
            cursor = page.get("next_cursor")
            if not page.get("has_more") or not cursor:
                return

    def _request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, Any] | None = None,
        files: Any = None,
        safe_to_retry: bool | None = None,
    ) -> dict:
        is_read = method in ("GET", "DELETE") or (method == "POST" and path.endswith("/query"))
        retry_failures = is_read if safe_to_retry is None else safe_to_retry
        url = self.base_url + path
        attempt = 0
        while True:
            attempt += 1
            self.stats.waited += self._pacer.wait()
            if method == "GET" or path.endswith("/query"):
                self.stats.reads += 1
            else:
                self.stats.writes += 1
            started = self.clock()
            response: requests.Response | None = None
            failure: tuple[str, bool] | None = None
            try:
                response = self._session.request(method, url, json=json, params=params, files=files,
                                                 auth=self._auth, timeout=self.timeout)
            except requests.RequestException as exc:
                never_sent = isinstance(exc, requests.ConnectTimeout) or (
                    isinstance(exc, requests.ConnectionError) and "NewConnectionError" in repr(exc)
                )
                failure = (self._describe(exc), never_sent)
            if response is None:
                # raised outside the except block: no __context__ links to requests' exception,
                # whose request object holds the Authorization header
                reason, never_sent = failure or ("no response", False)
                self._report(method, path, None, started, attempt, None, reason)
                if not (retry_failures or never_sent):
                    raise WriteOutcomeUnknown(
                        f"the connection failed ({reason}); the change may or may not have been applied, "
                        "re-read before repeating it", method=method, path=path)
                if attempt > self.max_retries:
                    raise NotionConnectionError(
                        f"the connection failed {attempt} times; last: {reason}", method=method, path=path)
                self._backoff(attempt)
                continue
            request_id = response.headers.get("x-request-id") or response.headers.get("x-notion-request-id")
            status = response.status_code
            payload = _json(response)
            request_id = request_id or payload.get("request_id")
            self._report(method, path, status, started, attempt, request_id, None)
            if 200 <= status < 300:
                return payload
            code = payload.get("code") if isinstance(payload.get("code"), str) else None
            message = self._redact(str(payload.get("message") or response.reason or "no message"))
            details = {"status": status, "code": code, "request_id": request_id, "method": method, "path": path}
            if status in (429, 529):
                self.stats.rate_limited += 1
                if attempt > self.max_retries:
                    raise NotionRateLimited(f"{message} (gave up after {attempt} attempts)", **details)
                self._wait_retry_after(response.headers.get("Retry-After"), attempt, details)
                continue
            if status >= 500:
                if not retry_failures:
                    raise WriteOutcomeUnknown(
                        f"{message} — the change may or may not have been applied, re-read before repeating it",
                        **details)
                if attempt > self.max_retries:
                    raise NotionServerError(f"{message} (gave up after {attempt} attempts)", **details)
                self._backoff(attempt)
                continue
            raise ERRORS_BY_STATUS.get(status, NotionError)(message, **details)

    def _wait_retry_after(self, header: str | None, attempt: int, details: dict[str, Any]) -> None:
        try:
            seconds = float(header) if header is not None else None
        except ValueError:
            seconds = None
        if seconds is None or seconds < 0:
            self._backoff(attempt)
            return
        if seconds > self.max_retry_after:
            raise NotionRateLimited(
                f"Notion asked to wait {seconds:g}s before retrying, longer than the {self.max_retry_after:g}s "
                "recweekly waits at most; nothing more was sent. Run again later, or raise "
                "[tool.recweekly.notion] max_retry_after", **details)
        if self.on_wait is not None:
            self.on_wait(seconds)
        self.stats.retries += 1
        self.stats.waited += seconds
        log.debug("rate limited; waiting %.1fs before retrying", seconds)
        self.sleep(seconds)

    def _backoff(self, attempt: int) -> None:
        seconds = min(self.backoff * 2 ** (attempt - 1), 8.0)
        self.stats.retries += 1
        self.stats.waited += seconds
        log.debug("retrying in %.1fs", seconds)
        self.sleep(seconds)

    def _report(self, method: str, path: str, status: int | None, started: float, attempt: int,
                request_id: str | None, error: str | None) -> None:
        elapsed = max(0.0, self.clock() - started)
        log.debug("%s %s -> %s in %.2fs (attempt %d, request id %s)%s", method, path, status or "no answer",
                  elapsed, attempt, request_id or "-", f": {error}" if error else "")
        if self.on_request is not None:
            self.on_request(RequestInfo(method, path, status, elapsed, attempt, request_id, error))

    def _describe(self, exc: BaseException) -> str:
        """A short reason for a transport failure, without URLs' query strings or headers."""
        if isinstance(exc, requests.Timeout):
            return f"no answer within {self.timeout:g}s"
        text = type(exc).__name__
        inner = exc.args[0] if exc.args else None
        reason = getattr(inner, "reason", None)
        if reason is not None:
            text += f": {type(reason).__name__}"
        elif inner is not None and not isinstance(inner, str):
            text += f": {type(inner).__name__}"
        return self._redact(text)

    def _redact(self, text: str) -> str:
        return text.replace(self._token.reveal(), "***")


class _Secret:
    """Holds the token so that printing the client, its __dict__ or a traceback's locals shows ***."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "***"

    __str__ = __repr__


class _BearerAuth(requests.auth.AuthBase):
    """Adds the token to each prepared request, so no local variable of ours ever holds the header."""

    def __init__(self, secret: _Secret) -> None:
        self._secret = secret

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = f"Bearer {self._secret.reveal()}"
        return request

    def __repr__(self) -> str:
        return "_BearerAuth(***)"


def after_block(block_id: str) -> dict[str, Any]:
    """`position` for "insert after this block"."""
    return {"type": "after_block", "after_block": {"id": block_id}}


AT_START: dict[str, Any] = {"type": "start"}
AT_END: dict[str, Any] = {"type": "end"}


def count_blocks(children: Sequence[Mapping[str, Any]]) -> int:
    """Blocks in a request, nested ones included (what the 1000-block caps count)."""
    total = 0
    for child in children:
        total += 1
        kind = child.get("type") or next((k for k in child if k not in ("object", "type")), None)
        content = child.get(kind) if kind else None
        if isinstance(content, Mapping):
            total += count_blocks(content.get("children") or [])
    return total


def _chunks(children: list[Mapping[str, Any]]) -> Iterator[list[Mapping[str, Any]]]:
    chunk: list[Mapping[str, Any]] = []
    blocks = 0
    for child in children:
        size = count_blocks([child])
        if chunk and (len(chunk) >= MAX_CHILDREN_PER_REQUEST or blocks + size > MAX_BLOCKS_PER_REQUEST):
            yield chunk
            chunk, blocks = [], 0
        chunk.append(child)
        blocks += size
    if chunk:
        yield chunk


def _json(response: requests.Response) -> dict:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def token_problem(token: str) -> str | None:
    """Why a token cannot be sent in an HTTP header, naming the position but never the token."""
    for index, char in enumerate(token, 1):
        if char in "\r\n":
            return (f"{TOKEN_ENV} holds a line break (character {index}): set it to the integration's secret on "
                    "one line (in GitHub Actions, paste the secret again without a trailing newline)")
        if ord(char) > 0xFF:
            return (f"{TOKEN_ENV} holds a character an HTTP header cannot carry (character {index}, U+{ord(char):04X},"
                    " not Latin-1): copy the integration's secret again; it is plain ASCII")
        if not char.isprintable() or char.isspace():
            return (f"{TOKEN_ENV} holds a space or control character (character {index}): copy the integration's "
                    "secret again; it has no spaces")
    return None


def _missing_token_message() -> str:
    return (
        f"{TOKEN_ENV} is not set. Create an internal integration at https://www.notion.so/my-integrations, "
        f"share the blog's database with it, and export its secret as {TOKEN_ENV} (in GitHub Actions: a "
        "repository secret). The token is read from the environment only, never from config files."
    )
