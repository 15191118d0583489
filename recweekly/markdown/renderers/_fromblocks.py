"""Reading Notion blocks: what the renderers that start from blocks share (a neutral helper).

Two renderers run over Notion's block model rather than over a `Document`: `markdown` (blocks back
to Markdown, for `recweekly pull`) and `html` (the preview, drawn from the very blocks `publish`
sends, as react-notion-x draws NotionNext's pages from the page's blocks). Both must read a block's
content, its children, its rich text and an image's source the same way — in request form as the
Notion renderer makes them, or in response form as Notion answers — so the reading lives here,
like mistune's `_list.py`, and neither renderer imports the other.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple

Block = dict[str, Any]

#: The file-upload id the Notion renderer gives a repository image (`local:images/fig.png`):
#: the sync uploads the file and swaps in the real id; readers map it back to the file.
LOCAL_PREFIX = "local:"
_EMPTY: Mapping[str, Any] = {}


def content(block: Mapping[str, Any]) -> dict[str, Any]:
    """The block's content, under its type's key (`{"type": "quote", "quote": {…}}`)."""
    return block.get(str(block.get("type"))) or {}


def children(block: Mapping[str, Any]) -> list[Block]:
    return list(content(block).get("children") or [])


class RichRun(NamedTuple):
    """One rich-text item as both forms say it: `kind` text, equation or mention; `text` the
    content, the expression or (for a mention) the plain text Notion answered with, if any."""

    kind: str
    text: str
    annotations: Mapping[str, Any]  # as given: may be empty, or hold every key with false values
    link: str | None
    item: Mapping[str, Any]  # the whole item, for what only one reader needs (a mention's target)


def read_item(item: Mapping[str, Any]) -> RichRun:
    """One rich-text item, request or response form."""
    kind = item.get("type") or ("equation" if "equation" in item else "text")
    annotations = item.get("annotations") or _EMPTY
    if kind == "text":
        text = item.get("text") or _EMPTY
        link = text.get("link")
        url = link.get("url") if link and (type(link) is dict or isinstance(link, Mapping)) else None
        return RichRun("text", str(text.get("content", item.get("plain_text", ""))), annotations, url or None, item)
    if kind == "equation":
        expression = str((item.get("equation") or _EMPTY).get("expression", ""))
        return RichRun("equation", expression, annotations, item.get("href") or None, item)
    return RichRun(str(kind), str(item.get("plain_text", "")), annotations, item.get("href") or None, item)


def text_of(item: Mapping[str, Any]) -> str | None:
    """The content of a text run (request or response form), None for an equation or a mention:
    nearly every run of a post is text, and a reader can take it without reading the item in full."""
    text = item.get("text")
    if text is None or item.get("type", "text") != "text":
        return None
    content = text["content"] if "content" in text else item.get("plain_text", "")
    return content if type(content) is str else str(content)


def read_rich_text(items: Iterable[Mapping[str, Any]] | None) -> Iterator[RichRun]:
    """The runs of a rich-text array, in order."""
    return map(read_item, items or ())


def plain_text(items: Iterable[Mapping[str, Any]] | None) -> str:
    """What a reader sees of a rich-text array (equations as their expression)."""
    out = []
    for item in items or ():
        text = text_of(item)
        out.append(read_item(item).text if text is None else text)
    return "".join(out)


def image_source(body: Mapping[str, Any]) -> tuple[str, str]:
    """(kind, value) of an image (or other file block's) source: ("external", url), ("local",
    repository-relative path of an image publish will upload), ("upload", a file-upload id) or
    ("file", the address of a file Notion holds — it expires within the hour)."""
    kind = str(body.get("type") or next((k for k in ("external", "file_upload", "file") if k in body), ""))
    inner = body.get(kind) or {}
    if kind == "external":
        return "external", str(inner.get("url", ""))
    if kind == "file_upload":
        ident = str(inner.get("id", ""))
        return ("local", ident[len(LOCAL_PREFIX):]) if ident.startswith(LOCAL_PREFIX) else ("upload", ident)
    return "file", str(inner.get("url", ""))
