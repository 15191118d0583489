"""Sibling renderers over one `Document`, as mistune's are over one AST.

`notion` (blocks for publishing) and `html` (the preview's body) each take the same parsed
document and ask it the same decisions; neither subclasses the other. Logic both share lives in
the neutral helpers `_inline` (inline tokens → styled spans) and `_blocks` (table rows, heading
levels, footnote items). The word count has no renderer of its own: NotionNext counts the page's
blocks, so `notion.pagetext` reads the Notion renderer's output as NotionNext does. A renderer the
other way, Notion blocks back to Markdown for pulling edits in, belongs here as one more sibling:
it reads blocks rather than a Document, and takes the page's vocabulary (`limits`, `alerts`,
`languages`) from the core.
"""
