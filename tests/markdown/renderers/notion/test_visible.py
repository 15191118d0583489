"""What react-notion-x (NotionNext's renderer) would not draw is sent in a form it draws."""

from __future__ import annotations

import pytest

from recweekly.markdown.renderers.notion.visible import CAPTION_GUARD, QUOTE_LEAD, caption_taken_for_link
from tests.helpers.notion_blocks import blocks_of, children, content, text, top_types
from tests.helpers.publishing import Env, only_page, republish_writes


@pytest.mark.parametrize(
    ("markdown", "inside"),
    [
        ("> - a\n> - b", ["bulleted_list_item", "bulleted_list_item"]),
        ("> # T\n>\n> body", ["heading_1", "paragraph"]),
        ("> ```py\n> x = 1\n> ```", ["code"]),
        ("> | a |\n> |---|\n> | 1 |", ["table"]),
        ("> > nested", ["quote"]),
        ("> ![chart](https://e.com/c.png)", ["image"]),
    ],
)
def test_a_quote_that_does_not_start_with_text_gets_a_blank_first_line(markdown: str, inside: list[str]) -> None:
    """react-notion-x draws nothing — children included — for a quote without text of its own."""
    (quote,) = blocks_of(markdown)
    assert quote["type"] == "quote"
    assert text(quote) == QUOTE_LEAD  # a no-break space: a line on the page, no word for NotionNext
    assert top_types(children(quote)) == inside


def test_a_quote_with_text_of_its_own_is_unchanged() -> None:
    (quote,) = blocks_of("> first\n>\n> - item")
    assert text(quote) == "first" and top_types(children(quote)) == ["bulleted_list_item"]
    (empty,) = blocks_of(">")
    assert content(empty)["rich_text"] == []  # nothing to show, nothing lost


@pytest.mark.parametrize(
    ("caption", "taken"),
    [
        ("arch.png", True), ("arxiv.org/abs/2603.03988", True), ("https://example.org/x", True),
        ("10.0.0.1:8080/a", True), ("/0123456789abcdef0123456789abcdef", True),
        ("Figure 1", False), ("The pipeline.", False), ("arch", False), ("推荐.png", False), ("", False),
        ("a" * 3000 + "!", False),  # a long caption that is no URL is answered at once
    ],
)
def test_captions_react_notion_x_would_take_for_a_link(caption: str, taken: bool) -> None:
    assert caption_taken_for_link(caption) is taken


def test_a_url_like_caption_is_guarded_and_others_are_not() -> None:
    guarded, plain = blocks_of("![arch.png](https://e.com/a.png)\n\n![A figure](https://e.com/b.png)")
    assert content(guarded)["caption"][0]["text"]["content"] == CAPTION_GUARD + "arch.png"
    assert content(plain)["caption"][0]["text"]["content"] == "A figure"


# -- through `publish`: everything sent is visible in NotionNext, and republishes with no write


VISIBLE = """\
#### Fourth level

> - a quote that starts with a list

```zig
const x = 1;
```
"""


def test_heading_4_and_a_quote_without_text_of_its_own_republish_with_no_write(env: Env) -> None:
    path = env.write_post("w10.en.md", VISIBLE, slug="w10")
    assert env.run("--all").exit_code == 0
    heading, quote, code = env.notion.page_blocks(only_page(env)["id"])
    assert heading["type"] == "heading_4" and heading["heading_4"]["rich_text"][0]["plain_text"] == "Fourth level"
    assert quote["quote"]["rich_text"][0]["plain_text"] == "\u00a0" and quote["children"]
    assert code["code"]["language"] == "plain text" and code["code"]["caption"][0]["plain_text"] == "zig"
    assert republish_writes(env) == []
    path.write_text(path.read_text(encoding="utf-8").replace("Fourth level", "Level four"), encoding="utf-8")
    writes = republish_writes(env)
    assert [(c.method, c.path) for c in writes] == [("PATCH", f"/v1/blocks/{heading['id']}")]
