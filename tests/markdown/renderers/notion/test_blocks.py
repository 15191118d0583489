"""Block-level Markdown → Notion block types, one feature at a time."""

from __future__ import annotations

import pytest

from recweekly.markdown.renderers.notion import markdown_to_blocks
from tests.helpers.notion_blocks import blocks_of, children, content, convert, runs, text, top_types, walk


def test_empty_document_has_no_blocks() -> None:
    result = convert("")
    assert result.blocks == [] and result.warnings == [] and result.local_images == []


def test_block_shape_is_an_append_children_block_object() -> None:
    (block,) = blocks_of("hello")
    assert block == {
        "object": "block",
        "type": "paragraph",
        "paragraph": {"rich_text": [{"type": "text", "text": {"content": "hello"}}]},
    }


@pytest.mark.parametrize(
    ("markdown", "kind"),
    [
        ("# one", "heading_1"),
        ("## two", "heading_2"),
        ("### three", "heading_3"),
        ("#### four", "heading_4"),
        ("##### five", "heading_4"),
        ("###### six", "heading_4"),
        ("Setext\n======", "heading_1"),
        ("Setext\n------", "heading_2"),
    ],
)
def test_headings_map_h1_to_h4_and_deeper_onto_h4(markdown: str, kind: str) -> None:
    """Notion (and react-notion-x, since 7.10) has heading_4; there is no heading_5 or heading_6."""
    (block,) = blocks_of(markdown)
    assert block["type"] == kind


def test_heading_keeps_inline_formatting() -> None:
    (block,) = blocks_of("## The **SORT** model `v2`")
    assert [i.get("annotations", {}) for i in runs(block)] == [{}, {"bold": True}, {}, {"code": True}]


def test_thematic_break_is_a_divider() -> None:
    assert blocks_of("a\n\n---\n\nb")[1] == {"object": "block", "type": "divider", "divider": {}}


def test_block_math_is_an_equation_block() -> None:
    (block,) = blocks_of("$$\n\\sum_i x_i\n$$")
    assert block["type"] == "equation" and content(block) == {"expression": "\\sum_i x_i"}


def test_huge_block_equation_falls_back_to_latex_code_with_warning() -> None:
    expression = "a+" * 700 + "b"
    result = convert(f"$$\n{expression}\n$$")
    assert top_types(result.blocks) == ["code"]
    assert content(result.blocks[0])["language"] == "latex" and text(result.blocks[0]) == expression
    assert result.warnings


def test_fenced_code_keeps_text_exactly_and_maps_language() -> None:
    code = "def f(x):\n    return x * 2  # **not bold**\n\n\nprint(f(1))"
    (block,) = blocks_of(f"```py\n{code}\n```")
    assert block["type"] == "code"
    assert content(block)["language"] == "python"
    assert text(block) == code
    assert "annotations" not in runs(block)[0]


def test_indented_code_and_unknown_language_are_plain_text_naming_the_language_in_the_caption() -> None:
    fences = "```klingon\nqapla\n```\n\n```Zig {.numbered}\nconst x = 1;\n```\n\n```text\nt\n```"
    blocks = blocks_of("    x = 1\n\n" + fences)
    assert [content(b)["language"] for b in blocks] == ["plain text"] * 4
    captions = [[r["text"]["content"] for r in content(b).get("caption", [])] for b in blocks]
    assert captions == [[], ["klingon"], ["Zig"], []]  # "text" is plain text by name: nothing to keep


def test_a_known_language_has_no_caption() -> None:
    (block,) = blocks_of("```python\nx\n```")
    assert "caption" not in content(block)


