"""Fewest block operations turning a page's current blocks into the blocks of the Markdown.

Pure (no I/O), so every decision the publisher makes about a page can be tested without a server.
Free Notion workspaces have a lifetime cap of 1,000 created blocks, and every block re-created breaks
comments and anchors on it, so the goal is: leave equal blocks alone, update a changed block in place
when Notion allows it (same type, only updatable fields differ), trash what disappeared, and insert
new blocks right after the block they follow.

Both sides are compared by their normalised signatures (`signatures.py`), so an unchanged post
diffs to nothing. Alignment is difflib's longest-matching-blocks on whole-subtree signatures, then,
inside each changed stretch, a second alignment on block types pairs blocks that can be updated in
place; it recurses into the children of paired blocks.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from recweekly.publish.notion.client import count_blocks
from recweekly.publish.notion.request_fields import UPDATABLE
from recweekly.publish.signatures import (
    FOREIGN_TYPES,
    LOCAL_PREFIX,
    MEDIA_TYPES,
    RemoteBlock,
    SignedBlock,
    block_signatures,
    children_of,
    file_hash,
    normalise_rich_text,
    signed_new,
    signed_remote,
    upload_file_name,
    upload_hash_from_name,
    with_children,
)

# callers import the block vocabulary from here too: one import line for a page's diff and its blocks
__all__ = ["FOREIGN_TYPES", "LOCAL_PREFIX", "DeleteBlock", "InsertBlocks", "Op", "RemoteBlock", "UpdateBlock",
           "block_signatures", "children_of", "diff_blocks", "file_hash", "op_size", "update_body",
           "upload_file_name", "upload_hash_from_name", "with_children"]


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


def op_size(op: Op) -> int:
    """Blocks touched by an operation: what the CLI reports as 'N block changes'."""
    return count_blocks(op.blocks) if isinstance(op, InsertBlocks) else 1


def _compat_key(btype: str, payload: Mapping[str, Any]) -> Any:
    """Blocks with equal keys can be turned into one another by an update."""
    if btype not in UPDATABLE:
        return (btype, id(payload))  # never paired: replaced instead
    if btype == "table":
        return (btype, payload.get("table_width"))
    return btype


# --- diff ----------------------------------------------------------------------------------------


def _label(node: SignedBlock) -> str:
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
    if btype in MEDIA_TYPES and "type" in payload:
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


def _updatable_in_place(old: SignedBlock, new: SignedBlock) -> bool:
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
    old_nodes = [signed_remote(b, hashes) for b in old if b.type not in FOREIGN_TYPES]
    new_nodes = [signed_new(b, hashes) for b in new]
    ops: list[Op] = []
    _diff_level(parent_id, old_nodes, new_nodes, ops, where)
    return ops


def _pairs(old: list[SignedBlock], new: list[SignedBlock]) -> list[tuple[int | None, int | None, str]]:
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
    old: list[SignedBlock], new: list[SignedBlock], i1: int, i2: int, j1: int, j2: int
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


def _diff_level(parent_id: str, old: list[SignedBlock], new: list[SignedBlock], ops: list[Op], where: str) -> None:
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
