"""Markdown post → Notion block objects, as a renderer over mistune's AST.

Like mistune's own renderers, `NotionBlockRenderer` has one method per block token type and
`InlineRenderer` one per inline type; another output format is another renderer class over the same
AST (recweekly.markdown), never a branch in a parser. The output is exactly what an append-children
request body holds, nested to any depth: splitting by depth and by 100 children is the sync's job,
while every per-block limit of DESIGN §5 (2,000 characters per run, 100 runs per block, 1,000 per
inline equation) is met here, by splitting, so nothing the writer wrote is lost.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from recweekly.errors import PostContentError, Problem
from recweekly.markdown import parse_markdown
from recweekly.publish.notion.blocks_html import group_details
from recweekly.publish.notion.blocks_inline import (
    InlineImage,
    InlineRenderer,
    Piece,
    is_html_comment,
    strip_html_comments,
)
from recweekly.publish.notion.languages import notion_language
from recweekly.publish.notion.richtext import (
    MAX_EQUATION,
    MAX_RUNS,
    MAX_TEXT,
    Span,
    Style,
    chunk_runs,
    plain_rich_text,
    plain_text_of,
    rich_text,
    split_utf16,
    utf16_len,
)

Token = dict[str, Any]
Block = dict[str, Any]

#: GitHub alert kind → (callout emoji, callout colour).
ALERTS: dict[str, tuple[str, str]] = {
    "NOTE": ("ℹ️", "blue_background"),
    "TIP": ("💡", "green_background"),
    "IMPORTANT": ("❗", "purple_background"),
    "WARNING": ("⚠️", "yellow_background"),
    "CAUTION": ("🛑", "red_background"),
}
_ALERT = re.compile(r"^\s*\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*", re.IGNORECASE)
_LINKABLE_SCHEMES = ("http", "https", "mailto")
_POST_SUFFIXES = (".md", ".markdown")


@dataclass
class BlockContext:
    """Where the Markdown comes from, so relative images and post links can be resolved."""

    source_path: Path | None = None  # the post file (for relative images/links)
    repo_root: Path | None = None
    resolve_post_link: Callable[[str], str | None] | None = None  # relative .md href → blog URL
    notes_heading: str = "Notes"  # heading of the footnotes section ("注释" for zh posts)
    line_offset: int = 0  # lines above the Markdown in the file (front matter), for messages


@dataclass
class RenderResult:
    blocks: list[Block]  # as in an append-children body; children nested to any depth
    warnings: list[str] = field(default_factory=list)  # "<file>:<line>: message"
    local_images: list[Path] = field(default_factory=list)  # resolved, first-seen order, unique


def markdown_to_blocks(markdown: str, context: BlockContext | None = None) -> RenderResult:
    """Convert one post body; raises PostContentError naming every missing local image."""
    return NotionBlockRenderer(markdown, context or BlockContext()).render()


def block(kind: str, content: dict[str, Any]) -> Block:
    return {"object": "block", "type": kind, kind: content}


def paragraph(items: list[dict[str, Any]]) -> Block:
    return block("paragraph", {"rich_text": items})


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

    def __init__(self, source: str, context: BlockContext) -> None:
        self.source = source
        self.context = context
        self.inline = InlineRenderer(self)
        self.warnings: list[str] = []
        self.problems: list[Problem] = []
        self.local_images: list[Path] = []
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self._cursor = 0
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

    # -- driver ---------------------------------------------------------------------------------

    def render(self) -> RenderResult:
        blocks = self.render_blocks(parse_markdown(self.source))
        if self.problems:
            count = len(self.problems)
            raise PostContentError(
                f"{self.where}: {count} local image{'s' if count > 1 else ''} not found", self.problems
            )
        return RenderResult(blocks=blocks, warnings=self.warnings, local_images=self.local_images)

    def render_blocks(self, tokens: list[Token]) -> list[Block]:
        tokens, warnings = group_details(tokens, parse_markdown)
        for message in warnings:
            self.warn(message, "<details")
        blocks: list[Block] = []
        for token in tokens:
            blocks.extend(self._methods.get(token["type"], self.unknown)(token))
        return blocks

    # -- messages -------------------------------------------------------------------------------

    @property
    def where(self) -> str:
        path = self.context.source_path
        if path is None:
            return "<markdown>"
        root = self.context.repo_root
        if root is not None:
            try:
                return path.resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                pass
        return str(path)

    def locate(self, snippet: str | None) -> int | None:
        """Line of `snippet` in the source, searching onward from the last hit (document order)."""
        if not snippet:
            return None
        probe = snippet.strip().splitlines()[0] if snippet.strip() else snippet
        index = self.source.find(probe, self._cursor)
        if index < 0:
            index = self.source.find(probe)
        if index < 0:
            return None
        self._cursor = index + 1
        return bisect.bisect_right(self._line_starts, index) + self.context.line_offset

    def warn(self, message: str, snippet: str | None = None) -> None:
        line = self.locate(snippet)
        where = f"{self.where}:{line}" if line is not None else self.where
        self.warnings.append(f"{where}: {message}")

    # -- links and images (InlineHost) ----------------------------------------------------------

    def link_target(self, url: str) -> str | None:
        """The URL Notion should link to, or None (with a warning) to keep only the text."""
        if not url:
            return None
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme in _LINKABLE_SCHEMES:
            if len(url) > MAX_TEXT:
                self.warn(f"link URL longer than {MAX_TEXT} characters kept as text", url[:80])
                return None
            return url
        if scheme:
            self.warn(f"link {url!r} has a scheme Notion cannot link; kept its text", url)
            return None
        if unquote(parts.path).lower().endswith(_POST_SUFFIXES):
            resolver = self.context.resolve_post_link
            target = resolver(url) if resolver else None
            if target and len(target) <= MAX_TEXT:
                return target
            self.warn(f"link to {url!r} is not a published post; kept its text without a link", url)
            return None
        if url.startswith("#"):
            self.warn(f"in-page link {url!r} kept as text (Notion has no heading anchors)", url)
        else:
            self.warn(f"relative link {url!r} is not a post; kept its text without a link", url)
        return None

    def image_block(self, image: InlineImage) -> Block | None:
        token = image.token
        attrs = token.get("attrs", {})
        url: str = attrs.get("url", "")
        alt = self.inline.plain(token.get("children", [])) or attrs.get("title") or ""
        caption_items = rich_text([Span(alt, Style(link=image.link))])[:MAX_RUNS] if alt else []
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme in ("http", "https"):
            if len(url) > MAX_TEXT:
                self.warn(f"image URL longer than {MAX_TEXT} characters kept as text", url[:80])
                return paragraph(rich_text([Span(f"{alt} <{url}>".strip())]))
            content: dict[str, Any] = {"type": "external", "external": {"url": url}}
        elif scheme or not parts.path:
            self.warn(f"image {url[:60]!r} cannot be sent to Notion; kept its alt text", url[:80])
            return paragraph(rich_text([Span(alt or url)])) if (alt or url) else None
        else:
            local = self._local_image(unquote(parts.path), url)
            if local is None:
                return None
            content = {"type": "file_upload", "file_upload": {"id": f"local:{local}"}}
        if caption_items:
            content["caption"] = caption_items
        return block("image", content)

    def _local_image(self, path: str, url: str) -> str | None:
        """Repo-relative POSIX path of a local image (recorded), or None after recording a problem."""
        from recweekly.markdown.images import resolve_image

        image = resolve_image(path, self.context.source_path, self.context.repo_root)
        line = self.locate(url)
        if not image.inside_root:
            self.problems.append(
                Problem(self.where, f"image {url!r} points outside the repository ({image.resolved})", line))
            return None
        if not image.exists:
            self.problems.append(Problem(
                self.where, f"image {url!r} not found: {image.relative} does not exist (add it or fix the path)", line))
            return None
        if image.resolved not in self.local_images:
            self.local_images.append(image.resolved)
        return image.relative

    # -- shared shapes --------------------------------------------------------------------------

    def _groups(self, pieces: list[Piece]) -> list[list[Span] | InlineImage]:
        groups: list[list[Span] | InlineImage] = []
        for piece in pieces:
            if isinstance(piece, InlineImage):
                groups.append(piece)
            elif groups and isinstance(groups[-1], list):
                groups[-1].append(piece)
            else:
                groups.append([piece])
        has_image = any(isinstance(g, InlineImage) for g in groups)
        if has_image:  # whitespace between images is layout, not content
            groups = [g for g in groups if isinstance(g, InlineImage) or "".join(s.text for s in g).strip()]
        return groups

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
        rest: list[Piece] = [p for g in groups[1:] for p in (g if isinstance(g, list) else [g])]
        overflow = [paragraph(chunk) for chunk in chunks[1:]]
        return chunks[0], overflow + self._flow(rest)

    def _container(self, kind: str, children: list[Token], **extra: Any) -> Block:
        """A block whose first paragraph is its own text and whose other content is children."""
        lead: list[Piece] = []
        if children and children[0]["type"] in ("paragraph", "block_text"):
            lead = self.inline.render(children[0].get("children", []))
            children = children[1:]
        rich, overflow = self._lead(lead)
        kids = overflow + self.render_blocks(children)
        content: dict[str, Any] = {"rich_text": rich, **extra}
        if kids:
            content["children"] = kids
        return block(kind, content)

    # -- one method per block token type --------------------------------------------------------

    def paragraph(self, token: Token) -> list[Block]:
        return self._flow(self.inline.render(token.get("children", [])))

    def block_text(self, token: Token) -> list[Block]:
        return self.paragraph(token)

    def heading(self, token: Token) -> list[Block]:
        level = min(max(int(token.get("attrs", {}).get("level", 1)), 1), 3)
        chunks = chunk_runs(rich_text(self.inline.spans(token.get("children", []))))
        return [block(f"heading_{level}", {"rich_text": chunks[0]})] + [paragraph(c) for c in chunks[1:]]

    def blank_line(self, token: Token) -> list[Block]:
        return []

    def thematic_break(self, token: Token) -> list[Block]:
        return [block("divider", {})]

    def block_code(self, token: Token) -> list[Block]:
        code = token.get("raw", "")
        if code.endswith("\n"):
            code = code[:-1]
        language = notion_language(token.get("attrs", {}).get("info"))
        return self._code_blocks(code, language)

    def _code_blocks(self, code: str, language: str) -> list[Block]:
        items = [{"type": "text", "text": {"content": piece}} for piece in split_code(code)]
        return [block("code", {"rich_text": chunk, "language": language}) for chunk in chunk_runs(items)]

    def block_math(self, token: Token) -> list[Block]:
        expression = token.get("raw", "").strip()
        if len(expression) > MAX_EQUATION:
            self.warn(f"equation longer than {MAX_EQUATION} characters kept as a LaTeX code block", expression[:40])
            return self._code_blocks(expression, "latex")
        return [block("equation", {"expression": expression})]

    def block_quote(self, token: Token) -> list[Block]:
        children = [c for c in token.get("children", []) if c["type"] != "blank_line"]
        alert = self.split_alert(children)
        if alert is None:
            return [self._container("quote", children)]
        kind, children = alert
        emoji, color = ALERTS[kind]
        return [self._container("callout", children, icon={"type": "emoji", "emoji": emoji}, color=color)]

    def split_alert(self, children: list[Token]) -> tuple[str, list[Token]] | None:
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

    def block_html(self, token: Token) -> list[Block]:
        raw = token.get("raw", "")
        if is_html_comment(raw):
            return []
        visible = strip_html_comments(raw).strip("\n")
        if re.fullmatch(r"\s*<br\s*/?>\s*", visible, re.IGNORECASE):
            return [paragraph([])]
        self.warn(f"raw HTML kept as text: {visible.strip()[:60]}", raw)
        return [paragraph(chunk) for chunk in chunk_runs(plain_rich_text(visible))]

    def list(self, token: Token) -> list[Block]:
        kind = "numbered_list_item" if token.get("attrs", {}).get("ordered") else "bulleted_list_item"
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
        sections = token.get("children", [])
        rows: list[list[Token]] = []
        for section in sections:
            if section["type"] == "table_head":
                rows.append(section.get("children", []))
            else:
                rows.extend(row.get("children", []) for row in section.get("children", []))
        width = max((len(r) for r in rows), default=0) or 1
        table_rows = []
        for row in rows:
            cells = [self._cell(cell) for cell in row]
            cells += [[] for _ in range(width - len(cells))]
            table_rows.append(block("table_row", {"cells": cells}))
        content = {"table_width": width, "has_column_header": True, "has_row_header": False}
        return [block("table", {**content, "children": table_rows})]

    def _cell(self, cell: Token) -> list[dict[str, Any]]:
        items = rich_text(self.inline.spans(cell.get("children", [])))
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
        items = [t for t in token.get("children", []) if t["type"] == "footnote_item"]
        if not items:
            return []
        heading = block("heading_3", {"rich_text": plain_rich_text(self.context.notes_heading)})
        blocks = [block("divider", {}), heading]
        for item in items:
            blocks.extend(self.footnote_item(item))
        return blocks

    def footnote_item(self, token: Token) -> list[Block]:
        index = token.get("attrs", {}).get("index", "?")
        children = [c for c in token.get("children", []) if c["type"] != "blank_line"]
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
