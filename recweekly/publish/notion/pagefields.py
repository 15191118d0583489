"""The page's own icon and cover (not columns): the request values a post asks for, and what changed.

NotionNext shows the page icon beside the title and the page cover as the article header and the
card image (its `pageIcon` / `pageCover`, read from the page itself). A key the front matter leaves
out leaves Notion's icon or cover alone (they are often set by hand in Notion); `cover:` with no
value removes it. Repository images become `local:<path>` file uploads, uploaded once per content
like body images; what Notion answers (a signed S3 URL that changes on every read) is compared by
the content hash recweekly put in the uploaded file's name, so an unchanged cover costs no write.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from recweekly.errors import Problem
from recweekly.markdown.pagemedia import page_media
from recweekly.pagemedia import MediaKind
from recweekly.publish.signatures import LOCAL_PREFIX, upload_hash_from_name


def wanted_page_fields(post: Any, repo_root: Path, display: str) -> tuple[dict[str, Any], list[Problem]]:
    """{"icon"/"cover": request value, or None to remove} for the keys the post has; and the problems.

    A Font Awesome `icon` is a column value, not the page icon: the page icon is then left alone.
    """
    wanted: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, media in page_media(post.meta, Path(post.path), repo_root).items():
        if media.kind is None:
            wanted[key] = None
        elif media.kind is MediaKind.EMOJI:
            wanted[key] = {"type": "emoji", "emoji": media.value}
        elif media.kind is MediaKind.URL:
            wanted[key] = {"type": "external", "external": {"url": media.value}}
        elif media.image is not None:
            image, line = media.image, post.line_of(key)
            if not image.inside_root:
                problems.append(Problem(display, f"{media.value!r} points outside the repository", line, key))
            elif not image.exists:
                problems.append(Problem(display, f"image {media.value!r} not found: {image.relative} does not exist "
                                                 "(add it or fix the path)", line, key))
            else:
                wanted[key] = {"type": "file_upload", "file_upload": {"id": f"{LOCAL_PREFIX}{image.relative}"}}
    return wanted, problems


def canonical(value: Mapping[str, Any] | None, local_hashes: Mapping[str, str]) -> tuple[str, Any]:
    """What an icon or cover shows, whether in request form or as Notion answers."""
    if not value:
        return ("none", None)
    kind = value.get("type") or next(k for k in value if k != "type")
    inner = value.get(kind) or {}
    if kind == "emoji":
        return ("emoji", inner if isinstance(inner, str) else None)
    if kind == "external":
        return ("external", inner.get("url"))
    if kind == "file_upload":
        ident = str(inner.get("id", ""))
        if ident.startswith(LOCAL_PREFIX):
            return ("upload", local_hashes.get(ident[len(LOCAL_PREFIX):]))
        return ("upload-id", ident)
    if kind == "file":  # uploaded: by the content hash in the file's name (the URL itself expires)
        url = str(inner.get("url", ""))
        found = upload_hash_from_name(url)
        return ("upload", found) if found else ("file", urlsplit(url).path)
    return (kind, json.dumps(inner, sort_keys=True))  # custom_emoji, icon: never what a post asks for


def diff_page_fields(page: Mapping[str, Any], wanted: Mapping[str, Any],
                     local_hashes: Mapping[str, str]) -> dict[str, Any]:
    """The icon/cover values of `wanted` that the page (as queried) does not show yet."""
    return {key: value for key, value in wanted.items()
            if canonical(page.get(key), local_hashes) != canonical(value, local_hashes)}
