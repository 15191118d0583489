"""The neutral Markdown core: one mistune parse, the decisions about it, and sibling renderers.

`parse_document` gives a `Document` (tokens + link targets, images, alerts, `<details>`, raw HTML,
footnotes heading, warnings with lines); `recweekly.markdown.renderers` turn it into Notion blocks
(whose text, read as NotionNext reads it, is the word count) or preview HTML. Nothing here knows
about publishing or the preview server.
"""

from __future__ import annotations

from recweekly.markdown.document import NOTES_HEADING, Document, DocumentContext, parse_document
from recweekly.markdown.parser import parse_markdown

__all__ = ["NOTES_HEADING", "Document", "DocumentContext", "parse_document", "parse_markdown"]
