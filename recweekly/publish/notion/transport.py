"""How requests reach Notion: pacing, retries, errors and the token's safety rules, once.

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
import os
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import requests

from recweekly.publish.notion.errors import (
    ERRORS_BY_STATUS,
    InvalidTokenError,
    MissingTokenError,
    NotionConnectionError,
    NotionError,
    NotionRateLimited,
    NotionServerError,
    WriteOutcomeUnknown,
)
from recweekly.publish.notion.token import TOKEN_ENV, BearerAuth, Secret, missing_token_message, token_problem

log = logging.getLogger("recweekly.notion")

NOTION_VERSION = "2026-03-11"
DEFAULT_BASE_URL = "https://api.notion.com"
BASE_URL_ENV = "RECWEEKLY_NOTION_API_URL"

T = TypeVar("T", bound="Transport")


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


class Transport:
    """One connection to one Notion integration: every request goes through `_request`; the endpoints
    are `NotionClient`'s."""

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
            raise MissingTokenError(missing_token_message())
        problem = token_problem(token.strip())
        if problem:
            raise InvalidTokenError(problem)
        self._token = Secret(token.strip())
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
        self._auth = BearerAuth(self._token)
        self._session = requests.Session()
        self._session.headers.update({"Notion-Version": notion_version, "User-Agent": "recweekly"})

    @classmethod
    def from_env(cls: type[T], environ: Mapping[str, str] | None = None, **kwargs: Any) -> T:
        """Token from NOTION_TOKEN only; API base URL from RECWEEKLY_NOTION_API_URL (for tests, proxies)."""
        env = os.environ if environ is None else environ
        token = env.get(TOKEN_ENV, "").strip()
        if not token:
            raise MissingTokenError(missing_token_message())
        base_url = env.get(BASE_URL_ENV, "").strip() or DEFAULT_BASE_URL
        return cls(token, base_url, **kwargs)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, notion_version={self.notion_version!r}, token=***)"

    def close(self) -> None:
        self._session.close()

    def __enter__(self: T) -> T:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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
                "max_retry_after in the config's [notion] table", **details)
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


def _json(response: requests.Response) -> dict:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}

