"""Block tokens → Notion block objects, one method per mistune token type.

The output is exactly what an append-children request body holds, nested to any depth: splitting
by depth and by 100 children is the sync's job, while every per-block limit of DESIGN §5 (2,000
characters per run, 100 runs per block, 1,000 per inline equation) is met here, by splitting, so
nothing the writer wrote is lost. What the post means (link targets, images, alerts, `<details>`,
raw HTML) is asked of the `Document`; this module only decides how Notion holds it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from recweekly.markdown.alerts import ALERTS
from recweekly.markdown.document import Document
from recweekly.markdown.images import caption
from recweekly.markdown.languages import notion_language, unlisted_language
from recweekly.markdown.limits import MAX_EQUATION, MAX_TEXT
from recweekly.markdown.placeholders import looks_like_placeholder, read_placeholder
from recweekly.markdown.rawhtml import read_raw_html
from recweekly.markdown.renderers._blocks import (
    footnote_items,
    heading_level,
    table_rows,
    table_width,
    without_blank_lines,
)
from recweekly.markdown.renderers.notion.inline import Group, InlineImage, InlineWriter, unstyled_text
from recweekly.markdown.renderers.notion.richtext import (
    MAX_RUNS,
    PLAIN,
    chunk_runs,
    plain_rich_text,
    plain_text_of,
    split_utf16,
    styled_rich_text,
    utf16_len,
)
from recweekly.markdown.renderers.notion.visible import visible_caption, visible_quote

Token = dict[str, Any]
Block = dict[str, Any]


def block(kind: str, content: dict[str, Any]) -> Block:
    return {"object": "block", "type": kind, kind: content}


def paragraph(items: list[dict[str, Any]]) -> Block:
    return block("paragraph", {"rich_text": items})


def first_text(token: Token) -> str | None:
    """The first piece of text inside a token, to find its line for a warning."""
    if token.get("type") == "text":
        return str(token.get("raw", "")) or None
    for child in token.get("children", []):
        found = first_text(child)
        if found:
            return found
    return None


def split_code(code: str) -> list[str]:
    """≤2,000-unit pieces, cut at line ends where possible so split code blocks stay readable."""
    if utf16_len(code) <= MAX_TEXT:
        return [code] if code else []
    pieces: list[str] = []
    current = ""
    for line in code.splitlines(keepends=True):
        if utf16_len(current) + utf16_len(line) <= MAX_TEXT:
            current += line
            continue
        if current:
            pieces.append(current)
        parts = split_utf16(line)
        pieces.extend(parts[:-1])
        current = parts[-1]
    if current:
        pieces.append(current)
    return pieces


class NotionBlockRenderer:
    """Block tokens → Notion blocks. Methods named after mistune token types return block lists."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.report = document.reporter()
        self.warn = self.report.warn
        self.inline = InlineWriter(document, self.warn)
        self.local_images: list[Path] = []
        self._local_seen: set[str] = set()

    def render_blocks(self, tokens: list[Token]) -> list[Block]:
        if not tokens:
            return []
        blocks: list[Block] = []
        methods, unknown = _METHODS, NotionBlockRenderer.unknown
        for token in tokens:
            if token["type"] == "block_html":  # only raw HTML can open a <details>
                tokens = self.document.fold_details(tokens, self.warn)
                break
        for token in tokens:
            kind = token["type"]
            if kind != "blank_line":  # half the tokens of a post, and nothing on the page
                blocks.extend(methods.get(kind, unknown)(self, token))
        return blocks

    # -- images ---------------------------------------------------------------------------------

    def image_block(self, image: InlineImage) -> Block | None:
        token = image.token
        attrs = token.get("attrs", {})
        url: str = attrs.get("url", "")
        alt = caption(self.inline.plain(token.get("children", [])), attrs.get("title"))
        shown = visible_caption(alt)
        caption_items = styled_rich_text(shown, PLAIN.with_(link=image.link))[:MAX_RUNS]
        ref = self.document.image(url)
        if ref.kind == "external":
            if len(url) > MAX_TEXT:
                self.warn(f"image URL longer than {MAX_TEXT} characters kept as text", url[:80])
                return paragraph(plain_rich_text(f"{alt} <{url}>".strip()))
            content: dict[str, Any] = {"type": "external", "external": {"url": ref.url}}
        elif ref.local is None:  # a scheme Notion cannot fetch, or no path at all
            self.warn(f"image {url[:60]!r} cannot be sent to Notion; kept its alt text", url[:80])
            return paragraph(plain_rich_text(alt or url)) if (alt or url) else None
        else:
            found_at = self.report.seek(url)
            problem = ref.local.problem(url)
            if problem is not None:
                self.report.problem(problem, self.report.line_at(found_at))
                return None
            if ref.local.path not in self._local_seen:
                self._local_seen.add(ref.local.path)
                self.local_images.append(ref.local.resolved)
            content = {"type": "file_upload", "file_upload": {"id": f"local:{ref.local.relative}"}}
        if caption_items:
            content["caption"] = caption_items
        return block("image", content)

    # -- shared shapes --------------------------------------------------------------------------

    def _flow(self, groups: list[Group]) -> list[Block]:
        """Paragraphs (≤100 runs each) and image blocks, in order, for the groups of inline content."""
        blocks: list[Block] = []
        for group in groups:
            if type(group) is InlineImage:
                image = self.image_block(group)
                if image is not None:
                    blocks.append(image)
            else:
                blocks.extend(paragraph(chunk) for chunk in chunk_runs(group))  # type: ignore[arg-type]
        return blocks

    def _lead(self, tokens: list[Token]) -> tuple[list[dict[str, Any]], list[Block]]:
        """Rich text for a block's own line, plus blocks for whatever does not fit in it."""
        groups = self.inline.flow(tokens)
        if not groups or type(groups[0]) is InlineImage:
            return [], self._flow(groups)
        chunks = chunk_runs(groups[0])  # type: ignore[arg-type]
        if len(groups) == 1 and len(chunks) == 1:  # the usual item: one line of text that fits
            return chunks[0], []
        return chunks[0], [paragraph(chunk) for chunk in chunks[1:]] + self._flow(groups[1:])

    def _container(self, kind: str, children: list[Token], **extra: Any) -> Block:
        """A block whose first paragraph is its own text and whose other content is children."""
        lead: list[Token] = []
        text = None
        if children and children[0]["type"] in ("paragraph", "block_text"):
            inline = children[0].get("children", [])
            text = unstyled_text(inline)
            if not text:
                lead = inline
            children = children[1:]
        if text:  # the usual item: a line of plain text
            first, *more = chunk_runs(plain_rich_text(text))
            rich, overflow = first, [paragraph(chunk) for chunk in more]
        else:
            rich, overflow = self._lead(lead)
        kids = overflow + self.render_blocks(children) if children else overflow
        content: dict[str, Any] = {"rich_text": rich, **extra}
        if kids:
            content["children"] = kids
        return block(kind, content)

    def _rich_text(self, tokens: list[Token]) -> list[dict[str, Any]]:
        """Rich text of inline tokens where no block can be placed (images keep their alt text)."""
        text = unstyled_text(tokens)
        return plain_rich_text(text) if text is not None else self.inline.rich_text(tokens)

    # -- one method per block token type --------------------------------------------------------

    def paragraph(self, token: Token) -> list[Block]:
        children = token.get("children", [])
        text = unstyled_text(children)
        if text:  # plain text only: no inline walk, no image to place
            return [paragraph(chunk) for chunk in chunk_runs(plain_rich_text(text))]
        return self._flow(self.inline.flow(children))

    def block_text(self, token: Token) -> list[Block]:
        return self.paragraph(token)

    def heading(self, token: Token) -> list[Block]:
        level = heading_level(token)
        chunks = chunk_runs(self._rich_text(token.get("children", [])))
        return [block(f"heading_{level}", {"rich_text": chunks[0]})] + [paragraph(c) for c in chunks[1:]]

    def blank_line(self, token: Token) -> list[Block]:
        return []

    def thematic_break(self, token: Token) -> list[Block]:
        return [block("divider", {})]

    def block_code(self, token: Token) -> list[Block]:
        code = token.get("raw", "")
        if code.endswith("\n"):
            code = code[:-1]
        info = token.get("attrs", {}).get("info")
        return self._code_blocks(code, notion_language(info), unlisted_language(info))

    def _code_blocks(self, code: str, language: str, name: str | None = None) -> list[Block]:
        """Code blocks of ≤100 runs; a language Notion lacks is sent as plain text, named in the caption."""
        items = [{"type": "text", "text": {"content": piece}} for piece in split_code(code)]
        extra = {"caption": plain_rich_text(name)} if name else {}
        return [block("code", {"rich_text": chunk, "language": language, **extra}) for chunk in chunk_runs(items)]

    def block_math(self, token: Token) -> list[Block]:
        expression = token.get("raw", "").strip()
        if len(expression) > MAX_EQUATION:
            self.warn(f"equation longer than {MAX_EQUATION} characters kept as a LaTeX code block", expression[:40])
            return self._code_blocks(expression, "latex")
        return [block("equation", {"expression": expression})]

    def block_quote(self, token: Token) -> list[Block]:
        children = without_blank_lines(token.get("children", []))
        alert = self.document.alert(children)
        if alert is None:
            return [visible_quote(self._container("quote", children))]
        kind, children = alert
        emoji, color = ALERTS[kind]
        return [self._container("callout", children, icon={"type": "emoji", "emoji": emoji}, color=color)]

    def block_html(self, token: Token) -> list[Block]:
        raw = token.get("raw", "")
        kept = read_placeholder(raw)  # a block Markdown has no syntax for, kept by `recweekly pull`
        if kept is not None:
            return [kept]
        shown = read_raw_html(raw, block=True)
        if shown.kind == "comment":
            if looks_like_placeholder(raw):
                self.warn("a <!-- notion: … --> placeholder whose JSON cannot be read was dropped", raw)
            return []
        if shown.kind == "break":
            return [paragraph([])]
        self.warn(f"raw HTML kept as text: {shown.text.strip()[:60]}", raw)
        return [paragraph(chunk) for chunk in chunk_runs(plain_rich_text(shown.text))]

    def list(self, token: Token) -> list[Block]:
        attrs = token.get("attrs", {})
        kind = "numbered_list_item" if attrs.get("ordered") else "bulleted_list_item"
        if attrs.get("ordered") and attrs.get("start", 1) != 1:  # list_start_index is read-only
            self.warn(f"numbered list starts at {attrs['start']}: Notion numbers it from 1", first_text(token))
        blocks: list[Block] = []
        for item in token.get("children", []):
            if item["type"] == "list_item":
                blocks.append(self._container(kind, item.get("children", [])))
            else:
                blocks.extend(_METHODS.get(item["type"], NotionBlockRenderer.unknown)(self, item))
        return blocks

    def list_item(self, token: Token) -> list[Block]:
        return [self._container("bulleted_list_item", token.get("children", []))]

    def task_list_item(self, token: Token) -> list[Block]:
        checked = bool(token.get("attrs", {}).get("checked"))
        return [self._container("to_do", token.get("children", []), checked=checked)]

    def table(self, token: Token) -> list[Block]:
        rows = table_rows(token)
        width = table_width(rows)
        children = []
        for _head, row in rows:
            cells = [self._cell(cell) for cell in row]
            cells += [[] for _ in range(width - len(cells))]
            children.append(block("table_row", {"cells": cells}))
        content = {"table_width": width, "has_column_header": True, "has_row_header": False}
        return [block("table", {**content, "children": children})]

    def _cell(self, cell: Token) -> list[dict[str, Any]]:
        items = self._rich_text(cell.get("children", []))
        if len(items) <= MAX_RUNS:
            return items
        self.warn("table cell with more than 100 formatted runs: formatting of its tail dropped")
        items = items[: MAX_RUNS - 1] + plain_rich_text(plain_text_of(items[MAX_RUNS - 1 :]))
        return items if len(items) <= MAX_RUNS else plain_rich_text(plain_text_of(items))

    def details(self, token: Token) -> list[Block]:
        chunks = chunk_runs(self.inline.rich_text(token.get("summary", []), fallback="Details"))
        kids = [paragraph(c) for c in chunks[1:]] + self.render_blocks(token.get("children", []))
        content: dict[str, Any] = {"rich_text": chunks[0]}
        if kids:
            content["children"] = kids
        return [block("toggle", content)]

    def footnotes(self, token: Token) -> list[Block]:
        items = footnote_items(token)
        if not items:
            return []
        heading = block("heading_3", {"rich_text": plain_rich_text(self.document.notes_heading)})
        blocks = [block("divider", {}), heading]
        for item in items:
            blocks.extend(self.footnote_item(item))
        return blocks

    def footnote_item(self, token: Token) -> list[Block]:
        index = token.get("attrs", {}).get("index", "?")
        children = without_blank_lines(token.get("children", []))
        label: Token = {"type": "text", "raw": f"[{index}] "}
        if children and children[0]["type"] == "paragraph":
            first = {**children[0], "children": [label, *children[0].get("children", [])]}
            children = [first, *children[1:]]
        else:
            children = [{"type": "paragraph", "children": [label]}, *children]
        return [self._container("paragraph", children)]

    def unknown(self, token: Token) -> list[Block]:
        raw = token.get("raw") or token.get("text")
        self.warn(f"unsupported Markdown element {token['type']!r} kept as text", raw)
        if isinstance(raw, str) and raw:
            return [paragraph(chunk) for chunk in chunk_runs(plain_rich_text(raw))]
        if token.get("children"):
            return self._flow(self.inline.flow(token["children"]))
        return []


#: One method per mistune block token type, looked up once per token (not bound per renderer).
_METHODS: dict[str, Callable[[NotionBlockRenderer, Token], list[Block]]] = {
    "paragraph": NotionBlockRenderer.paragraph,
    "block_text": NotionBlockRenderer.block_text,
    "heading": NotionBlockRenderer.heading,
    "blank_line": NotionBlockRenderer.blank_line,
    "thematic_break": NotionBlockRenderer.thematic_break,
    "block_code": NotionBlockRenderer.block_code,
    "block_math": NotionBlockRenderer.block_math,
    "block_quote": NotionBlockRenderer.block_quote,
    "block_html": NotionBlockRenderer.block_html,
    "list": NotionBlockRenderer.list,
    "list_item": NotionBlockRenderer.list_item,
    "task_list_item": NotionBlockRenderer.task_list_item,
    "table": NotionBlockRenderer.table,
    "details": NotionBlockRenderer.details,
    "footnotes": NotionBlockRenderer.footnotes,
    "footnote_item": NotionBlockRenderer.footnote_item,
}
