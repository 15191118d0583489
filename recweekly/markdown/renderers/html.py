"""A `Document` → HTML, as the published page will show it (the preview's article body).

It subclasses mistune's HTMLRenderer (one method per token type) and asks every decision of the
`Document`, as the Notion renderer does: links go where the page links them (same schemes, same
post-link resolver), GitHub alerts and `<details>` are recognised by the same code, headings stop
where Notion's do, comments and region markers vanish, and any other raw HTML is shown as escaped
text — never injected. It gives no warnings of its own: they are the Notion renderer's, which the
preview runs over the same document.

For the preview page around the body, `render_html` also gives what the renderer met on the way:
the headings with their anchors (the table of contents) and every `TODO:` / translation-fallback
mark, each highlighted in the body with an id the page can link to (`recweekly.markdown.marks`).
Equations keep their TeX as text in an element that says which it is (`math`, `math-block`, with
`data-tex`); the page's script typesets them with KaTeX, as NotionNext's pages do.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from mistune.renderers.html import HTMLRenderer

from recweekly.markdown.alerts import ALERTS
from recweekly.markdown.document import Document, DocumentContext, parse_document
from recweekly.markdown.entities import decode_references
from recweekly.markdown.images import caption as image_caption
from recweekly.markdown.languages import notion_language, unlisted_language
from recweekly.markdown.limits import MAX_EQUATION
from recweekly.markdown.links import POST_SUFFIXES
from recweekly.markdown.marks import MarkKind, MarkScanner
from recweekly.markdown.rawhtml import read_raw_html
from recweekly.markdown.renderers._blocks import (
    footnote_items,
    heading_level,
    table_rows,
    table_width,
    without_blank_lines,
)
from recweekly.markdown.renderers._inline import InlineRenderer, between_cjk
from recweekly.markdown.reporting import ignore

Token = dict[str, Any]

#: block? → (what a lone <br> shows, how other raw HTML shows: as escaped text, never markup)
_RAW_HTML = {False: ("<br>", '<code class="raw-html">{}</code>'),
             True: ('<p class="empty"></p>\n', '<p class="raw-html">{}</p>\n')}


_NOT_IN_ANCHOR = re.compile(r"[^\w\- ]+")
_BLOCK_PARENTS = frozenset({"list", "list_item"})  # token types mistune's calling convention renders with blocks


def esc(text: object) -> str:
    """Escape for text and attribute values alike (quotes included)."""
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class Heading:
    """A heading as the table of contents lists it."""

    level: int
    text: str
    anchor: str


@dataclass
class HtmlRendering:
    """The body's HTML and what the page around it needs to know of it."""

    body: str
    headings: list[Heading] = field(default_factory=list)
    marks: list[tuple[MarkKind, str]] = field(default_factory=list)  # (kind, element id), in document order
    front: list[str] = field(default_factory=list)  # the `front` texts, escaped and marked
    has_math: bool = False  # an equation to typeset (the page then loads KaTeX)


@dataclass
class HtmlOptions:
    """How the page refers to local files.

    `image_url` turns a resolved local image into a `src` (a server path, or a data: URI for a
    standalone file); `local_post_url` is the fallback link to a post file when the blog URL is
    unknown (no site_url), or None to keep the text unlinked as Notion will.
    """

    image_url: Callable[[Path], str] | None = None
    local_post_url: Callable[[Path], str | None] | None = None
    site_url: str = ""


