"""Markdown post → HTML, the preview's renderer over the same AST the Notion blocks come from.

It subclasses mistune's HTMLRenderer (one method per token type) but takes every *decision* from the
publish side, so the page shows what Notion will show: links go through the Notion renderer's
`link_target` (same schemes, same post-link resolver), GitHub alerts and `<details>` are recognised by
the same helpers, headings below h3 become h3, comments and region markers vanish, and any other raw
HTML is shown as escaped text — never injected. The warnings are the Notion renderer's own (it runs
once over the same body), so the preview and `publish` print the same list.
"""

from __future__ import annotations

import html
import mimetypes
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from mistune.renderers.html import HTMLRenderer

from recweekly.markdown import parse_markdown
from recweekly.publish.notion.blocks import ALERTS, BlockContext, NotionBlockRenderer
from recweekly.publish.notion.blocks_html import group_details
from recweekly.publish.notion.blocks_inline import between_cjk, is_html_comment, strip_html_comments
from recweekly.publish.notion.richtext import MAX_EQUATION

Token = dict[str, Any]

_BREAK = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)
_POST_SUFFIXES = (".md", ".markdown")
IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp", ".ico"}


def esc(text: object) -> str:
    """Escape for text and attribute values alike (quotes included)."""
    return html.escape(str(text), quote=True)


@dataclass
class PreviewContext:
    """Where a body comes from and how the page refers to local files.

    `image_url` turns a resolved local image into a `src` (a server path, or a data: URI for a
    standalone file); `local_post_url` is the fallback link to a post file when the blog URL is
    unknown (no site_url), or None to keep the text unlinked as Notion will.
    """

    blocks: BlockContext = field(default_factory=BlockContext)
    image_url: Callable[[Path], str] | None = None
    local_post_url: Callable[[Path], str | None] | None = None
    site_url: str = ""


@dataclass
class HtmlResult:
    body: str
    warnings: list[str]


class _SilentDecider(NotionBlockRenderer):
    """The Notion renderer used only for its decisions; its warnings come from the real run."""

    def warn(self, message: str, snippet: str | None = None) -> None:
        return None


