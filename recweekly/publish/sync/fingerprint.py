"""The publish fingerprint: a short hash of everything a publish writes to one page.

Why: recweekly keeps no local state, so proving that a page is already up to date means reading its
whole block tree back (one call per 100 top-level blocks plus one per block with children). When the
data source has a Text column named as [tool.recweekly.notion] fingerprint_property says (default
`recweekly_fingerprint`; `recweekly publish --setup` adds it), the last successful sync leaves this
hash there; the run's listing returns it with the page, so an unchanged post costs no call of its
own. The hash covers the rendered blocks with local images named by path and content hash (never by
upload id, which changes with every upload), the wanted properties, and FORMAT_VERSION. Bump
FORMAT_VERSION whenever the renderer's output (or the way it is sent) changes, so that pages
published by an older recweekly are diffed in full once.

The column's text is a `Stamp`: `v2:<hash>`, then optional `;key=value` fields that other parts of
recweekly may record beside the hash (e.g. the commit last published); a match compares the hash
only, and fields it does not know are kept when a stamp is read and written back. A bare 32-hex
hash (what recweekly wrote before the stamp had a version) still reads as a stamp.

The trade-off: a page edited by hand in Notion keeps its old fingerprint, so such an edit is only
seen (and repaired) by a run with `--full-diff`. Interrupted runs are safe: before the first block
write of an update the stored fingerprint is cleared, so a page left half-written never matches any
post (not even one reverted to its previous content) and the next run diffs it in full. That costs
one write per changed post: a one-paragraph edit is 3 writes with the fingerprint, 1 without.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: Version of the rendered format covered by the fingerprint: bump when blocks.py output changes.
FORMAT_VERSION = 1
LENGTH = 32  # hex characters of sha256 kept: 128 bits, plenty against accidental collisions
STAMP_VERSION = 2  # of the column's text: `v2:<hash>[;key=value…]` (1: the bare hash)
_LEGACY = re.compile(r"[0-9a-f]{32}")
_FIELD_KEY = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class Stamp:
    """What the fingerprint column holds: the hash, and named fields recorded beside it."""

    hash: str
    fields: dict[str, str] = field(default_factory=dict)
    version: int = STAMP_VERSION

    def text(self) -> str:
        """The column's text; fields in a stable order, so the same stamp is always the same text."""
        for key, value in self.fields.items():
            if not _FIELD_KEY.fullmatch(key) or any(c in value for c in ";=\n"):
                raise ValueError(f"fingerprint field {key}={value!r}: keys are [a-z0-9_], values hold no ; = "
                                 "or line break")
        extra = "".join(f";{key}={self.fields[key]}" for key in sorted(self.fields))
        return f"v{STAMP_VERSION}:{self.hash}{extra}"

    def matches(self, digest: str) -> bool:
        return self.hash == digest


def parse_stamp(text: str | None) -> Stamp | None:
    """The stamp in a column's text; None for an empty column or text recweekly did not write (which
    then matches nothing, so the page is diffed in full and the stamp rewritten)."""
    if not text:
        return None
    text = text.strip()
    if _LEGACY.fullmatch(text):
        return Stamp(text, version=1)
    head, _, rest = text.partition(";")
    version, _, digest = head.partition(":")
    if version != f"v{STAMP_VERSION}" or not _LEGACY.fullmatch(digest):
        return None
    fields: dict[str, str] = {}
    for item in filter(None, rest.split(";")):
        key, sep, value = item.partition("=")
        if not sep or not _FIELD_KEY.fullmatch(key):
            return None
        fields[key] = value
    return Stamp(digest, fields)


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
