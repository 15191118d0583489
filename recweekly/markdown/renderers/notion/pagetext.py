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
_NO_TEXT = frozenset({"divider", "table_of_contents", "breadcrumb"})
_NO_CONTENT: dict[str, Any] = {}


def _untitled(text: str) -> str:
    return "" if text == "Untitled" else text


def block_text(block: Block) -> str:
    """What NotionNext reads of one block and everything under it."""
    kind = block["type"]
    content: dict[str, Any] = block.get(kind) or _NO_CONTENT
    children = content.get("children")
    if kind == "table":
        rows = (row.get("table_row", {}).get("cells", []) for row in children or ())
        cells = (_untitled(plain_text_of(cell)) for row in rows for cell in row)
        return " ".join(cell for cell in cells if cell)
    if kind in _NO_TEXT:
        return ""
    # its own text: the title if it has one, else the caption (NotionNext's order); read once
    title = plain_text_of(content.get("rich_text") or ()) or plain_text_of(content.get("caption") or ())
    if kind == "equation":
        if not content.get("expression"):
            return ""
        own = content.get("expression", "")
    elif title:
        own = "" if kind == "image" or title == "Untitled" else title
    # no text: a code block's language, a media block's source, a to-do's check mark are properties too
    elif kind == "code" or kind in _MEDIA or (kind == "to_do" and content.get("checked")):
        own = ""
    else:
        return ""  # no properties: nothing, children included
    if not children:
        return own
    return " ".join([own, *(block_text(child) for child in children)])


def page_text(blocks: list[Block]) -> str:
    """The page's text as NotionNext counts it: top-level blocks joined with nothing between them."""
    return "".join([block_text(block) for block in blocks])
