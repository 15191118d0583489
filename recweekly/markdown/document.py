"""A post's Markdown parsed once, with every decision that does not depend on the output.

mistune's renderers are siblings over one AST; ours are too, and they also have to agree on what
the post *means* on the blog: where a link goes, which file an image is, that a quote is an alert,
that `<details>` wraps the Markdown after it, that comments vanish, what the footnotes section is
called. A `Document` holds the tokens and answers those questions, so the Notion blocks (and the
word count NotionNext takes from them) and the preview's HTML are renderings of one reading, and
an operation on a post parses it once however many outputs it needs.

The decisions that can warn take a `Warn`: a render whose warnings are wanted passes its
`Reporter.warn`, a second rendering of the same document passes `ignore`, so each warning is given
once and at the line it is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recweekly.fsutil import shown_path
from recweekly.markdown import alerts, details, images, links
from recweekly.markdown.parser import parse_line, parse_markdown
from recweekly.markdown.reporting import Reporter, Warn

if TYPE_CHECKING:
    from recweekly.post import Post

Token = dict[str, Any]

#: Heading of the footnotes section, by post language.
NOTES_HEADING = {"en": "Notes", "zh": "注释"}


@dataclass
class DocumentContext:
    """Where the Markdown comes from, so relative images and post links can be resolved."""

    source_path: Path | None = None  # the post file (for relative images/links)
    repo_root: Path | None = None
    resolve_post_link: links.ResolvePostLink | None = None  # relative .md href → blog URL
    notes_heading: str = "Notes"  # heading of the footnotes section ("注释" for zh posts)
    line_offset: int = 0  # lines above the Markdown in the file (front matter), for messages

    @classmethod
    def for_post(
        cls, post: Post, repo_root: Path | None, resolve_post_link: links.ResolvePostLink | None = None
    ) -> DocumentContext:
        """The context of a post file's body: its folder, language and front-matter height."""
        return cls(source_path=Path(post.path), repo_root=repo_root, resolve_post_link=resolve_post_link,
                   notes_heading=NOTES_HEADING.get(post.lang, "Notes"), line_offset=post.body_first_line - 1)


class Document:
    """mistune tokens of one Markdown body, plus the output-independent decisions about them."""

    def __init__(self, source: str, tokens: list[Token], context: DocumentContext | None = None) -> None:
        self.source = source
        self.tokens = tokens
        self.context = context or DocumentContext()
        # Each renderer asks the same questions of the same tokens: answered once per document.
        self._folded: dict[int, tuple[list[Token], list[Token], list[str]]] = {}
        self._images: dict[str, images.ImageRef] = {}

    # -- messages -----------------------------------------------------------------------------------

    @cached_property
    def where(self) -> str:
        """The file as messages name it: relative to the repository when inside it."""
        path, root = self.context.source_path, self.context.repo_root
        if path is None:
            return "<markdown>"
        return shown_path(path, root) if root is not None else str(path)

    def reporter(self) -> Reporter:
        """A fresh collector of warnings and problems for one render of this document."""
        return Reporter(self.source, lambda: self.where, self.context.line_offset)

    # -- decisions ----------------------------------------------------------------------------------

    @property
    def notes_heading(self) -> str:
        return self.context.notes_heading

    def fold_details(self, tokens: list[Token], warn: Warn) -> list[Token]:
        """One sibling list with each `<details>` element folded into a `details` token."""
        known = self._folded.get(id(tokens))
        if known is None or known[0] is not tokens:  # the list is kept in the entry, so its id stays its own
            folded, warnings = details.group_details(tokens, parse_markdown, parse_line)
            known = self._folded[id(tokens)] = (tokens, folded, warnings)
        for message in known[2]:
            warn(message, "<details")
        return known[1]

    def link_target(self, url: str, warn: Warn) -> str | None:
        """The URL the page links to, or None to keep only the link's text."""
        return links.link_target(url, self.context.resolve_post_link, warn)

    def image(self, url: str) -> images.ImageRef:
        ref = self._images.get(url)
        if ref is None:
            ref = self._images[url] = images.read_image_url(url, self.context.source_path, self.context.repo_root)
        return ref

    @property
    def images_read(self) -> list[images.ImageRef]:
        """Every image a renderer has asked about so far (what a page showing them depends on)."""
        return list(self._images.values())

    def alert(self, children: list[Token]) -> tuple[str, list[Token]] | None:
        """(`NOTE`…, children without the marker) when a quote is a GitHub alert."""
        return alerts.split_alert(children)


def parse_document(markdown: str, context: DocumentContext | None = None) -> Document:
    """The one parse of a Markdown body (no front matter) for every renderer that needs it."""
    return Document(markdown, parse_markdown(markdown), context)
