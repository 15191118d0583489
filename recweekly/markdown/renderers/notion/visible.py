"""Blocks react-notion-x would not draw, and the smallest change that makes them drawn.

NotionNext renders a page with react-notion-x (7.x), which reads Notion's own record of each block,
where a block with empty text has no `properties`. Two of its rules would hide what a post says:

- a quote without `properties` is not drawn at all, children included (`if (!block.properties)
  return null`), so `> - a`, `> # T` or a fenced block in a quote — all sent as a quote whose
  content is its children — would vanish. Such a quote gets a no-break space as its text: drawn
  as a blank first line, counted as no word by NotionNext (JavaScript's `\\s` includes U+00A0), and
  the quote and its children are on the page.
- an image whose caption starts with a run that looks like a URL to its `isValidURL` (`arch.png`,
  `arxiv.org/abs/2603.03988`) or like a Notion page path becomes a link to that "URL" and its
  caption is hidden. Such a caption starts with a zero-width space, which the pattern does not
  accept and nobody sees.
"""

from __future__ import annotations

import re
from typing import Any

from recweekly.markdown.renderers.notion.richtext import plain_text_of, split_utf16

Block = dict[str, Any]

QUOTE_LEAD = "\u00a0"
CAPTION_GUARD = "\u200b"

# react-notion-x's isValidURL (components/asset-wrapper.tsx), case-insensitive, with its label
# pattern `[a-z\d]([a-z\d-]*[a-z\d])*` written without the nested repetition (same strings, no
# catastrophic backtracking on a long caption).
_URL_LIKE = re.compile(
    r"(?:https?://)?"
    r"(?:(?:[a-z\d](?:[a-z\d-]*[a-z\d])?\.)+[a-z]{2,}|(?:\d{1,3}\.){3}\d{1,3})"
    r"(?::\d+)?(?:/[-a-z\d%_.~+]*)*"
    r"(?:\?[;&a-z\d%_.~+=-]*)?"
    r"(?:#[-a-z\d_]*)?",
    re.IGNORECASE,
)
_PAGE_ID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", re.IGNORECASE)


def visible_quote(quote: Block) -> Block:
    """`quote` with text of its own when it has none but holds children (else unchanged)."""
    content = quote["quote"]
    if content.get("children") and not plain_text_of(content["rich_text"]):
        content["rich_text"] = [{"type": "text", "text": {"content": QUOTE_LEAD}}]
    return quote


def caption_taken_for_link(text: str) -> bool:
    """Would react-notion-x read an image caption whose first run is `text` as the image's link?"""
    if text.startswith("/") and _PAGE_ID.search(text):
        return True
    return _URL_LIKE.fullmatch(text) is not None


def visible_caption(text: str) -> str:
    """An image caption (one style, so its first run is its first ≤2,000 units) react-notion-x shows."""
    return CAPTION_GUARD + text if text and caption_taken_for_link(split_utf16(text)[0]) else text
