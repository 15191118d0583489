"""Notion blocks → Markdown: the renderer `recweekly pull` writes edits made in Notion back with.

A sibling of the Notion renderer, run the other way over the same block model: what
`markdown_to_blocks` produces, `blocks_to_markdown` turns back into Markdown that converts to the
same blocks again (the round trip is tested on every post the project has). Blocks with no
Markdown form come out as `<!-- notion:… -->` placeholders and are listed in the result.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from recweekly.markdown.renderers.markdown.blocks import MarkdownRenderer, Verify
from recweekly.markdown.renderers.markdown.inline import inline_markdown

__all__ = ["MarkdownRenderer", "MarkdownResult", "Verify", "blocks_to_markdown", "inline_markdown"]

Block = dict[str, Any]


@dataclass
class MarkdownResult:
    text: str
    kept: list[Block] = field(default_factory=list)  # blocks written as placeholders


def blocks_to_markdown(blocks: list[Block], *, verify: Verify | None = None,
                       footnotes: Mapping[int, str] | None = None,
                       image_url: Callable[[str], str] | None = None) -> MarkdownResult:
    """Markdown for a list of top-level blocks (request form, children nested)."""
    renderer = MarkdownRenderer(verify=verify, footnotes=footnotes, image_url=image_url)
    return MarkdownResult(renderer.render(blocks), renderer.kept)
