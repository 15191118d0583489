"""`<!-- notion:TYPE {…} -->`: a Notion block that Markdown has no syntax for, kept in a post.

Why: a page edited in Notion can hold blocks Markdown cannot write (a bookmark, an embed, a synced
block, a column layout, a callout with its own emoji, underlined or coloured text). `recweekly pull`
brings such a block into the post as this comment — visible to whoever reads the file or reviews the
pull's diff, invisible in every rendered view — and publishing turns it back into exactly that block,
so the page keeps it and the next publish makes no write for it. The JSON is the block's content in
request form (what an append-children body holds under the block's type, children included), so
it is lossless for everything a request can send.

It is a decision about what the post *means*, not about one output, so it lives in the core: the
Notion renderer emits the block, the other renderers treat it as the comment it is.
"""

from __future__ import annotations

import json
import re
from typing import Any

PREFIX = "notion:"
_PLACEHOLDER = re.compile(r"\A\s*<!--\s*notion:([a-z][a-z0-9_]*)(?:[ \t]+(\{.*\}))?\s*-->\s*\Z", re.DOTALL)

Block = dict[str, Any]


def placeholder(block: Block) -> str:
    """The comment that stands for `block` (request form) in a post, on one line.

    `>` is written as its JSON escape so no text inside can end the comment early.
    """
    kind = str(block["type"])
    content = block.get(kind) or {}
    payload = json.dumps(content, ensure_ascii=False, separators=(", ", ": "), sort_keys=True)
    payload = payload.replace(">", "\\u003e")
    return f"<!-- {PREFIX}{kind} {payload} -->" if content else f"<!-- {PREFIX}{kind} -->"


def read_placeholder(raw: str) -> Block | None:
    """The block a raw HTML token stands for, or None when it is not one (or its JSON is broken)."""
    if PREFIX not in raw:
        return None
    match = _PLACEHOLDER.match(raw)
    if not match:
        return None
    kind, payload = match.group(1), match.group(2)
    try:
        content = json.loads(payload) if payload else {}
    except json.JSONDecodeError:
        return None
    if not isinstance(content, dict):
        return None
    return {"object": "block", "type": kind, kind: content}


def looks_like_placeholder(raw: str) -> bool:
    """A `notion:` comment, well formed or not (a broken one deserves a warning, not silence)."""
    return PREFIX in raw and re.match(r"\A\s*<!--\s*notion:", raw) is not None
