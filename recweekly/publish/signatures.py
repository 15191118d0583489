"""When two blocks are the same: normalising Notion's answers and rendered blocks, and hashing them.

Notion fills in defaults when it reads a block back (annotations, colours, empty captions,
`plain_text`, `href`, expiring file URLs) and adds fields no request can set (`list_start_index`,
`list_format`: only fields in the request schemas' CREATABLE table are compared), and the Markdown
renderer may split one run of text where Notion merges it. Signatures of the normalised blocks are
equal exactly when the diff (`blockdiff.py`) sees no change; they are also what the fingerprint and
the notes cache store.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlparse

# What requests can set per block type, generated from the request schemas: Notion's answers carry
# more (list_start_index, list_format, …), and a field no request can set never makes a change.
from recweekly.publish.notion.request_fields import CREATABLE

LOCAL_PREFIX = "local:"

# Blocks a human may add in Notion that must never be trashed by a sync (they hold whole pages).
FOREIGN_TYPES = frozenset({"child_page", "child_database", "unsupported"})

# Values Notion reports when a request left the field out.
_DEFAULTS: dict[str, Any] = {
    "color": "default",
    "is_toggleable": False,
    "checked": False,
    "caption": (),
    "has_column_header": False,
    "has_row_header": False,
}
_ANNOTATION_DEFAULTS = {
    "bold": False,
    "italic": False,
    "strikethrough": False,
    "underline": False,
    "code": False,
    "color": "default",
}
MEDIA_TYPES = frozenset({"image", "video", "pdf", "file", "audio"})
_UPLOAD_NAME_RE = re.compile(r"(?:^|/)([0-9a-f]{16})_[^/]*$")


@dataclass
class RemoteBlock:
    """A block as read back from Notion, with its children already loaded (all levels)."""

    id: str
    type: str
    payload: dict[str, Any]
    children: list[RemoteBlock] = field(default_factory=list)

    @classmethod
    def from_api(cls, block: Mapping[str, Any], children: list[RemoteBlock] | None = None) -> RemoteBlock:
        btype = str(block["type"])
        return cls(str(block["id"]), btype, dict(block.get(btype) or {}), list(children or []))


def children_of(block: Mapping[str, Any]) -> list[dict[str, Any]]:
    payload = block.get(block.get("type", "")) or {}
    kids = payload.get("children") if isinstance(payload, Mapping) else None
    return list(kids or [])


def without_children(block: Mapping[str, Any]) -> dict[str, Any]:
    btype = block["type"]
    payload = {k: v for k, v in (block.get(btype) or {}).items() if k != "children"}
    out = {k: v for k, v in block.items() if k != btype}
    out[btype] = payload
    return out


def with_children(block: Mapping[str, Any], children: list[dict[str, Any]]) -> dict[str, Any]:
    out = without_children(block)
    if children:
        out[out["type"]]["children"] = children
    return out


# --- normalisation -------------------------------------------------------------------------------


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _freeze(v)) for k, v in value.items() if v is not None))
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    return value


def normalise_rich_text(items: Any) -> tuple[Any, ...]:
    """Runs as (kind, text, link, annotations); adjacent runs of the same style are merged."""
    out: list[tuple[Any, ...]] = []
    for item in items or []:
        if not isinstance(item, Mapping):
            continue
        kind = item.get("type") or ("equation" if "equation" in item else "text")
        annotations = {**_ANNOTATION_DEFAULTS, **(item.get("annotations") or {})}
        ann = tuple(sorted(annotations.items()))
        if kind == "text":
            text = item.get("text") or {}
            link = text.get("link") or None
            url = link.get("url") if isinstance(link, Mapping) else None
            content = str(text.get("content", item.get("plain_text", "")))
            if not content:
                continue
            if out and out[-1][0] == "text" and out[-1][2] == url and out[-1][3] == ann:
                out[-1] = ("text", out[-1][1] + content, url, ann)
            else:
                out.append(("text", content, url, ann))
        elif kind == "equation":
            out.append(("equation", str((item.get("equation") or {}).get("expression", "")), None, ann))
        else:
            out.append((str(kind), json.dumps(item.get(kind), sort_keys=True), None, ann))
    return tuple(out)


def upload_hash_from_name(name: str) -> str | None:
    """The content hash recweekly put in an uploaded file's name (`<16 hex>_<original name>`)."""
    path = unquote(urlparse(name).path) if "://" in name else name
    match = _UPLOAD_NAME_RE.search(path)
    return match.group(1) if match else None


