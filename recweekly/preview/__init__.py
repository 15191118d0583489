"""Local HTML preview of a draft or post: the same AST as publish, rendered to a page.

`render_post_page` is the one entry point shared by the server (fresh on every request) and
`recweekly preview --output`; the two differ only in how local files are referred to (server paths,
or data: URIs inlined so the file stands alone).
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from recweekly.config import Config

__all__ = ["PreviewPage", "in_content_dirs", "relative_to_root", "render_post_page"]


@dataclass(frozen=True)
class PreviewPage:
    html: str
    warnings: list[str]


def relative_to_root(config: Config, path: Path) -> str | None:
    """POSIX path of `path` inside the blog root, or None when it is outside (after symlinks)."""
    try:
        return Path(path).resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        return None


def in_content_dirs(config: Config, path: Path) -> bool:
    """True for a file under drafts/ or posts/ — the only Markdown the server renders."""
    resolved = Path(path).resolve()
    return any(folder in resolved.parents for folder in (config.drafts_path.resolve(), config.posts_path.resolve()))


def _data_uri(path: Path) -> str:
    from recweekly.preview.html import content_type

    encoded = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"data:{content_type(path)};base64,{encoded}"


def render_post_page(config: Config, path: Path, *, standalone: bool = False) -> PreviewPage:
    """Load, validate and render one post file; raises InputError like every other command."""
    from recweekly.markdown.plaintext import markdown_to_text
    from recweekly.post import load_post
    from recweekly.preview.html import PreviewContext, preview_path, render_html
    from recweekly.preview.page import post_page
    from recweekly.publish.links import PostLinks
    from recweekly.publish.notion.blocks import BlockContext
    from recweekly.publish.sync.jobs import load_all_posts
    from recweekly.publish.sync.publisher import NOTES_HEADING

    display = relative_to_root(config, path) or str(path)
    post = load_post(path, config.languages, display=display)
    others, _broken = load_all_posts(config)  # broken neighbours only matter to their own links
    links = PostLinks(config.notion.site_url, others)
    blocks = BlockContext(
        source_path=Path(path), repo_root=config.root, resolve_post_link=links.resolver(Path(path)),
        notes_heading=NOTES_HEADING.get(post.lang, "Notes"), line_offset=post.body_first_line - 1,
    )

    image_url: Callable[[Path], str]
    local_post_url: Callable[[Path], str | None]
    if standalone:
        image_url = _data_uri

        def local_post_url(target: Path) -> str | None:
            return None
    else:
        def image_url(target: Path) -> str:
            rel = relative_to_root(config, target)
            return preview_path(rel) if rel else ""

        def local_post_url(target: Path) -> str | None:
            rel = relative_to_root(config, target)
            if rel is None or not target.is_file() or not in_content_dirs(config, target):
                return None
            return preview_path(rel)

    context = PreviewContext(blocks=blocks, image_url=image_url, local_post_url=local_post_url,
                             site_url=config.notion.site_url)
    result = render_html(post.body, context)
    page = post_page(post, result.body, markdown_to_text(post.body), result.warnings)
    return PreviewPage(html=page, warnings=result.warnings)
