"""字数 / 阅读时长 as NotionNext computes them from the page's blocks (getPageContentText + countWords)."""

from __future__ import annotations

from pathlib import Path

import pytest

from recweekly.markdown.renderers.notion.pagetext import block_text, page_text
from recweekly.poststats import body_word_count
from recweekly.wordcount import count_words, page_word_count
from tests.helpers.notion_blocks import blocks_of

# The live W10 page, scraped (page chrome included); read at run time, never copied into the repo.
SAMPLE = Path(__file__).resolve().parents[4].parent / "shared" / "samples" / "weekly.2026-W10.en.scraped.txt"


def sample_lines() -> list[str]:
    if not SAMPLE.is_file():
        pytest.skip(f"the shared sample {SAMPLE} is not here (CI puts /work/shared beside the repo as ../shared)")
    return SAMPLE.read_text(encoding="utf-8").splitlines()


def sample_body(lines: list[str]) -> list[str]:
    """The article's top-level blocks, one a line: "Weekly Overview" … the last roundup line."""
    start = lines.index("Weekly Overview")
    end = max(i for i, line in enumerate(lines) if " — " in line)  # roundup lines are "Title — take"
    return [line for line in lines[start : end + 1] if line.strip()]


def paragraph(text: str) -> dict:
    return {"object": "block", "type": "paragraph", "paragraph": {"rich_text": [{"type": "text",
                                                                               "text": {"content": text}}]}}


def test_the_live_w10_page_counts_5246_words_and_14_minutes() -> None:
    lines = sample_lines()
    assert "字数\u00a05246阅读时长\u00a014\u00a0分钟" in lines  # what the live page showed (NotionNext's WordCount)
    body = sample_body(lines)
    assert len(body) > 100 and body[-1].startswith("ReFeed")
    counted = page_word_count([paragraph(line) for line in body])
    assert (counted.words, counted.minutes) == (5246, 14)
    # The same figure from the Markdown, through the blocks publish sends (what `stats` does) …
    assert body_word_count("\n\n".join(body), {}) == counted
    # … where counting the blocks as separate text gives 122 more: the last word of a block and the
    # first of the next are one Latin run on the page.
    assert count_words(" ".join(body)) == 5246 + 122


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("alpha\n\nbeta", "alphabeta"),  # top-level blocks: no separator
        ("推荐\n\n系统", "推荐系统"),
        ("- a\n  - b\n  - c", "a b c"),  # a block and its children: a space
        ("> - a\n> - b", "\u00a0 a b"),  # the quote's no-break space lead is no word
        ("| h1 | h2 |\n|---|---|\n| x |", "h1 h2 x"),  # table cells: a space, empty cells skipped
        ("```py\nprint(1)\n```", "print(1)"),
        ("```zig\n```", "zig"),  # empty code: NotionNext reads the caption
        ("$$\nE = mc^2\n$$", "E = mc^2"),
        ("one $x^2$ two", "one x^2 two"),
        ("![alt text](https://e.com/i.png)", ""),  # an image: NotionNext reads alt_text, never set by the API
        ("---", ""),
        ("Untitled", ""),  # NotionNext's placeholder for a block without a title
        ("See [the paper](https://arxiv.org/abs/2603.03988) <!-- note --> and `code`.",
         "See the paper  and code."),
        ("R&amp;D &copy", "R&D &copy"),
        ("a[^1]\n\n[^1]: note", "a[1]Notes[1] note"),  # the notes section is on the page too
    ],
)
def test_page_text_reads_blocks_as_notionnext_does(markdown: str, text: str) -> None:
    assert page_text(blocks_of(markdown)) == text


def test_a_block_without_text_counts_nothing_not_even_its_children() -> None:
    """NotionNext skips a block without `properties` (empty text): a list item that is only a quote."""
    (item,) = blocks_of("- > quoted inside an item")
    assert item["bulleted_list_item"]["rich_text"] == []
    assert block_text(item) == ""
    assert block_text({"type": "to_do", "to_do": {"rich_text": [], "checked": True,
                                                  "children": [paragraph("done")]}}) == " done"


def test_a_post_with_a_password_shows_0_words_and_1_minute() -> None:
    blocks = blocks_of("A long text " * 500)
    assert page_word_count(blocks).words == 1500
    locked = page_word_count(blocks, password="s3cret")
    assert (locked.words, locked.minutes) == (0, 1)
    assert page_word_count(blocks, password="").words == 1500


def test_only_an_images_caption_is_not_read() -> None:
    """NotionNext reads an image's alt_text (which the API cannot set); other media by their caption."""
    caption = [{"type": "text", "text": {"content": "the demo"}}]
    source = {"type": "external", "external": {"url": "https://e.com/v.mp4"}, "caption": caption}
    assert block_text({"type": "video", "video": source}) == "the demo"
    assert block_text({"type": "image", "image": source}) == ""
