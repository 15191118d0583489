"""Notion blocks → Markdown: the inverse of the Notion renderer, round-tripping every post we have."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recweekly.markdown import DocumentContext
from recweekly.markdown.document import parse_document
from recweekly.markdown.placeholders import placeholder, read_placeholder
from recweekly.markdown.renderers.markdown import blocks_to_markdown
from recweekly.markdown.renderers.notion import document_to_blocks, markdown_to_blocks
from recweekly.post import parse_post
from recweekly.publish.blockdiff import block_signatures
from tests.helpers.paths import REPO
from tests.helpers.sample_posts import EVERY_FEATURE, weekly_post

FIXTURES = REPO / "tests" / "markdown" / "renderers" / "notion" / "fixtures"


def _bench(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", REPO / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corpus() -> dict[str, tuple[str, DocumentContext]]:
    """Every post the project has: test fixtures, bench posts, the repository's drafts and posts, goldens."""
    posts: dict[str, tuple[str, DocumentContext]] = {
        "tests: every feature": (EVERY_FEATURE, DocumentContext()),
        "tests: generated weekly": (weekly_post(), DocumentContext()),
        "bench: blocks_throughput": (_bench("blocks_throughput").weekly_post(12), DocumentContext()),
        "bench: preview_render": ("".join(_bench("preview_render").SECTION.format(i=i) for i in range(20)),
                                  DocumentContext()),
    }
    files = sorted([*(REPO / "drafts").glob("*.md"), *(REPO / "posts").glob("**/*.md"),
                    *(REPO / "tests" / "compose" / "golden").glob("*.md"), *FIXTURES.glob("posts/*.md")])
    for path in files:
        text = path.read_text(encoding="utf-8")
        post, problems = parse_post(text, path) if text.startswith("---") else (None, [])
        assert post is not None or not problems, problems
        context = DocumentContext(source_path=path, repo_root=path.parent.parent,
                                  resolve_post_link=lambda href: "https://blog.example/article/x")
        posts[path.relative_to(REPO).as_posix()] = (post.body if post else text, context)
    return posts


def image_url(context: DocumentContext) -> Any:
    """Repository images as the post links them (relative to its folder), as `pull` writes them."""
    if context.source_path is None or context.repo_root is None:
        return None
    root, folder = context.repo_root, context.source_path.parent
    return lambda rel: Path(os.path.relpath(root / rel, folder)).as_posix()


CORPUS = corpus()


def render(markdown: str, context: DocumentContext | None = None) -> list[dict[str, Any]]:
    return document_to_blocks(parse_document(markdown, context)).blocks


@pytest.mark.parametrize("name", list(CORPUS))
def test_every_post_round_trips_markdown_blocks_markdown_blocks(name: str) -> None:
    markdown, context = CORPUS[name]
    blocks = render(markdown, context)
    result = blocks_to_markdown(blocks, image_url=image_url(context))
    assert result.kept == []  # everything our own renderer makes has a Markdown form
    assert render(result.text, context) == blocks


def test_the_corpus_is_not_empty() -> None:
    assert len(CORPUS) >= 8 and any(name.startswith("posts/") for name in CORPUS)


@pytest.mark.parametrize(("markdown", "expected"), [
    ("Plain **bold** *italic* ~~gone~~ `code` [link](https://example.org) $x^2$", None),
    ("# One\n\n## Two\n\n### Three", None),
    ("- a\n  - b\n- c\n\n1. one\n1. two\n\n- [ ] todo\n- [x] done", None),
    ("> quoted\n>\n> - with a list", None),
    ("> [!WARNING]\n> careful", None),
    ("```python\nprint('```')\n```", "````python\nprint('```')\n````"),
    ("$$\n\\sum_i x_i\n$$", None),
    ("| a | b |\n|---|---|\n| 1 | 2 \\| 3 |", None),
    ("![alt text](https://example.org/a.png)", None),
    ("<details>\n<summary>More</summary>\n\nHidden.\n\n</details>", None),
    ("---", None),
    ("<br>", None),
    ("\\# not a heading, \\- not a list, 1\\. not a list, \\<b\\> not html, \\$5",
     "\\# not a heading, - not a list, 1. not a list, \\<b> not html, \\$5"),  # escaped only where it counts
])
def test_one_method_per_block_type_writes_what_a_person_would(markdown: str, expected: str | None) -> None:
    text = blocks_to_markdown(render(markdown)).text
    assert text == (expected or markdown) + "\n"


