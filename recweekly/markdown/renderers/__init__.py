"""Sibling renderers of a post, as mistune's are over one AST.

`notion` turns a parsed `Document` into the Notion blocks `publish` sends; it asks the document
every decision (links, images, alerts, `<details>`), writes inline tokens straight into rich text
(`notion.inline`) and reads block shapes from the neutral `_blocks` (table rows, heading levels,
footnote items).
Two renderers start from those blocks instead, as the outside world does: `html` draws them as the
preview's article, the way react-notion-x draws NotionNext's pages from a page's blocks (so the
preview shows exactly what Notion will hold), and `markdown` turns them back into Markdown for
pulling edits made in Notion (`recweekly pull`). They read blocks and rich text through the neutral
`_fromblocks`, take the page's vocabulary (`limits`, `alerts`, `languages`, `placeholders`, `marks`)
from the core, and never import another renderer. The word count has no renderer of its own:
NotionNext counts the page's blocks, so `notion.pagetext` reads the Notion renderer's output as
NotionNext does.
"""
