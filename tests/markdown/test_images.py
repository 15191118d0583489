"""Images: absolute URLs are external images, repository files become pending uploads."""

from __future__ import annotations

from pathlib import Path

import pytest

from recweekly.cli import exit_code_for
from recweekly.errors import PostContentError, RecweeklyError
from recweekly.markdown import DocumentContext
from tests.helpers.notion_blocks import content, convert, text, top_types, write


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "blog"
    write(root / "posts" / "img" / "chart.png")
    write(root / "assets" / "logo one.svg")
    write(root / "posts" / "week.md", "")
    return root


def ctx(repo: Path) -> DocumentContext:
    return DocumentContext(source_path=repo / "posts" / "week.md", repo_root=repo)


def test_absolute_image_is_external_with_alt_text_caption() -> None:
    (block,) = convert("![Figure 1: AUC by model](https://cdn.example.org/fig1.png)").blocks
    assert block == {
        "object": "block",
        "type": "image",
        "image": {
            "type": "external",
            "external": {"url": "https://cdn.example.org/fig1.png"},
            "caption": [{"type": "text", "text": {"content": "Figure 1: AUC by model"}}],
        },
    }


def test_image_without_alt_has_no_caption() -> None:
    (block,) = convert("![](https://x.org/a.png)").blocks
    assert "caption" not in content(block)


def test_relative_images_become_local_uploads_relative_to_repo_root(repo: Path) -> None:
    result = convert(
        "![chart](img/chart.png)\n\n![logo](../assets/logo%20one.svg)\n\n![again](/posts/img/chart.png)", ctx(repo)
    )
    ids = [content(b)["file_upload"]["id"] for b in result.blocks]
    assert ids == ["local:posts/img/chart.png", "local:assets/logo one.svg", "local:posts/img/chart.png"]
    assert all(content(b)["type"] == "file_upload" for b in result.blocks)
    assert result.local_images == [
        (repo / "posts" / "img" / "chart.png").resolve(),
        (repo / "assets" / "logo one.svg").resolve(),
    ]


def test_missing_local_images_raise_one_error_naming_file_line_and_image(repo: Path) -> None:
    with pytest.raises(PostContentError) as caught:
        convert("ok\n\n![a](img/nope.png)\n\n![b](img/chart.png)\n\n![c](gone/x.jpg)\n", ctx(repo))
    error = caught.value
    assert isinstance(error, RecweeklyError) and exit_code_for(error) == 1
    assert [(str(p.path), p.line) for p in error.problems] == [("posts/week.md", 3), ("posts/week.md", 7)]
    message = str(error)
    assert "img/nope.png" in message and "posts/img/nope.png" in message and "gone/x.jpg" in message


def test_image_outside_the_repository_is_an_error(repo: Path) -> None:
    with pytest.raises(PostContentError, match="outside the repository"):
        convert("![x](../../../etc/passwd.png)", ctx(repo))


def test_image_inside_text_splits_the_paragraph_in_order(repo: Path) -> None:
    blocks = convert("Before ![chart](img/chart.png) after.", ctx(repo)).blocks
    assert top_types(blocks) == ["paragraph", "image", "paragraph"]
    assert [text(blocks[0]), text(blocks[2])] == ["Before ", " after."]


def test_linked_image_keeps_the_link_on_its_caption() -> None:
    (block,) = convert("[![build](https://ci.example/badge.svg)](https://ci.example/run)").blocks
    assert content(block)["caption"][0]["text"]["link"] == {"url": "https://ci.example/run"}


def test_image_in_list_item_and_heading(repo: Path) -> None:
    result = convert("- item ![chart](img/chart.png)\n\n## Title ![i](https://x.org/i.png)\n", ctx(repo))
    item, heading = result.blocks
    assert text(item) == "item " and content(item)["children"][0]["type"] == "image"
    assert heading["type"] == "heading_2" and text(heading) == "Title i"
    assert any("alt text" in w for w in result.warnings)


def test_data_uri_image_keeps_alt_text_with_warning() -> None:
    result = convert("![tiny dot](data:image/png;base64,AAAA)")
    assert text(result.blocks[0]) == "tiny dot"
    assert result.warnings
