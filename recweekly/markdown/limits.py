"""What a published page can show, as Notion's limits draw it (DESIGN §5).

The blog is a NotionNext site, so a post finally *is* a Notion page: a link whose URL is longer
than Notion accepts is no link, an equation longer than Notion accepts is code, and headings stop
where Notion's do. These are decisions about the page, not about one output format, so they live
in the core: the Notion renderer obeys them and the preview shows them, from the same numbers.
"""

from __future__ import annotations

MAX_TEXT = 2000  # characters (UTF-16 units) per rich-text content, and per URL
MAX_EQUATION = 1000  # characters per equation expression
MAX_HEADING_LEVEL = 4  # heading_4 is the deepest Notion has: `#####` and `######` show as `####`
