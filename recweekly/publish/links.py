"""Links between posts: a relative `.md` link in a post becomes that post's URL on the blog.

Writers link posts the way GitHub previews them (`[last week](2026-W09.en.md)`); readers of the
blog must land on NotionNext's `/article/<slug>`. The slug is taken from the linked post's front
matter, so renaming a file never breaks a published link.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from recweekly.post import Post


def article_url(site_url: str, slug: str) -> str:
    base = site_url.rstrip("/")
    return f"{base}/article/{slug}"


class PostLinks:
    """Maps post files (resolved paths) to slugs; resolves hrefs found in one post's body."""

    def __init__(self, site_url: str, posts: Iterable[Post]) -> None:
        self.site_url = site_url
        self._slugs: dict[Path, str] = {}
        for post in posts:
            self._slugs[Path(post.path).resolve()] = post.slug
        self.unresolved: list[str] = []

    def resolver(self, source: Path) -> Callable[[str], str | None]:
        """A `resolve_post_link` for the block renderer: href → blog URL, or None to leave it."""
        base = Path(source).resolve().parent

        def resolve(href: str) -> str | None:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                return None
            path = unquote(parts.path)
            if not path.lower().endswith(".md"):
                return None
            target = Path(posixpath.normpath((base / path).as_posix())).resolve()
            slug = self._slugs.get(target)
            if slug is None:
                self.unresolved.append(href)
                return None
            if not self.site_url:
                self.unresolved.append(href)
                return None
            url = article_url(self.site_url, slug)
            return f"{url}#{parts.fragment}" if parts.fragment else url

        return resolve
