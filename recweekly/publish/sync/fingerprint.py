"""The publish fingerprint: a short hash of everything a publish writes to one page.

Why: recweekly keeps no local state, so proving that a page is already up to date means reading its
whole block tree back (one call per 100 top-level blocks plus one per block with children). With
[tool.recweekly.notion] fingerprint_property set, the last successful sync also leaves this hash in
a rich_text column of the page; the slug query returns it with the page, so an unchanged post costs
no further read at all. The hash covers the rendered blocks with local images named by path and
content hash (never by upload id, which changes with every upload), the wanted properties, and
FORMAT_VERSION. Bump FORMAT_VERSION whenever the renderer's output (or the way it is sent) changes,
so that pages published by an older recweekly are diffed in full once.

The trade-off: a page edited by hand in Notion keeps its old fingerprint, so such an edit is only
seen (and repaired) by a run with `--full-diff`. Interrupted runs are safe: before the first block
write of an update the stored fingerprint is cleared, so a page left half-written never matches any
post (not even one reverted to its previous content) and the next run diffs it in full. That costs
one write per changed post: a one-paragraph edit is 3 writes with the fingerprint, 1 without.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

#: Version of the rendered format covered by the fingerprint: bump when blocks.py output changes.
FORMAT_VERSION = 1
LENGTH = 32  # hex characters of sha256 kept: 128 bits, plenty against accidental collisions


def compute(blocks: list[dict[str, Any]], image_hashes: Mapping[str, str], properties: Mapping[str, Any],
            page: Mapping[str, Any] | None = None) -> str:
    """Fingerprint of a post's rendered blocks (`local:<path>` images), image hashes, properties and icon/cover."""
    payload = {
        "format": FORMAT_VERSION,
        "blocks": blocks,
        "images": dict(sorted(image_hashes.items())),  # path → content hash of every `local:` image
        "properties": properties,
    }
    if page:  # only when set, so that pages synced before icons and covers were published still match
        payload["page"] = page
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:LENGTH]


def stored(page: Mapping[str, Any], column: str) -> str | None:
    """The fingerprint a page holds in `column` (a page object from a query), or None when empty."""
    prop = (page.get("properties") or {}).get(column)
    if not isinstance(prop, Mapping):
        return None
    items = prop.get("rich_text") or []
    text = "".join(str(item.get("plain_text") or (item.get("text") or {}).get("content") or "")
                   for item in items if isinstance(item, Mapping))
    return text or None


def property_value(value: str) -> dict[str, Any]:
    """The request form of a fingerprint for `properties` of PATCH /v1/pages ("" clears it)."""
    return {"rich_text": [{"type": "text", "text": {"content": value}}] if value else []}