@pytest.mark.parametrize(
    ("markdown", "caption"),
    [
        ('![A cat](https://e.com/c.png "Figure 2: a cat")', "A cat — Figure 2: a cat"),
        ('![](https://e.com/c.png "Only a title")', "Only a title"),
        ("![Only alt](https://e.com/c.png)", "Only alt"),
        ('![Same](https://e.com/c.png "Same")', "Same"),
        ('![R&amp;D](https://e.com/c.png "Q&amp;A &copy")', "R&D — Q&A &copy"),
    ],
)
def test_an_images_alt_text_and_title_both_reach_the_caption(markdown: str, caption: str) -> None:
    (image,) = blocks_of(markdown)
    assert "".join(r["text"]["content"] for r in content(image)["caption"]) == caption


@pytest.mark.parametrize(
    ("markdown", "shown"),
    [
        ("&copy; 2026", "© 2026"),
        ("&copy 2026", "&copy 2026"),  # no semicolon: not a reference (CommonMark), literal text
        ("&copyx; &bogus; AT&T", "&copyx; &bogus; AT&T"),
        ("&#169; &#xA9; &#0; &#xD800; &#12345678;", "© © \ufffd \ufffd &#12345678;"),
        ("&amp;copy; \\&copy;", "&copy; &copy;"),  # an escaped reference stays as written
        ("`&copy;`", "&copy;"),  # code is never decoded
    ],
)
def test_character_references_follow_commonmark(markdown: str, shown: str) -> None:
    (block,) = blocks_of(markdown)
    assert text(block) == shown


def test_a_numbered_list_not_starting_at_1_warns_that_notion_numbers_it_from_1() -> None:
    result = convert("Intro.\n\n3. third\n4. fourth\n\n1. fine\n")
    assert top_types(result.blocks) == ["paragraph", "numbered_list_item", "numbered_list_item", "numbered_list_item"]
    assert result.warnings == ["<markdown>:3: numbered list starts at 3: Notion numbers it from 1"]


def test_huge_code_is_split_into_several_code_blocks_losing_nothing() -> None:
    code = "\n".join(f"line_{i:06d} = compute({i})" for i in range(12000))  # ~340k chars
    blocks = blocks_of(f"```python\n{code}\n```")
    assert len(blocks) >= 2 and top_types(blocks) == ["code"] * len(blocks)
    assert all(len(runs(b)) <= 100 and content(b)["language"] == "python" for b in blocks)
    assert all(len(i["text"]["content"]) <= 2000 for b in blocks for i in runs(b))
    assert "".join(text(b) for b in blocks) == code
    # cut at line ends, so each run ends with a newline except the very last
    assert all(i["text"]["content"].endswith("\n") for b in blocks for i in runs(b)[:-1])


def test_bulleted_and_numbered_lists() -> None:
    blocks = blocks_of("- a\n- b\n\n1. one\n2. two\n")
    assert top_types(blocks) == ["bulleted_list_item"] * 2 + ["numbered_list_item"] * 2
    assert [text(b) for b in blocks] == ["a", "b", "one", "two"]


def test_lists_nest_to_any_depth() -> None:
    markdown = "- l0\n  - l1\n    1. l2\n       - l3\n         - l4\n           - l5\n"
    blocks = blocks_of(markdown)
    chain = [(depth, b["type"], text(b)) for depth, b in walk(blocks)]
    assert chain == [
        (0, "bulleted_list_item", "l0"),
        (1, "bulleted_list_item", "l1"),
        (2, "numbered_list_item", "l2"),
        (3, "bulleted_list_item", "l3"),
        (4, "bulleted_list_item", "l4"),
        (5, "bulleted_list_item", "l5"),
    ]


def test_loose_list_item_with_several_paragraphs_and_code() -> None:
    (item,) = blocks_of("- first para\n\n  second para\n\n  ```sh\n  ls\n  ```\n")
    assert text(item) == "first para"
    assert [(b["type"], text(b)) for b in children(item)] == [("paragraph", "second para"), ("code", "ls")]
    assert content(children(item)[1])["language"] == "shell"


