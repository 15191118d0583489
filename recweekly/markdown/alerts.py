"""GitHub alerts (`> [!NOTE]` …): a quote that is really a callout of a kind.

mistune has no syntax for them, so they arrive as block quotes whose first paragraph starts with the
marker; recognising them once here keeps the published callout and the preview's callout the same.
"""

from __future__ import annotations

import re
from typing import Any

Token = dict[str, Any]

#: GitHub alert kind → (callout emoji, Notion callout colour).
ALERTS: dict[str, tuple[str, str]] = {
    "NOTE": ("ℹ️", "blue_background"),
    "TIP": ("💡", "green_background"),
    "IMPORTANT": ("❗", "purple_background"),
    "WARNING": ("⚠️", "yellow_background"),
    "CAUTION": ("🛑", "red_background"),
}
_ALERT = re.compile(r"^\s*\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*", re.IGNORECASE)


def split_alert(children: list[Token]) -> tuple[str, list[Token]] | None:
    """(`NOTE`…, children without the marker) for a GitHub alert quote, else None."""
    if not children or children[0]["type"] != "paragraph":
        return None
    inline = children[0].get("children", [])
    head = 0
    while head < len(inline) and inline[head]["type"] == "text":
        head += 1
    leading = "".join(t.get("raw", "") for t in inline[:head])
    match = _ALERT.match(leading)
    if not match:
        return None
    rest_text = leading[match.end() :]
    remaining = inline[head:]
    if not rest_text.strip() and remaining and remaining[0]["type"] in ("softbreak", "linebreak"):
        remaining = remaining[1:]
    new_inline = ([{"type": "text", "raw": rest_text}] if rest_text.strip() else []) + remaining
    rest = children[1:]
    if new_inline:
        rest = [{**children[0], "children": new_inline}, *rest]
    return match.group(1).upper(), rest
