"""Inline mistune tokens → Notion rich-text items, in one walk, one method per inline token type.

Each token writes straight into the rich text of the block being built: a run of text joins the
previous one when their styles are equal, an equation or an image ends it. There is no
intermediate list of styled pieces to merge afterwards; a paragraph's rich text is the one walk
that every line of every post takes, and it costs what the HTML renderer's walk costs.

A style is the union of the styles around a token, so nesting such as a bold link inside italics
needs no special case. Images are the one inline token Notion cannot hold inside text: where the
caller can place blocks (`flow`: paragraphs, list items) they end the group of text they are in
and come out as `InlineImage` markers for the block renderer to turn into image blocks; elsewhere
(`rich_text`: headings, table cells, summaries) their alt text stays, linked to the image.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from recweekly.markdown.document import Document
from recweekly.markdown.entities import decode_references
from recweekly.markdown.limits import MAX_EQUATION, MAX_TEXT
from recweekly.markdown.rawhtml import read_raw_html
from recweekly.markdown.renderers.notion.richtext import (
    PLAIN,
    Style,
    add_equation,
    add_text,
    plain_rich_text,
    plain_text_of,
)
from recweekly.markdown.reporting import Warn, ignore

Token = dict[str, Any]
Item = dict[str, Any]

# Han, kana, CJK punctuation and full-width forms: a line wrapped between two of these is no space.
_CJK = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


@dataclass(frozen=True)
class InlineImage:
    """An image met inside inline content; `link` is the URL of an enclosing link, if any."""

    token: Token
    link: str | None = None


Group = list[Item] | InlineImage


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
    markup: the usual list item, table cell or heading), read exactly as the walk reads them, as
    one run of the plain style; None when anything else is there. A renderer then makes the rich
    text of most lines of a post without a walk."""
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


class _Out:
    """What one walk has written: finished groups, the items of the open group, and the run of text
    still open (its pieces and style), which the next text of another style or an equation ends."""

    __slots__ = ("empty", "groups", "images", "items", "style", "texts", "warn")

    def __init__(self, images: bool, warn: Warn) -> None:
        self.images = images  # place images as markers (True) or show their alt text
        self.warn = warn
        self.groups: list[Group] = []  # finished groups, when an image has ended one
        self.items: list[Item] = []
        self.texts: list[str] = []
        self.style: Style = PLAIN
        self.empty = False  # a piece of empty text was met (it shows nothing, but it was written)

    def text(self, text: str, style: Style) -> None:
        if not text:
            self.empty = True
        elif self.texts and style == self.style:
            self.texts.append(text)
        else:
            if self.texts:
                self.close_run()
            self.style, self.texts = style, [text]

    def close_run(self) -> None:
        texts = self.texts
        add_text(self.items, texts[0] if len(texts) == 1 else "".join(texts), self.style)
        self.texts = []

    def finish(self) -> list[Item]:
        if self.texts:
            self.close_run()
        return self.items

    def shown(self) -> bool:
        """Whether anything was written (an empty text counts: a paragraph of it is still one)."""
        return bool(self.items or self.texts or self.groups or self.empty)


