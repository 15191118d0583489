"""Where NotionNext serves a post: one case per POST_URL_PREFIX pattern, language path and post type."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from recweekly.config import NotionSettings
from recweekly.markdown.posturls import post_path, post_url
from recweekly.post import Post, load_post
from tests.helpers.posts import write_post
from tests.helpers.publishing import Env, configure, only_page

SITE = "https://blog.example.org"


def a_post(tmp_path: Path, **front: Any) -> Post:
    """A published post; a key given as None is left out of the front matter."""
    meta: dict[str, Any] = {"slug": "recsys-weekly-2026-w10", "status": "Published", "date": "2026-03-09",
                            "category": "RecSys Weekly"}
    meta.update(front)
    path = write_post(tmp_path / "posts" / "p.md", "Body.\n", **meta)
    path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not line.endswith(": None\n")), encoding="utf-8")
    return load_post(path)


@pytest.mark.parametrize(
    ("settings", "path"),
    [
        ({}, "/article/recsys-weekly-2026-w10"),  # NotionNext's default prefix
        ({"post_url_prefix": ""}, "/recsys-weekly-2026-w10"),
        ({"post_url_prefix": "posts"}, "/posts/recsys-weekly-2026-w10"),
        ({"post_url_prefix": "article/%year%/%month%/%day%"}, "/article/2026/03/09/recsys-weekly-2026-w10"),
        ({"post_url_prefix": "%year%/%month%"}, "/2026/03/recsys-weekly-2026-w10"),
        ({"post_url_prefix": "%category%"}, "/RecSys%20Weekly/recsys-weekly-2026-w10"),  # encoded as browsers do
        ({"post_url_prefix": "%category%", "post_url_prefix_mapping_category": {"RecSys Weekly": "weekly"}},
         "/weekly/recsys-weekly-2026-w10"),
        ({"post_url_prefix": "%slug%"}, "/recsys-weekly-2026-w10/recsys-weekly-2026-w10"),  # NotionNext adds both
        ({"post_url_prefix": "/article/"}, "/article/recsys-weekly-2026-w10"),
        ({"lang_prefix": {"en": "en"}}, "/en/article/recsys-weekly-2026-w10"),  # English beside a Chinese site
        ({"lang_prefix": {"zh": "zh"}}, "/article/recsys-weekly-2026-w10"),  # other languages' prefixes only
        ({"pseudo_static": True}, "/article/recsys-weekly-2026-w10.html"),
        ({"post_url_prefix": "", "pseudo_static": True, "lang_prefix": {"en": "en"}},
         "/en/recsys-weekly-2026-w10.html"),
    ],
)
def test_post_path_per_notionnext_setting(tmp_path: Path, settings: dict[str, Any], path: str) -> None:
    assert post_path(a_post(tmp_path), NotionSettings(**settings)) == path


@pytest.mark.parametrize(
    ("front", "path"),
    [
        ({"category": "日报"}, "/daily/2026/recsys-weekly-2026-w10"),  # mapped to English
        ({"category": "论文"}, "/%E8%AE%BA%E6%96%87/2026/recsys-weekly-2026-w10"),  # unmapped, percent-encoded
        ({"category": None}, "/2026/recsys-weekly-2026-w10"),  # no category: NotionNext drops the segment
        ({"date": "2026-01-02T23:30:00+08:00"}, "/RecSys%20Weekly/2026/recsys-weekly-2026-w10"),
    ],
)
def test_category_and_date_come_from_the_post(tmp_path: Path, front: dict[str, Any], path: str) -> None:
    post = a_post(tmp_path, **front)
    settings = NotionSettings(post_url_prefix="%category%/%year%", post_url_prefix_mapping_category={"日报": "daily"})
    assert post_path(post, settings) == path


@pytest.mark.parametrize(
    ("front", "path"),
    [
        ({"type": "Page"}, "/recsys-weekly-2026-w10"),  # pages have no prefix
        ({"type": "Menu"}, "/recsys-weekly-2026-w10"),
        ({"type": "Notice"}, None),  # an announcement, not a page of its own
        ({"status": "Draft"}, None),  # NotionNext serves only Published and Invisible
        ({"status": "Invisible"}, "/article/2026/recsys-weekly-2026-w10"),
    ],
)
def test_what_notionnext_serves_by_type_and_status(tmp_path: Path, front: dict[str, Any], path: str | None) -> None:
    assert post_path(a_post(tmp_path, **front), NotionSettings(post_url_prefix="article/%year%")) == path


def test_a_dated_prefix_needs_the_posts_date(tmp_path: Path) -> None:
    post = a_post(tmp_path, date=None)
    assert post.date is None
    assert post_path(post, NotionSettings(post_url_prefix="article/%year%")) is None  # Notion's creation time
    assert post_path(post, NotionSettings()) == "/article/recsys-weekly-2026-w10"


def test_post_url_needs_site_url(tmp_path: Path) -> None:
    post = a_post(tmp_path)
    assert post_url(post, NotionSettings()) is None
    assert post_url(post, NotionSettings(site_url=SITE + "/")) == SITE + "/article/recsys-weekly-2026-w10"


# -- through `publish`: a link between posts as NotionNext serves it


def test_a_link_to_another_post_uses_the_blogs_url_prefix_and_language_path(env: Env) -> None:
    configure(env, 'site_url = "https://blog.example.org"\npost_url_prefix = "article/%year%/%month%"\n'
                   'lang_prefix = {en = "en"}')
    env.write_post("w09.en.md", "Last week.\n", slug="w09", date="2026-02-27")
    env.write_post("w10.en.md", "See [last week](w09.en.md#roundup).\n", slug="w10")
    result = env.run("--all")
    assert result.exit_code == 0, result.output
    (paragraph,) = env.notion.page_blocks(only_page(env)["id"])
    hrefs = [r["href"] for r in paragraph["paragraph"]["rich_text"] if r["href"]]
    assert hrefs == ["https://blog.example.org/en/article/2026/02/w09#roundup"]
