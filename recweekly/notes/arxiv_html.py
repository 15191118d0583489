"""A polite client for arXiv's HTML papers (`https://arxiv.org/html/<id>`) and the images they show.

Same manners as the API client (`recweekly.notes.arxiv`): a User-Agent that says who asks, one
request every 3 seconds — kept across runs (`recweekly.notes.pacing`) — and retries with backoff on
5xx answers and dropped connections only. A timeout is not retried: a page that takes that long is
skipped and reported, rather than asked for again at arXiv's expense. A 404 means the paper has no
HTML version (LaTeXML failed, or the source is PDF only): the answer is `None`, not an error, and
it is remembered in the cache for a week (`recent_miss`), like a page that gave no organizations or
no usable figure, so running again does not ask again for what arXiv does not have.

Images are read in chunks up to a byte cap (a `Content-Length` above it is refused unread), and
accepted only when both the answer's Content-Type and the bytes themselves say PNG, JPEG, GIF or
WebP (`recweekly.notes.figures`). `RECWEEKLY_ARXIV_HTML_URL` points the client at another server.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from recweekly import __version__
from recweekly.cache_folder import CacheFolder
from recweekly.errors import RemoteError
from recweekly.notes.arxiv import connection_reason
from recweekly.notes.enrich_state import EnrichState
from recweekly.notes.figures import FigureRejected, check_image
from recweekly.notes.pacing import Pace

if TYPE_CHECKING:  # requests is imported lazily: `recweekly --help` must not pay for it
    import requests

DEFAULT_HTML_URL = "https://arxiv.org/html"
HTML_URL_ENV = "RECWEEKLY_ARXIV_HTML_URL"
MIN_INTERVAL = 3.0
MAX_PAGE_BYTES = 30_000_000  # a long paper's page with inline SVG runs to a few MB
MISS_TTL = 7 * 86400  # seconds a 404 is believed: a new version may bring an HTML page
MISSES_FILE = "misses.json"
USER_AGENT = f"recweekly/{__version__} (paper notes for a research blog)"

# Module-level so tests can replace them; looked up when a client is made.
_clock: Callable[[], float] = time.time
_sleep: Callable[[float], None] = time.sleep


@dataclass(frozen=True)
class Page:
    url: str  # where the page was answered from (after redirects): relative links resolve against it
    html: str


@dataclass(frozen=True)
class Image:
    url: str
    data: bytes
    content_type: str
    suffix: str  # ".png", from the bytes


class ArxivHtmlClient:
    def __init__(self, base_url: str = DEFAULT_HTML_URL, *, cache_dir: CacheFolder | Path | None = None,
                 min_interval: float = MIN_INTERVAL, timeout: float = 30.0, retries: int = 3,
                 backoff: float = 3.0, session: requests.Session | None = None,
                 clock: Callable[[], float] | None = None, sleep: Callable[[float], None] | None = None,
                 progress: Callable[[str], None] | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep or _sleep
        self.cache = EnrichState(cache_dir)
        self.host = urlsplit(self.base_url).netloc or self.base_url
        self.pace = Pace(self.host, min_interval, self.cache, clock=clock or _clock, sleep=self.sleep)
        self._session = session
        self._progress = progress or (lambda message: None)

    @property
    def session(self) -> requests.Session:
        if self._session is None:
            import requests  # lazy: start-up (requests loads only when used)

            self._session = requests.Session()
            self._session.headers["User-Agent"] = USER_AGENT
        return self._session

    def page_url(self, arxiv_id: str) -> str:
        return f"{self.base_url}/{arxiv_id}"

    def recent_miss(self, arxiv_id: str, kind: str = "page") -> float | None:
        """When arXiv last lacked `kind` for the paper — its "page" (404), or (recorded by the caller) the
        "orgs" or "figure" a page did not give — if within MISS_TTL; else None."""
        entry = self.cache.read(MISSES_FILE).get(self.host, {}).get(arxiv_id, {})
        when = entry.get(kind) if isinstance(entry, dict) else None
        if isinstance(when, (int, float)) and 0 <= self.pace.clock() - when < MISS_TTL:
            return float(when)
        return None

    def remember(self, arxiv_id: str, kind: str, *, missing: bool) -> None:
        """Record that the paper's `kind` was missing now (or forget that it was)."""
        with self.cache.lock(MISSES_FILE):
            state = self.cache.read(MISSES_FILE)
            misses = dict(state.get(self.host) or {})
            entry = dict(misses.get(arxiv_id) or {})
            if missing:
                entry[kind] = self.pace.clock()
            elif kind not in entry:
                return
            else:
                del entry[kind]
            if entry:
                misses[arxiv_id] = entry
            else:
                misses.pop(arxiv_id, None)
            self.cache.write(MISSES_FILE, {**state, self.host: misses})

    def page(self, arxiv_id: str) -> Page | None:
        """The paper's HTML page, or None when arXiv has none (404)."""
        url = self.page_url(arxiv_id)
        response = self._get(url, f"HTML of {arxiv_id}")
        try:
            self.remember(arxiv_id, "page", missing=response.status_code == 404)
            if response.status_code == 404:
                return None
            data = _read_capped(response, MAX_PAGE_BYTES)
            if data is None:
                raise RemoteError(f"arXiv HTML of {arxiv_id} is larger than {MAX_PAGE_BYTES // 1_000_000} MB")
            return Page(response.url or url, data.decode(response.encoding or "utf-8", errors="replace"))
        finally:
            response.close()

    def image(self, url: str, max_bytes: int) -> Image:
        """An image, checked: raises FigureRejected (too big, not an image) or RemoteError (failed)."""
        response = self._get(url, "the figure")
        try:
            if response.status_code == 404:
                raise FigureRejected(f"the figure's image is missing on arXiv ({url} answered 404)")
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FigureRejected(f"the figure is {_size(int(declared))}, more than the "
                                     f"{_size(max_bytes)} cap ([enrich] figure_max_bytes)")
            data = _read_capped(response, max_bytes)
            if data is None:
                raise FigureRejected(f"the figure is more than the {_size(max_bytes)} cap ([enrich] figure_max_bytes)")
            content_type = response.headers.get("Content-Type", "")
            return Image(url, data, content_type, check_image(data, content_type))
        finally:
            response.close()

    def _get(self, url: str, what: str) -> Any:
        """One GET, paced, retried on 5xx and dropped connections; other answers are returned as they are."""
        import requests  # lazy: start-up (requests loads only when used)

        attempts = self.retries + 1
        for attempt in range(1, attempts + 1):
            with self.pace.turn():
                try:
                    response = self.session.get(url, timeout=self.timeout, stream=True)
                except requests.Timeout:
                    raise RemoteError(f"arXiv sent no answer for {what} within {self.timeout:g} s; "
                                      "not retried (try again later)") from None
                except requests.ConnectionError as exc:
                    failure = f"connection failed ({connection_reason(exc)})"
                else:
                    if response.status_code < 500:
                        if response.status_code not in (200, 404):
                            response.close()
                            hint = ("arXiv asks to slow down: try again later" if response.status_code == 429
                                    else f"check {HTML_URL_ENV}")
                            raise RemoteError(f"arXiv answered HTTP {response.status_code} for {url}; {hint}")
                        return response
                    failure = f"HTTP {response.status_code}"
                    response.close()
            if attempt == attempts:
                raise RemoteError(f"arXiv failed for {what} after {attempts} attempt(s): {failure}")
            delay = self.backoff * 2 ** (attempt - 1)
            self._progress(f"arXiv HTML: {failure}; retrying in {delay:g} s (attempt {attempt + 1} of {attempts})")
            self.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover


def _read_capped(response: Any, cap: int) -> bytes | None:
    """The body, or None as soon as it passes `cap` bytes (the rest is never downloaded)."""
    import requests  # lazy: start-up (requests loads only when used)

    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_content(chunk_size=65536):
            size += len(chunk)
            if size > cap:
                return None
            chunks.append(chunk)
    except (requests.ConnectionError, requests.Timeout) as exc:
        raise RemoteError(f"arXiv dropped the connection while sending {response.url} "
                          f"({connection_reason(exc)})") from None
    return b"".join(chunks)


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n / 1000:.0f} kB"


def html_client_from_env(environ: Mapping[str, str], cache_dir: CacheFolder | Path | None,
                         **kwargs: Any) -> ArxivHtmlClient:
    """The client the CLI uses: base URL from RECWEEKLY_ARXIV_HTML_URL, else arXiv's."""
    return ArxivHtmlClient(environ.get(HTML_URL_ENV) or DEFAULT_HTML_URL, cache_dir=cache_dir, **kwargs)
