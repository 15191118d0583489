"""Raw HTML in a post: what of it the published page shows.

Notion has no raw HTML, so nothing written as HTML is ever injected anywhere: comments (among them
the `<!-- recweekly:… -->` region markers) vanish, a lone `<br>` is a line break, and anything else
is shown as the text the writer typed, with a warning. The renderers take this one reading.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_BREAK = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)


class RawHtml(NamedTuple):
    kind: Literal["comment", "break", "text"]
    text: str  # for "text": the visible text (comments removed), shown literally


def is_comment(raw: str) -> bool:
    """True when `raw` is nothing but HTML comments and whitespace (our region markers)."""
    return "<!--" in raw and not _COMMENT.sub("", raw).strip()


def strip_comments(raw: str) -> str:
    return _COMMENT.sub("", raw) if "<!--" in raw else raw


def read_raw_html(raw: str, block: bool) -> RawHtml:
    """How a `block_html` (block=True) or `inline_html` token shows on the page."""
    if is_comment(raw):
        return RawHtml("comment", "")
    visible = strip_comments(raw)
    if block:
        visible = visible.strip("\n")
    if _BREAK.fullmatch(visible if block else raw):
        return RawHtml("break", "")
    return RawHtml("text", visible)