class InlineWriter:
    """Writes inline tokens as rich text; link targets come from the document, warnings go to `warn`."""

    def __init__(self, document: Document, warn: Warn) -> None:
        self.document = document
        self.warn = warn

    # -- entry points ---------------------------------------------------------------------------

    def flow(self, tokens: list[Token]) -> list[Group]:
        """Groups of rich-text items (unlimited in length) and the images between them, in order.

        Text with no image is one group (even when it shows nothing); around images, a group of
        only whitespace is layout, not content, and is left out."""
        out = _Out(True, self.warn)
        self.walk(tokens, PLAIN, out)
        items = out.finish()
        if not out.groups:
            return [items] if (items or out.empty) else []
        groups = [*out.groups, items]
        return [g for g in groups if type(g) is InlineImage or plain_text_of(g).strip()]  # type: ignore[arg-type]

    def rich_text(self, tokens: list[Token], fallback: str | None = None) -> list[Item]:
        """Rich text where no block can be placed (images keep their alt text); `fallback` stands in
        when the tokens write nothing at all."""
        out = _Out(False, self.warn)
        self.walk(tokens, PLAIN, out)
        if fallback is not None and not out.shown():
            return plain_rich_text(fallback)
        return out.finish()

    def plain(self, tokens: list[Token], warn: Warn | None = None) -> str:
        """The text a reader sees of `tokens` (an image's alt text, for its caption)."""
        text = unstyled_text(tokens)
        if text is not None:  # the usual alt text: no walk
            return text
        out = _Out(False, warn or self.warn)
        self.walk(tokens, PLAIN, out)
        return plain_text_of(out.finish())

    def walk(self, tokens: list[Token], style: Style, out: _Out) -> None:
        for index, token in enumerate(tokens):
            kind = token["type"]
            if kind == "text":  # most tokens: written here, without a method call
                raw = token.get("raw", "")
                out.text(decode_references(raw) if "&" in raw else raw, style)
            elif kind == "softbreak":
                if not between_cjk(tokens, index):
                    out.text(" ", style.with_(code=False, link=None))
            else:
                _METHODS.get(kind, InlineWriter.unknown)(self, token, style, out)

    # -- one method per token type --------------------------------------------------------------

    def emphasis(self, token: Token, style: Style, out: _Out) -> None:
        self.walk(token.get("children", []), style.with_(italic=True), out)

    def strong(self, token: Token, style: Style, out: _Out) -> None:
        self.walk(token.get("children", []), style.with_(bold=True), out)

    def strikethrough(self, token: Token, style: Style, out: _Out) -> None:
        self.walk(token.get("children", []), style.with_(strikethrough=True), out)

    def codespan(self, token: Token, style: Style, out: _Out) -> None:
        out.text(token.get("raw", ""), style.with_(code=True))

    def link(self, token: Token, style: Style, out: _Out) -> None:
        url = token.get("attrs", {}).get("url", "")
        target = self.document.link_target(url, out.warn)
        inner = style.with_(link=target) if target else style
        children = token.get("children", [])
        self.walk(children, inner, out)
        if target is None and len(url) > MAX_TEXT:  # a URL Notion cannot link is kept as text
            shown = _Out(out.images, ignore)  # the link's own text, read again without its warnings
            self.walk(children, inner, shown)
            if plain_text_of(shown.finish()) != url:
                out.text(f" <{url}>", style)

    def image(self, token: Token, style: Style, out: _Out) -> None:
        if out.images:
            if out.texts:
                out.close_run()
            out.groups.append(out.items)
            out.groups.append(InlineImage(token, style.link))
            out.items = []
            return
        url = token.get("attrs", {}).get("url", "")
        alt = self.plain(token.get("children", []), out.warn) or url
        out.warn(f"image {url!r} cannot be shown here (heading, table cell); kept its alt text", url)
        target = self.document.link_target(url, out.warn) if re.match(r"https?://", url) else None
        out.text(alt, style.with_(link=target) if target else style)

    def linebreak(self, token: Token, style: Style, out: _Out) -> None:
        out.text("\n", style.with_(code=False, link=None))

    def inline_html(self, token: Token, style: Style, out: _Out) -> None:
        raw = token.get("raw", "")
        shown = read_raw_html(raw, block=False)
        if shown.kind == "comment":
            return
        if shown.kind == "break":
            out.text("\n", style.with_(code=False, link=None))
            return
        out.warn(f"raw HTML kept as text: {shown.text.strip()[:60]}", raw)
        out.text(shown.text, style)

    def inline_math(self, token: Token, style: Style, out: _Out) -> None:
        expression = token.get("raw", "")
        if len(expression) > MAX_EQUATION:
            out.warn(f"inline equation longer than {MAX_EQUATION} characters kept as code text", expression[:40])
            out.text(f"${expression}$", style.with_(code=True))
        elif not expression.strip():
            out.text(f"${expression}$", style)
        else:
            if out.texts:
                out.close_run()
            add_equation(out.items, expression, style.with_(link=None))

    def footnote_ref(self, token: Token, style: Style, out: _Out) -> None:
        index = token.get("attrs", {}).get("index", token.get("raw", "?"))
        out.text(f"[{index}]", style)

    def unknown(self, token: Token, style: Style, out: _Out) -> None:
        if "children" in token:
            self.walk(token["children"], style, out)
            return
        raw = token.get("raw")
        if raw:
            out.warn(f"unsupported inline element {token['type']!r} kept as text", raw)
            out.text(raw, style)


_METHODS: dict[str, Callable[[InlineWriter, Token, Style, _Out], None]] = {
    "emphasis": InlineWriter.emphasis,
    "strong": InlineWriter.strong,
    "strikethrough": InlineWriter.strikethrough,
    "codespan": InlineWriter.codespan,
    "link": InlineWriter.link,
    "image": InlineWriter.image,
    "linebreak": InlineWriter.linebreak,
    "inline_html": InlineWriter.inline_html,
    "inline_math": InlineWriter.inline_math,
    "block_math": InlineWriter.inline_math,  # `$$…$$` inside a line of text
    "footnote_ref": InlineWriter.footnote_ref,
}
