"""Notion blocks → HTML, one method per block type, drawn the way react-notion-x draws them.

NotionNext renders a post's page with react-notion-x from the page's blocks, so the preview draws
the blocks `publish` sends, not the Markdown: what Notion holds is what the preview shows (lists
counted from 1, a quote's no-break-space lead, `heading_4` for `####`–`######`, captions, the
footnotes section). The markup follows react-notion-x's — its elements and `notion-*` class names,
which the preview's stylesheet dresses like NotionNext — with three differences a local page needs:
headings carry readable anchors (`weekly-overview`, not block ids) for the table of contents,
nothing is fetched from the internet (an external image or embed is a labelled link), and a block
react-notion-x would draw as nothing (a breadcrumb, a block type it does not know) is named, since
a `<!-- notion:… -->` placeholder in the post should be seen in the preview.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from recweekly.markdown.renderers._fromblocks import Block, image_source, plain_text
from recweekly.markdown.renderers.html.inline import InlineHtml, color_class, esc, web_link

_NOT_IN_ANCHOR = re.compile(r"[^\w\- ]+")
_NOT_IN_CLASS = re.compile(r"[^a-z0-9+#-]+")
_LISTS = {"bulleted_list_item": ("ul", "notion-list-disc"), "numbered_list_item": ("ol", "notion-list-numbered")}
_TOC_SLOT = "\x00toc\x00"  # where a table_of_contents block goes once every heading is known
_BLANK = '<div class="notion-blank">\u00a0</div>'
_HEADING_LEVELS = {f"heading_{level}": level for level in range(1, 5)}
_HEADER_CELL = ' class="notion-simple-table-header-cell"'
_CAPTION_GUARD = "\u200b"  # the Notion renderer's invisible lead on a caption react-notion-x would take for a URL


class Heading(NamedTuple):
    """A heading as the table of contents lists it (`level` is Notion's: 1 for heading_1)."""

    level: int
    text: str
    anchor: str


@dataclass
class HtmlOptions:
    """How the page refers to the repository's images: `image_url` turns the repository-relative
    path of an image `publish` will upload into a `src` (a server path, or a data: URI for a
    standalone file), or None when the file is not there."""

    image_url: Callable[[str], str | None] | None = None


class HtmlRenderer:
    """Blocks (request or response form, children nested) → HTML. Methods named after Notion block
    types take the block and its content and return its HTML, children included."""

    def __init__(self, options: HtmlOptions | None = None) -> None:
        self.options = options or HtmlOptions()
        self.inline = InlineHtml()
        self.headings: list[Heading] = []
        self._anchors: set[str] = set()
        self._toc = False
        self._methods: dict[str, Callable[[Block, dict[str, Any]], str]] = {
            "paragraph": self.paragraph,
            "heading_1": self.heading,
            "heading_2": self.heading,
            "heading_3": self.heading,
            "heading_4": self.heading,
            "bulleted_list_item": self.list_item,
            "numbered_list_item": self.list_item,
            "to_do": self.to_do,
            "toggle": self.toggle,
            "quote": self.quote,
            "callout": self.callout,
            "code": self.code,
            "equation": self.equation,
            "divider": self.divider,
            "table": self.table,
            "image": self.image,
            "video": self.media,
            "audio": self.media,
            "file": self.media,
            "pdf": self.media,
            "embed": self.media,
            "bookmark": self.bookmark,
            "link_preview": self.bookmark,
            "column_list": self.column_list,
            "column": self.column,
            "synced_block": self.synced_block,
            "table_of_contents": self.table_of_contents,
            "link_to_page": self.page_link,
            "child_page": self.page_link,
            "child_database": self.page_link,
        }

    # -- documents and lists of blocks ----------------------------------------------------------

    def render(self, blocks: list[Block]) -> str:
        """A page's body: its top-level blocks, one per line."""
        body = self.blocks(blocks, "\n")
        return body.replace(_TOC_SLOT, self._toc_html()) if self._toc else body

    def blocks(self, blocks: list[Block], separator: str = "") -> str:
        """Sibling blocks; a run of list items of one kind is one list, numbered from 1 as on Notion."""
        out: list[str] = []
        methods, unsupported = self._methods, self.unsupported
        index, count = 0, len(blocks)
        while index < count:
            block = blocks[index]
            kind = block["type"]
            index += 1
            if kind not in _LISTS:
                out.append(methods.get(kind, unsupported)(block, block.get(kind) or {}))
                continue
            items = [self.list_item(block, block.get(kind) or {})]
            while index < count and blocks[index]["type"] == kind:
                items.append(self.list_item(blocks[index], blocks[index].get(kind) or {}))
                index += 1
            tag, css = _LISTS[kind]
            out.append(f'<{tag} class="notion-list {css}">{"".join(items)}</{tag}>')
        if not separator:
            return "".join(out)
        out.append("")  # the separator after the last block too, without copying the joined text again
        return separator.join(out) if len(out) > 1 else separator

    def kids(self, body: dict[str, Any]) -> str:
        found = body.get("children")
        return self.blocks(found) if found else ""

    def _children(self, css: str, body: dict[str, Any]) -> str:
        kids = self.kids(body)
        return f'<div class="{css}">{kids}</div>' if kids else ""

    # -- one method per block type --------------------------------------------------------------

    def paragraph(self, block: Block, body: dict[str, Any]) -> str:
        text = self.inline.rich_text(body.get("rich_text"))
        if "children" in body or "color" in body:
            kids = self.kids(body)
            if kids:
                text += f'<div class="notion-text-children">{kids}</div>'
            return f'<div class="notion-text{color_class(body.get("color"))}">{text}</div>' if text else _BLANK
        return f'<div class="notion-text">{text}</div>' if text else _BLANK

    def heading(self, block: Block, body: dict[str, Any]) -> str:
        plain: list[str] = []
        text = self.inline.rich_text(body.get("rich_text"), plain)
        if not text:
            return ""  # a heading without text is not drawn (react-notion-x: no properties)
        level = _HEADING_LEVELS.get(block["type"], 4)
        title = "".join(plain).strip()
        anchor = self._anchor(title)
        self.headings.append(Heading(level, title, anchor))
        # the page title is the h1; an anchor is word characters and "-" only: nothing to escape
        heading = (f'<h{level + 1} class="notion-h notion-h{level}{color_class(body.get("color"))}" id="{anchor}">'
                   f'<span class="notion-h-title">{text}</span></h{level + 1}>')
        if body.get("is_toggleable"):
            return f'<details class="notion-toggle"><summary>{heading}</summary><div>{self.kids(body)}</div></details>'
        return heading

    def _anchor(self, text: str) -> str:
        """A unique id from the heading's words (CJK kept), as GitHub makes them: `a-b`, then `a-b-1`."""
        base = "-".join(_NOT_IN_ANCHOR.sub("", text.lower()).split()) or "section"
        anchor, number = base, 0
        while anchor in self._anchors:
            number += 1
            anchor = f"{base}-{number}"
        self._anchors.add(anchor)
        return anchor

    def list_item(self, block: Block, body: dict[str, Any]) -> str:
        text = self.inline.rich_text(body.get("rich_text"))
        css = "" if text else ' class="notion-list-empty"'  # no bullet for an item without text
        return f"<li{css}>{text}{self.kids(body)}</li>"

    def to_do(self, block: Block, body: dict[str, Any]) -> str:
        checked = bool(body.get("checked"))
        box = '<input type="checkbox" disabled checked>' if checked else '<input type="checkbox" disabled>'
        done = " notion-to-do-checked" if checked else ""
        return (f'<div class="notion-to-do"><div class="notion-to-do-item">'
                f'<span class="notion-property notion-property-checkbox">{box}</span>'
                f'<div class="notion-to-do-body{done}">{self.inline.rich_text(body.get("rich_text"))}</div></div>'
                f"{self._children('notion-to-do-children', body)}</div>")

    def toggle(self, block: Block, body: dict[str, Any]) -> str:
        summary = self.inline.rich_text(body.get("rich_text"))
        return f'<details class="notion-toggle"><summary>{summary}</summary><div>{self.kids(body)}</div></details>'

    def quote(self, block: Block, body: dict[str, Any]) -> str:
        text = self.inline.rich_text(body.get("rich_text"))
        if not text:
            return ""  # react-notion-x draws no quote without text, children included
        return (f'<blockquote class="notion-quote{color_class(body.get("color"))}"><div>{text}</div>'
                f"{self.kids(body)}</blockquote>")

    def callout(self, block: Block, body: dict[str, Any]) -> str:
        icon = body.get("icon") or {}
        emoji = icon.get("emoji", "") if isinstance(icon, dict) else ""
        shown = f'<span class="notion-page-icon-inline">{esc(emoji)}</span>' if emoji else ""
        return (f'<div class="notion-callout{color_class(body.get("color"), "_co")}">{shown}'
                f'<div class="notion-callout-text">{self.inline.rich_text(body.get("rich_text"))}'
                f"{self.kids(body)}</div></div>")

    def code(self, block: Block, body: dict[str, Any]) -> str:
        language = str(body.get("language") or "plain text")
        css = _NOT_IN_CLASS.sub("-", language.lower())
        code = self.inline.marked(plain_text(body.get("rich_text")))
        return (f'<pre class="notion-code language-{css}"><span class="notion-code-language">{esc(language)}</span>'
                f'<code class="language-{css}">{code}</code></pre>{self._caption(body)}')

    def equation(self, block: Block, body: dict[str, Any]) -> str:
        expression = str(body.get("expression") or "")
        if not expression:
            return ""
        self.inline.has_math = True
        tex = esc(expression)
        return f'<div class="notion-equation notion-equation-block math-block" data-tex="{tex}">{tex}</div>'

    def divider(self, block: Block, body: dict[str, Any]) -> str:
        return '<hr class="notion-hr">'

    def table(self, block: Block, body: dict[str, Any]) -> str:
        width = int(body.get("table_width") or 0)
        header_row, header_column = bool(body.get("has_column_header")), bool(body.get("has_row_header"))
        rows = []
        rich_text = self.inline.rich_text
        for number, row in enumerate(body.get("children") or []):
            cells = (row.get("table_row") or {}).get("cells") or []
            if len(cells) < width:
                cells = [*cells, *([] for _ in range(width - len(cells)))]  # a short row is padded, as Notion pads it
            tds = "".join([f'<td><div class="notion-simple-table-cell">{rich_text(cell)}</div></td>' for cell in cells])
            if header_column and tds:
                tds = tds.replace("<td>", f"<td{_HEADER_CELL}>", 1)
            css = " notion-simple-table-header-row" if header_row and number == 0 else ""
            rows.append(f'<tr class="notion-simple-table-row{css}">{tds}</tr>')
        return f'<table class="notion-simple-table"><tbody>{"".join(rows)}</tbody></table>'

    def image(self, block: Block, body: dict[str, Any]) -> str:
        kind, source = image_source(body)
        caption = self._caption(body)
        alt = plain_text(body.get("caption")).removeprefix(_CAPTION_GUARD)
        if kind == "local":
            src = self.options.image_url(source) if self.options.image_url else source
            if src is None:
                inner = f'<div class="notion-asset-missing">image not found: {esc(source)}</div>'
            else:
                inner = f'<img src="{esc(src)}" alt="{esc(alt)}">'
        else:
            inner = self._not_loaded("image", kind, source)
        return f'<figure class="notion-asset-wrapper notion-asset-wrapper-image">{inner}{caption}</figure>'

    def media(self, block: Block, body: dict[str, Any]) -> str:
        """Video, audio, file, PDF and embed: named with a link, never loaded (nothing leaves 127.0.0.1)."""
        kind = str(block["type"])
        source = ("external", str(body["url"])) if "url" in body else image_source(body)
        return (f'<figure class="notion-asset-wrapper notion-asset-wrapper-{kind}">'
                f"{self._not_loaded(kind, *source)}{self._caption(body)}</figure>")

    def bookmark(self, block: Block, body: dict[str, Any]) -> str:
        url = str(body.get("url") or "")
        host = urlsplit(url).hostname or url
        link = f'<div class="notion-bookmark-link"><div class="notion-bookmark-link-text">{esc(url)}</div></div>'
        card = f'<div><div class="notion-bookmark-title">{esc(host)}</div>{link}</div>'
        shown = (f'<a class="notion-bookmark" href="{esc(url)}">{card}</a>' if web_link(url)
                 else f'<div class="notion-bookmark">{card}</div>')
        return f'<div class="notion-row">{shown}</div>{self._caption(body)}'

    def column_list(self, block: Block, body: dict[str, Any]) -> str:
        return f'<div class="notion-row">{self.kids(body)}</div>'

    def column(self, block: Block, body: dict[str, Any]) -> str:
        return f'<div class="notion-column">{self.kids(body)}</div>'

    def synced_block(self, block: Block, body: dict[str, Any]) -> str:
        kids = self.kids(body)
        if kids:
            return f'<div class="notion-sync-block">{kids}</div>'
        return self._note("a copy of a synced block from another page: its content is not in the post")

    def table_of_contents(self, block: Block, body: dict[str, Any]) -> str:
        self._toc = True
        return _TOC_SLOT

    def _toc_html(self) -> str:
        links = "".join(f'<a class="notion-table-of-contents-item" href="#{esc(h.anchor)}">'
                        f'<span class="notion-table-of-contents-item-body notion-toc-{h.level}">'
                        f"{esc(h.text)}</span></a>" for h in self.headings)
        return f'<div class="notion-table-of-contents">{links}</div>'

    def page_link(self, block: Block, body: dict[str, Any]) -> str:
        target = body.get("title") or body.get("page_id") or body.get("database_id") or ""
        return f'<div class="notion-page-link">↗ {esc(str(block["type"]).replace("_", " "))} {esc(target)}</div>'

    def unsupported(self, block: Block, body: dict[str, Any]) -> str:
        """A block react-notion-x draws as nothing: named, so a placeholder kept in the post is seen."""
        return self._note(f"Notion block {block.get('type')!s}: NotionNext shows nothing here") + self.kids(body)

    # -- shared pieces --------------------------------------------------------------------------

    def _caption(self, body: dict[str, Any]) -> str:
        caption = body.get("caption")
        if not caption:
            return ""
        return f'<figcaption class="notion-asset-caption">{self.inline.rich_text(caption)}</figcaption>'

    @staticmethod
    def _not_loaded(what: str, kind: str, source: str) -> str:
        if kind == "upload":
            return f'<div class="notion-asset-external">{esc(what)} uploaded to Notion ({esc(source)})</div>'
        link = f'<a href="{esc(source)}">{esc(source)}</a>' if web_link(source) else esc(source)
        return f'<div class="notion-asset-external">{esc(what)} not loaded in the preview: {link}</div>'

    @staticmethod
    def _note(text: str) -> str:
        return f'<div class="notion-unsupported">{esc(text)}</div>'