class HtmlRenderer(HTMLRenderer):
    """Document tokens → HTML. Token types that need to see their children's tokens (alerts, tables,
    details, footnotes, task items) are handled on the token; the rest use mistune's text-in API."""

    def __init__(self, document: Document, options: HtmlOptions | None = None) -> None:
        super().__init__(escape=True)
        self.document = document
        self.options = options or HtmlOptions()
        self.inline = InlineRenderer(document, ignore)  # for text-only places: captions, alt text
        self.headings: list[Heading] = []
        self.marks: list[tuple[MarkKind, str]] = []
        self._mark_counts: dict[str, int] = {}
        self._scanner = MarkScanner()
        self._anchors: set[str] = set()
        self.has_math = False
        self._token_methods: dict[str, Callable[[Token], str]] = {
            "block_quote": self.block_quote_token,
            "details": self.details_token,
            "table": self.table_token,
            "footnotes": self.footnotes_token,
            "footnote_item": self.footnote_item_token,
            "task_list_item": self.task_list_item_token,
            "link": self.link_token,
            "image": self.image_token,
            "heading": self.heading_token,
        }
        self._dispatch: dict[str, tuple[bool, Callable[..., str]]] = {}

    # -- driver -----------------------------------------------------------------------------------

    def render_tokens(self, tokens: Any, state: Any) -> str:
        """A list of block tokens (`<details>` folded, as the Notion renderer folds them)."""
        return self._join(self.document.fold_details(tokens, ignore), state)

    def _join(self, tokens: list[Token], state: Any) -> str:
        out: list[str] = []
        for index, token in enumerate(tokens):
            if token["type"] == "softbreak" and between_cjk(tokens, index):
                continue  # Chinese lines wrapped in the source join without a space (as in Notion)
            out.append(self.render_token(token, state))
        return "".join(out)

    def render_token(self, token: Token, state: Any) -> str:
        kind = token["type"]
        found = self._dispatch.get(kind)
        if found is None:
            found = self._dispatch[kind] = self._method_for(kind)
        on_token, method = found
        if on_token:
            return method(token)
        # mistune's text-in calling convention (HTMLRenderer.render_token), looked up once per type
        attrs = token.get("attrs")
        if "raw" in token:
            text = token["raw"]
        elif token["type"] in _BLOCK_PARENTS:
            text = self.render_tokens(token["children"], state)
        elif "children" in token:  # inline content: no <details> to fold there
            text = self._join(token["children"], state)
        else:
            return method(**attrs) if attrs else method()
        return method(text, **attrs) if attrs else method(text)

    def _method_for(self, kind: str) -> tuple[bool, Callable[..., str]]:
        """(takes the token?, method) for a token type; a type without a method is shown as text."""
        special = self._token_methods.get(kind)
        if special is not None:
            return True, special
        method = getattr(self, kind, None)
        return (False, method) if callable(method) else (True, self.unknown)

    def children(self, token: Token, key: str = "children") -> str:
        return self.render_tokens(token.get(key, []), None)

    # -- inline -----------------------------------------------------------------------------------

    def text(self, text: str) -> str:
        return self.marked(decode_references(text))

    def marked(self, text: str, scanner: MarkScanner | None = None) -> str:
        """Escaped text with each `TODO:` and translation-fallback piece in a <mark>; the body's text
        goes through one scanner in document order, since a fallback mark may span blocks."""
        scanner = scanner or self._scanner
        if scanner.is_plain(text):
            return esc(text)
        out = []
        for segment in scanner.split(text):
            if segment.kind is None:
                out.append(esc(segment.text))
                continue
            ident = ""
            if segment.starts:
                self._mark_counts[segment.kind] = number = self._mark_counts.get(segment.kind, 0) + 1
                self.marks.append((segment.kind, f"{segment.kind}-{number}"))
                ident = f' id="{segment.kind}-{number}"'
            out.append(f'<mark class="{segment.kind}"{ident}>{esc(segment.text)}</mark>')
        return "".join(out)

    def codespan(self, text: str) -> str:
        return "<code>" + self.marked(text) + "</code>"

    def strikethrough(self, text: str) -> str:
        return "<del>" + text + "</del>"

    def softbreak(self) -> str:
        return "\n"

    def linebreak(self) -> str:
        return "<br>\n"

    def inline_html(self, html_text: str) -> str:
        return self._raw_html(html_text, block=False)

    def inline_math(self, text: str) -> str:
        if len(text) > MAX_EQUATION:
            return "<code>" + esc(f"${text}$") + "</code>"
        if not text.strip():
            return esc(f"${text}$")
        self.has_math = True
        return f'<span class="math" data-tex="{esc(text)}">{esc(text)}</span>'

    def footnote_ref(self, text: str, index: int | str = "?", **_: Any) -> str:
        n = esc(index)
        return f'<sup class="fnref"><a href="#fn-{n}" id="fnref-{n}">[{n}]</a></sup>'

    def link_token(self, token: Token) -> str:
        attrs = token.get("attrs", {})
        url: str = attrs.get("url", "")
        inner = self.children(token)
        target = self.document.link_target(url, ignore)
        if target is None:
            target = self._local_post(url)
        if target is None:
            return f'<span class="unlinked" title="{esc("not linked on the blog: " + url)}">{inner}</span>'
        title = attrs.get("title")
        extra = f' title="{esc(decode_references(title))}"' if title else ""
        return f'<a href="{esc(target)}"{extra}>{inner}</a>'

    def _local_post(self, url: str) -> str | None:
        """Preview-only fallback: link a post file to its own preview page when site_url is empty."""
        if self.options.site_url or self.options.local_post_url is None:
            return None
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not unquote(parts.path).lower().endswith(POST_SUFFIXES):
            return None
        source = self.document.context.source_path
        base = source.resolve().parent if source else Path.cwd()
        found = self.options.local_post_url((base / unquote(parts.path)).resolve())
        if found is None:
            return None
        return f"{found}#{parts.fragment}" if parts.fragment else found

    def image_token(self, token: Token) -> str:
        attrs = token.get("attrs", {})
        url: str = attrs.get("url", "")
        alt = image_caption(self.inline.plain(token.get("children", [])), attrs.get("title"))
        caption = f'<span class="caption">{esc(alt)}</span>' if alt else ""
        ref = self.document.image(url)
        if ref.kind == "external":
            # Nothing is fetched from the internet: an external image is shown as a labelled link.
            return (f'<span class="figure external-image"><a href="{esc(url)}">external image: {esc(url)}</a>'
                    f"{caption}</span>")
        if ref.local is None:
            return esc(alt or url)
        if not ref.local.exists:  # the Notion renderer reports why
            return f'<span class="figure missing-image">image not found: {esc(url)}{caption}</span>'
        local = ref.local.resolved
        src = self.options.image_url(local) if self.options.image_url else local.as_uri()
        return f'<span class="figure"><img src="{esc(src)}" alt="{esc(alt)}">{caption}</span>'

    # -- blocks -----------------------------------------------------------------------------------

    def heading_token(self, token: Token) -> str:
        level = heading_level(token)
        children = self._images_as_alt(token.get("children", []))
        inner = self.render_tokens(children, None)
        text = self.inline.plain(children).strip()
        anchor = self._anchor(text)
        self.headings.append(Heading(level, text, anchor))
        return f'<h{level} id="{esc(anchor)}">{inner}</h{level}>\n'

    def _anchor(self, text: str) -> str:
        """A unique id from the heading's words (CJK kept), as GitHub makes them: `a-b`, then `a-b-1`."""
        base = "-".join(_NOT_IN_ANCHOR.sub("", text.lower()).split()) or "section"
        anchor, n = base, 0
        while anchor in self._anchors:
            n += 1
            anchor = f"{base}-{n}"
        self._anchors.add(anchor)
        return anchor

    def _images_as_alt(self, tokens: list[Token]) -> list[Token]:
        """Where Notion cannot place an image block (headings, cells) it keeps the alt text."""
        out: list[Token] = []
        for t in tokens:
            if t["type"] == "image":
                alt = self.inline.plain(t.get("children", [])) or t.get("attrs", {}).get("url", "")
                out.append({"type": "text", "raw": html.escape(alt, quote=False)})
            elif "children" in t:
                out.append({**t, "children": self._images_as_alt(t["children"])})
            else:
                out.append(t)
        return out

    def block_code(self, code: str, info: str | None = None) -> str:
        language = notion_language(info)
        name = unlisted_language(info)  # Notion's caption names a language it lacks
        shown = f'<span class="caption">{esc(name)}</span>' if name else ""
        return (f'<pre class="code"><span class="lang">{esc(language)}</span>'
                f"<code>{self.marked(code.removesuffix(chr(10)))}</code>{shown}</pre>\n")

    def block_math(self, text: str) -> str:
        expression = text.strip()
        if len(expression) > MAX_EQUATION:
            return self.block_code(expression, "latex")
        self.has_math = True
        return f'<div class="math-block" data-tex="{esc(expression)}">{esc(expression)}</div>\n'

    def block_html(self, html_text: str) -> str:
        return self._raw_html(html_text, block=True)

    def _raw_html(self, raw: str, block: bool) -> str:
        shown = read_raw_html(raw, block)
        if shown.kind == "comment":
            return ""
        empty, text = _RAW_HTML[block]
        return empty if shown.kind == "break" else text.format(esc(shown.text))

    def block_error(self, text: str) -> str:
        return f'<p class="raw-html">{esc(text)}</p>\n'

    def block_quote_token(self, token: Token) -> str:
        children = without_blank_lines(token.get("children", []))
        alert = self.document.alert(children)
        if alert is None:
            return "<blockquote>\n" + self.render_tokens(children, None) + "</blockquote>\n"
        kind, rest = alert
        emoji, _color = ALERTS[kind]
        return (f'<div class="callout callout-{kind.lower()}"><span class="callout-icon">{emoji}</span>'
                f'<div class="callout-body">{self.render_tokens(rest, None)}</div></div>\n')

    def list(self, text: str, ordered: bool, **attrs: Any) -> str:
        # no `start`: a Notion request cannot set where numbering starts, so the page counts from 1
        return f"<ol>\n{text}</ol>\n" if ordered else f"<ul>\n{text}</ul>\n"

    def task_list_item_token(self, token: Token) -> str:
        checked = " checked" if token.get("attrs", {}).get("checked") else ""
        return (f'<li class="task"><input type="checkbox" disabled{checked}> '
                f"{self.children(token)}</li>\n")

    def table_token(self, token: Token) -> str:
        rows = table_rows(token)
        width = table_width(rows)
        out = ["<table>\n"]
        for head, cells in rows:
            tag = "th" if head else "td"
            rendered = [self.render_tokens(self._images_as_alt(c.get("children", [])), None) for c in cells]
            rendered += [""] * (width - len(rendered))  # short rows are padded, as on Notion
            out.append("<tr>" + "".join(f"<{tag}>{cell}</{tag}>" for cell in rendered) + "</tr>\n")
        out.append("</table>\n")
        return "".join(out)

    def details_token(self, token: Token) -> str:
        summary = self.render_tokens(token.get("summary", []), None) or "Details"
        return f"<details>\n<summary>{summary}</summary>\n{self.children(token)}</details>\n"

    def footnotes_token(self, token: Token) -> str:
        items = footnote_items(token)
        if not items:
            return ""
        heading = esc(self.document.notes_heading)
        body = "".join(self.footnote_item_token(item) for item in items)
        return f'<section class="footnotes">\n<hr>\n<h3>{heading}</h3>\n{body}</section>\n'

    def footnote_item_token(self, token: Token) -> str:
        n = esc(token.get("attrs", {}).get("index", "?"))
        children = without_blank_lines(token.get("children", []))
        content = self.render_tokens(children, None).rstrip("\n")
        return (f'<div class="footnote" id="fn-{n}"><span class="fnlabel">[{n}]</span> {content}'
                f' <a class="fnback" href="#fnref-{n}">↩</a></div>\n')

    def unknown(self, token: Token) -> str:
        raw = token.get("raw") or token.get("text")
        if isinstance(raw, str) and raw:
            return f'<p class="raw-html">{esc(raw)}</p>\n'
        return self.children(token)


def document_to_html(document: Document, options: HtmlOptions | None = None) -> str:
    """The body's HTML (no page around it)."""
    return render_html(document, options).body


def render_html(document: Document, options: HtmlOptions | None = None, front: Sequence[str] = ()) -> HtmlRendering:
    """The body's HTML, its headings and its marks; `front` are texts the page shows above the body
    (title, summary), escaped and marked first so the marks are numbered from the top of the page."""
    renderer = HtmlRenderer(document, options)
    shown_front = [renderer.marked(text, MarkScanner()) for text in front]
    body = renderer.render_tokens(document.tokens, None)
    return HtmlRendering(body, renderer.headings, renderer.marks, shown_front, renderer.has_math)


def markdown_to_html(markdown: str, context: DocumentContext | None = None, options: HtmlOptions | None = None) -> str:
    return document_to_html(parse_document(markdown, context), options)