def upload_file_name(content_hash: str, original_name: str) -> str:
    return f"{content_hash[:16]}_{original_name}"


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _media_ref(payload: Mapping[str, Any], local_hashes: Mapping[str, str]) -> tuple[str, str | None]:
    """What an image/file points at, comparable between a request and a read-back block.

    Uploaded files come back as `type: file` with an expiring signed URL, so they are compared by
    the content hash recweekly wrote into the uploaded file's name, which survives a fresh CI clone.
    """
    kind = payload.get("type") or next((k for k in ("external", "file_upload", "file") if k in payload), "")
    if kind == "external":
        return ("external", str((payload.get("external") or {}).get("url", "")))
    if kind == "file_upload":
        upload_id = str((payload.get("file_upload") or {}).get("id", ""))
        if upload_id.startswith(LOCAL_PREFIX):
            return ("upload", local_hashes.get(upload_id[len(LOCAL_PREFIX):]))
        return ("upload-id", upload_id)
    if kind == "file":
        file = payload.get("file") or {}
        for candidate in (payload.get("name"), file.get("name"), file.get("url")):
            if candidate:
                found = upload_hash_from_name(str(candidate))
                if found:
                    return ("upload", found)
        return ("upload", None)
    return (str(kind), None)


def shallow_signature(btype: str, payload: Mapping[str, Any], local_hashes: Mapping[str, str]) -> Any:
    """The block's own content, without children, after filling in Notion's defaults."""
    fields: dict[str, Any] = {}
    writable = CREATABLE.get(btype)
    for key, value in payload.items():
        if key in ("children", "type", "external", "file_upload", "file", "name"):
            continue
        if writable is not None and key not in writable:
            continue  # read-only: Notion reports it, no request could have set it
        if key in ("rich_text", "caption"):
            frozen: Any = normalise_rich_text(value)
        elif key == "cells":
            frozen = tuple(normalise_rich_text(cell) for cell in value or [])
        else:
            frozen = _freeze(value)
        if frozen is None:
            continue
        if btype == "callout" and key == "color" and frozen == "gray_background":
            frozen = "default"  # Notion's own default for callouts
        if key in _DEFAULTS and frozen == _DEFAULTS[key]:
            continue
        fields[key] = frozen
    if btype in MEDIA_TYPES:
        fields["_ref"] = _media_ref(payload, local_hashes)
    return (btype, tuple(sorted(fields.items())))


@dataclass
class SignedBlock:
    """One side of the comparison: a remote block (with id) or a new block (without)."""

    type: str
    payload: dict[str, Any]
    children: list[SignedBlock]
    shallow: Any
    deep: str
    block_id: str | None = None
    source: dict[str, Any] | None = None  # the new block as rendered, for inserts and updates


def _deep(shallow: Any, children: list[SignedBlock]) -> str:
    data = repr((shallow, [c.deep for c in children])).encode("utf-8")
    return hashlib.sha1(data).hexdigest()


def _own_children(block: RemoteBlock) -> list[RemoteBlock]:
    """Children that belong to the page: a synced block that mirrors another lists the original's
    blocks, which no request on this page may change (they are compared, and kept, as absent)."""
    if block.type == "synced_block" and block.payload.get("synced_from"):
        return []
    return [c for c in block.children if c.type not in FOREIGN_TYPES]


def signed_remote(block: RemoteBlock, local_hashes: Mapping[str, str]) -> SignedBlock:
    kids = [signed_remote(c, local_hashes) for c in _own_children(block)]
    shallow = shallow_signature(block.type, block.payload, local_hashes)
    return SignedBlock(block.type, block.payload, kids, shallow, _deep(shallow, kids), block_id=block.id)


def signed_new(block: dict[str, Any], local_hashes: Mapping[str, str]) -> SignedBlock:
    btype = str(block["type"])
    payload = dict(block.get(btype) or {})
    kids = [signed_new(c, local_hashes) for c in children_of(block)]
    shallow = shallow_signature(btype, payload, local_hashes)
    return SignedBlock(btype, payload, kids, shallow, _deep(shallow, kids), source=block)


def tree_signature(blocks: list[dict[str, Any]], local_hashes: Mapping[str, str] | None = None) -> str:
    """One hash for a whole list of new blocks (handy to compare renders)."""
    nodes = [signed_new(b, local_hashes or {}) for b in blocks]
    return _deep(("root",), nodes)


def block_signatures(blocks: list[dict[str, Any]], local_hashes: Mapping[str, str] | None = None) -> list[str]:
    """One hash per top-level block (children included), equal exactly when the diff sees no change."""
    return [signed_new(b, local_hashes or {}).deep for b in blocks]
