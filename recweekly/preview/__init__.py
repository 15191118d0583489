"""Local HTML preview of a draft or post: the page as NotionNext will show it, following every edit.

`article` renders one post (parsed once: body HTML, publish's warnings, word count, marks, regions);
`page` lays it out; `dashboard` is the index; `server` serves them on 127.0.0.1 with live reload
(`watch`); `assets` holds the stylesheet, the script and the vendored KaTeX. Nothing here imports
from `publish/`: the preview is one renderer among equals over the Markdown core.
"""

from __future__ import annotations

from recweekly.preview.article import Previewer, PreviewPage, publish_warnings, render_post_page

__all__ = ["PreviewPage", "Previewer", "publish_warnings", "render_post_page"]
