"""Where links go on the page: post links become blog URLs; other targets keep their text."""

from __future__ import annotations

from pathlib import Path

from recweekly.markdown.links import PostLinks
from recweekly.post import load_post
from tests.helpers.posts import write_post


def test_relative_md_links_become_article_urls(tmp_path: Path) -> None:
    a = write_post(tmp_path / "posts" / "2026" / "w10.en.md", "x\n", slug="w10")
    write_post(tmp_path / "posts" / "w09.en.md", "x\n", slug="w09")
    posts = [load_post(p) for p in sorted((tmp_path / "posts").rglob("*.md"))]
    links = PostLinks("https://blog.example.org/", posts)
    resolve = links.resolver(a)
    assert resolve("../w09.en.md") == "https://blog.example.org/article/w09"
    assert resolve("../w09.en.md#roundup") == "https://blog.example.org/article/w09#roundup"
    assert resolve("https://example.org/x.md") is None
    assert resolve("missing.md") is None and links.unresolved == ["missing.md"]
    assert resolve("image.png") is None
