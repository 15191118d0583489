"""Inline mistune tokens → styled `Span`s: the inline logic of a renderer that starts from a `Document`.

Like mistune's `renderers/_list.py`, this is a neutral helper, not a renderer: the Notion renderer
turns the spans into rich text (the preview's HTML is drawn from those blocks, so it needs no spans
of its own). Spans carry the union of the styles around them, so nesting such as a bold link inside
italics needs no special case.

Images are the one inline token Notion cannot hold inside text: where the caller can place blocks
(paragraphs, list items) they come out as `InlineImage` markers for the block renderer to turn into
image blocks; elsewhere (headings, table cells, captions) their alt text stays, linked to the image.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from recweekly.markdown.document import Document
from recweekly.markdown.entities import decode_references
from recweekly.markdown.limits import MAX_EQUATION, MAX_TEXT
from recweekly.markdown.rawhtml import read_raw_html
from recweekly.markdown.reporting import Warn

Token = dict[str, Any]

# Han, kana, CJK punctuation and full-width forms: a line wrapped between two of these is no space.
_CJK = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


class Style(NamedTuple):
    """The annotations and link that apply to a span. A tuple, so that equal styles merge and a
    style is hashed and compared in C: a post compares thousands of them (a frozen dataclass does
    both in Python)."""

    bold: bool = False
    italic: bool = False
    strikethrough: bool = False
    code: bool = False
    link: str | None = None

    def with_(self, **changes: Any) -> Style:
        key = (self, *changes.items())
        found = _DERIVED.get(key)
        if found is None:  # a post derives the same few styles again and again
            if len(_DERIVED) > 4096:
                _DERIVED.clear()
            found = _DERIVED[key] = self._replace(**changes)
        return found

    def annotations(self) -> dict[str, bool]:
        flags = {
            "bold": self.bold,
            "italic": self.italic,
            "strikethrough": self.strikethrough,
            "code": self.code,
        }
        return {name: True for name, on in flags.items() if on}


PLAIN = Style()
_DERIVED: dict[tuple[Any, ...], Style] = {}


class Span(NamedTuple):
    """A piece of inline text (or an equation expression) with one style (a tuple: made thousands of
    times per post, and a frozen dataclass costs several times more to build)."""

    text: str
    style: Style = PLAIN
    equation: bool = False


@dataclass(frozen=True)
class InlineImage:
    """An image met inside inline content; `link` is the URL of an enclosing link, if any."""

    token: Token
    link: str | None = None


Piece = Span | InlineImage


def between_cjk(tokens: list[Token], index: int) -> bool:
    """A soft line break inside Chinese/Japanese text joins the lines without a space."""
    if index == 0 or index + 1 >= len(tokens):
        return False
    before, after = tokens[index - 1], tokens[index + 1]
    if before["type"] != "text" or after["type"] != "text":
        return False
    return bool(_CJK.match(before.get("raw", "")[-1:]) and _CJK.match(after.get("raw", "")[:1]))


def unstyled_text(tokens: list[Token]) -> str | None:
    """The text of inline tokens that are only text and line breaks (no style, link, image or
    markup: the usual list item, table cell or heading), read exactly as `InlineRenderer.render`
    reads them, as one run of the plain style; None when anything else is there. A renderer can
    then skip building spans for most lines of a post."""
    if len(tokens) == 1 and tokens[0]["type"] == "text":  # the commonest line of all
        raw = tokens[0].get("raw", "")
        return decode_references(raw) if "&" in raw else raw
    parts: list[str] = []
    append = parts.append
    for index, token in enumerate(tokens):
        kind = token["type"]
        if kind == "text":
            raw = token.get("raw", "")
            append(decode_references(raw) if "&" in raw else raw)
        elif kind == "softbreak":
            if not between_cjk(tokens, index):
                append(" ")
        elif kind == "linebreak":
            append("\n")
        else:
            return None
    return "".join(parts)


class InlineRenderer:
    """Flattens inline tokens into spans; link targets come from the document, warnings go to `warn`."""

    def __init__(self, document: Document, warn: Warn) -> None:
        self.document = document
        self.warn = warn
        self._methods: dict[str, Callable[[Token, Style, bool], list[Piece]]] = {
            "text": self.text,
            "emphasis": self.emphasis,
            "strong": self.strong,
            "strikethrough": self.strikethrough,
            "codespan": self.codespan,
            "link": self.link,
            "image": self.image,
            "linebreak": self.linebreak,
            "softbreak": self.softbreak,
            "inline_html": self.inline_html,
            "inline_math": self.inline_math,
            "block_math": self.inline_math,  # `$$…$$` inside a line of text
            "footnote_ref": self.footnote_ref,
        }

    # -- entry points ---------------------------------------------------------------------------

    def render(self, tokens: list[Token], style: Style = PLAIN, images: bool = True) -> list[Piece]:
        pieces: list[Piece] = []
        methods, unknown, append = self._methods, self.unknown, pieces.append
        for index, token in enumerate(tokens):
            kind = token["type"]
            if kind == "text":  # most tokens: skip the method call
                raw = token.get("raw", "")
                append(Span(decode_references(raw) if "&" in raw else raw, style))
                continue
            if kind == "softbreak" and between_cjk(tokens, index):
                continue
            pieces.extend(methods.get(kind, unknown)(token, style, images))
        return pieces

    def spans(self, tokens: list[Token], style: Style = PLAIN) -> list[Span]:
        """Render where no block can be placed: images become their (linked) alt text."""
        return [piece for piece in self.render(tokens, style, images=False) if isinstance(piece, Span)]

    def plain(self, tokens: list[Token]) -> str:
        """The text a reader sees of `tokens` (an image's alt text, for its caption)."""
        return "".join(span.text for span in self.spans(tokens))

    # -- one method per token type --------------------------------------------------------------

    def text(self, token: Token, style: Style, images: bool) -> list[Piece]:
        return [Span(decode_references(token.get("raw", "")), style)]

    def emphasis(self, token: Token, style: Style, images: bool) -> list[Piece]:
        return self.render(token.get("children", []), style.with_(italic=True), images)

    def strong(self, token: Token, style: Style, images: bool) -> list[Piece]:
        return self.render(token.get("children", []), style.with_(bold=True), images)

    def strikethrough(self, token: Token, style: Style, images: bool) -> list[Piece]:
        return self.render(token.get("children", []), style.with_(strikethrough=True), images)

    def codespan(self, token: Token, style: Style, images: bool) -> list[Piece]:
        return [Span(token.get("raw", ""), style.with_(code=True))]

    def link(self, token: Token, style: Style, images: bool) -> list[Piece]:
        url = token.get("attrs", {}).get("url", "")
        target = self.document.link_target(url, self.warn)
        inner = style.with_(link=target) if target else style
        pieces = self.render(token.get("children", []), inner, images)
        pieces = [InlineImage(p.token, target) if isinstance(p, InlineImage) else p for p in pieces]
        shown = "".join(p.text for p in pieces if isinstance(p, Span))
        if target is None and len(url) > MAX_TEXT and shown != url:
            pieces.append(Span(f" <{url}>", style))  # a URL Notion cannot link is kept as text
        return pieces

    def image(self, token: Token, style: Style, images: bool) -> list[Piece]:
        if images:
            return [InlineImage(token)]
        url = token.get("attrs", {}).get("url", "")
        alt = self.plain(token.get("children", [])) or url
        self.warn(f"image {url!r} cannot be shown here (heading, table cell); kept its alt text", url)
        target = self.document.link_target(url, self.warn) if re.match(r"https?://", url) else None
        return [Span(alt, style.with_(link=target) if target else style)]

    def linebreak(self, token: Token, style: Style, images: bool) -> list[Piece]:
        return [Span("\n", style.with_(code=False, link=None))]

    def softbreak(self, token: Token, style: Style, images: bool) -> list[Piece]:
        return [Span(" ", style.with_(code=False, link=None))]

    def inline_html(self, token: Token, style: Style, images: bool) -> list[Piece]:
        raw = token.get("raw", "")
        shown = read_raw_html(raw, block=False)
        if shown.kind == "comment":
            return []
        if shown.kind == "break":
            return [Span("\n", style.with_(code=False, link=None))]
        self.warn(f"raw HTML kept as text: {shown.text.strip()[:60]}", raw)
        return [Span(shown.text, style)]

    def inline_math(self, token: Token, style: Style, images: bool) -> list[Piece]:
        expression = token.get("raw", "")
        if len(expression) > MAX_EQUATION:
            self.warn(f"inline equation longer than {MAX_EQUATION} characters kept as code text", expression[:40])
            return [Span(f"${expression}$", style.with_(code=True))]
        if not expression.strip():
            return [Span(f"${expression}$", style)]
        return [Span(expression, style.with_(link=None), equation=True)]

    def footnote_ref(self, token: Token, style: Style, images: bool) -> list[Piece]:
        index = token.get("attrs", {}).get("index", token.get("raw", "?"))
        return [Span(f"[{index}]", style)]

    def unknown(self, token: Token, style: Style, images: bool) -> list[Piece]:
        if "children" in token:
            return self.render(token["children"], style, images)
        raw = token.get("raw")
        if raw:
            self.warn(f"unsupported inline element {token['type']!r} kept as text", raw)
            return [Span(raw, style)]
        return []
