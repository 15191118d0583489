"""Notion rich text → inline HTML, as react-notion-x draws it (its `Text` component).

Each run's annotations wrap it in the elements react-notion-x uses — `<b>`, `<em>`, `<s>`,
`<code class="notion-inline-code">`, `<span class="notion-inline-underscore">`, a colour class,
`<a class="notion-link">` — and an inline equation is an element KaTeX typesets (its TeX kept in
`data-tex` and as text until then). Line breaks stay "\\n": the page's CSS keeps them
(`white-space: pre-wrap`), as react-notion-x's does.

The preview also highlights what is left to write: every `TODO:` and translation-fallback mark in
the text gets a `<mark>`, the first piece of each an id the page links to. The text is fed to one
`MarkScanner` in document order, since a fallback mark may open in one block and close in another.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import Any

from recweekly.l10n.fallback import OPEN
from recweekly.markdown.links import LINKABLE_SCHEMES
from recweekly.markdown.marks import TODO_MARKER, MarkKind, MarkScanner
from recweekly.markdown.renderers._fromblocks import RichRun, read_item

_COLOR = re.compile(r"[a-z]+(?:_background)?")
#: annotation → (opening, closing), innermost first as react-notion-x nests them
_WRAPS = (
    ("code", '<code class="notion-inline-code">', "</code>"),
    ("bold", "<b>", "</b>"),
    ("italic", "<em>", "</em>"),
    ("strikethrough", "<s>", "</s>"),
    ("underline", '<span class="notion-inline-underscore">', "</span>"),
)

_COLOR_CLASSES: dict[tuple[str, str], str] = {}
_WEB_PREFIXES = tuple(f"{scheme}:" for scheme in LINKABLE_SCHEMES)


def esc(text: object) -> str:
    """Escape for text and attribute values alike (quotes included)."""
    text = str(text)
    return html.escape(text, quote=True) if _special(text) else text


def _special(text: str) -> bool:
    """Does `text` need escaping? Rarely: five scans for one character each (memchr) beat a regex."""
    return "&" in text or "<" in text or ">" in text or '"' in text or "'" in text


def color_class(color: object, suffix: str = "") -> str:
    """` notion-<colour><suffix>` for a Notion colour, "" for the default (or anything else)."""
    if not color or color == "default":
        return ""
    key = (color, suffix)
    known = _COLOR_CLASSES.get(key)  # type: ignore[arg-type]
    if known is None:
        known = f" notion-{color}{suffix}" if isinstance(color, str) and _COLOR.fullmatch(color) else ""
        if len(_COLOR_CLASSES) < 256:  # Notion has a score of colours; anything else is not kept
            _COLOR_CLASSES[key] = known  # type: ignore[index]
    return known


def web_link(url: str) -> bool:
    """A link the preview follows: a web or mail address (Notion's own page paths are not). Notion
    holds schemes in lower case (it refuses `HTTPS:`), so a prefix test is enough."""
    return url.startswith(_WEB_PREFIXES)


def _style(annotations: Mapping[str, Any]) -> tuple[str, str]:
    """The elements around a run with these annotations: (opening tags, closing tags)."""
    opening, closing = "", ""
    for name, start, end in _WRAPS:
        if annotations.get(name):
            opening, closing = start + opening, closing + end
    colour = color_class(annotations.get("color"))
    if colour:
        opening, closing = f'<span class="{colour[1:]}">' + opening, closing + "</span>"
    return opening, closing


class InlineHtml:
    """Rich text → HTML for one page: numbers the marks it meets and notes whether it met math."""

    def __init__(self) -> None:
        self.scanner = MarkScanner()
        self.marks: list[tuple[MarkKind, str]] = []  # (kind, element id), in page order
        self._counts: dict[str, int] = {}
        self._styles: dict[tuple[tuple[str, Any], ...], tuple[str, str]] = {}  # a post uses a few styles, often
        self.has_math = False

    def rich_text(self, items: Sequence[Mapping[str, Any]] | None, plain: list[str] | None = None) -> str:
        """A rich-text array as HTML; `plain` (a heading's), if given, gets each run's text as
        `plain_text` reads it, so a heading's array is walked once. This runs for every run of text
        of every block, so a text run (nearly all of them) is read here, as `text_of` and `read_item`
        would, and its text tested as `MarkScanner.is_plain` and `esc` test it, without a call for each."""
        if not items:
            return ""
        out = []
        scanner = self.scanner
        for item in items:
            text = item.get("text")
            if text is None or item.get("type", "text") != "text":
                run = read_item(item)  # an equation or a mention
                if plain is not None:
                    plain.append(run.text)
                out.append(self.run(run))
                continue
            content = text["content"] if "content" in text else item.get("plain_text", "")
            if type(content) is not str:
                content = str(content)
            if plain is not None:
                plain.append(content)
            if scanner.in_fallback or OPEN in content or TODO_MARKER in content:
                shown = self.marked(content)
            elif "&" in content or "<" in content or ">" in content or '"' in content or "'" in content:
                shown = html.escape(content, quote=True)
            else:
                shown = content
            annotations = item.get("annotations")
            link = text.get("link")
            if annotations or link:
                url = link.get("url") if link and (type(link) is dict or isinstance(link, Mapping)) else None
                shown = self._wrapped(shown, annotations, url or None)
            out.append(shown)
        return "".join(out)

    def run(self, run: RichRun) -> str:
        if run.kind == "text":
            inner = self.marked(run.text)
        elif run.kind == "equation":
            inner = self.equation(run.text)
        else:
            inner = self.mention(run)
        return self._wrapped(inner, run.annotations, run.link)

    def _wrapped(self, inner: str, annotations: Mapping[str, Any] | None, link: str | None) -> str:
        """A run's HTML inside the elements of its annotations and its link."""
        if annotations:
            key = tuple(annotations.items())
            wrap = self._styles.get(key)
            if wrap is None:
                wrap = self._styles[key] = _style(annotations)
            inner = wrap[0] + inner + wrap[1]
        if link:
            if web_link(link):
                return f'<a class="notion-link" href="{esc(link)}">{inner}</a>'
            return f'<span class="notion-link unfollowed" title="{esc("link: " + link)}">{inner}</span>'
        return inner

    def equation(self, expression: str) -> str:
        if not expression:
            return ""
        self.has_math = True
        tex = esc(expression)
        return f'<span class="notion-equation notion-equation-inline math" data-tex="{tex}">{tex}</span>'

    def mention(self, run: RichRun) -> str:
        """A mention (a person, page, date, link): Notion's plain text for it, else what it names."""
        mention = run.item.get("mention") or {}
        kind = str(mention.get("type") or next(iter(mention), run.kind))
        target = mention.get(kind) or {}
        label = run.text
        if not label and isinstance(target, Mapping):
            if kind == "date":
                label = " → ".join(str(target[k]) for k in ("start", "end") if target.get(k))
            elif kind in ("link_preview", "link_mention"):
                label = str(target.get("url", ""))
            elif kind == "user":
                label = "@" + str(target.get("name") or "user")
            else:
                label = f"{kind} {target.get('id', '')}".strip()
        return f'<span class="notion-mention" title="{esc("Notion mention: " + kind)}">{esc(label or kind)}</span>'

    def marked(self, text: str, scanner: MarkScanner | None = None) -> str:
        """Escaped text with each piece of a `TODO:` or fallback mark in a <mark>."""
        scanner = scanner or self.scanner
        if scanner.is_plain(text):
            return html.escape(text, quote=True) if _special(text) else text
        out = []
        for segment in scanner.split(text):
            if segment.kind is None:
                out.append(esc(segment.text))
                continue
            ident = ""
            if segment.starts:
                self._counts[segment.kind] = number = self._counts.get(segment.kind, 0) + 1
                self.marks.append((segment.kind, f"{segment.kind}-{number}"))
                ident = f' id="{segment.kind}-{number}"'
            out.append(f'<mark class="{segment.kind}"{ident}>{esc(segment.text)}</mark>')
        return "".join(out)
