"""One post's preview page: what it shows at the top, and a cost that follows the page, not the blog."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from recweekly.config import load_config
from recweekly.markdown import Document, DocumentContext
from recweekly.poststats import post_stats
from recweekly.preview import Previewer, render_post_page
from recweekly.preview import article as article_module
from recweekly.preview.dashboard import Dashboard
from tests.helpers.blogs import note_of_w10, w10_blog
from tests.helpers.html import find
from tests.helpers.posts import PNG, write_post


def touch(path: Path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the post files the preview reads, in order."""
    seen: list[str] = []
    real = article_module.load_post

    def spy(path: Path, *args: object, **kwargs: object) -> object:
        seen.append(Path(path).name)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(article_module, "load_post", spy)
    return seen


def test_a_reload_reads_the_post_and_only_the_posts_it_links_to(blog: Path, loads: list[str]) -> None:
    (blog / "recweekly.toml").write_text('name = "T"\n[notion]\nsite_url = "https://blog.example"\n',
                                         encoding="utf-8")
    for n in range(30):
        write_post(blog / "posts" / f"p{n:02d}.md", f"Post {n}.\n", slug=f"post-{n}", status="Published")
    draft = write_post(blog / "drafts" / "w.md", "See [p3](../posts/p03.md), [p7](../posts/p07.md#x) and "
                                                  "[a draft](other.md).\n")
    previewer = Previewer(load_config(blog))
    page = previewer.render(draft)
    assert sorted(loads) == ["p03.md", "p07.md", "w.md"]
    hrefs = [a.attrs["href"] for a in find(page.html, "a") if a.text in ("p3", "p7")]
    assert hrefs == ["https://blog.example/article/post-3", "https://blog.example/article/post-7#x"]
    loads.clear()
    touch(draft)
    previewer.render(draft)
    assert loads == ["w.md"]  # the linked posts did not change: their slugs are kept
    write_post(blog / "posts" / "p03.md", "Renamed.\n", slug="post-three", status="Published")
    page = previewer.render(draft)  # a linked post changed: the page follows it
    assert "https://blog.example/article/post-three" in [a.attrs["href"] for a in find(page.html, "a")]


