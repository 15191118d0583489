"""Local HTML preview of a draft or post: the post parsed once, rendered as the page will show it.

`render_post_page` is the one entry point shared by the server (fresh on every request) and
`recweekly preview --output`; the two differ only in how local files are referred to (server paths,
or data: URIs inlined so the file stands alone). The body is the HTML renderer's; the warnings are
the Notion renderer's over the same document, so the page lists exactly what `publish` would say.
"""

from __future__ import annotations

import base64
import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from recweekly.config import Config
from recweekly.markdown import Document, DocumentContext, parse_document
from recweekly.markdown.links import PostLinks
from recweekly.markdown.renderers.html import HtmlOptions, document_to_html
from recweekly.markdown.renderers.notion import RenderResult, document_to_blocks
from recweekly.post import declared_keys, load_all_posts, load_post
from recweekly.preview.page import post_page
from recweekly.wordcount import page_word_count

__all__ = ["IMAGE_TYPES", "PreviewPage", "content_type", "in_content_dirs", "preview_path", "publish_warnings",
           "relative_to_root", "render_post_page"]

IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp", ".ico"}


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


def content_type(path: Path) -> str:
    kind, _ = mimetypes.guess_type(path.name)
    return kind or "application/octet-stream"


def preview_path(rel: str) -> str:
    """URL path of a repo-relative file on the preview server."""
    return "/" + quote(rel)


def publish_warnings(document: Document, rendered: RenderResult | None = None) -> list[str]:
    """What `publish` would print for this document: the Notion renderer's warnings, run here.

    Missing images would stop `publish`; the preview shows the page anyway and says why.
    """
    result = rendered or document_to_blocks(document)
    return result.warnings + [f"{problem} (publish refuses this post)" for problem in result.problems]


def _data_uri(path: Path) -> str:
    encoded = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"data:{content_type(path)};base64,{encoded}"


def render_post_page(config: Config, path: Path, *, standalone: bool = False) -> PreviewPage:
    """Load, validate and render one post file; raises InputError like every other command."""
    display = relative_to_root(config, path) or str(path)
    post = load_post(path, config.languages, display=display, custom_keys=declared_keys(config))
    others, _broken = load_all_posts(config)  # broken neighbours only matter to their own links
    links = PostLinks(config.notion, others)
    document = parse_document(post.body, DocumentContext.for_post(post, config.root, links.resolver(Path(path))))

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

    options = HtmlOptions(image_url=image_url, local_post_url=local_post_url, site_url=config.notion.site_url)
    body = document_to_html(document, options)
    rendered = document_to_blocks(document)  # what publish sends: its warnings, NotionNext's 字数
    warnings = publish_warnings(document, rendered)
    page = post_page(post, body, page_word_count(rendered.blocks, password=post.meta.get("password")), warnings)
    return PreviewPage(html=page, warnings=warnings)
