"""Fewest block operations turning a page's current blocks into the blocks of the Markdown.

Pure (no I/O), so every decision the publisher makes about a page can be tested without a server.
Free Notion workspaces have a lifetime cap of 1,000 created blocks, and every block re-created breaks
comments and anchors on it, so the goal is: leave equal blocks alone, update a changed block in place
when Notion allows it (same type, only updatable fields differ), trash what disappeared, and insert
new blocks right after the block they follow.

Both sides are first *normalised*: Notion fills in defaults when it reads a block back (annotations,
colours, empty captions, `plain_text`, `href`, expiring file URLs) and adds fields no request can set
(`list_start_index`, `list_format`: only fields in the request schemas' CREATABLE table are
compared), and the Markdown renderer may
split one run of text where Notion merges it. Comparing normalised signatures makes an unchanged post
diff to nothing. Alignment is difflib's longest-matching-blocks on whole-subtree signatures, then,
inside each changed stretch, a second alignment on block types pairs blocks that can be updated in
place; it recurses into the children of paired blocks.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlparse

# What requests can set per block type, generated from the request schemas: Notion's answers carry
# more (list_start_index, list_format, …), and a field no request can set never makes a change.
from recweekly.publish.notion.request_fields import CREATABLE, UPDATABLE

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
_MEDIA = frozenset({"image", "video", "pdf", "file", "audio"})
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


@dataclass(frozen=True)
class UpdateBlock:
    block_id: str
    type: str
    body: dict[str, Any]  # {type: {...updatable fields...}}, ready for PATCH /v1/blocks/{id}
    where: str


@dataclass(frozen=True)
class DeleteBlock:
    block_id: str
    type: str
    where: str


@dataclass(frozen=True)
class InsertBlocks:
    """New blocks (with nested children) to add under `parent_id`, right after `after_id`.

    `after_id` None with `at_start` means before every existing child; None without it means at
    the end (the parent keeps none of its old children).
    """

    parent_id: str
    after_id: str | None
    at_start: bool
    blocks: list[dict[str, Any]]
    where: str


Op = UpdateBlock | DeleteBlock | InsertBlocks


def count_blocks(blocks: list[dict[str, Any]]) -> int:
    """Blocks in a tree of new blocks, children included (what Notion counts as created)."""
    return sum(1 + count_blocks(children_of(b)) for b in blocks)


def op_size(op: Op) -> int:
    """Blocks touched by an operation: what the CLI reports as 'N block changes'."""
    return count_blocks(op.blocks) if isinstance(op, InsertBlocks) else 1


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
    if btype in _MEDIA:
        fields["_ref"] = _media_ref(payload, local_hashes)
    return (btype, tuple(sorted(fields.items())))


def _compat_key(btype: str, payload: Mapping[str, Any]) -> Any:
    """Blocks with equal keys can be turned into one another by an update."""
    if btype not in UPDATABLE:
        return (btype, id(payload))  # never paired: replaced instead
    if btype == "table":
        return (btype, payload.get("table_width"))
    return btype


@dataclass
class _Node:
    """One side of the comparison: a remote block (with id) or a new block (without)."""

    type: str
    payload: dict[str, Any]
    children: list[_Node]
    shallow: Any
    deep: str
    block_id: str | None = None
    source: dict[str, Any] | None = None  # the new block as rendered, for inserts and updates


def _deep(shallow: Any, children: list[_Node]) -> str:
    data = repr((shallow, [c.deep for c in children])).encode("utf-8")
    return hashlib.sha1(data).hexdigest()


def _own_children(block: RemoteBlock) -> list[RemoteBlock]:
    """Children that belong to the page: a synced block that mirrors another lists the original's
    blocks, which no request on this page may change (they are compared, and kept, as absent)."""
    if block.type == "synced_block" and block.payload.get("synced_from"):
        return []
    return [c for c in block.children if c.type not in FOREIGN_TYPES]


def _node_from_remote(block: RemoteBlock, local_hashes: Mapping[str, str]) -> _Node:
    kids = [_node_from_remote(c, local_hashes) for c in _own_children(block)]
    shallow = shallow_signature(block.type, block.payload, local_hashes)
    return _Node(block.type, block.payload, kids, shallow, _deep(shallow, kids), block_id=block.id)


def _node_from_new(block: dict[str, Any], local_hashes: Mapping[str, str]) -> _Node:
    btype = str(block["type"])
    payload = dict(block.get(btype) or {})
    kids = [_node_from_new(c, local_hashes) for c in children_of(block)]
    shallow = shallow_signature(btype, payload, local_hashes)
    return _Node(btype, payload, kids, shallow, _deep(shallow, kids), source=block)


def tree_signature(blocks: list[dict[str, Any]], local_hashes: Mapping[str, str] | None = None) -> str:
    """One hash for a whole list of new blocks (handy to compare renders)."""
    nodes = [_node_from_new(b, local_hashes or {}) for b in blocks]
    return _deep(("root",), nodes)


def block_signatures(blocks: list[dict[str, Any]], local_hashes: Mapping[str, str] | None = None) -> list[str]:
    """One hash per top-level block (children included), equal exactly when the diff sees no change."""
    return [_node_from_new(b, local_hashes or {}).deep for b in blocks]


# --- diff ----------------------------------------------------------------------------------------


def _label(node: _Node) -> str:
    text = ""
    for key in ("rich_text", "caption"):
        runs = normalise_rich_text(node.payload.get(key))
        text = "".join(str(r[1]) for r in runs)
        if text:
            break
    text = " ".join(text.split())
    if len(text) > 40:
        text = text[:39] + "…"
    return f"{node.type} {text!r}" if text else node.type


def update_body(btype: str, payload: Mapping[str, Any]) -> dict[str, Any]:
    """The PATCH body for an in-place update: only the fields Notion lets us change."""
    allowed = UPDATABLE.get(btype, frozenset())
    body = {k: v for k, v in payload.items() if k in allowed}
    if btype in _MEDIA and "type" in payload:
        kind = payload["type"]
        body = {k: v for k, v in body.items() if k not in ("external", "file_upload") or k == kind}
    for key in ("rich_text", "caption"):
        if key in allowed and key not in body and key in UPDATABLE.get(btype, ()):
            body[key] = []  # clearing a field must be said explicitly
    if btype == "table_row" and "cells" not in body:
        body["cells"] = []
    if "color" in allowed and "color" not in body:
        body["color"] = "default"
    return {btype: body}


def _updatable_in_place(old: _Node, new: _Node) -> bool:
    """Same type, and every field that differs can be sent in an update."""
    allowed = UPDATABLE.get(new.type)
    if allowed is None or old.type != new.type:
        return False
    old_fields = dict(old.shallow[1])
    new_fields = dict(new.shallow[1])
    for key in set(old_fields) | set(new_fields):
        if old_fields.get(key) == new_fields.get(key):
            continue
        if key == "_ref":
            if new_fields.get(key, ("",))[0] not in ("external", "upload", "upload-id"):
                return False
            continue
        if key not in allowed:
            return False
    return True


def diff_blocks(
    parent_id: str,
    old: list[RemoteBlock],
    new: list[dict[str, Any]],
    local_hashes: Mapping[str, str] | None = None,
    where: str = "",
) -> list[Op]:
    """Operations that make the children of `parent_id` (currently `old`) equal to `new`.

    `local_hashes` maps a repository-relative image path to its content hash, so an image block
    pointing at `local:<path>` compares equal to the upload made from the same bytes.
    """
    hashes = local_hashes or {}
    old_nodes = [_node_from_remote(b, hashes) for b in old if b.type not in FOREIGN_TYPES]
    new_nodes = [_node_from_new(b, hashes) for b in new]
    ops: list[Op] = []
    _diff_level(parent_id, old_nodes, new_nodes, ops, where)
    return ops


def _pairs(old: list[_Node], new: list[_Node]) -> list[tuple[int | None, int | None, str]]:
    """Align two sibling lists: ('equal'|'update', i, j), ('delete', i, None), ('insert', None, j)."""
    out: list[tuple[int | None, int | None, str]] = []
    matcher = difflib.SequenceMatcher(None, [n.deep for n in old], [n.deep for n in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend((i1 + k, j1 + k, "equal") for k in range(i2 - i1))
        elif tag == "delete":
            out.extend((i, None, "delete") for i in range(i1, i2))
        elif tag == "insert":
            out.extend((None, j, "insert") for j in range(j1, j2))
        else:
            out.extend(_pair_by_type(old, new, i1, i2, j1, j2))
    return out


def _pair_by_type(
    old: list[_Node], new: list[_Node], i1: int, i2: int, j1: int, j2: int
) -> list[tuple[int | None, int | None, str]]:
    out: list[tuple[int | None, int | None, str]] = []
    old_keys = [_compat_key(n.type, n.payload) for n in old[i1:i2]]
    new_keys = [_compat_key(n.type, n.payload) for n in new[j1:j2]]
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(a2 - a1):
                i, j = i1 + a1 + k, j1 + b1 + k
                if _updatable_in_place(old[i], new[j]):
                    out.append((i, j, "update"))
                else:
                    out.append((i, None, "delete"))
                    out.append((None, j, "insert"))
        else:
            out.extend((i1 + i, None, "delete") for i in range(a1, a2))
            out.extend((None, j1 + j, "insert") for j in range(b1, b2))
    return out


def _diff_level(parent_id: str, old: list[_Node], new: list[_Node], ops: list[Op], where: str) -> None:
    pairs = _pairs(old, new)
    kept_after: list[bool] = []  # is there a kept old block at or after this pair?
    seen = False
    for i, _, tag in reversed(pairs):
        seen = seen or (tag in ("equal", "update") and i is not None)
        kept_after.append(seen)
    kept_after.reverse()

    anchor: str | None = None
    run: list[dict[str, Any]] = []
    run_start_has_kept_after = False

    def flush() -> None:
        nonlocal run
        if run:
            at_start = anchor is None and run_start_has_kept_after
            label = f"{where}{len(run)} new block(s)"
            ops.append(InsertBlocks(parent_id, anchor, at_start, run, label))
            run = []

    for index, (i, j, tag) in enumerate(pairs):
        if tag == "insert":
            assert j is not None
            if not run:
                run_start_has_kept_after = kept_after[index]
            source = new[j].source
            assert source is not None
            run.append(source)
            continue
        if tag == "delete":
            assert i is not None
            ops.append(DeleteBlock(str(old[i].block_id), old[i].type, f"{where}{_label(old[i])}"))
            continue
        flush()
        assert i is not None and j is not None
        o, n = old[i], new[j]
        anchor = o.block_id
        if tag == "update":
            if o.shallow != n.shallow:
                ops.append(UpdateBlock(str(o.block_id), n.type, update_body(n.type, n.payload),
                                       f"{where}{_label(n)}"))
            if [c.deep for c in o.children] != [c.deep for c in n.children]:
                _diff_level(str(o.block_id), o.children, n.children, ops, f"{where}{_label(n)} > ")
    flush()
