"""The publish fingerprint: a short hash of everything a publish writes to one page, and the stamp
that carries it in the page's fingerprint column.

Why: recweekly keeps no local state, so proving that a page is already up to date means reading its
whole block tree back (one call per 100 top-level blocks plus one per block with children). When the
data source has a Text column named as [notion] fingerprint_property says (default
`recweekly_fingerprint`; `recweekly publish --setup` adds it), the last complete sync leaves its
stamp there; the run's listing (listing.py) returns it with the page, so an unchanged post costs no
call of its own. The hash covers the rendered blocks with local images named by path and content
hash (never by upload id, which changes with every upload), the wanted properties, and
FORMAT_VERSION. Bump FORMAT_VERSION whenever the renderer's output (or the way it is sent) changes,
so that pages published by an older recweekly are diffed in full once.

The stamp is `v2 sha256=<hash> commit=<sha> page=<hash>`: the hash; the commit of the post that sync
wrote (absent when the file did not match a commit); and a hash of the page as Notion will read it
back (blocks and properties normalised as the diff compares them). The commit and page hash are how
a later run knows what was last published, and tells a page that merely lags behind the post from
one edited in Notion (drift.py). Two marks take the hash's place or go beside it: `v2
sync=unfinished` (a sync is writing the page) and `unpublished=1` (recweekly hid the page). Readers
take unknown `key=value` fields in their stride; a bare 32-hex hash, what recweekly wrote before the
stamp had a version, still reads as a stamp with that hash, so upgrading re-reads no page. A newer
version (`v3 …`) or text recweekly did not write matches nothing: that page is diffed in full.

The trade-off: a page edited by hand in Notion keeps its old fingerprint, so such an edit is only
seen when the post changes (and is then refused, not overwritten: see drift.py) or by `--full-diff`
and `recweekly pull`. Interrupted runs are safe: a new page is created marked unfinished, and
before the first block write of an update the stored fingerprint is replaced by that mark, so a page
left half-written never matches any post (not even one reverted to its previous content), the next
run diffs it in full, and knows the differences are its own to repair, not edits made in Notion.
That costs one write per changed post: a one-paragraph edit is 3 writes with the fingerprint, 1
without.
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
STAMP_VERSION = "v2"  # of the column's text (v1: the bare hash)
#: Written before a sync's first block write (and with a new page): a page left like this was being
#: written by recweekly when the run stopped, so its differences are recweekly's to repair.
UNFINISHED = f"{STAMP_VERSION} sync=unfinished"
_BARE_HASH = re.compile(r"[0-9a-f]{32}")
_FIELD_KEY = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class Stamp:
    """What the fingerprint column says: the hash of the last complete sync and the fields beside it."""

    hash: str | None = None
    fields: dict[str, str] = field(default_factory=dict)  # commit=…, page=…, and whatever a newer version adds

    @property
    def commit(self) -> str | None:
        return self.fields.get("commit") or None

    @property
    def unfinished(self) -> bool:
        return self.fields.get("sync") == "unfinished"

    def matches(self, digest: str | None) -> bool:
        """Whether the last complete sync wrote what hashes to `digest`."""
        return digest is not None and self.hash == digest

    def text(self) -> str:
        """The column's text; fields in a stable order, so the same stamp is always the same text."""
        for key, value in self.fields.items():
            if not _FIELD_KEY.fullmatch(key) or not value or any(c.isspace() for c in value):
                raise ValueError(f"fingerprint field {key}={value!r}: keys are [a-z0-9_], values one word")
        return " ".join([STAMP_VERSION, f"sha256={self.hash}"] + [f"{k}={self.fields[k]}" for k in sorted(self.fields)])


def stamp(hash_: str, fields: Mapping[str, str | None] | None = None) -> str:
    """The column's text for a sync that wrote `hash_`; `fields` such as commit=… (empty ones left out)."""
    return Stamp(hash_, {key: value for key, value in (fields or {}).items() if value}).text()


def mark_unpublished(text: str | None) -> str | None:
    """The stamp with `unpublished=1`: recweekly itself set the page's status to hide it (None: no stamp)."""
    found = read_stamp(text)
    if found.hash is None:
        return None
    return Stamp(found.hash, {**found.fields, "unpublished": "1"}).text()


def read_stamp(text: str | None) -> Stamp:
    """Parse the column: `v2 sha256=… commit=…` (any order, unknown fields kept) or a bare hash."""
    text = (text or "").strip()
    if _BARE_HASH.fullmatch(text):
        return Stamp(text)
    words = text.split()
    if not words or words[0] != STAMP_VERSION:
        return Stamp()  # empty, or a format this version cannot read: diff in full
    values = dict(word.split("=", 1) for word in words[1:] if "=" in word)
    values = {key: value for key, value in values.items() if value and _FIELD_KEY.fullmatch(key)}
    found = values.pop("sha256", None)
    return Stamp(found if found and _BARE_HASH.fullmatch(found) else None, values)


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


def stamp_property(value: str) -> dict[str, Any]:
    """The request form of a fingerprint for `properties` of PATCH /v1/pages ("" clears it)."""
    return {"rich_text": [{"type": "text", "text": {"content": value}}] if value else []}
