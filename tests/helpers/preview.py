"""A post body as the preview shows it, for tests of what the preview adds to the renderers."""

from __future__ import annotations

from dataclasses import dataclass

from recweekly.markdown import DocumentContext, parse_document
from recweekly.markdown.renderers.html import blocks_to_html
from recweekly.markdown.renderers.notion import document_to_blocks
from recweekly.preview import publish_warnings


@dataclass(frozen=True)
class PreviewBody:
    body: str
    warnings: list[str]


def render_body(markdown: str, context: DocumentContext | None = None) -> PreviewBody:
    """A body as the preview shows it: one parse, one render of its Notion blocks, their HTML and the
    warnings `publish` would give."""
    document = parse_document(markdown, context)
    rendered = document_to_blocks(document)
    return PreviewBody(blocks_to_html(rendered.blocks).body, publish_warnings(document, rendered))