class PreviewRenderer(HTMLRenderer):
    """AST tokens → HTML. Token types that need to see their children's tokens (alerts, tables,
    details, footnotes, task items) are handled on the token; the rest use mistune's text-in API."""

    def __init__(self, source: str, context: PreviewContext) -> None:
        super().__init__(escape=True)
        self.context = context
        self.decider = _SilentDecider(source, context.blocks)
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

    # -- driver -----------------------------------------------------------------------------------

    def render_tokens(self, tokens: Any, state: Any) -> str:
        tokens, _warnings = group_details(list(tokens), parse_markdown)
        out: list[str] = []
        for index, token in enumerate(tokens):
            if token["type"] == "softbreak" and between_cjk(tokens, index):
                continue  # Chinese lines wrapped in the source join without a space (as in Notion)
            out.append(self.render_token(token, state))
        return "".join(out)

    def render_token(self, token: Token, state: Any) -> str:
        special = self._token_methods.get(token["type"])
        if special is not None:
            return special(token)
        try:
            self._get_method(token["type"])
        except AttributeError:
            return self.unknown(token)
        return super().render_token(token, state)

    def children(self, token: Token, key: str = "children") -> str:
        return self.render_tokens(token.get(key, []), None)

    # -- inline -----------------------------------------------------------------------------------

    def text(self, text: str) -> str:
        return esc(html.unescape(text))

    def codespan(self, text: str) -> str:
        return "<code>" + esc(text) + "</code>"

    def strikethrough(self, text: str) -> str:
        return "<del>" + text + "</del>"

    def softbreak(self) -> str:
        return "\n"

    def linebreak(self) -> str:
        return "<br>\n"

    def inline_html(self, html_text: str) -> str:
        if is_html_comment(html_text):
            return ""
        if _BREAK.fullmatch(html_text):
            return "<br>"
        return '<code class="raw-html">' + esc(strip_html_comments(html_text)) + "</code>"

    def inline_math(self, text: str) -> str:
        if len(text) > MAX_EQUATION:
            return "<code>" + esc(f"${text}$") + "</code>"
        if not text.strip():
            return esc(f"${text}$")
        return '<span class="math" title="TeX">' + esc(text) + "</span>"

    def footnote_ref(self, text: str, index: int | str = "?", **_: Any) -> str:
        n = esc(index)
        return f'<sup class="fnref"><a href="#fn-{n}" id="fnref-{n}">[{n}]</a></sup>'

    def link_token(self, token: Token) -> str:
        attrs = token.get("attrs", {})
        url: str = attrs.get("url", "")
        inner = self.children(token)
        target = self.decider.link_target(url)
        if target is None:
            target = self._local_post(url)
        if target is None:
            return f'<span class="unlinked" title="{esc("not linked on the blog: " + url)}">{inner}</span>'
        title = attrs.get("title")
        extra = f' title="{esc(title)}"' if title else ""
        return f'<a href="{esc(target)}"{extra}>{inner}</a>'

    def _local_post(self, url: str) -> str | None:
        """Preview-only fallback: link a post file to its own preview page when site_url is empty."""
        if self.context.site_url or self.context.local_post_url is None:
            return None
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not unquote(parts.path).lower().endswith(_POST_SUFFIXES):
            return None
        source = self.context.blocks.source_path
        base = source.resolve().parent if source else Path.cwd()
        found = self.context.local_post_url((base / unquote(parts.path)).resolve())
        if found is None:
            return None
        return f"{found}#{parts.fragment}" if parts.fragment else found

    def image_token(self, token: Token) -> str:
        attrs = token.get("attrs", {})
        url: str = attrs.get("url", "")
        alt = self.decider.inline.plain(token.get("children", [])) or attrs.get("title") or ""
        caption = f'<span class="caption">{esc(alt)}</span>' if alt else ""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme in ("http", "https"):
            # Nothing is fetched from the internet: an external image is shown as a labelled link.
            return (f'<span class="figure external-image"><a href="{esc(url)}">external image: {esc(url)}</a>'
                    f"{caption}</span>")
        if scheme or not parts.path:
            return esc(alt or url)
        local = self._local_image(unquote(parts.path))
        if local is None:
            return f'<span class="figure missing-image">image not found: {esc(url)}{caption}</span>'
        src = self.context.image_url(local) if self.context.image_url else local.as_uri()
        return f'<span class="figure"><img src="{esc(src)}" alt="{esc(alt)}">{caption}</span>'

    def _local_image(self, path: str) -> Path | None:
        """The image file inside the blog root, or None (the Notion run reports why)."""
        from recweekly.markdown.images import resolve_image

        image = resolve_image(path, self.context.blocks.source_path, self.context.blocks.repo_root)
        return image.resolved if image.exists else None

    # -- blocks -----------------------------------------------------------------------------------

    def heading_token(self, token: Token) -> str:
        level = min(max(int(token.get("attrs", {}).get("level", 1)), 1), 3)  # Notion stops at h3
        inner = self.render_tokens(self._images_as_alt(token.get("children", [])), None)
        return f"<h{level}>{inner}</h{level}>\n"

    def _images_as_alt(self, tokens: list[Token]) -> list[Token]:
        """Where Notion cannot place an image block (headings, cells) it keeps the alt text."""
        out: list[Token] = []
        for t in tokens:
            if t["type"] == "image":
                alt = self.decider.inline.plain(t.get("children", [])) or t.get("attrs", {}).get("url", "")
                out.append({"type": "text", "raw": html.escape(alt, quote=False)})
            elif "children" in t:
                out.append({**t, "children": self._images_as_alt(t["children"])})
            else:
                out.append(t)
        return out

    def block_code(self, code: str, info: str | None = None) -> str:
        from recweekly.publish.notion.languages import notion_language

        language = notion_language(info)
        return (f'<pre class="code"><span class="lang">{esc(language)}</span>'
                f"<code>{esc(code.removesuffix(chr(10)))}</code></pre>\n")

    def block_math(self, text: str) -> str:
        expression = text.strip()
        if len(expression) > MAX_EQUATION:
            return self.block_code(expression, "latex")
        return f'<div class="math-block" title="TeX">{esc(expression)}</div>\n'

    def block_html(self, html_text: str) -> str:
        if is_html_comment(html_text):
            return ""
        visible = strip_html_comments(html_text).strip("\n")
        if _BREAK.fullmatch(visible):
            return '<p class="empty"></p>\n'
        return f'<p class="raw-html">{esc(visible)}</p>\n'

    def block_error(self, text: str) -> str:
        return f'<p class="raw-html">{esc(text)}</p>\n'

    def block_quote_token(self, token: Token) -> str:
        children = [c for c in token.get("children", []) if c["type"] != "blank_line"]
        alert = self.decider.split_alert(children)
        if alert is None:
            return "<blockquote>\n" + self.render_tokens(children, None) + "</blockquote>\n"
        kind, rest = alert
        emoji, _color = ALERTS[kind]
        return (f'<div class="callout callout-{kind.lower()}"><span class="callout-icon">{emoji}</span>'
                f'<div class="callout-body">{self.render_tokens(rest, None)}</div></div>\n')

    def list(self, text: str, ordered: bool, **attrs: Any) -> str:
        if ordered:
            start = attrs.get("start")
            start_attr = f' start="{esc(start)}"' if start not in (None, 1) else ""
            return f"<ol{start_attr}>\n{text}</ol>\n"
        return f"<ul>\n{text}</ul>\n"

    def task_list_item_token(self, token: Token) -> str:
        checked = " checked" if token.get("attrs", {}).get("checked") else ""
        return (f'<li class="task"><input type="checkbox" disabled{checked}> '
                f"{self.children(token)}</li>\n")

    def table_token(self, token: Token) -> str:
        rows: list[tuple[bool, list[Token]]] = []
        for section in token.get("children", []):
            if section["type"] == "table_head":
                rows.append((True, section.get("children", [])))
            else:
                rows.extend((False, row.get("children", [])) for row in section.get("children", []))
        width = max((len(cells) for _, cells in rows), default=0) or 1
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
        items = [t for t in token.get("children", []) if t["type"] == "footnote_item"]
        if not items:
            return ""
        heading = esc(self.context.blocks.notes_heading)
        body = "".join(self.footnote_item_token(item) for item in items)
        return f'<section class="footnotes">\n<hr>\n<h3>{heading}</h3>\n{body}</section>\n'

    def footnote_item_token(self, token: Token) -> str:
        n = esc(token.get("attrs", {}).get("index", "?"))
        children = [c for c in token.get("children", []) if c["type"] != "blank_line"]
        content = self.render_tokens(children, None).rstrip("\n")
        return (f'<div class="footnote" id="fn-{n}"><span class="fnlabel">[{n}]</span> {content}'
                f' <a class="fnback" href="#fnref-{n}">↩</a></div>\n')

    def unknown(self, token: Token) -> str:
        raw = token.get("raw") or token.get("text")
        if isinstance(raw, str) and raw:
            return f'<p class="raw-html">{esc(raw)}</p>\n'
        return self.children(token)


def render_html(markdown: str, context: PreviewContext | None = None) -> HtmlResult:
    """The body's HTML, plus the warnings `publish` would print for it (missing images included)."""
    context = context or PreviewContext()
    notion = NotionBlockRenderer(markdown, context.blocks)
    notion.render_blocks(parse_markdown(markdown))
    # Missing images would stop `publish`; the preview shows the page anyway and says why.
    warnings = notion.warnings + [f"{problem} (publish refuses this post)" for problem in notion.problems]
    body = PreviewRenderer(markdown, context).render_tokens(parse_markdown(markdown), None)
    return HtmlResult(body=body, warnings=warnings)


def content_type(path: Path) -> str:
    kind, _ = mimetypes.guess_type(path.name)
    return kind or "application/octet-stream"


def preview_path(rel: str) -> str:
    """URL path of a repo-relative file on the preview server."""
    return "/" + quote(rel)
