"""The few compound Notion operations sync needs, built on NotionClient's one-call methods.

Kept apart from the planning so that the rules "read a whole block tree", "send a deep tree within
the request limits" and "upload an image under a name that records its content" live in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol

from recweekly.publish.notion.client import count_blocks
from recweekly.publish.signatures import (
    FOREIGN_TYPES,
    LOCAL_PREFIX,
    RemoteBlock,
    upload_file_name,
)
from recweekly.publish.sync.chunks import Deferred, take_chunk


class BlockClient(Protocol):
    """The subset of recweekly.publish.notion.client.NotionClient used by sync."""

    def list_children(self, block_id: str) -> list[dict[str, Any]]: ...

    def append_children(
        self, block_id: str, children: list[dict[str, Any]], position: dict[str, Any] | None = None
    ) -> Any: ...

    def upload_file(self, path: Path | str, *, filename: str | None = None) -> Any: ...


def read_tree(client: BlockClient, parent_id: str) -> list[RemoteBlock]:
    """Every block under `parent_id`, all levels (one list call per block that has children)."""
    out: list[RemoteBlock] = []
    for block in client.list_children(parent_id):
        btype = str(block.get("type"))
        kids: list[RemoteBlock] = []
        if block.get("has_children") and btype not in FOREIGN_TYPES:
            kids = read_tree(client, str(block["id"]))
        out.append(RemoteBlock.from_api(block, kids))
    return out


def _result_ids(response: Any) -> list[str]:
    results = response.get("results", []) if isinstance(response, Mapping) else response
    return [str(item["id"]) if isinstance(item, Mapping) else str(item) for item in results or []]


def position_for(after_id: str | None, at_start: bool) -> dict[str, Any] | None:
    if after_id:
        return {"type": "after_block", "after_block": {"id": after_id}}
    if at_start:
        return {"type": "start"}
    return None


class TreeWriter:
    """Appends trees of new blocks of any depth and size, in Markdown order.

    `on_write` is called after every successful write (tests use it to simulate a crash after N
    writes; the CLI to advance its progress display).
    """

    def __init__(self, client: BlockClient, on_write: Callable[[], None] | None = None) -> None:
        self.client = client
        self.on_write = on_write or (lambda: None)
        self.blocks_sent = 0

    def append(
        self, parent_id: str, blocks: list[dict[str, Any]], after_id: str | None = None, at_start: bool = False
    ) -> None:
        start = 0
        while start < len(blocks):
            chunk, deferred, start = take_chunk(blocks, start)
            response = self.client.append_children(parent_id, chunk, position=position_for(after_id, at_start))
            self._wrote(chunk)
            ids = _result_ids(response)
            if deferred:
                self.send_deferred(ids, deferred)
            if ids:
                after_id, at_start = ids[-1], False
            elif after_id or at_start:  # no ids back: cannot chain positions; re-read the parent
                current = [b["id"] for b in self.client.list_children(parent_id)]
                after_id, at_start = self._last_of(current, after_id, at_start, len(chunk)), False

    @staticmethod
    def _last_of(current: list[str], after_id: str | None, at_start: bool, count: int) -> str:
        index = current.index(after_id) + 1 if after_id else 0
        return str(current[index + count - 1])

    def send_deferred(self, top_ids: list[str], deferred: list[Deferred]) -> None:
        """Append children that did not fit in the request that created their parents."""
        listing: dict[str, list[str]] = {}

        def child_ids(block_id: str) -> list[str]:
            if block_id not in listing:
                listing[block_id] = [str(b["id"]) for b in self.client.list_children(block_id)]
            return listing[block_id]

        for item in deferred:
            block_id = top_ids[item.path[0]]
            for index in item.path[1:]:
                block_id = child_ids(block_id)[index]
            self.append(block_id, item.blocks)

    def _wrote(self, chunk: list[dict[str, Any]]) -> None:
        self.blocks_sent += count_blocks(chunk)
        self.on_write()


def local_image_paths(value: Any) -> set[str]:
    """Repository-relative paths of `local:` file uploads anywhere in a block tree or body."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, Mapping):
            upload = node.get("file_upload")
            if isinstance(upload, Mapping):
                ident = str(upload.get("id", ""))
                if ident.startswith(LOCAL_PREFIX):
                    found.add(ident[len(LOCAL_PREFIX):])
            for item in node.values():
                walk(item)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(value)
    return found


def swap_local_ids(value: Any, upload_ids: Mapping[str, str]) -> Any:
    """A copy of a block tree with every `local:<path>` upload id replaced by the real upload id."""
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            if key == "file_upload" and isinstance(item, Mapping):
                ident = str(item.get("id", ""))
                if ident.startswith(LOCAL_PREFIX):
                    item = {**item, "id": upload_ids[ident[len(LOCAL_PREFIX):]]}
            out[key] = swap_local_ids(item, upload_ids)
        return out
    if isinstance(value, list):
        return [swap_local_ids(item, upload_ids) for item in value]
    return value


class ImageUploader:
    """Uploads repository images once per run, under `<content hash>_<name>`.

    The hash in the uploaded file's name is what Notion hands back in the block's file URL, so the
    next run (even on a fresh CI clone, with no cache) sees the image is unchanged and neither
    uploads nor touches it.
    """

    def __init__(self, client: BlockClient, repo_root: Path, hashes: Mapping[str, str]) -> None:
        self.client = client
        self.repo_root = repo_root
        self.hashes = hashes
        self.ids: dict[str, str] = {}
        self.uploaded = 0

    def ensure(self, paths: set[str]) -> dict[str, str]:
        for rel in sorted(paths):
            if rel in self.ids:
                continue
            source = self.repo_root / rel
            result = self.client.upload_file(source, filename=upload_file_name(self.hashes[rel], source.name))
            self.ids[rel] = str(result["id"]) if isinstance(result, Mapping) else str(result)
            self.uploaded += 1
        return self.ids
