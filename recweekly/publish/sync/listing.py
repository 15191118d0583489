"""One listing per run: every live page of a language's data source, matched to posts in memory.

Why: finding each post's page with a query of its own costs one call per post — 200 calls, a
minute at Notion's 3 requests/s, for a no-op `publish --all` of a 200-post blog. One paginated
query of the data source returns every page, 100 per call, and with `filter_properties` only the
columns publish writes or compares (slug, status, the other mapped columns, the fingerprint) plus
what every page carries (id, trash state, created and last edited times, icon, cover).

The listing is read before any write of the run. A page this run creates is never looked up again
(each slug has one job), and after a write whose outcome is unknown the publisher asks Notion for
that slug afresh (`fresh=True`), exactly as without a listing. Notion stops a query after 10,000
rows and says so (`request_status: incomplete`): a listing cut short knows it, and a slug it did
not see is then asked for with its own query rather than taken as absent (which would create a
second page).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from recweekly.errors import RemoteError

if TYPE_CHECKING:
    from recweekly.publish.notion.client import QueryResult

#: Oldest page first: of several pages with one slug, the oldest is kept and the others trashed.
OLDEST_FIRST = [{"timestamp": "created_time", "direction": "ascending"}]
PAGE_SIZE = 100  # pages per query call (Notion's maximum)


class ListingClient(Protocol):
    def query_pages(self, data_source_id: str, body: Mapping[str, Any] | None = None, *,
                    filter_properties: list[str] | None = None) -> QueryResult: ...


@dataclass
class Listing:
    """The live pages of one data source, by slug (oldest first)."""

    by_slug: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    complete: bool = True

    def pages(self, slug: str) -> list[dict[str, Any]] | None:
        """The pages with this slug, or None when only a query for it can tell (listing cut short)."""
        found = self.by_slug.get(slug)
        if found is not None:
            return list(found)
        return [] if self.complete else None

    @property
    def size(self) -> int:
        return sum(len(pages) for pages in self.by_slug.values())


def slug_of(page: Mapping[str, Any], slug_property: str) -> str:
    """A page's slug as the slug filter compares it: the plain text of the column."""
    value = (page.get("properties") or {}).get(slug_property)
    if not isinstance(value, Mapping):
        return ""
    items = value.get(value.get("type") or "rich_text") or []
    if not isinstance(items, list):
        return ""
    return "".join(str(item.get("plain_text") or (item.get("text") or {}).get("content") or "")
                   for item in items if isinstance(item, Mapping))


def live(pages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pages not in the trash, oldest first (ties keep Notion's order)."""
    kept = [p for p in pages if not p.get("in_trash") and not p.get("archived")]
    return sorted(kept, key=lambda p: str(p.get("created_time", "")))


def list_pages(client: ListingClient, data_source_id: str, slug_property: str,
               property_ids: list[str] | None) -> Listing:
    """Every live page of the data source, grouped by slug, in one paginated query."""
    result = client.query_pages(data_source_id, {"sorts": OLDEST_FIRST, "page_size": PAGE_SIZE},
                                filter_properties=property_ids)
    listing = Listing(complete=result.complete)
    for page in live(result.pages):
        listing.by_slug.setdefault(slug_of(page, slug_property), []).append(page)
    return listing


def list_languages(client: ListingClient, databases: Iterable[Any], jobs: Iterable[Any],
                   blog_size: Mapping[str, int] | None) -> dict[str, Listing]:
    """The listing of each language's data source (`databases`: databases.Database) where it costs
    fewer calls than the slug queries of its jobs (`blog_size`: posts per language; None: always).
    A listing that fails is left out: each post then asks for its slug, and a failure is its own."""
    jobs = list(jobs)
    listings: dict[str, Listing] = {}
    for db in databases:
        count = sum(1 for job in jobs if job.lang == db.lang)
        if blog_size is not None and not listing_pays(count, blog_size.get(db.lang, 0)):
            continue
        try:
            listings[db.lang] = list_pages(client, db.data_source_id, db.pmap.slug_property, db.pmap.property_ids())
        except RemoteError:
            continue
    return listings


def listing_pays(posts_to_publish: int, blog_posts: int) -> bool:
    """True when one listing costs no more calls than a query per post would.

    The listing costs a call per 100 pages (the blog's posts in that language approximate them),
    the slug queries one call per post: `publish --changed-since` with one changed post in a
    1,000-post blog is cheaper with its one slug query than with a 10-call listing.
    """
    return math.ceil(max(blog_posts, 1) / PAGE_SIZE) <= posts_to_publish
