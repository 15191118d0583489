"""Sibling renderers over one `Document`, as mistune's are over one AST.

`notion` (blocks for publishing), `html` (the preview's body) and `text` (plain text for the word
count) each take the same parsed document and ask it the same decisions; none subclasses another.
Logic two of them share lives in the neutral helpers `_inline` (inline tokens → styled spans) and
`_blocks` (table rows, heading levels, footnote items). `markdown` is the renderer the other way,
Notion blocks back to Markdown for pulling edits in (`recweekly pull`): it reads blocks rather than
a Document, takes the page's vocabulary (`limits`, `alerts`, `languages`, `placeholders`) from the
core, and is checked by its caller against the Notion renderer, never by importing it.
"""
