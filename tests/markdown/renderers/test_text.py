"""Plain text of a post: what the page shows and NotionNext counts, never Markdown syntax or markers."""

from __future__ import annotations

from recweekly.compose.regions import wrap
from recweekly.markdown.parser import parse_markdown
from recweekly.markdown.renderers.text import KNOWN_TYPES, markdown_to_text
from recweekly.wordcount import count_words


def test_markdown_syntax_markers_and_comments_are_not_counted() -> None:
    md = (
        "# Title here\n\n"
        "Some **bold** text with a [link](https://example.com/a-very-long-url) and `code`.\n\n"
        "<!-- a private note with many words in it -->\n"
        + wrap("stats", "推荐 papers")
        + "\n\n| 模型 | 标题 |\n|---|---|\n| SORT | 排序 |\n\n![diagram of things](img/x.png)\n"
    )
    text = markdown_to_text(md)
    assert "recweekly" not in text and "private" not in text and "https" not in text and "diagram" not in text
    # Title here (2) + Some bold text with a link and code. (8) + 推荐 (2) + papers (1)
    # + 模型 标题 (4) + SORT 排序 (3)
    assert count_words(text) == 2 + 8 + 3 + 4 + 3


def test_table_cells_do_not_run_together() -> None:
    assert count_words(markdown_to_text("| a | b |\n|---|---|\n| c | d |\n")) == 4


def test_every_token_type_of_the_shared_parser_has_a_rule() -> None:
    md = (
        "# H\n\nText *em* **strong** ~~del~~ `code` [l](u) ![i](p.png) $m$ <b>x</b>\\\nnext\nsoft[^1]\n\n"
        "> quote\n\n- [x] task\n- item\n\n1. one\n\n| a | b |\n|---|---|\n| 1 |\n\n```\ncode\n```\n\n"
        "$$\nM\n$$\n\n<div>html</div>\n\n---\n\n[^1]: foot\n"
    )
    seen: set[str] = set()

    def walk(tokens: list) -> None:
        for token in tokens:
            seen.add(token["type"])
            walk(token.get("children", []))

    walk(parse_markdown(md))
    assert seen - KNOWN_TYPES == set()


def test_html_entities_count_as_the_characters_the_page_shows() -> None:
    text = markdown_to_text("R&amp;D at 字节\n")
    assert "amp" not in text
    assert count_words(text) == 2 + 2  # "R&D", "at", 字, 节
