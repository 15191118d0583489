"""Sibling renderers over one `Document`, as mistune's are over one AST.

`notion` (blocks for publishing) and `html` (the preview's body) each take the same parsed
document and ask it the same decisions; neither subclasses the other. Logic both share lives in
the neutral helpers `_inline` (inline tokens → styled spans) and `_blocks` (table rows, heading
levels, footnote items). The word count has no renderer of its own: NotionNext counts the page's
blocks, so `notion.pagetext` reads the Notion renderer's output as NotionNext does. `markdown` is
the renderer the other way, Notion blocks back to Markdown for pulling edits in (`recweekly pull`):
it reads blocks rather than a Document, takes the page's vocabulary (`limits`, `alerts`,
`languages`, `placeholders`) from the core, and is checked by its caller against the Notion
renderer, never by importing it.
"""