def test_an_unchanged_post_is_not_parsed_again_and_an_edited_one_is(blog: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    draft = write_post(blog / "drafts" / "w.md", "Body $x$ with a [link](https://e.com).\n")
    parsed: list[str] = []
    real = article_module.parse_document

    def spy(text: str, context: DocumentContext | None = None) -> Document:
        parsed.append(text)
        return real(text, context)

    monkeypatch.setattr(article_module, "parse_document", spy)
    previewer = Previewer(load_config(blog))
    previewer.render(draft)
    Dashboard(load_config(blog), previewer).summary(draft)  # the index's figures: the same parse
    previewer.render(draft)  # a reload with nothing changed
    assert len(parsed) == 1
    write_post(blog / "drafts" / "w.md", "Edited.\n")
    assert "Edited." in previewer.render(draft).html
    assert len(parsed) == 2


def test_word_count_is_the_one_stats_gives(blog: Path) -> None:
    body = "## Overview\n\nSome words here, 中文字符也算。\n\n| a | b |\n|---|---|\n| c | d |\n\n<!-- hidden -->\n"
    draft = write_post(blog / "drafts" / "w.md", body)
    config = load_config(blog)
    stats = post_stats(config, draft.read_text(encoding="utf-8"), "drafts/w.md")
    words = find(render_post_page(config, draft).html, "span", "words")[0].text
    assert words == f"Words {stats.words}"


def test_header_shows_cover_icon_badge_and_counts_every_todo(blog: Path) -> None:
    (blog / "images").mkdir()
    (blog / "images" / "cover.png").write_bytes(PNG)
    body = "TODO: overview.\n\n⟦zh→en TODO: 中文摘要⟧\n\n<!-- TODO: a note to self -->\n\n## Section\n"
    draft = write_post(blog / "drafts" / "w.md", body, icon="🧪", cover="../images/cover.png",
                       summary="'TODO: one sentence'")
    page = render_post_page(load_config(blog), draft).html
    assert find(page, "div", "cover")[0].children[0].attrs["src"] == "/images/cover.png"
    assert find(page, "span", "page-icon")[0].text == "🧪"
    assert [b.text for b in find(page, "span", "badge")] == ["Draft"]
    (bar,) = find(page, "div", "todo-bar")
    assert [e.text for e in find(page, "span", "count")] == ["2", "1"]  # summary + overview; one fallback
    assert [a.attrs["href"] for a in bar.children[0].children if a.tag == "a"] == ["#todo-1", "#todo-2"]
    assert "+1 more in HTML comments" in bar.text
    assert [a.attrs["href"] for a in find(page, "nav", "toc")[0].children if a.tag == "a"] == ["#section"]


@pytest.mark.parametrize(("front", "shown"), [
    ({"cover": "https://example.com/c.png"}, "cover image not loaded in the preview: https://example.com/c.png"),
    ({"cover": "../images/none.png"}, "cover image not found: ../images/none.png"),
])
def test_a_cover_that_cannot_be_shown_says_why_and_fetches_nothing(blog: Path, front: dict[str, str],
                                                                   shown: str) -> None:
    draft = write_post(blog / "drafts" / "w.md", "Body.\n", **front)
    page = render_post_page(load_config(blog), draft).html
    assert find(page, "div", "cover")[0].text == shown and not find(page, "img")


@pytest.mark.parametrize(("folder", "status", "badge"), [
    ("posts", "Published", []), ("posts", "Invisible", ["Invisible"]), ("drafts", "Published", ["Draft"]),
])
def test_the_badge_says_draft_or_invisible(blog: Path, folder: str, status: str, badge: list[str]) -> None:
    path = write_post(blog / folder / "p.md", "Body.\n", status=status)
    assert [b.text for b in find(render_post_page(load_config(blog), path).html, "span", "badge")] == badge


def test_regions_out_of_date_with_the_notes_or_edited_by_hand_are_listed(tmp_path: Path) -> None:
    draft = w10_blog(tmp_path / "blog")
    config = load_config(tmp_path / "blog")
    previewer = Previewer(config)
    assert not find(previewer.render(draft).html, "details", "regions")  # just generated: up to date
    note = note_of_w10(tmp_path / "blog")
    text = note.read_text(encoding="utf-8")
    note.write_text(text.replace("Treats the ranking Transformer", "Tunes the ranking Transformer"), encoding="utf-8")
    (regions,) = find(previewer.render(draft).html, "details", "regions")
    assert "roundup is out of date with the notes: run `recweekly fill drafts/2026-W10.en.md`" in regions.text
    text = draft.read_text(encoding="utf-8")
    draft.write_text(text.replace("Week 10 of 2026", "Week ten of 2026"), encoding="utf-8")  # in the facts region
    (regions,) = find(previewer.render(draft).html, "details", "regions")
    assert "facts was edited by hand" in regions.text


def test_only_recent_parses_are_kept_but_every_shown_page_stays_followed(blog: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(article_module, "KEPT_READINGS", 2)
    (blog / "images").mkdir()
    (blog / "images" / "fig.png").write_bytes(PNG)
    paths = [write_post(blog / "drafts" / f"d{n}.md", "![fig](../images/fig.png)\n") for n in range(3)]
    previewer = Previewer(load_config(blog))
    stamps = [previewer.render(path).stamp for path in paths]
    assert len(previewer._readings) == 2  # the oldest parse was let go
    first = previewer.sources_of(paths[0])
    assert first.current() == stamps[0] and (blog / "images" / "fig.png").resolve() in first.paths
    (blog / "images" / "fig.png").write_bytes(PNG + b"\0")
    assert first.current() != stamps[0]  # its image still counts for its open page
