"""The Notion endpoints recweekly uses, as methods returning Notion's JSON (dicts).

Sending, pacing and retrying are `transport.Transport`'s; here is what each endpoint asks and what
a caller may rely on: cursors followed, a query's cap reported, long child lists split in order.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from recweekly.publish.notion.errors import NotionError, NotionValidationError, WriteOutcomeUnknown
from recweekly.publish.notion.transport import ClientStats, RequestInfo, Transport

__all__ = ["AT_END", "AT_START", "ClientStats", "NotionClient", "QueryResult", "RequestInfo", "after_block",
           "count_blocks"]

MAX_CHILDREN_PER_REQUEST = 100
MAX_BLOCKS_PER_REQUEST = 1000


@dataclass(frozen=True)
class QueryResult:
    """The pages of a query, and False in `complete` when Notion capped the result."""

    pages: list[dict]
    complete: bool = True


class NotionClient(Transport):
    """One connection to one Notion integration. Methods return Notion's JSON (dicts)."""

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

