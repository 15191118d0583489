"""Which files the preview may show, and the URL path of each: the server's routing vocabulary."""

from __future__ import annotations

import base64
import mimetypes
from pathlib import Path
from urllib.parse import quote

from recweekly.config import Config

IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp", ".ico"}


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


def data_uri(path: Path) -> str:
    """A file as a data: URI, for the standalone page that must show images without a server."""
    encoded = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"data:{content_type(path)};base64,{encoded}"
