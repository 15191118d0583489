"""A polite client for the arXiv API (`/api/query?id_list=…` and `?search_query=ti:…`) and the
parser of its Atom feed.

arXiv asks for one request every 3 seconds on one connection, so ids go out in batches and the
client waits between requests (the clock and sleep are injectable so tests need not wait). A batch
silently drops ids arXiv does not know: the caller gets the missing ids back instead of a short
list. A malformed id is answered with HTTP 400 and an Atom "Error" entry, which becomes an
`InputError` quoting arXiv (a content problem, exit 1); a service that keeps failing (5xx, dropped
connections, timeouts) becomes a `RemoteError` (exit 3) after a few retries with backoff.

A daily report names papers by title only, so the client can also look a title up: a phrase query
on the title field, then (only when that finds nothing) every significant title word. arXiv's search
is fuzzy and ranks by relevance, so a result counts only when its title is the same title after
normalising (case, width, spacing, final punctuation); the rest are reported as near misses.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from recweekly import __version__
from recweekly.errors import InputError, Problem, RemoteError
from recweekly.notes.ids import BadArxivId, normalize_arxiv_id
from recweekly.notes.titles import normalise_title, phrase_query, words_query

if TYPE_CHECKING:  # requests is imported lazily: `recweekly --help` must not pay for it
    import requests

DEFAULT_API_URL = "https://export.arxiv.org/api/query"
API_URL_ENV = "RECWEEKLY_ARXIV_API_URL"
MIN_INTERVAL = 3.0  # seconds between requests, as arXiv's terms of use ask
BATCH_SIZE = 100  # ids per request: keeps the URL short and the response small
SEARCH_RESULTS = 5  # results per title query: the paper itself ranks first when arXiv has it

_ATOM = "{http://www.w3.org/2005/Atom}"
_ARXIV = "{http://arxiv.org/schemas/atom}"
_ENTRY_ID = re.compile(r"arxiv\.org/abs/(?P<id>.+?)(?:v\d+)?$")

# Module-level so tests (and the CLI tests) can replace them; looked up at call time.
_clock: Callable[[], float] = time.monotonic
_sleep: Callable[[float], None] = time.sleep


@dataclass(frozen=True)
class ArxivPaper:
    """What arXiv knows about one paper (latest version)."""

    arxiv: str
    version: str | None
    title: str
    authors: tuple[str, ...]
    abstract: str
    published: dt.date | None
    updated: dt.date | None = None
    primary_category: str | None = None
    categories: tuple[str, ...] = ()
    comment: str | None = None
    journal_ref: str | None = None
    pdf_url: str | None = None


@dataclass
class FetchResult:
    """Papers found, keyed by canonical id, and the ids arXiv did not return."""

    papers: dict[str, ArxivPaper] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)


@dataclass
class TitleSearch:
    """What arXiv answered for one title: the papers with exactly that title, and the near misses."""

    title: str
    matches: list[ArxivPaper] = field(default_factory=list)
    others: list[ArxivPaper] = field(default_factory=list)
    queries: list[str] = field(default_factory=list)


class ArxivFeedError(ValueError):
    """The feed is not Atom we understand; `errors` holds arXiv's own Error entries, if any."""

    def __init__(self, message: str, errors: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.errors = list(errors)


def normalize_ids(raw_ids: Sequence[str]) -> list[str]:
    """Canonical ids in the order given, without duplicates; every bad one reported at once."""
    problems: list[Problem] = []
    ids: list[str] = []
    for raw in raw_ids:
        try:
            arxiv_id = normalize_arxiv_id(raw)
        except BadArxivId as exc:
            problems.append(Problem("<arguments>", str(exc), field="ID"))
            continue
        if arxiv_id not in ids:
            ids.append(arxiv_id)
    if problems:
        raise InputError(f"{len(problems)} malformed arXiv id(s); nothing was fetched or written", problems)
    return ids


def _collapse(text: str | None) -> str:
    return " ".join((text or "").split())


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def parse_feed(data: bytes | str) -> list[ArxivPaper]:
    """Papers of an Atom response; arXiv's Error entries raise ArxivFeedError with their text."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ArxivFeedError(f"the response is not valid XML ({exc})") from None
    if root.tag != f"{_ATOM}feed":
        raise ArxivFeedError(f"expected an Atom <feed>, got <{root.tag}>")
    papers: list[ArxivPaper] = []
    errors: list[str] = []
    for entry in root.iter(f"{_ATOM}entry"):
        entry_id = (entry.findtext(f"{_ATOM}id") or "").strip()
        title = _collapse(entry.findtext(f"{_ATOM}title"))
        if "/api/errors" in entry_id or title == "Error":
            errors.append(_collapse(entry.findtext(f"{_ATOM}summary")) or entry_id)
            continue
        match = _ENTRY_ID.search(entry_id)
        if not match:
            raise ArxivFeedError(f"entry id {entry_id!r} is not an arxiv.org/abs/ URL")
        version_match = re.search(r"(v\d+)$", entry_id)
        try:
            arxiv_id = normalize_arxiv_id(match.group("id"))
        except BadArxivId:
            raise ArxivFeedError(f"entry id {entry_id!r} does not hold an arXiv id") from None
        primary = entry.find(f"{_ARXIV}primary_category")
        pdf = next((link.get("href") for link in entry.iter(f"{_ATOM}link") if link.get("title") == "pdf"), None)
        papers.append(ArxivPaper(
            arxiv=arxiv_id,
            version=version_match.group(1) if version_match else None,
            title=title,
            authors=tuple(_collapse(a.findtext(f"{_ATOM}name")) for a in entry.iter(f"{_ATOM}author")
                          if _collapse(a.findtext(f"{_ATOM}name"))),
            abstract=_collapse(entry.findtext(f"{_ATOM}summary")),
            published=_date(entry.findtext(f"{_ATOM}published")),
            updated=_date(entry.findtext(f"{_ATOM}updated")),
            primary_category=primary.get("term") if primary is not None else None,
            categories=tuple(c.get("term", "") for c in entry.iter(f"{_ATOM}category") if c.get("term")),
            comment=_collapse(entry.findtext(f"{_ARXIV}comment")) or None,
            journal_ref=_collapse(entry.findtext(f"{_ARXIV}journal_ref")) or None,
            pdf_url=pdf,
        ))
    if errors:
        raise ArxivFeedError("arXiv reported an error", errors)
    return papers


class ArxivClient:
    """Fetches papers by id or title, one request at a time, at most one every `min_interval` seconds.

    One client serves a whole command, so id fetches and title searches share the pacing.

    Retries (with exponential backoff, honouring Retry-After) cover what is worth retrying: 5xx
    answers, dropped connections and timeouts. Everything else fails at once with a clear error.
    """

    def __init__(
        self,
        base_url: str = DEFAULT_API_URL,
        *,
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 3.0,
        min_interval: float = MIN_INTERVAL,
        batch_size: int = BATCH_SIZE,
        search_results: int = SEARCH_RESULTS,
        session: requests.Session | None = None,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], None] | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> None:
        self.base_url = base_url
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.min_interval = min_interval
        self.batch_size = batch_size
        self.search_results = search_results
        self._session = session
        self._clock = clock
        self._sleep = sleep
        self._progress = progress or (lambda message: None)
        self._last_request: float | None = None

    # time is looked up per call so a test can patch the module attributes after construction
    def _now(self) -> float:
        return (self._clock or _clock)()

    def _wait(self, seconds: float) -> None:
        if seconds > 0:
            (self._sleep or _sleep)(seconds)

    @property
    def session(self) -> requests.Session:
        if self._session is None:
            import requests  # lazy: start-up (requests loads only when used)

            self._session = requests.Session()
            self._session.headers["User-Agent"] = f"recweekly/{__version__} (paper notes for a research blog)"
        return self._session

    def fetch(self, ids: Sequence[str]) -> FetchResult:
        """Look the (canonical) ids up in batches; report which ones arXiv did not return."""
        result = FetchResult()
        wanted = list(dict.fromkeys(ids))
        for start in range(0, len(wanted), self.batch_size):
            batch = wanted[start : start + self.batch_size]
            self._progress(f"arXiv: asking for {len(batch)} paper(s): {', '.join(batch)}")
            for paper in self._query(batch):
                if paper.arxiv in batch:
                    result.papers.setdefault(paper.arxiv, paper)
        result.missing = [i for i in wanted if i not in result.papers]
        return result

    def search_title(self, title: str) -> TitleSearch:
        """Papers whose title is `title` (after normalising); one request, two if the phrase finds nothing."""
        result = TitleSearch(title=title)
        wanted = normalise_title(title)
        for query in (phrase_query(title), words_query(title)):
            if query is None or query in result.queries:
                continue
            result.queries.append(query)
            params = {"search_query": query, "start": "0", "max_results": str(self.search_results)}
            papers = self._request(params, lambda content, q=query: self._bad_search(content, q))
            for paper in papers:
                bucket = result.matches if normalise_title(paper.title) == wanted else result.others
                if all(p.arxiv != paper.arxiv for p in (*result.matches, *result.others)):
                    bucket.append(paper)
            if papers:  # the phrase query worked: the looser one would only add more near misses
                break
        return result

    def _query(self, batch: list[str]) -> list[ArxivPaper]:
        params = {"id_list": ",".join(batch), "max_results": str(len(batch))}
        return self._request(params, lambda content: self._bad_request(content, batch))

    def _request(self, params: dict[str, str], bad_request: Callable[[bytes], Exception]) -> list[ArxivPaper]:
        """One API call, paced and retried; HTTP 400 becomes `bad_request(body)`."""
        import requests  # lazy: start-up (requests loads only when used)

        attempts = self.retries + 1
        for attempt in range(1, attempts + 1):
            self._respect_interval()
            failure: str
            retry_after: float | None = None
            try:
                response = self.session.get(self.base_url, params=params, timeout=self.timeout)
            except requests.Timeout:
                failure = f"no answer within {self.timeout:g} s"
            except requests.ConnectionError as exc:
                failure = f"connection failed ({connection_reason(exc)})"
            else:
                if response.status_code == 200:
                    return self._papers(response.content)
                if response.status_code == 400:
                    raise bad_request(response.content)
                if response.status_code < 500 and response.status_code != 429:
                    raise RemoteError(
                        f"arXiv API answered HTTP {response.status_code} for {self.base_url}; "
                        "check RECWEEKLY_ARXIV_API_URL"
                    )
                failure = f"HTTP {response.status_code}"
                retry_after = _retry_after(response.headers.get("Retry-After"))
            if attempt == attempts:
                raise RemoteError(
                    f"arXiv API failed after {attempts} attempt(s): {failure}; nothing was written. "
                    "Try again later."
                )
            delay = max(self.backoff * 2 ** (attempt - 1), retry_after or 0.0)
            self._progress(f"arXiv: {failure}; retrying in {delay:g} s (attempt {attempt + 1} of {attempts})")
            self._wait(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _respect_interval(self) -> None:
        if self._last_request is not None:
            remaining = self.min_interval - (self._now() - self._last_request)
            if remaining > 0:  # callers announce the pacing once; a line per wait would drown the output
                self._wait(remaining)
        self._last_request = self._now()

    def _papers(self, content: bytes) -> list[ArxivPaper]:
        try:
            return parse_feed(content)
        except ArxivFeedError as exc:
            if exc.errors:
                raise InputError("arXiv rejected the request", [
                    Problem("<arguments>", message, field="ID") for message in exc.errors
                ]) from None
            raise RemoteError(f"arXiv API sent an unreadable answer: {exc}") from None

    def _bad_request(self, content: bytes, batch: list[str]) -> InputError:
        try:
            parse_feed(content)
            messages: list[str] = []
        except ArxivFeedError as exc:
            messages = exc.errors
        problems = [Problem("<arguments>", m, field="ID") for m in messages] or [
            Problem("<arguments>", f"arXiv refused the id list {', '.join(batch)} (HTTP 400)", field="ID")
        ]
        return InputError("arXiv rejected an id as malformed; nothing was written", problems)

    def _bad_search(self, content: bytes, query: str) -> RemoteError:
        """A title query arXiv refuses is recweekly's fault (the query is built here), not the report's."""
        try:
            parse_feed(content)
            messages: list[str] = []
        except ArxivFeedError as exc:
            messages = exc.errors
        detail = "; ".join(messages) or "HTTP 400"
        return RemoteError(f"arXiv refused the search {query!r} ({detail}); nothing was written. "
                           "Import with --offline, or put arXiv:ID in the row")


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def connection_reason(exc: Exception) -> str:
    """The short reason of a failed connection ("Connection reset"), not urllib3's paragraph."""
    text = str(exc)
    for marker in ("RemoteDisconnected", "Connection refused", "Connection reset", "Connection aborted"):
        if marker in text:
            return marker
    return type(exc).__name__


def client_from_env(environ: dict[str, str] | Any, **kwargs: Any) -> ArxivClient:
    """The client the CLI uses: base URL from RECWEEKLY_ARXIV_API_URL, else arXiv's."""
    return ArxivClient(environ.get(API_URL_ENV) or DEFAULT_API_URL, **kwargs)
