"""Notion blocks → Markdown, one method per block type, each the inverse of the Notion renderer.

The blocks are the Notion renderer's model (request form; `recweekly pull` brings a page's blocks
into it first), and the Markdown must parse back to the same blocks: lists are written with one
marker each (`-`, `1.`, `- [ ]`), quotes with `>`, GitHub alerts for callouts whose emoji and
colour are an alert's, `<details>` for toggles, pipe tables with a header row. A block with no
Markdown form — a bookmark, an embed, a column layout, a callout with an emoji of its own, text in
colour — becomes a `<!-- notion:TYPE {…} -->` placeholder (recweekly.markdown.placeholders), which
publishing turns back into that very block.

A caller that can check a block's Markdown against the block (render it again and compare) passes
`verify`; a block that fails is kept as a placeholder too, so whatever the page holds survives the
trip. The renderer itself imports no other renderer: the check is the caller's.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from typing import Any

from recweekly.markdown.alerts import ALERTS
from recweekly.markdown.languages import ALIASES, NOTION_LANGUAGES, PLAIN_TEXT, notion_language, unlisted_language
from recweekly.markdown.limits import MAX_EQUATION
from recweekly.markdown.placeholders import placeholder
from recweekly.markdown.renderers._fromblocks import children, content, image_source
from recweekly.markdown.renderers.markdown.inline import escape_text, inline_markdown, plain_caption

Block = dict[str, Any]
Verify = Callable[[Block, str], bool]

_ALERT_OF = {(emoji, color): kind for kind, (emoji, color) in ALERTS.items()}
_LIST_TYPES = ("bulleted_list_item", "numbered_list_item", "to_do")


def info_string(language: str) -> str | None:
    """A fence info string the Notion renderer maps back to `language` ("" for plain text)."""
    if language == PLAIN_TEXT:
        return ""
    if language in NOTION_LANGUAGES and " " not in language and notion_language(language) == language:
        return language
    for alias, target in sorted(ALIASES.items()):
        if target == language and notion_language(alias) == language:
            return alias
    return None


def _tight(block: Block) -> bool:
    """A list item whose children (if any) are list items too: no blank line is needed after it."""
    return all(kid.get("type") in _LIST_TYPES and _tight(kid) for kid in children(block))


def indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else line for line in text.split("\n"))


class MarkdownRenderer:
    """Blocks → Markdown. Methods named after Notion block types return Markdown, or None when the
    block has no exact Markdown form (it is then written as a placeholder)."""

    def __init__(self, *, verify: Verify | None = None, footnotes: Mapping[int, str] | None = None,
                 image_url: Callable[[str], str] | None = None) -> None:
        self.verify = verify
        self.footnotes = footnotes
        self.image_url = image_url or (lambda path: path)
        self.kept: list[Block] = []  # blocks written as placeholders, in order
        self._methods: dict[str, Callable[[Block], str | None]] = {
            "paragraph": self.paragraph,
            "heading_1": self.heading,
            "heading_2": self.heading,
            "heading_3": self.heading,
            "heading_4": self.heading,
            "divider": self.divider,
            "code": self.code,
            "equation": self.equation,
            "quote": self.quote,
            "callout": self.callout,
            "bulleted_list_item": self.bulleted_list_item,
            "numbered_list_item": self.numbered_list_item,
            "to_do": self.to_do,
            "table": self.table,
            "image": self.image,
            "toggle": self.toggle,
        }

    # -- documents and single blocks ------------------------------------------------------------

    def render(self, blocks: list[Block]) -> str:
        """A whole body: blocks apart by a blank line, items of one list on consecutive lines."""
        if not blocks:
            return ""
        return self.join(blocks, [self.block(b) for b in blocks]) + "\n"

    @staticmethod
    def join(blocks: list[Block], texts: list[str]) -> str:
        """Items of one list (and lists nested in them) on consecutive lines, like writers write them."""
        out = texts[0]
        for before, after, text in zip(blocks, blocks[1:], texts[1:], strict=False):
            tight = before["type"] in _LIST_TYPES and after["type"] == before["type"] and _tight(before)
            out += ("\n" if tight else "\n\n") + text
        return out

    def block(self, block: Block) -> str:
        """One block with its children; a placeholder when it has no exact Markdown form."""
        method = self._methods.get(str(block.get("type")))
        text = method(block) if method else None
        if text is not None and self.verify is not None and not self.verify(block, text):
            text = None
        if text is None:
            self.kept.append(block)
            return placeholder(block)
        return text

    def inline(self, items: Any, **options: Any) -> str | None:
        return inline_markdown(items or [], footnotes=self.footnotes, **options)

    def nested(self, block: Block) -> str:
        kids = children(block)
        return self.join(kids, [self.block(k) for k in kids]) if kids else ""

    # -- one method per block type --------------------------------------------------------------

    def paragraph(self, block: Block) -> str | None:
        body = content(block)
        if children(block) or body.get("color", "default") != "default" or body.get("icon"):
            return None
        text = self.inline(body.get("rich_text"))
        if text is None:
            return None
        return text if text else "<br>"

    def heading(self, block: Block) -> str | None:
        body = content(block)
        if children(block) or body.get("is_toggleable") or body.get("color", "default") != "default":
            return None
        text = self.inline(body.get("rich_text"), line_start=False)
        if text is None or "\\\n" in text:
            return None
        if text.endswith("#"):
            text = text[:-1] + "\\#"
        level = int(str(block["type"]).rsplit("_", 1)[1])
        return "#" * level + (" " + text if text else "")

    def divider(self, block: Block) -> str | None:
        return "---"

    def code(self, block: Block) -> str | None:
        body = content(block)
        items = body.get("rich_text") or []
        if any(
            ((item.get("annotations") or {}) and any(v not in (False, "default") for v in item["annotations"].values()))
            or (item.get("text") or {}).get("link") for item in items
        ):
            return None
        language = str(body.get("language", PLAIN_TEXT))
        info = info_string(language)
        if body.get("caption"):
            # The Notion renderer names a language Notion lacks in the caption of a plain-text block
            # (```zig); any other caption has no Markdown form.
            named = plain_caption(body["caption"])
            if language != PLAIN_TEXT or named is None or named[1] is not None:
                return None
            if unlisted_language(named[0]) != named[0]:
                return None
            info = named[0]
        if info is None:
            return None
        code = "".join(str((item.get("text") or {}).get("content", item.get("plain_text", ""))) for item in items)
        longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
        fence = "`" * max(3, longest + 1)
        return f"{fence}{info}\n{code}\n{fence}" if code else f"{fence}{info}\n{fence}"

    def equation(self, block: Block) -> str | None:
        expression = str(content(block).get("expression", ""))
        if not expression or expression != expression.strip() or "$$" in expression or len(expression) > MAX_EQUATION:
            return None
        return f"$$\n{expression}\n$$"

    def _quoted(self, head: str | None, block: Block) -> str | None:
        if head is None:
            return None
        parts = [head] if head else []
        body = self.nested(block)
        if body:
            parts.append(body)
        text = "\n\n".join(parts)
        return "\n".join("> " + line if line else ">" for line in text.split("\n")) if text else ">"

    def quote(self, block: Block) -> str | None:
        if content(block).get("color", "default") != "default":
            return None
        return self._quoted(self.inline(content(block).get("rich_text")), block)

    def callout(self, block: Block) -> str | None:
        body = content(block)
        icon = body.get("icon") or {}
        kind = _ALERT_OF.get((icon.get("emoji") if icon.get("type", "emoji") == "emoji" else None,
                              body.get("color", "default")))
        text = self.inline(body.get("rich_text"))
        if kind is None or text is None:
            return None
        quoted = self._quoted(f"[!{kind}]\n{text}" if text else f"[!{kind}]", block)
        return quoted

    def _item(self, marker: str, block: Block) -> str | None:
        body = content(block)
        if body.get("color", "default") != "default":
            return None
        text = self.inline(body.get("rich_text"))
        if text is None:
            return None
        head = (marker + text) if text else marker.rstrip()
        kids = self.nested(block)
        if not kids:
            return head
        return head + ("\n" if _tight(block) else "\n\n") + indent(kids, " " * len(marker))

    def bulleted_list_item(self, block: Block) -> str | None:
        return self._item("- ", block)

    def numbered_list_item(self, block: Block) -> str | None:
        return self._item("1. ", block)

    def to_do(self, block: Block) -> str | None:
        return self._item("- [x] " if content(block).get("checked") else "- [ ] ", block)

    def table(self, block: Block) -> str | None:
        body = content(block)
        rows = [content(row).get("cells") or [] for row in children(block) if row.get("type") == "table_row"]
        width = int(body.get("table_width") or 0)
        if not rows or not body.get("has_column_header") or body.get("has_row_header") or width < 1:
            return None
        lines = []
        for number, cells in enumerate(rows):
            texts = [self.inline(cell, table_cell=True) for cell in cells]
            if any(t is None for t in texts) or len(texts) > width:
                return None
            texts += [""] * (width - len(texts))
            lines.append("| " + " | ".join(str(t) for t in texts) + " |")
            if number == 0:
                lines.append("|" + "---|" * width)
        return "\n".join(lines)

    def image(self, block: Block) -> str | None:
        body = content(block)
        kind, source = image_source(body)
        if kind == "external":
            url = source
        elif kind == "local":
            url = self.image_url(source)
        else:
            return None  # uploaded in Notion: its address expires within the hour
        caption = plain_caption(body.get("caption") or [])
        if caption is None or not url or any(c.isspace() or c in "<>" for c in url):
            return None
        alt, link = caption
        shown = f"![{escape_text(alt)}]({url})"
        return f"[{shown}]({link})" if link else shown

    def toggle(self, block: Block) -> str | None:
        body = content(block)
        summary = self.inline(body.get("rich_text"))
        if not summary or "\\\n" in summary or body.get("color", "default") != "default":
            return None
        kids = self.nested(block)
        opening = f"<details>\n<summary>{html.escape(summary, quote=False)}</summary>"
        return f"{opening}\n\n{kids}\n\n</details>" if kids else f"{opening}\n</details>"