def test_text_at_the_edges_of_styles_reads_back_exactly() -> None:
    items = [{"type": "text", "text": {"content": "bold "}, "annotations": {"bold": True}},
             {"type": "text", "text": {"content": "next"}},
             {"type": "text", "text": {"content": "注意："}, "annotations": {"bold": True}},
             {"type": "text", "text": {"content": "正文"}}]
    block = {"object": "block", "type": "paragraph", "paragraph": {"rich_text": items}}
    text = blocks_to_markdown([block]).text
    assert text == "**bold&#32;**&#110;ext**注意：**&#27491;文\n"
    assert block_signatures(render(text)) == block_signatures([block])


NOT_MARKDOWN = [
    {"object": "block", "type": "bookmark", "bookmark": {"url": "https://example.org", "caption": []}},
    {"object": "block", "type": "paragraph", "paragraph": {"rich_text": [
        {"type": "text", "text": {"content": "under"}, "annotations": {"underline": True}}]}},
    {"object": "block", "type": "callout", "callout": {"rich_text": [{"type": "text", "text": {"content": "x"}}],
                                                       "icon": {"type": "emoji", "emoji": "🔥"}}},
    {"object": "block", "type": "column_list", "column_list": {"children": [
        {"object": "block", "type": "column", "column": {"children": [
            {"object": "block", "type": "paragraph", "paragraph": {"rich_text": [
                {"type": "text", "text": {"content": "a --> b"}}]}}]}}]}},
]


@pytest.mark.parametrize("block", NOT_MARKDOWN, ids=lambda b: b["type"])
def test_blocks_without_markdown_become_placeholders_publish_turns_back_into_them(block: dict[str, Any]) -> None:
    result = blocks_to_markdown([block])
    assert result.kept == [block] and result.text.startswith("<!-- notion:")
    assert render(result.text) == [block]
    assert read_placeholder(placeholder(block)) == block


def test_a_broken_placeholder_is_dropped_with_a_warning() -> None:
    result = markdown_to_blocks("Before.\n\n<!-- notion:bookmark {broken -->\n")
    assert [b["type"] for b in result.blocks] == ["paragraph"]
    assert any("placeholder whose JSON cannot be read" in w for w in result.warnings)


WORDS = st.sampled_from(["model", "CTR", "+6.35%", "推荐", "系统：", "(SORT)", "A/B", "e.g.", "it's", "x_1", "3.",
                         "#1", "100%", "—", "[1]", "a*b", "`tick`", "$5", "<tag>", "&amp;", "|", "\\"])
RUN = st.builds(
    lambda words, lead, trail, styles, link: {
        "type": "text",
        "text": {"content": (" " if lead else "") + " ".join(words) + (" " if trail else ""),
                 **({"link": {"url": "https://example.org/p"}} if link else {})},
        **({"annotations": {s: True for s in styles}} if styles else {}),
    },
    st.lists(WORDS, min_size=1, max_size=4), st.booleans(), st.booleans(),
    st.sets(st.sampled_from(["bold", "italic", "strikethrough", "code"]), max_size=2), st.booleans())


@settings(max_examples=60)
@given(st.lists(RUN, min_size=1, max_size=5), st.sampled_from(["paragraph", "bulleted_list_item", "quote",
                                                                "heading_2", "to_do"]))
def test_any_rich_text_survives_with_verification(items: list[dict[str, Any]], kind: str) -> None:
    """Whatever the page holds comes back: as Markdown when Markdown can say it, else as a placeholder."""
    block = {"object": "block", "type": kind, kind: {"rich_text": items, **({"checked": False} if kind == "to_do"
                                                                             else {})}}

    def verify(candidate: dict[str, Any], text: str) -> bool:
        return block_signatures(render(text)) == block_signatures([candidate])

    text = blocks_to_markdown([block], verify=verify).text
    assert block_signatures(render(text)) == block_signatures([block])


def test_local_images_are_written_relative_to_the_post(tmp_path: Path) -> None:
    block = {"object": "block", "type": "image", "image": {
        "type": "file_upload", "file_upload": {"id": "local:posts/img/chart.png"},
        "caption": [{"type": "text", "text": {"content": "Chart"}}]}}
    text = blocks_to_markdown([block], image_url=lambda path: "img/chart.png").text
    assert text == "![Chart](img/chart.png)\n"
