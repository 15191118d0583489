"""A stand-in for export.arxiv.org/api/query on 127.0.0.1, serving recorded-style Atom entries.

It behaves like the real API where recweekly depends on it: `id_list` is answered with the entries
it knows (unknown ids silently dropped, versions ignored), a malformed id gets HTTP 400 with an Atom
"Error" entry, and faults can be queued per request: "503" (with Retry-After), "500", "drop" (close
the connection without an answer), "slow" (answer after `slow_seconds`), "400" (refuse the first id
as malformed even if it looks fine, or refuse a search), "garbage" (200 with non-XML).

`search_query` is answered for title queries the way arXiv's index would: `ti:"a phrase"` matches a
title holding those words in that order, `ti:word` a title holding the word, terms joined by AND
must all hold; case and punctuation in titles do not matter. A phrase that still carries query
syntax (':', '-', quotes, brackets) matches nothing, as such phrases fail on arXiv; a query the fake
cannot parse gets HTTP 400. Results come shortest title first (an exact title ranks first on arXiv),
at most `max_results`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from tests.fakes.local import Handler, LocalServer

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "arxiv"
_WORD = re.compile(r"[^\W_]+(?:[.'][^\W_]+)*")
_TERM = re.compile(r'^ti:(?:"(?P<phrase>[^"]*)"|(?P<word>[^\s"():]+))$')
_TITLE = re.compile(r"<title>(?P<title>.*?)</title>", re.DOTALL)
_VALID = re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$")


def recorded_entries() -> dict[str, str]:
    """Canonical id -> <entry> XML, from tests/fixtures/arxiv/*.xml (file name: id with / as _)."""
    return {path.stem.replace("_", "/"): path.read_text(encoding="utf-8") for path in FIXTURES.glob("*.xml")}


class FakeArxiv(LocalServer):
    def __init__(self, entries: dict[str, str] | None = None) -> None:
        self.entries = recorded_entries() if entries is None else entries
        self.requests: list[dict[str, list[str]]] = []
        self.html: Any = None  # the fake HTML pages running beside it, when a test helper starts both
        super().__init__()

    @property
    def url(self) -> str:
        return f"{self.base}/api/query"

    # ---- responses -----------------------------------------------------------------------------
    def feed(self, ids: Iterable[str], max_results: str) -> bytes:
        template = (FIXTURES / "feed.xml.tmpl").read_text(encoding="utf-8")
        found = [self.entries[i] for i in (re.sub(r"v\d+$", "", i) for i in ids) if i in self.entries]
        return template.format(
            id_list=",".join(ids), max_results=max_results, total=len(found), entries="".join(found)
        ).encode("utf-8")

    def search(self, query: str, max_results: str) -> bytes | None:
        """The feed for a title query, or None when the query is not one this fake understands."""
        terms = [t.strip() for t in query.strip().removeprefix("(").removesuffix(")").split(" AND ")]
        wanted: list[list[str]] = []
        for term in terms:
            match = _TERM.match(term)
            if not match:
                return None
            text = match.group("phrase") if match.group("phrase") is not None else match.group("word")
            if re.search(r"[^\w\s.']|_", text):
                wanted.append(["\0never"])  # query syntax inside the phrase: arXiv finds nothing
                continue
            wanted.append(_words(text))
        found = []
        for entry in self.entries.values():
            title_match = _TITLE.search(entry)
            words = _words(title_match.group("title")) if title_match else []
            if all(_contains(words, phrase) for phrase in wanted):
                found.append((len(words), entry))
        found.sort(key=lambda item: item[0])
        chosen = [entry for _, entry in found[: int(max_results or "10")]]
        template = (FIXTURES / "feed.xml.tmpl").read_text(encoding="utf-8")
        return template.format(id_list="", max_results=max_results, total=len(found),
                               entries="".join(chosen)).encode("utf-8")

    def error_feed(self, bad_id: str) -> bytes:
        template = (FIXTURES / "feed.xml.tmpl").read_text(encoding="utf-8")
        entry = (FIXTURES / "error_entry.xml.tmpl").read_text(encoding="utf-8").format(bad_id=bad_id)
        return template.format(id_list=bad_id, max_results=10, total=1, entries=entry).encode("utf-8")

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class ApiHandler(Handler):
            def do_GET(self) -> None:
                url = urlparse(self.path)
                query = parse_qs(url.query)
                fake.requests.append(query)
                fault = fake.next_fault()
                ids = [i for i in ",".join(query.get("id_list", [""])).split(",") if i]
                if self.shared_fault(fault, fake):
                    return
                if fault == "garbage":
                    self.send(200, b"<html>maintenance</html", "text/html")
                    return
                if "search_query" in query:
                    found = fake.search(query["search_query"][0], query.get("max_results", ["10"])[0])
                    if found is None or fault == "400":
                        self.send(400, fake.error_feed("search_query"), "application/atom+xml; charset=utf-8")
                    else:
                        self.send(200, found, "application/atom+xml; charset=utf-8")
                    return
                bad = [i for i in ids if not _VALID.match(i)]
                if fault == "400" and ids:
                    bad = [ids[0]]
                if bad:
                    self.send(400, fake.error_feed(bad[0]), "application/atom+xml; charset=utf-8")
                    return
                body = fake.feed(ids, query.get("max_results", ["10"])[0])
                self.send(200, body, "application/atom+xml; charset=utf-8")

        return ApiHandler


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _contains(words: list[str], phrase: list[str]) -> bool:
    """The phrase's words appear in `words` consecutively, in order."""
    n = len(phrase)
    return n > 0 and any(words[i : i + n] == phrase for i in range(len(words) - n + 1))
