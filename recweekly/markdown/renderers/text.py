"""A `Document` → plain text: what a reader sees once the Markdown is rendered (for the word count).

Word counts must count what NotionNext counts on the published page, not Markdown syntax, URLs,
HTML comments or the generated-region markers (which are dropped on publish). So this walks the
document's tokens with one method per token type, a sibling of the Notion and HTML renderers. A
token type without a method (a plugin added later) falls back to its children or raw text, so a
count is never lost; `KNOWN_TYPES` and a test keep the fallback from standing in for a type we know.

Blocks are separated by newlines and table cells by spaces, so words never run together across
block or cell boundaries (the page shows them apart, and a word count must too).
"""

from __future__ import annotations

import html
import re
from typing import Any

from recweekly.markdown.document import Document, parse_document
from recweekly.markdown.rawhtml import strip_comments

_TAG_RE = re.compile(r"<[^>]*>")

Token = dict[str, Any]


def strip_html(raw: str) -> str:
    """Text of an HTML fragment: comments and tags removed, entities decoded."""
    return html.unescape(_TAG_RE.sub(" ", strip_comments(raw)))


class PlainTextRenderer:
    """Renders AST tokens to plain text; `render_<type>` per token type."""

    def render(self, tokens: list[Token]) -> str:
        return "".join(self.token(t) for t in tokens)

    def token(self, token: Token) -> str:
        method = getattr(self, f"render_{token['type']}", None)
        if method is None:
            return self.children(token) if "children" in token else str(token.get("raw", ""))
        result: str = method(token)
        return result

    def children(self, token: Token) -> str:
        return "".join(self.token(t) for t in token.get("children", ()))

    def block(self, token: Token) -> str:
        return self.children(token) + "\n"

    # ---- inline ------------------------------------------------------------------------------
    def render_text(self, token: Token) -> str:
        # the page shows "R&D", not the "&amp;" written in the source
        return html.unescape(str(token["raw"]))

    def render_emphasis(self, token: Token) -> str:
        return self.children(token)

    render_strong = render_strikethrough = render_link = render_mark = render_emphasis
    render_insert = render_superscript = render_subscript = render_emphasis

    def render_image(self, token: Token) -> str:
        # An image shows no text on the page (its alt text is not part of the article's text).
        return ""

    def render_codespan(self, token: Token) -> str:
        return str(token["raw"])

    def render_inline_math(self, token: Token) -> str:
        return str(token["raw"])

    def render_inline_html(self, token: Token) -> str:
        raw = str(token["raw"])
        if raw.lower().startswith("<br"):
            return "\n"
        return strip_html(raw)

    def render_linebreak(self, token: Token) -> str:
        return "\n"

    def render_softbreak(self, token: Token) -> str:
        return "\n"

    def render_footnote_ref(self, token: Token) -> str:
        return str(token["attrs"].get("index", token.get("raw", "")))

    # ---- blocks ------------------------------------------------------------------------------
    def render_paragraph(self, token: Token) -> str:
        return self.block(token)

    render_heading = render_block_text = render_block_quote = render_list = render_paragraph
    render_list_item = render_task_list_item = render_footnotes = render_footnote_item = render_paragraph

    def render_blank_line(self, token: Token) -> str:
        return ""

    def render_thematic_break(self, token: Token) -> str:
        return ""

    def render_block_code(self, token: Token) -> str:
        return str(token["raw"]) + "\n"

    def render_block_math(self, token: Token) -> str:
        return str(token["raw"]) + "\n"

    def render_block_html(self, token: Token) -> str:
        text = strip_html(str(token["raw"]))
        return text + "\n" if text.strip() else ""

    def render_block_error(self, token: Token) -> str:
        return str(token.get("raw", "")) + "\n"

    def render_table(self, token: Token) -> str:
        return self.block(token)

    def render_table_head(self, token: Token) -> str:
        return " ".join(self.token(c) for c in token.get("children", ())) + "\n"

    render_table_row = render_table_head

    def render_table_body(self, token: Token) -> str:
        return self.children(token)

    def render_table_cell(self, token: Token) -> str:
        return self.children(token)


KNOWN_TYPES = frozenset(name.removeprefix("render_") for name in vars(PlainTextRenderer)
                        if name.startswith("render_") and name != "render")


def document_to_text(document: Document) -> str:
    """The visible text of a parsed body."""
    return PlainTextRenderer().render(document.tokens)


def markdown_to_text(markdown: str) -> str:
    """The visible text of a Markdown body (no front matter)."""
    return document_to_text(parse_document(markdown))
