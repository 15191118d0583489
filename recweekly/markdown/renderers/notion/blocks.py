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
from recweekly.markdown.renderers._inline import PLAIN, InlineImage, InlineRenderer, Piece, Span, unstyled_text
from recweekly.markdown.renderers.notion.richtext import (
    MAX_RUNS,
    chunk_runs,
    plain_rich_text,
    plain_text_of,
    rich_text,
    split_utf16,
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
        self.inline = InlineRenderer(document, self.warn)
        self.local_images: list[Path] = []
        self._local_seen: set[str] = set()
        self._methods: dict[str, Callable[[Token], list[Block]]] = {
            "paragraph": self.paragraph,
            "block_text": self.block_text,
            "heading": self.heading,
            "blank_line": self.blank_line,
            "thematic_break": self.thematic_break,
            "block_code": self.block_code,
            "block_math": self.block_math,
            "block_quote": self.block_quote,
            "block_html": self.block_html,
            "list": self.list,
            "list_item": self.list_item,
            "task_list_item": self.task_list_item,
            "table": self.table,
            "details": self.details,
            "footnotes": self.footnotes,
            "footnote_item": self.footnote_item,
        }

    def render_blocks(self, tokens: list[Token]) -> list[Block]:
        if not tokens:
            return []
        blocks: list[Block] = []
        methods, unknown = self._methods, self.unknown
        if self.document.has_details:
            for token in tokens:
                if token["type"] == "block_html":  # only raw HTML can open a <details>
                    tokens = self.document.fold_details(tokens, self.warn)
                    break
        for token in tokens:
            blocks.extend(methods.get(token["type"], unknown)(token))
        return blocks

    # -- images ---------------------------------------------------------------------------------

    def image_block(self, image: InlineImage) -> Block | None:
        token = image.token
        attrs = token.get("attrs", {})
        url: str = attrs.get("url", "")
        alt = caption(self.inline.plain(token.get("children", [])), attrs.get("title"))
        shown = visible_caption(alt)
        caption_items = rich_text([Span(shown, PLAIN.with_(link=image.link))])[:MAX_RUNS] if shown else []
        ref = self.document.image(url)
        if ref.kind == "external":
            if len(url) > MAX_TEXT:
                self.warn(f"image URL longer than {MAX_TEXT} characters kept as text", url[:80])
                return paragraph(rich_text([Span(f"{alt} <{url}>".strip())]))
            content: dict[str, Any] = {"type": "external", "external": {"url": ref.url}}
        elif ref.local is None:  # a scheme Notion cannot fetch, or no path at all
            self.warn(f"image {url[:60]!r} cannot be sent to Notion; kept its alt text", url[:80])
            return paragraph(rich_text([Span(alt or url)])) if (alt or url) else None
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

    def _groups(self, pieces: list[Piece]) -> list[list[Span] | InlineImage]:
        for piece in pieces:
            if type(piece) is InlineImage:
                break
        else:  # the common case: text only
            return [pieces] if pieces else []  # type: ignore[list-item]  # spans only, as the type says
        groups: list[list[Span] | InlineImage] = []
        for piece in pieces:
            if isinstance(piece, InlineImage):
                groups.append(piece)
            elif groups and isinstance(groups[-1], list):
                groups[-1].append(piece)
            else:
                groups.append([piece])
        # whitespace between images is layout, not content
        return [g for g in groups if isinstance(g, InlineImage) or "".join(s.text for s in g).strip()]

    def _flow(self, pieces: list[Piece]) -> list[Block]:
        """Paragraphs (≤100 runs each) and image blocks, in order, for inline content."""
        blocks: list[Block] = []
        for group in self._groups(pieces):
            if isinstance(group, InlineImage):
                image = self.image_block(group)
                if image is not None:
                    blocks.append(image)
            else:
                blocks.extend(paragraph(chunk) for chunk in chunk_runs(rich_text(group)))
        return blocks

    def _lead(self, pieces: list[Piece]) -> tuple[list[dict[str, Any]], list[Block]]:
        """Rich text for a block's own line, plus blocks for whatever does not fit in it."""
        groups = self._groups(pieces)
        if not groups or isinstance(groups[0], InlineImage):
            return [], self._flow(pieces)
        chunks = chunk_runs(rich_text(groups[0]))
        if len(groups) == 1 and len(chunks) == 1:  # the usual item: one line of text that fits
            return chunks[0], []
        rest: list[Piece] = [p for g in groups[1:] for p in (g if isinstance(g, list) else [g])]
        overflow = [paragraph(chunk) for chunk in chunks[1:]]
        return chunks[0], overflow + self._flow(rest)

    def _container(self, kind: str, children: list[Token], **extra: Any) -> Block:
        """A block whose first paragraph is its own text and whose other content is children."""
        lead: list[Piece] = []
        text = None
        if children and children[0]["type"] in ("paragraph", "block_text"):
            inline = children[0].get("children", [])
            text = unstyled_text(inline)
            if not text:
                lead = self.inline.render(inline)
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
        return plain_rich_text(text) if text is not None else rich_text(self.inline.spans(tokens))

    # -- one method per block token type --------------------------------------------------------

    def paragraph(self, token: Token) -> list[Block]:
        children = token.get("children", [])
        text = unstyled_text(children)
        if text:  # plain text only: no spans to build, no image to place
            return [paragraph(chunk) for chunk in chunk_runs(plain_rich_text(text))]
        return self._flow(self.inline.render(children))

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
                blocks.extend(self._methods.get(item["type"], self.unknown)(item))
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
        spans = self.inline.spans(token.get("summary", []))
        chunks = chunk_runs(rich_text(spans or [Span("Details")]))
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
            return self._flow(self.inline.render(token["children"]))
        return []
