"""Where links go on the page: post links become blog URLs; other targets keep their text."""

from __future__ import annotations

from pathlib import Path

import pytest

from recweekly.config import NotionSettings
from recweekly.markdown.links import PostLinks, link_target, linked_file
from recweekly.post import load_post
from tests.helpers.posts import write_post


def test_relative_md_links_become_article_urls(tmp_path: Path) -> None:
    a = write_post(tmp_path / "posts" / "2026" / "w10.en.md", "x\n", slug="w10", status="Published")
    write_post(tmp_path / "posts" / "w09.en.md", "x\n", slug="w09", status="Published")
    posts = [load_post(p) for p in sorted((tmp_path / "posts").rglob("*.md"))]
    links = PostLinks(NotionSettings(site_url="https://blog.example.org/"), posts)
    resolve = links.resolver(a)
    assert resolve("../w09.en.md") == "https://blog.example.org/article/w09"
    assert resolve("../w09.en.md#roundup") == "https://blog.example.org/article/w09#roundup"
    assert resolve("https://example.org/x.md") is None
    assert resolve("missing.md") is None and links.unresolved == ["missing.md"]
    assert resolve("image.png") is None


def test_links_follow_the_blogs_url_settings_and_the_target_posts_language(tmp_path: Path) -> None:
    """A Chinese post linking its English translation, served under /en/ by a dated prefix."""
    zh = write_post(tmp_path / "posts" / "w10.zh.md", "x\n", slug="w10", lang="zh", status="Published")
    write_post(tmp_path / "posts" / "w10.en.md", "x\n", slug="w10-en", lang="en", status="Published",
               date="2026-03-09", category="日报")
    write_post(tmp_path / "posts" / "draft.en.md", "x\n", slug="later", status="Draft")
    posts = [load_post(p) for p in sorted((tmp_path / "posts").glob("*.md"))]
    settings = NotionSettings(site_url="https://blog.example.org", post_url_prefix="%category%/%year%/%month%",
                              post_url_prefix_mapping_category={"日报": "daily"}, lang_prefix={"en": "en"})
    links = PostLinks(settings, posts)
    resolve = links.resolver(zh)
    assert resolve("w10.en.md") == "https://blog.example.org/en/daily/2026/03/w10-en"
    assert resolve("draft.en.md") is None  # a Draft is not served: the link would be dead
    assert links.unresolved == ["draft.en.md"]


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("MAILTO:editor@example.org", "mailto:editor@example.org"),  # Notion refuses an upper-case scheme
        ("HTTPS://Example.org/A?B=C", "https://Example.org/A?B=C"),  # only the scheme changes
        ("Http://e.org", "http://e.org"),
        ("https://e.org/x", "https://e.org/x"),
    ],
)
def test_link_schemes_are_lower_cased(url: str, target: str) -> None:
    warnings: list[str] = []
    assert link_target(url, None, lambda message, snippet=None: warnings.append(message)) == target
    assert warnings == []


def test_linked_files_are_found_through_symbolic_links(tmp_path: Path) -> None:
    """A post linked through a symlinked folder or file is the file itself (its slug is read from
    it), as `Path.resolve` finds it, though only the components below the post's folder are looked at."""
    (tmp_path / "posts").mkdir()
    (tmp_path / "drafts").mkdir()
    (tmp_path / "posts" / "a.md").write_text("", encoding="utf-8")
    (tmp_path / "alias").symlink_to(tmp_path / "posts", target_is_directory=True)
    (tmp_path / "posts" / "b.md").symlink_to(tmp_path / "posts" / "a.md")
    base = (tmp_path / "drafts").resolve()
    real = (tmp_path / "posts" / "a.md").resolve()
    hrefs = ("../posts/a.md", "../alias/a.md", "../alias/b.md#top", "x/../../alias/a.md", str(tmp_path / "alias/a.md"))
    for href in hrefs:
        assert linked_file(base, href) == (real, "top" if href.endswith("#top") else ""), href
    assert linked_file(base, "../missing/a.md") == ((tmp_path / "missing" / "a.md").resolve(), "")
    assert linked_file(base, "https://example.org/a.md") is None