def test_task_lists_become_to_dos_with_checked_state_nested() -> None:
    blocks = blocks_of("- [x] done\n- [ ] open\n  - [x] sub done\n  - plain sub\n")
    assert [(b["type"], content(b)["checked"], text(b)) for b in blocks] == [
        ("to_do", True, "done"),
        ("to_do", False, "open"),
    ]
    subs = children(blocks[1])
    assert [(b["type"], content(b).get("checked")) for b in subs] == [("to_do", True), ("bulleted_list_item", None)]


def test_block_quote_first_paragraph_is_its_text_rest_are_children() -> None:
    (quote,) = blocks_of("> first **line**\n> same para\n>\n> second\n>\n> - item\n")
    assert quote["type"] == "quote"
    assert text(quote) == "first line same para"
    assert [(b["type"], text(b)) for b in children(quote)] == [("paragraph", "second"), ("bulleted_list_item", "item")]


@pytest.mark.parametrize(
    ("kind", "emoji", "color"),
    [
        ("NOTE", "ℹ️", "blue_background"),
        ("TIP", "💡", "green_background"),
        ("IMPORTANT", "❗", "purple_background"),
        ("WARNING", "⚠️", "yellow_background"),
        ("CAUTION", "🛑", "red_background"),
    ],
)
def test_github_alerts_become_callouts(kind: str, emoji: str, color: str) -> None:
    (callout,) = blocks_of(f"> [!{kind}]\n> Mind the **gap**.\n>\n> More detail.\n")
    assert callout["type"] == "callout"
    assert content(callout)["icon"] == {"type": "emoji", "emoji": emoji}
    assert content(callout)["color"] == color
    assert text(callout) == "Mind the gap."
    assert [text(b) for b in children(callout)] == ["More detail."]


def test_alert_marker_alone_takes_text_from_next_paragraph_and_is_case_insensitive() -> None:
    (callout,) = blocks_of("> [!note]\n>\n> Body here.\n")
    assert callout["type"] == "callout" and text(callout) == "Body here."
    assert "[!" not in str(callout)


def test_not_an_alert_stays_a_quote() -> None:
    (quote,) = blocks_of("> [!FOO] hello\n")
    assert quote["type"] == "quote" and text(quote) == "[!FOO] hello"


def test_table_with_header_padding_and_inline_formatting() -> None:
    markdown = "| Model | Lab | Score |\n|:--|--|--:|\n| **SORT** | [X](https://x.org) | 9 |\n| `HSTU` |\n"
    (table,) = blocks_of(markdown)
    body = content(table)
    assert table["type"] == "table"
    assert body["table_width"] == 3 and body["has_column_header"] is True
    rows = children(table)
    assert [r["type"] for r in rows] == ["table_row"] * 3
    assert [len(content(r)["cells"]) for r in rows] == [3, 3, 3]
    assert text(rows[0]) == "Model | Lab | Score"
    assert text(rows[2]) == "HSTU |  | "
    cell = content(rows[1])["cells"]
    assert cell[0][0]["annotations"] == {"bold": True}
    assert cell[1][0]["text"]["link"] == {"url": "https://x.org"}
    assert cell[2][0]["text"]["content"] == "9"


def test_table_row_with_extra_cells_widens_the_table() -> None:
    (table,) = blocks_of("| a | b |\n|---|---|\n| 1 | 2 | 3 |\n")
    assert content(table)["table_width"] == 3
    assert text(children(table)[1]) == "1 | 2 | 3"
    assert text(children(table)[0]) == "a | b | "


def test_details_becomes_a_toggle_with_markdown_children() -> None:
    markdown = "<details>\n<summary>Why <b>this</b> works</summary>\n\nBecause **x**.\n\n- one\n\n</details>\n\nafter\n"
    result = convert(markdown)
    assert top_types(result.blocks) == ["toggle", "paragraph"]
    toggle = result.blocks[0]
    assert text(toggle) == "Why this works"
    assert [(b["type"], text(b)) for b in children(toggle)] == [
        ("paragraph", "Because x."),
        ("bulleted_list_item", "one"),
    ]
    assert result.warnings == []


