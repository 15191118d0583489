"""The page icon and cover a post asks for, read once for publish and the preview.

`recweekly.pagemedia` says what a value is (emoji, URL, repository image, Font Awesome class); this
adds what it means for the page: a key left out leaves Notion's icon or cover alone, an empty value
removes it, a Font Awesome `icon` is a column value for menus rather than the page icon, and a
repository image is resolved like a body image. Publish turns the result into request values, the
preview into the article header NotionNext will show.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from recweekly.markdown.images import ImagePath, resolve_image
from recweekly.pagemedia import MediaKind, classify_cover, classify_icon

PAGE_MEDIA_KEYS = ("icon", "cover")


@dataclass(frozen=True)
class PageMedia:
    """The page icon or cover a post asks for: `kind` None means "remove it" (the key with no value)."""

    key: str
    value: str
    kind: MediaKind | None
    image: ImagePath | None = None  # the repository image, for MediaKind.FILE


def page_media(meta: Mapping[str, Any], source: Path, repo_root: Path) -> dict[str, PageMedia]:
    """The post's page icon and cover, for the keys its front matter sets (a Font Awesome icon left out)."""
    found: dict[str, PageMedia] = {}
    for key in PAGE_MEDIA_KEYS:
        if key not in meta:
            continue
        value = str(meta[key]).strip()
        kind = (classify_icon if key == "icon" else classify_cover)(value) if value else None
        if kind is MediaKind.FONT_AWESOME:
            continue
        image = resolve_image(unquote(urlsplit(value).path), source, repo_root) if kind is MediaKind.FILE else None
        found[key] = PageMedia(key, value, kind, image)
    return found
