"""The text NotionNext counts for 字数: its `getPageContentText` over the blocks recweekly sends.

NotionNext reads Notion's own record of the page, where a block with empty text has no
`properties`. Its rules, reproduced on the request-form blocks (so the count is of exactly what the
page will hold):

- the page's top-level blocks are joined with **no separator**: the last word of one paragraph
  and the first word of the next make one Latin run, so "alpha" + "beta" counts one word;
- a block's own text and each of its children's are joined with a space; a table is its non-empty
  cells joined with a space;
- a block's own text is its title: the rich text, a code block's code, an equation's expression;
  without one, its caption (a code block with no code, a video or file); an image counts nothing
  (NotionNext reads its `alt_text`, which the API cannot set, not its caption); a divider nothing;
  text that is exactly "Untitled" nothing;
- a block without `properties` — empty text, and not a code, media or checked to-do block, whose
  language, source or check mark are properties too — counts nothing, children included.

A post with a password counts nothing at all; that is the caller's to say (`wordcount`).
"""

from __future__ import annotations

from typing import Any

from recweekly.markdown.renderers.notion.richtext import plain_text_of

Block = dict[str, Any]

_MEDIA = frozenset({"image", "video", "file", "pdf", "audio"})


def _untitled(text: str) -> str:
    return "" if text == "Untitled" else text


def _title(content: dict[str, Any]) -> str:
    """A block's own text: its title if it has one, else its caption (NotionNext's order)."""
    for key in ("rich_text", "caption"):
        text = plain_text_of(content.get(key) or [])
        if text:
            return _untitled(text)
    return ""


def _has_properties(kind: str, content: dict[str, Any]) -> bool:
    if kind == "code" or kind in _MEDIA:
        return True
    if kind == "equation":
        return bool(content.get("expression"))
    if kind == "to_do" and content.get("checked"):
        return True
    return any(plain_text_of(content.get(key) or []) for key in ("rich_text", "caption"))


def block_text(block: Block) -> str:
    """What NotionNext reads of one block and everything under it."""
    kind = block["type"]
    content: dict[str, Any] = block.get(kind) or {}
    children = content.get("children", [])
    if kind == "table":
        rows = (row.get("table_row", {}).get("cells", []) for row in children)
        cells = (_untitled(plain_text_of(cell)) for row in rows for cell in row)
        return " ".join(cell for cell in cells if cell)
    if kind in ("divider", "table_of_contents", "breadcrumb") or not _has_properties(kind, content):
        return ""
    if kind == "image":
        own = ""
    elif kind == "equation":
        own = content.get("expression", "")
    else:
        own = _title(content)
    return " ".join([own, *(block_text(child) for child in children)])


def page_text(blocks: list[Block]) -> str:
    """The page's text as NotionNext counts it: top-level blocks joined with nothing between them."""
    return "".join(block_text(block) for block in blocks)
