"""Markdown → Notion block objects: the renderer `publish` sends.

`markdown_to_blocks` is what publishing calls (one parse, one render, and a `PostContentError` naming
every missing local image); `document_to_blocks` renders a `Document` already parsed for another
output too (the preview takes publish's warnings from it) and leaves the problems in the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recweekly.errors import PostContentError, Problem
from recweekly.markdown.document import Document, DocumentContext, parse_document
from recweekly.markdown.renderers.notion.blocks import NotionBlockRenderer

__all__ = ["RenderResult", "document_to_blocks", "markdown_to_blocks"]

Block = dict[str, Any]


@dataclass
class RenderResult:
    blocks: list[Block]  # as in an append-children body; children nested to any depth
    warnings: list[str] = field(default_factory=list)  # "<file>:<line>: message"
    local_images: list[Path] = field(default_factory=list)  # resolved, first-seen order, unique
    problems: list[Problem] = field(default_factory=list)  # what stops publishing (missing images)


def document_to_blocks(document: Document) -> RenderResult:
    renderer = NotionBlockRenderer(document)
    blocks = renderer.render_blocks(document.tokens)
    report = renderer.report
    return RenderResult(blocks, report.warnings, renderer.local_images, report.problems)


def markdown_to_blocks(markdown: str, context: DocumentContext | None = None) -> RenderResult:
    """Convert one post body; raises PostContentError naming every missing local image."""
    # No pause of the cyclic collector here (unlike the preview's page, see `gcpause`): counted in
    # instructions, a pause saves 1-2% on a 22k- or 65k-character post and costs 6-7% on a 1.5k or 4.6k one.
    document = parse_document(markdown, context)
    result = document_to_blocks(document)
    where = document.where if result.problems else ""
    if result.problems:
        count = len(result.problems)
        raise PostContentError(f"{where}: {count} local image{'s' if count > 1 else ''} not found", result.problems)
    return result
