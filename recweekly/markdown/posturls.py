"""Where NotionNext serves a post, so that a link to it lands there.

NotionNext builds a post's path from its `POST_URL_PREFIX` (`article` by default; may be empty;
`/`-separated segments, each plain text or exactly one of `%year%`, `%month%`, `%day%`,
`%category%`, `%slug%`) and the slug; `POST_URL_PREFIX_MAPPING_CATEGORY` renames a category in
the path (usually 日报 → daily). The rules below are its `generateCustomizeSlug` and
`adjustPageProperties`, including the unexpected parts: a placeholder without a value (no
category) drops its segment, `%slug%` adds the slug *and* the slug still follows, runs of `/`
collapse, `PSEUDO_STATIC` appends `.html`. Dates are the post's calendar date as written (what
NotionNext reads back as the date column's `start_date`). Only a `Post` gets the prefix; a `Page`
(or a menu entry) is served at `/<slug>`, a `Notice` has no page, and nothing but `Published` or
`Invisible` is served at all.

A second language's database is served under its locale (`NOTION_PAGE_ID = "<zh id>,en:<en id>"`
puts English under `/en/`): `lang_prefix` says which language has which prefix.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote

from recweekly.config import NotionSettings
from recweekly.post import Post

SERVED_STATUSES = ("Published", "Invisible")
_SLASHES = re.compile(r"/+")


def _values(post: Post, settings: NotionSettings) -> dict[str, str]:
    values = {"%slug%": post.slug}
    date = post.date
    if date is not None:
        day = date.date() if isinstance(date, dt.datetime) else date
        values.update({"%year%": str(day.year), "%month%": f"{day.month:02d}", "%day%": f"{day.day:02d}"})
    category = str(post.meta.get("category") or "")
    if category:
        values["%category%"] = settings.post_url_prefix_mapping_category.get(category, category)
    return values


def _prefixed(pattern: str, values: dict[str, str], slug: str) -> str:
    """NotionNext's generateCustomizeSlug."""
    segments = pattern.split("/")
    prefix = ""
    for index, segment in enumerate(segments):
        if values.get(segment):
            prefix += values[segment]
        elif "%" not in segment:
            prefix += segment
        else:
            continue  # a placeholder without a value: dropped, with no "/" after it
        if index != len(segments) - 1:
            prefix += "/"
    prefix = prefix.removeprefix("/").removesuffix("/")
    return f"{prefix}/{slug}" if prefix else slug


def needs_date(settings: NotionSettings) -> bool:
    return any(s in ("%year%", "%month%", "%day%") for s in settings.post_url_prefix.split("/"))


def post_path(post: Post, settings: NotionSettings) -> str | None:
    """The path NotionNext serves `post` at (percent-encoded, from `/`), or None when it serves none.

    None also when the prefix needs a date the post lacks: NotionNext would take the page's
    creation time, which is not known here.
    """
    kind = str(post.meta.get("type", "Post"))
    if post.status not in SERVED_STATUSES or kind == "Notice":
        return None
    if kind == "Post":
        if needs_date(settings) and post.date is None:
            return None
        href = _prefixed(settings.post_url_prefix, _values(post, settings), post.slug)
    else:
        href = post.slug
    if settings.pseudo_static and not href.endswith(".html") and href not in ("", "#", "/"):
        href += ".html"
    locale = settings.lang_prefix.get(post.lang, "")
    return quote(_SLASHES.sub("/", f"/{locale}/{href}"), safe="/")


def post_url(post: Post, settings: NotionSettings) -> str | None:
    """The post's address on the blog (`site_url` + its path), or None (no site_url, or not served)."""
    path = post_path(post, settings)
    if not settings.site_url or path is None:
        return None
    return settings.site_url.rstrip("/") + path