def test_nested_details_and_details_without_blank_lines() -> None:
    markdown = (
        "<details><summary>Outer</summary>\n\n"
        "<details>\n<summary>Inner</summary>\n\ndeep\n\n</details>\n\n"
        "tail\n\n</details>\n"
    )
    (outer,) = blocks_of(markdown)
    assert text(outer) == "Outer"
    inner, tail = children(outer)
    assert (inner["type"], text(inner), [text(b) for b in children(inner)]) == ("toggle", "Inner", ["deep"])
    assert text(tail) == "tail"


def test_unclosed_details_warns_and_keeps_content() -> None:
    result = convert("<details>\n<summary>S</summary>\n\nbody\n")
    (toggle,) = result.blocks
    assert [text(b) for b in children(toggle)] == ["body"]
    assert any("never closed" in w for w in result.warnings)


def test_html_comments_and_region_markers_are_dropped_silently() -> None:
    markdown = (
        "<!-- recweekly:begin roundup sha256=0123abcd -->\n\n"
        "Inside the region.\n\n"
        "<!-- recweekly:end roundup -->\n\n"
        "Text with <!-- inline comment --> inside.\n"
    )
    result = convert(markdown)
    assert [text(b) for b in result.blocks] == ["Inside the region.", "Text with  inside."]
    assert result.warnings == []
    assert "recweekly" not in str(result.blocks)


def test_other_raw_html_is_kept_as_text_with_line_numbered_warnings() -> None:
    markdown = 'intro\n\n<div align="center">\n  <b>Centered</b>\n</div>\n\nA <kbd>Ctrl</kbd> key.\n'
    result = convert(markdown)
    assert text(result.blocks[1]) == '<div align="center">\n  <b>Centered</b>\n</div>'
    assert text(result.blocks[2]) == "A <kbd>Ctrl</kbd> key."
    assert result.warnings[0].startswith("<markdown>:3: raw HTML kept as text")
    assert [w.split(":")[1] for w in result.warnings[1:]] == ["7", "7"]


def test_br_tags_are_line_breaks_not_warnings() -> None:
    result = convert("one<br>two<br/>three")
    assert text(result.blocks[0]) == "one\ntwo\nthree"
    assert result.warnings == []


def test_footnotes_become_a_notes_section_at_the_end() -> None:
    markdown = (
        "Claim[^src] and more[^2].\n\n"
        "[^src]: The **source**, see [paper](https://a.org).\n"
        "[^2]: Second.\n\n    With a second paragraph.\n\n"
        "Last paragraph.\n"
    )
    blocks = blocks_of(markdown)
    assert top_types(blocks) == ["paragraph", "paragraph", "divider", "heading_3", "paragraph", "paragraph"]
    assert text(blocks[0]) == "Claim[1] and more[2]."
    assert text(blocks[1]) == "Last paragraph."
    assert text(blocks[3]) == "Notes"
    assert text(blocks[4]) == "[1] The source, see paper."
    assert text(blocks[5]) == "[2] Second."
    assert [text(b) for b in children(blocks[5])] == ["With a second paragraph."]


def test_notes_heading_is_configurable() -> None:
    from recweekly.markdown import DocumentContext

    blocks = blocks_of("a[^1]\n\n[^1]: b\n", DocumentContext(notes_heading="注释"))
    assert text(blocks[2]) == "注释"


def test_output_is_deterministic() -> None:
    markdown = "# T\n\n- [x] a\n  - b\n\n| a |\n|---|\n| 1 |\n\nx[^1]\n\n[^1]: n\n"
    assert markdown_to_blocks(markdown).blocks == markdown_to_blocks(markdown).blocks


def test_warning_lines_count_the_front_matter_above_the_body() -> None:
    from recweekly.markdown import DocumentContext

    result = convert("para\n\n<section>x</section>\n", DocumentContext(line_offset=5))
    assert result.warnings[0].startswith("<markdown>:8: raw HTML kept as text")
