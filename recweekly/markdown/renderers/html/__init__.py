"""Notion blocks → HTML: the preview's article body, drawn from the blocks `publish` sends.

A sibling of the Markdown renderer, over the same block model: the preview parses a post once,
renders its Notion blocks once (their warnings are `publish`'s, their text is NotionNext's 字数) and
draws the page from those blocks, as react-notion-x draws NotionNext's. `blocks_to_html` also gives
what the page around the body needs: the headings with their anchors (the table of contents),
every `TODO:` / translation-fallback mark met, and whether there is math for KaTeX to typeset.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from recweekly.markdown.marks import MarkKind, MarkScanner
from recweekly.markdown.renderers._fromblocks import Block
from recweekly.markdown.renderers.html.blocks import Heading, HtmlOptions, HtmlRenderer
from recweekly.markdown.renderers.html.inline import esc

__all__ = ["Heading", "HtmlOptions", "HtmlRenderer", "HtmlRendering", "blocks_to_html", "esc"]


@dataclass
class HtmlRendering:
    """The body's HTML and what the page around it needs to know of it."""

    body: str
    headings: list[Heading] = field(default_factory=list)
    marks: list[tuple[MarkKind, str]] = field(default_factory=list)  # (kind, element id), in page order
    front: list[str] = field(default_factory=list)  # the `front` texts, escaped and marked
    has_math: bool = False  # an equation to typeset (the page then loads KaTeX)


def blocks_to_html(blocks: list[Block], options: HtmlOptions | None = None, front: Sequence[str] = ()) -> HtmlRendering:
    """The body's HTML, its headings and its marks; `front` are texts the page shows above the body
    (title, summary), escaped and marked first so the marks are numbered from the top of the page."""
    renderer = HtmlRenderer(options)
    shown_front = [renderer.inline.marked(text, MarkScanner()) for text in front]
    body = renderer.render(blocks)
    inline = renderer.inline
    return HtmlRendering(body, renderer.headings, inline.marks, shown_front, inline.has_math)
