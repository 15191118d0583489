"""A page as Notion answers it → the request-form blocks the Notion renderer makes.

Why: edits made in Notion are compared with versions of the post, three-way merged, shown as
Markdown and written back into the file, and all of that works on one block model, the Notion
renderer's. So a page read back is brought into that form: only the fields a request can set
(the generated table in request_fields.py), rich text without `plain_text`/`href`/default
annotations, and an uploaded image named by the repository file whose content hash Notion kept in
the upload's name (`local:<path>`, as the renderer writes it). An image uploaded in Notion by hand
stays a `file` with its expiring URL: there is no file in the repository to name.

Blocks that hold other pages (a sub-page, an inline database) and blocks the API cannot show are
left out, as the block diff leaves them out: publishing never touches them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from recweekly.publish.notion.request_fields import CREATABLE
from recweekly.publish.signatures import FOREIGN_TYPES, LOCAL_PREFIX, RemoteBlock, upload_hash_from_name

Block = dict[str, Any]
_MEDIA = frozenset({"image", "video", "pdf", "file", "audio"})
_ANNOTATION_DEFAULTS = {"bold": False, "italic": False, "strikethrough": False, "underline": False,
                        "code": False, "color": "default"}


@dataclass
class ReadBack:
    blocks: list[Block]
    skipped: list[str] = field(default_factory=list)  # types left on the page, untouched (sub-pages…)


def read_back(tree: list[RemoteBlock], images: Mapping[str, str] | None = None) -> ReadBack:
    """Request-form blocks for a page's tree; `images` maps a content hash to a repository path."""
    result = ReadBack([])
    result.blocks = _blocks(tree, images or {}, result.skipped)
    return result


def _blocks(tree: list[RemoteBlock], images: Mapping[str, str], skipped: list[str]) -> list[Block]:
    out = []
    for block in tree:
        if block.type in FOREIGN_TYPES or block.type not in CREATABLE:
            skipped.append(block.type)
            continue
        out.append(_block(block, images, skipped))
    return out


def _block(block: RemoteBlock, images: Mapping[str, str], skipped: list[str]) -> Block:
    kind = block.type
    allowed = CREATABLE[kind]
    payload: dict[str, Any] = {}
    for key, value in block.payload.items():
        if value is None or (key not in allowed and not (kind in _MEDIA and key == "file")):
            continue
        if key in ("rich_text", "caption"):
            payload[key] = normalized_rich_text(value)
        elif key == "cells":
            payload[key] = [normalized_rich_text(cell) for cell in value or []]
        else:
            payload[key] = value
    if kind in _MEDIA:
        payload = _media(payload, images)
    if kind == "synced_block" and payload.get("synced_from"):
        payload["synced_from"] = {"type": "block_id", "block_id": payload["synced_from"].get("block_id")}
        children: list[Block] = []  # a mirror of another block: its content is not this page's
    else:
        children = _blocks(block.children, images, skipped)
    if children:
        payload["children"] = children
    return {"object": "block", "type": kind, kind: payload}


def _media(payload: dict[str, Any], images: Mapping[str, str]) -> dict[str, Any]:
    if payload.get("type") != "file" and "file" not in payload:
        return payload
    file = payload.pop("file", None) or {}
    found = upload_hash_from_name(str(file.get("url", "")))
    path = images.get(found) if found else None
    if path is not None:
        payload.update(type="file_upload", file_upload={"id": f"{LOCAL_PREFIX}{path}"})
    else:
        payload.update(type="file", file={"url": str(file.get("url", ""))})
    return payload


def normalized_rich_text(items: Any) -> list[dict[str, Any]]:
    """Rich-text items in request form: content, link, annotations that differ from the defaults."""
    out = []
    for item in items or []:
        if not isinstance(item, Mapping):
            continue
        kind = str(item.get("type") or "text")
        inner = item.get(kind)
        if kind == "text":
            text = {"content": str((inner or {}).get("content", item.get("plain_text", "")))}
            link = (inner or {}).get("link")
            if isinstance(link, Mapping) and link.get("url"):
                text["link"] = {"url": str(link["url"])}
            new: dict[str, Any] = {"type": "text", "text": text}
        elif kind == "equation":
            new = {"type": "equation", "equation": {"expression": str((inner or {}).get("expression", ""))}}
        else:  # a mention (person, page, date…): kept as Notion sent it, minus what it computed
            new = {"type": kind, kind: inner}
        annotations = {k: v for k, v in (item.get("annotations") or {}).items()
                       if k in _ANNOTATION_DEFAULTS and v != _ANNOTATION_DEFAULTS[k]}
        if annotations:
            new["annotations"] = annotations
        out.append(new)
    return out
