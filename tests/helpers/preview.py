"""A post body as the preview shows it, for tests of what the preview adds to the HTML renderer."""

from __future__ import annotations

from dataclasses import dataclass

from recweekly.markdown import DocumentContext, parse_document
from recweekly.markdown.renderers.html import document_to_html
from recweekly.preview import publish_warnings


@dataclass(frozen=True)
class PreviewBody:
    body: str
    warnings: list[str]


def render_body(markdown: str, context: DocumentContext | None = None) -> PreviewBody:
    """A body as the preview shows it: one parse, its HTML and the warnings `publish` would give."""
    document = parse_document(markdown, context)
    return PreviewBody(document_to_html(document), publish_warnings(document))
