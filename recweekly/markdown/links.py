"""Where a link in a post goes on the published page.

Notion links only web and mail addresses, so every other href is decided here once: a relative
`.md` link to another post becomes that post's URL on the blog (writers link posts the way GitHub
previews them, `[last week](2026-W09.en.md)`, while readers must land where NotionNext serves it,
`/article/<slug>` by default: see `posturls`), and anything else — other schemes, in-page
anchors, relative files — keeps its text without a link, with a warning. The slug is taken from
the linked post's front matter, so renaming a file never breaks a published link. A web or mail
address keeps everything but the case of its scheme, which Notion wants lower-case.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from recweekly.config import NotionSettings
from recweekly.fsutil import resolved_below
from recweekly.markdown.limits import MAX_TEXT
from recweekly.markdown.posturls import post_url
from recweekly.markdown.reporting import Warn
from recweekly.post import Post

LINKABLE_SCHEMES = ("http", "https", "mailto")
POST_SUFFIXES = (".md", ".markdown")

ResolvePostLink = Callable[[str], "str | None"]  # relative .md href → blog URL, or None


def link_target(url: str, resolve_post_link: ResolvePostLink | None, warn: Warn) -> str | None:
    """The URL the page links to, or None (with a warning) to keep only the text."""
    if not url:
        return None
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in LINKABLE_SCHEMES:
        if len(url) > MAX_TEXT:
            warn(f"link URL longer than {MAX_TEXT} characters kept as text", url[:80])
            return None
        return scheme + url[len(parts.scheme):]  # Notion refuses `MAILTO:` / `HTTPS:` ("Invalid URL for link")
    if scheme:
        warn(f"link {url!r} has a scheme Notion cannot link; kept its text", url)
        return None
    if unquote(parts.path).lower().endswith(POST_SUFFIXES):
        target = resolve_post_link(url) if resolve_post_link else None
        if target and len(target) <= MAX_TEXT:
            return target
        warn(f"link to {url!r} is not a published post; kept its text without a link", url)
        return None
    if url.startswith("#"):
        warn(f"in-page link {url!r} kept as text (Notion has no heading anchors)", url)
    else:
        warn(f"relative link {url!r} is not a post; kept its text without a link", url)
    return None


class PostLinks:
    """Maps post files (resolved paths) to posts; resolves hrefs found in one post's body."""

    def __init__(self, settings: NotionSettings, posts: Iterable[Post]) -> None:
        self.settings = settings
        self._posts: dict[Path, Post] = {Path(post.path).resolve(): post for post in posts}
        self.unresolved: list[str] = []

    def resolver(self, source: Path) -> ResolvePostLink:
        """A `resolve_post_link` for a post's document: href → blog URL, or None to leave it."""
        base = Path(source).resolve().parent

        def resolve(href: str) -> str | None:
            found = linked_file(base, href)
            if found is None:
                return None
            url = linked_url(self._posts.get(found[0]), self.settings, found[1])
            if url is None:  # no such post, not served (a draft), or no site_url
                self.unresolved.append(href)
            return url

        return resolve


def linked_file(base: Path, href: str) -> tuple[Path, str] | None:
    """The file (resolved) a relative `.md` href in a post whose folder is `base` (resolved) names,
    with the href's fragment; None for any other href."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    if not path.lower().endswith(".md"):
        return None
    return resolved_below(base, posixpath.normpath(posixpath.join(base.as_posix(), path))), parts.fragment


def linked_url(post: Post | None, settings: NotionSettings, fragment: str = "") -> str | None:
    """Where a link to `post` lands on the blog (None: no post, not served, or no site_url)."""
    url = post_url(post, settings) if post is not None else None
    if url is None:
        return None
    return f"{url}#{fragment}" if fragment else url
